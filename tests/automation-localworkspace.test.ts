/**
 * The Automation API layer through the SDK's real LocalWorkspace and Stack, against a stand-in
 * `pulumi` on PATH (tests/helpers/fakePulumi) that implements the CLI's documented contract:
 * https://www.pulumi.com/docs/iac/cli/commands/ and the Automation API's own calls
 * (@pulumi/pulumi/automation localWorkspace.js, stack.js). Every CLI invocation is recorded.
 */
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { EngineEvent } from "@pulumi/pulumi/automation";
import { fanOut, parseTargets } from "../automation/fanout";
import { promote } from "../automation/promotion";
import { automationOps } from "../automation/workspace";
import { MINIMUM_CLI_VERSION } from "../automation/pulumiCli";
import { progressLine } from "../automation/progress";
import { main } from "../cli/main";
import { listStacks, PROJECT_DIR } from "../config/stackFile";
import { CURRENT_CLI, useStandInWorkspace } from "./helpers/standInWorkspace";

/** The CLI versions the suite drives: a current one (gRPC event stream) and the oldest supported (a file). */
const VERSIONS = [
  { version: CURRENT_CLI, eventLog: /^tcp:\/\/127\.0\.0\.1:\d+$/ },
  { version: MINIMUM_CLI_VERSION, eventLog: /eventlog\.txt$/ },
];

