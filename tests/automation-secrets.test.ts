/**
 * Where secrets go: never into an argv (any local user reads those with `ps`), a log or a message.
 * `pulumi config set KEY --secret` reads the value from standard input when none is given.
 */
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { fanOut, parseTargets } from "../automation/fanout";
import { rollout } from "../automation/rollout";
import { automationOps } from "../automation/workspace";
import { useStandInWorkspace } from "./helpers/standInWorkspace";

describe("automation: secrets through the real LocalWorkspace (stand-in pulumi CLI)", function () {
  this.timeout(120000);
  // Known flake of the test double, not of the product: now and then the SDK's in-process runtime
  // gets "14 UNAVAILABLE: No connection established" from the stand-in engine's resource monitor.
  // Each test starts from a fresh workspace, so one retry is safe; a real failure fails twice.
  this.retries(1);
  const ws = useStandInWorkspace();
  const { ops } = ws;

  it("no secret value reaches an argv, a log or a message: library up/preview, rollout with promotion, fan-out, a failure", async () => {
    const secret = "hunter2-Zq9";
    const stackOps = ops();
    const withSecret = { config: { "aws:secretKey": secret }, secrets: ["aws:secretKey"] };
    // The library's up and preview, each setting the secret on its stack first.
    await stackOps.up("test", withSecret);
    await stackOps.preview("prod", withSecret);
    const staged = await rollout(stackOps, {
      stages: ["test", "prod"],
      promote: true,
      lastInstall: async () => () => "2026-11-20T06:00:00Z",
      confirm: async () => true,
    });
    assert.deepEqual(
      staged.map((r) => [r.status, r.error]),
      [
        ["deployed", undefined],
        ["deployed", undefined],
      ],
    );
    await fanOut(
      automationOps({
        workDir: path.join(ws.workDir, ".patching", "fanout"),
        backendUrl: ws.fake.backendUrl,
        logDir: ws.logDir,
      }),
      {
        base: "prod",
        baseConfig: await stackOps.readConfig("prod"),
        targets: parseTargets(["eu-west-1"]),
        previewOnly: true,
      },
    );
    // A failure while the secret is being set: the CLI's error and our log must not repeat it.
    const file = path.join(ws.workDir, "Pulumi.dev.yaml");
    fs.writeFileSync(
      file,
      fs.readFileSync(file, "utf8").replace("operatingSystem: WINDOWS", "operatingSystem: WINDOWZ"),
    );
    const failure = await stackOps.preview("dev", withSecret).catch((e: Error) => e);
    assert.ok(failure instanceof Error);
    const argvs = ws.fake.invocations().map((i) => i.argv.join(" "));
    assert.ok(
      argvs.some((a) => a.startsWith("config set aws:secretKey --secret --stack test")),
      argvs.join("\n"),
    );
    for (const line of argvs) assert.ok(!line.includes(secret), line);
    assert.ok(!failure.message.includes(secret), failure.message);
    const logs = fs.readdirSync(ws.logDir);
    assert.ok(logs.length > 0);
    for (const log of logs) assert.ok(!fs.readFileSync(path.join(ws.logDir, log), "utf8").includes(secret), log);
    assert.equal(
      JSON.parse(
        execFileSync("pulumi", ["config", "get", "aws:secretKey", "--json", "--stack", "prod"], {
          cwd: ws.workDir,
          encoding: "utf8",
        }),
      ).value,
      secret,
    );
  });
});
