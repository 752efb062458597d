/**
 * The Automation API layer through the SDK's real LocalWorkspace and Stack, against a stand-in
 * `pulumi` on PATH (tests/helpers/fakePulumi) that implements the CLI's documented contract:
 * https://www.pulumi.com/docs/iac/cli/commands/ and the Automation API's own calls
 * (@pulumi/pulumi/automation localWorkspace.js, stack.js). Every CLI invocation is recorded.
 */
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { EngineEvent } from "@pulumi/pulumi/automation";
import { fanOut, parseTargets } from "../automation/fanout";
import { promote } from "../automation/promotion";
import { automationOps } from "../automation/workspace";
import { progressLine } from "../automation/progress";
import { main } from "../cli/main";
import { listStacks, PROJECT_DIR } from "../config/stackFile";
import { parseArgs, parseKeyPath } from "./helpers/fakePulumi/main";
import { FakePulumi, installFakePulumi } from "./helpers/pulumiCli";

describe("the stand-in pulumi CLI's own contract", () => {
  it("parses flags as the CLI's commands take them and refuses any a real command lacks", () => {
    assert.deepEqual(parseArgs(["config", "set-all", "--stack", "dev", "--path", "--plaintext", "a:b[0]=1"]), {
      command: "config set-all",
      positional: [],
      flags: { "--stack": "dev", "--path": true, "--plaintext": ["a:b[0]=1"] },
    });
    assert.deepEqual(parseArgs(["config", "--show-secrets", "--json", "--stack", "prod"]).command, "config");
    assert.throws(() => parseArgs(["up", "--yes", "--skip-preview", "--show-secrets"]), /unknown flag: --show-secrets/);
    assert.throws(() => parseArgs(["stack", "export"]), /unknown command "stack export"/);
    assert.deepEqual(parseKeyPath('patching:baselines["Windows-Prod"].approvalRules[0].approveUntilDate'), [
      "patching:baselines",
      "Windows-Prod",
      "approvalRules",
      0,
      "approveUntilDate",
    ]);
  });
});