describe("automation through the real LocalWorkspace (stand-in pulumi CLI)", function () {
  this.timeout(120000);
  // Known flake of the test double, not of the product: now and then the SDK's in-process runtime
  // gets "14 UNAVAILABLE: No connection established" from the stand-in engine's resource monitor.
  // Each test starts from a fresh workspace, so one retry is safe; a real failure fails twice.
  this.retries(1);
  const ws = useStandInWorkspace();
  const { ops, calls, pulumi, stackFile, stackFiles } = ws;

  for (const { version, eventLog } of VERSIONS)
    it(`CLI ${version}: previews and deploys dev with one \`pulumi version\`, events streamed as that CLI streams them, and the user's selected stack left alone`, async () => {
      process.env.FAKE_PULUMI_VERSION = version;
      pulumi("stack", "init", "test"); // the user's own selection
      ws.fake.reset();
      const stackOps = ops();
      const progress: string[] = [];
      const onEvent = (e: EngineEvent) => void progress.push(progressLine(e) ?? "");
      const preview = await stackOps.preview("dev", { onEvent });
      assert.ok(preview.changes.create > 10, JSON.stringify(preview.changes));
      assert.ok(
        progress.includes("  ✓ would create aws:ssm/patchBaseline:PatchBaseline patching-Windows-Test-baseline"),
        progress.join("\n"),
      );
      progress.length = 0;
      const up = await stackOps.up("dev", { onEvent });
      assert.deepEqual(up.changes, preview.changes);
      assert.ok(
        progress.includes("  ✓ created aws:ssm/patchBaseline:PatchBaseline patching-Windows-Test-baseline"),
        progress.join("\n"),
      );
      assert.deepEqual((await stackOps.preview("dev")).changes, { same: preview.changes.create });
      assert.equal((await stackOps.outputs("dev")).environment.value, "dev");

      const all = calls();
      assert.equal(all.filter((c) => c.startsWith("version")).length, 1, all.join("\n"));
      // No `stack select`: it would change the stack the user's next bare `pulumi up` deploys.
      assert.deepEqual(
        all.filter((c) => c.startsWith("stack select") || c.startsWith("stack init")),
        ["stack init dev --no-select --non-interactive"],
      );
      assert.equal(ws.fake.selectedStack(), "organization/patching/test");
      const logs = ws.fake.invocations().flatMap((i) => i.argv.filter((_, j) => i.argv[j - 1] === "--event-log"));
      assert.equal(logs.length, 3);
      for (const log of logs) assert.match(log, eventLog);
      // The DIY backend's project layout (pkg/backend/diy store.go, meta.go).
      for (const file of [".pulumi/meta.yaml", ".pulumi/stacks/patching/dev.json", ".pulumi/history/patching/dev"])
        assert.ok(fs.existsSync(path.join(ws.fake.backendDir, file)), file);
    });

  it("refuses a CLI older than 3.202.0 in one line naming the minimum and the upgrade", async () => {
    process.env.FAKE_PULUMI_VERSION = "3.201.0";
    await assert.rejects(ops().preview("dev"), {
      name: "PulumiCliTooOldError",
      message:
        "pulumi CLI 3.201.0 is older than 3.202.0, the oldest this command supports; upgrade it: curl -fsSL https://get.pulumi.com | sh (or your package manager)",
    });
    assert.deepEqual(calls(), ["version"]);
  });

  it("never creates a stack to read it, or to deploy a stack that has no stack file; it names the known stacks", async () => {
    pulumi("stack", "init", "dev", "--no-select"); // set-up: how the stack came to be is not under test
    ws.fake.reset();
    const stackOps = ops();
    await assert.rejects(stackOps.outputs("stagin"), { message: "no stack named stagin; known stacks: dev" });
    await assert.rejects(stackOps.getConfig("stagin", "patching:baselines"), /no stack named stagin/);
    await assert.rejects(stackOps.up("stagin"), { message: "no stack named stagin; known stacks: dev" });
    assert.deepEqual(
      calls().filter((c) => c.startsWith("stack init")),
      [],
    );
    assert.deepEqual(
      JSON.parse(pulumi("stack", "ls", "--json")).map((s: { name: string }) => s.name),
      ["dev"],
    );
  });

  it("`patching outputs` with a mistyped stack prints one line and exits 1, creating nothing", async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => void errors.push(line);
    try {
      assert.equal(await main(["--backend", ws.fake.backendUrl, "outputs", "--stack", "stagin"]), 1);
    } finally {
      console.error = original;
    }
    assert.deepEqual(errors, ["no stack named stagin; known stacks: none"]);
    assert.deepEqual(
      calls().map((c) => c.split(" ").slice(0, 2).join(" ")),
      ["version", "stack --stack", "stack ls"],
    );
  });

  it("writes structured config as YAML, which a later `config set --path` can address", async () => {
    const stackOps = ops();
    const baselines = stackFile(ws.workDir, "test")["patching:baselines"];
    baselines["Windows-QA"].approvalRules[0].approveAfterDays = 2;
    await stackOps.preview("test", { config: { "patching:baselines": baselines, "aws:region": "eu-west-1" } });
    const written = stackFile(ws.workDir, "test");
    assert.equal(typeof written["patching:baselines"], "object");
    assert.equal(written["patching:baselines"]["Windows-QA"].approvalRules[0].approveAfterDays, 2);
    assert.equal(written["aws:region"], "eu-west-1");
    await stackOps.setConfig("test", 'patching:baselines["Windows-QA"].approvalRules[0].approveAfterDays', "5", true);
    assert.equal(
      stackFile(ws.workDir, "test")["patching:baselines"]["Windows-QA"].approvalRules[0].approveAfterDays,
      5,
    );
    assert.equal(
      await stackOps.getConfig("test", "patching:baselines").then((v) => JSON.parse(v!)["Windows-QA"].patchGroups[0]),
      baselines["Windows-QA"].patchGroups[0],
    );
  });

  it("promotes test's approvals into prod's stack file through `config get` of one key and `--path` writes", async () => {
    for (const stack of ["test", "prod"]) pulumi("stack", "init", stack, "--no-select"); // set-up
    ws.fake.reset();
    const stackOps = ops();
    const { changes } = await promote(stackOps, "test", "prod", () => "2026-11-20T06:00:00Z");
    assert.ok(changes.length > 0);
    const rule = stackFile(ws.workDir, "prod")["patching:baselines"]["Windows-Prod"].approvalRules[0];
    assert.equal(rule.approveUntilDate, "2026-11-17", "test's 3-day delay before its last install");
    assert.equal(rule.approveAfterDays, undefined);
    const reads = calls().filter((c) => c.startsWith("config"));
    assert.ok(reads.includes("config get patching:baselines --json --stack test --non-interactive"), reads.join("\n"));
    assert.ok(
      reads.every((c) => !c.includes("--show-secrets")),
      "no secret is decrypted to read one key",
    );
  });

  it("fans out into a directory of its own, copying only the values the stack file gives and re-encrypting its secrets per target", async () => {
    // A project default (Pulumi.yaml), which `pulumi config` lists too: not the user's to copy.
    fs.appendFileSync(
      path.join(ws.workDir, "Pulumi.yaml"),
      "config:\n  aws:skipMetadataApiCheck:\n    default: false\n",
    );
    // Set-up: the base stack and its secret, as a user would make them.
    pulumi("stack", "init", "prod", "--no-select");
    pulumi("config", "set", "aws:secretKey", "s3cr3t-key", "--secret", "--stack", "prod");
    const baseOps = ops();
    const baseCipher = stackFile(ws.workDir, "prod")["aws:secretKey"].secure as string;
    const targetsDir = path.join(ws.workDir, ".patching", "fanout");
    const before = stackFiles();
    const baseConfig = await baseOps.readConfig("prod");
    assert.ok(!("aws:skipMetadataApiCheck" in baseConfig.values), Object.keys(baseConfig.values).join(", "));
    assert.deepEqual(baseConfig.secrets, ["aws:secretKey"]);
    ws.fake.reset();
    const finished: string[] = [];
    const results = await fanOut(
      automationOps({ workDir: targetsDir, backendUrl: ws.fake.backendUrl, logDir: ws.logDir }),
      {
        base: "prod",
        baseConfig,
        targets: parseTargets(["eu-west-1", "eu-west-2"]),
        parallel: 1,
        previewOnly: true,
        onResult: (r) => finished.push(`${r.stack} ${r.status}`),
      },
    );
    assert.deepEqual(finished, ["prod-eu-west-1 succeeded", "prod-eu-west-2 succeeded"], JSON.stringify(results));
    assert.deepEqual(stackFiles(), before, "no target stack file beside the project's");
    assert.deepEqual(listStacks(ws.workDir), listStacks(PROJECT_DIR));
    for (const stack of ["prod-eu-west-1", "prod-eu-west-2"]) {
      const text = fs.readFileSync(path.join(targetsDir, `Pulumi.${stack}.yaml`), "utf8");
      const config = stackFile(targetsDir, stack);
      assert.doesNotMatch(text, /s3cr3t-key|skipMetadataApiCheck/);
      assert.notEqual(config["aws:secretKey"].secure, baseCipher, "encrypted with the target's own key");
      assert.equal(typeof config["patching:baselines"], "object");
      assert.equal(config["aws:region"], stack.replace("prod-", ""));
      const value = execFileSync("pulumi", ["config", "get", "aws:secretKey", "--json", "--stack", stack], {
        cwd: targetsDir,
        encoding: "utf8",
      });
      assert.deepEqual(JSON.parse(value), { value: "s3cr3t-key", secret: true });
      // One target costs five CLI calls: exists?, init, the plain values, the secret (on stdin), the preview.
      assert.deepEqual(
        calls(stack).map((c) => c.split(" ").slice(0, 2).join(" ")),
        [
          "stack --stack",
          "stack init",
          "config set-all",
          "config set",
          "preview --client=" + calls(stack)[4].split("=")[1].split(" ")[0],
        ],
      );
    }
    // A parallel of 1: the second target's first call comes after the first target's preview.
    const order = calls().filter((c) => / --stack prod-eu-west-\d /.test(c));
    assert.ok(order.findIndex((c) => c.includes("prod-eu-west-2")) > order.findIndex((c) => c.startsWith("preview")));
  });

  it("says in one line who holds a locked stack and how to cancel, with the full output in a log file", async () => {
    pulumi("stack", "init", "dev", "--no-select"); // set-up
    const stackOps = ops();
    const locks = path.join(ws.fake.backendDir, ".pulumi", "locks", "organization", "patching", "dev");
    fs.mkdirSync(locks, { recursive: true });
    const lock = { pid: 4242, username: "alice", hostname: "jump01", timestamp: "2026-11-30T09:00:00Z" };
    fs.writeFileSync(path.join(locks, "a.json"), JSON.stringify(lock));
    const error = await stackOps.up("dev").catch((e: Error) => e);
    assert.ok(error instanceof Error);
    assert.match(
      error.message,
      /^up of dev refused: the stack is locked by another update \(alice@jump01, pid 4242, since 2026-11-30T09:00:00Z\); wait for it, or if none is running: pulumi cancel --stack dev \(full output: (.+\.log)\)$/,
    );
    const log = /full output: (.+\.log)\)$/.exec(error.message)![1];
    assert.match(fs.readFileSync(log, "utf8"), /the stack is currently locked by 1 lock\(s\)/);
  });

  it("says in one line why the CLI failed, with its full output in a log file", async () => {
    const file = path.join(ws.workDir, "Pulumi.dev.yaml");
    fs.writeFileSync(
      file,
      fs.readFileSync(file, "utf8").replace("operatingSystem: WINDOWS", "operatingSystem: WINDOWZ"),
    );
    const error = await ops()
      .preview("dev")
      .catch((e: Error) => e);
    assert.ok(error instanceof Error);
    assert.doesNotMatch(error.message, /\n/);
    assert.match(error.message, /^preview of dev failed: .*operatingSystem.*WINDOWZ.* \(full output: (.+\.log)\)$/);
  });

  it("qualified stack names work end to end: the stack file by its short name, the backend by its full name, the log file", async () => {
    const stackOps = ops();
    const { create } = (await stackOps.up("organization/dev")).changes;
    assert.ok(create > 10, String(create));
    assert.equal((await stackOps.preview("organization/patching/dev")).changes.same, create);
    const file = path.join(ws.workDir, "Pulumi.dev.yaml");
    fs.writeFileSync(
      file,
      fs.readFileSync(file, "utf8").replace("operatingSystem: WINDOWS", "operatingSystem: WINDOWZ"),
    );
    const error = await stackOps.preview("organization/patching/dev").catch((e: Error) => e);
    const log = /full output: (.+\.log)\)$/.exec(String(error))?.[1];
    assert.ok(log && fs.existsSync(log), String(error));
    assert.match(path.basename(log), /^organization_patching_dev-preview-/);
  });
});