describe("automation through the real LocalWorkspace (stand-in pulumi CLI)", function () {
  this.timeout(120000);
  let fake: FakePulumi;
  let workDir: string;
  let logDir: string;
  const stackFiles = () => fs.readdirSync(workDir).filter((f) => /^Pulumi\..+\.yaml$/.test(f));
  const stackFile = (dir: string, stack: string) =>
    parse(fs.readFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "utf8")).config as Record<string, any>;
  const calls = (stack?: string) =>
    fake
      .invocations()
      .map((i) => i.argv.join(" "))
      .filter((line) => !stack || line.includes(`--stack ${stack} `) || line.startsWith(`stack init ${stack} `));
  const pulumi = (...args: string[]) => execFileSync("pulumi", args, { cwd: workDir, encoding: "utf8" }).trim();
  const ops = () => automationOps({ workDir, backendUrl: fake.backendUrl, logDir });

  beforeEach(() => {
    fake = installFakePulumi();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-ws-"));
    logDir = path.join(workDir, ".patching", "logs");
    for (const file of fs.readdirSync(PROJECT_DIR).filter((f) => /^Pulumi(\..+)?\.yaml$/.test(f)))
      fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(workDir, file));
  });
  afterEach(() => {
    fake.remove();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it("previews and deploys dev with one `pulumi version` and one `stack select`; a preview says would, an update did", async () => {
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
    assert.equal(all.filter((c) => c.startsWith("stack select")).length, 1, all.join("\n"));
    // The stack file declared dev, so the first operation created it in the backend.
    assert.equal(all.filter((c) => c.startsWith("stack init dev")).length, 1);
  });

  it("never creates a stack to read it, or to deploy a stack that has no stack file; it names the known stacks", async () => {
    const stackOps = ops();
    await stackOps.preview("dev");
    await assert.rejects(stackOps.outputs("stagin"), { message: "no stack named stagin; known stacks: dev" });
    await assert.rejects(stackOps.getConfig("stagin", "patching:baselines"), /no stack named stagin/);
    await assert.rejects(stackOps.up("stagin"), { message: "no stack named stagin; known stacks: dev" });
    assert.deepEqual(
      calls().filter((c) => c.startsWith("stack init")),
      ["stack init dev --non-interactive"],
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
      assert.equal(await main(["--backend", fake.backendUrl, "outputs", "--stack", "stagin"]), 1);
    } finally {
      console.error = original;
    }
    assert.deepEqual(errors, ["no stack named stagin; known stacks: none"]);
    assert.deepEqual(
      calls().map((c) => c.split(" ").slice(0, 2).join(" ")),
      ["version", "stack select", "stack ls"],
    );
  });

  it("writes structured config as YAML, which a later `config set --path` can address", async () => {
    const stackOps = ops();
    const baselines = stackFile(workDir, "test")["patching:baselines"];
    baselines["Windows-QA"].approvalRules[0].approveAfterDays = 2;
    await stackOps.preview("test", { config: { "patching:baselines": baselines, "aws:region": "eu-west-1" } });
    const written = stackFile(workDir, "test");
    assert.equal(typeof written["patching:baselines"], "object");
    assert.equal(written["patching:baselines"]["Windows-QA"].approvalRules[0].approveAfterDays, 2);
    assert.equal(written["aws:region"], "eu-west-1");
    await stackOps.setConfig("test", 'patching:baselines["Windows-QA"].approvalRules[0].approveAfterDays', "5", true);
    assert.equal(stackFile(workDir, "test")["patching:baselines"]["Windows-QA"].approvalRules[0].approveAfterDays, 5);
    assert.equal(
      await stackOps.getConfig("test", "patching:baselines").then((v) => JSON.parse(v!)["Windows-QA"].patchGroups[0]),
      baselines["Windows-QA"].patchGroups[0],
    );
  });

  it("promotes test's approvals into prod's stack file through `config get` of one key and `--path` writes", async () => {
    const stackOps = ops();
    await stackOps.preview("test");
    await stackOps.preview("prod");
    fake.reset();
    const { changes } = await promote(stackOps, "test", "prod", () => "2026-11-20T06:00:00Z");
    assert.ok(changes.length > 0);
    const rule = stackFile(workDir, "prod")["patching:baselines"]["Windows-Prod"].approvalRules[0];
    assert.equal(rule.approveUntilDate, "2026-11-17", "test's 3-day delay before its last install");
    assert.equal(rule.approveAfterDays, undefined);
    const reads = calls().filter((c) => c.startsWith("config"));
    assert.ok(reads.includes("config get patching:baselines --json --stack test --non-interactive"), reads.join("\n"));
    assert.ok(
      reads.every((c) => !c.includes("--show-secrets")),
      "no secret is decrypted to read one key",
    );
  });

  it("fans out into a directory of its own, re-encrypting the base's secrets for each target, a bounded number at once", async () => {
    const baseOps = ops();
    await baseOps.preview("prod");
    pulumi("config", "set", "aws:secretKey", "--stack", "prod", "--secret", "--non-interactive", "--", "s3cr3t-key");
    const baseCipher = stackFile(workDir, "prod")["aws:secretKey"].secure as string;
    const targetsDir = path.join(workDir, ".patching", "fanout");
    const before = stackFiles();
    fake.reset();
    const finished: string[] = [];
    const results = await fanOut(automationOps({ workDir: targetsDir, backendUrl: fake.backendUrl, logDir }), {
      base: "prod",
      baseConfig: await baseOps.readConfig("prod"),
      targets: parseTargets(["eu-west-1", "eu-west-2"]),
      parallel: 1,
      previewOnly: true,
      onResult: (r) => finished.push(`${r.stack} ${r.status}`),
    });
    assert.deepEqual(finished, ["prod-eu-west-1 succeeded", "prod-eu-west-2 succeeded"], JSON.stringify(results));
    assert.deepEqual(stackFiles(), before, "no target stack file beside the project's");
    assert.deepEqual(listStacks(workDir), listStacks(PROJECT_DIR));
    for (const stack of ["prod-eu-west-1", "prod-eu-west-2"]) {
      const text = fs.readFileSync(path.join(targetsDir, `Pulumi.${stack}.yaml`), "utf8");
      const config = stackFile(targetsDir, stack);
      assert.doesNotMatch(text, /s3cr3t-key/);
      assert.notEqual(config["aws:secretKey"].secure, baseCipher, "encrypted with the target's own key");
      assert.equal(typeof config["patching:baselines"], "object");
      assert.equal(config["aws:region"], stack.replace("prod-", ""));
      const value = execFileSync("pulumi", ["config", "get", "aws:secretKey", "--json", "--stack", stack], {
        cwd: targetsDir,
        encoding: "utf8",
      });
      assert.deepEqual(JSON.parse(value), { value: "s3cr3t-key", secret: true });
      // One target costs four CLI calls: select, init, one config write, the preview.
      assert.deepEqual(
        calls(stack).map((c) => c.split(" ").slice(0, 2).join(" ")),
        [
          "stack select",
          `stack init`,
          "config set-all",
          "preview --client=" + calls(stack)[3].split("=")[1].split(" ")[0],
        ],
      );
    }
    // A parallel of 1: the second target's first call comes after the first target's preview.
    const order = calls().filter((c) => / --stack prod-eu-west-\d /.test(c));
    assert.ok(order.findIndex((c) => c.includes("prod-eu-west-2")) > order.findIndex((c) => c.startsWith("preview")));
  });

  it("says in one line who holds a locked stack and how to cancel, with the full output in a log file", async () => {
    const stackOps = ops();
    await stackOps.preview("dev");
    const locks = path.join(fake.backendDir, ".pulumi", "locks", "organization", "patching", "dev");
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
    const file = path.join(workDir, "Pulumi.dev.yaml");
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

  it("cancels an interrupted update (Ctrl-C) so the stack is not left locked", async () => {
    process.env.FAKE_PULUMI_STEP_DELAY_MS = "40";
    process.env.FAKE_PULUMI_SIGINT = "hold-lock"; // the CLI dies without releasing its lock
    const controller = new AbortController();
    const stackOps = ops();
    const error = await stackOps
      .up("dev", { signal: controller.signal, onEvent: (e) => e.resOutputsEvent && controller.abort() })
      .catch((e: Error) => e);
    assert.ok(error instanceof Error);
    assert.match(error.message, /^up of dev was interrupted; the update was cancelled and the stack unlocked/);
    assert.ok(
      calls("dev").some((c) => c.startsWith("cancel --yes --stack dev")),
      calls().join("\n"),
    );
    const locks = path.join(fake.backendDir, ".pulumi", "locks", "organization", "patching", "dev");
    assert.deepEqual(fs.existsSync(locks) ? fs.readdirSync(locks) : [], []);
  });
});
