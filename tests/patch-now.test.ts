import { strict as assert } from "assert";
import { spawn } from "child_process";
import { parse } from "yaml";
import { patchNow, PatchNowStack, patchNowProblems } from "../automation/patchNow";
import { patchNowDocumentContent } from "../components/patching/PatchNowDocument";
import { PROJECT_DIR } from "../config/stackFile";
import { generatedName } from "../offline/recordingRuntime";
import { bundled, bundleEnv } from "./helpers/bundled";
import { runCli } from "./helpers/plan";
import { buildStackFile, named } from "./helpers/run";
import { policyOf } from "./helpers/onboarding";
import { STAND_IN_BUCKET, useSsmStandIn } from "./helpers/ssmStandIn";

/**
 * patch-now against a local SSM JSON-API stand-in (AWS_ENDPOINT_URL_SSM / _S3), shaped as AWS's API
 * model documents SendCommand, ListCommands and ListCommandInvocations (botocore ssm service-2.json;
 * moto targets no instances by tag, so it cannot stand in here). The override list is held to
 * AWS-RunPatchBaseline's InstallOverrideList page (awsdocs/aws-systems-manager-user-guide,
 * doc_source/patch-manager-about-aws-runpatchbaseline.md): YAML `patches:` with an `id` per patch, at
 * an S3 path-style URL for a private bucket; Scan ignores it; one custom SnapshotId per run outside
 * a window.
 */
const prod: PatchNowStack = {
  name: "prod",
  region: "eu-central-1",
  environment: "prod",
  patchGroups: ["Prod-App", "Prod-OnPrem", "Prod-Web"],
  patchGroupTagKey: "Patch Group",
};
const document = patchNowDocumentContent(STAND_IN_BUCKET, "prod/patch-now/");

describe("patch-now: the stack's document on one group, by tag, followed to the end", () => {
  const calls = useSsmStandIn();
  const of = (operation: string) => calls.filter((c) => c.operation === operation).map((c) => c.input);

  it("--kb puts an install-override list under the stack's prefix and sends the stack's document by tag", async () => {
    const progress: string[] = [];
    const result = await patchNow(
      prod,
      { group: "Prod-Web", kbs: ["KB5034441"] },
      { wait: true, pollMilliseconds: 1, onProgress: (l) => progress.push(l) },
    );
    assert.deepEqual(of("GetDocument"), [{ Name: "patching-prod-patch-now" }]);
    const [sent] = of("SendCommand") as Record<string, any>[];
    const snapshotId = sent.Parameters.SnapshotId[0];
    const location = `s3://${STAND_IN_BUCKET}/prod/patch-now/${snapshotId}.yaml`;
    assert.deepEqual(sent, {
      DocumentName: "patching-prod-patch-now",
      Targets: [{ Key: "tag:Patch Group", Values: ["Prod-Web"] }],
      Parameters: {
        Operation: ["Install"],
        RebootOption: ["RebootIfNeeded"],
        SnapshotId: [snapshotId],
        InstallOverrideList: [location],
      },
      MaxConcurrency: "10%",
      MaxErrors: "1",
      Comment: "patching patch-now prod Prod-Web Install",
    });
    // What the document itself accepts: its allowedPatterns, as SSM checks them.
    assert.match(location, new RegExp(document.parameters.InstallOverrideList!.allowedPattern));
    assert.match(snapshotId, new RegExp(document.parameters.SnapshotId.allowedPattern));
    const [put] = of("PutObject");
    assert.equal(put.path, `/${STAND_IN_BUCKET}/prod/patch-now/${snapshotId}.yaml`);
    assert.deepEqual(parse(put.body as string), { patches: [{ id: "KB5034441" }] });
    assert.match(put.body as string, /^# patching patch-now: stack prod, group Prod-Web, run /);
    // Every page of ListCommandInvocations, on every poll (one invocation per page here).
    assert.deepEqual(
      of("ListCommandInvocations").map((i) => i.NextToken ?? null),
      [null, "1", null, "1"],
    );
    assert.deepEqual(progress, ["i-0a  InProgress", "i-0b  Pending", "i-0a  Success", "i-0b  Success"]);
    assert.deepEqual(
      [result.status, result.failed, result.overrideList],
      ["Success", 0, { location, ids: ["KB5034441"] }],
    );
    assert.deepEqual(result.compliance && "updates" in result.compliance && result.compliance.patchGroups, [
      {
        name: "Prod-Web",
        instances: [
          { instanceId: "i-0a", states: { KB5034441: "Installed" } },
          { instanceId: "i-0b", states: { KB5034441: "Missing" } },
        ],
        summary: { KB5034441: { Installed: 1, Missing: 1 } },
      },
    ]);
  });

  it("--cve installs the patches that fix it where they are missing: the list takes KB ids, not CVEs", async () => {
    const result = await patchNow(prod, { group: "Prod-Web", cves: ["CVE-2026-21002"] }, { pollMilliseconds: 1 });
    assert.deepEqual([result.status, result.overrideList?.ids], ["Sent", ["KB5034441"]]);
    assert.deepEqual(parse(of("PutObject")[0].body as string).patches, [{ id: "KB5034441" }]);
    await assert.rejects(
      patchNow(prod, { group: "Prod-Web", cves: ["CVE-2026-99999"] }),
      /^PatchNowError: CVE-2026-99999: no instance of Prod-Web reports a patch for it/,
    );
  });

  it("Ctrl-C stops following and leaves the command running; with cancel, CancelCommand", async () => {
    for (const cancel of [false, true]) {
      calls.splice(0);
      const controller = new AbortController();
      const result = await patchNow(
        prod,
        { group: "Prod-OnPrem", operation: "Scan" },
        { wait: true, cancel, signal: controller.signal, pollMilliseconds: 50, onProgress: () => controller.abort() },
      );
      assert.equal(result.status, cancel ? "Cancelled" : "Interrupted");
      assert.deepEqual(of("CancelCommand"), cancel ? [{ CommandId: result.commandId }] : []);
    }
  });

  it("refuses another stack's group, a limited Scan and SendCommand's bad rates before any call", async () => {
    const request = {
      group: "Dev-Web",
      operation: "Scan" as const,
      kbs: ["KB5034441"],
      maxConcurrency: "0",
      maxErrors: "101%",
    };
    await assert.rejects(patchNow(prod, request, { wait: true }), /^PatchNowError: --group Dev-Web is not/);
    assert.equal(calls.length, 0, "no AWS call");
    assert.deepEqual(patchNowProblems(prod, request), [
      "--group Dev-Web is not a patch group of stack prod: Prod-App, Prod-OnPrem, Prod-Web",
      "--kb/--cve limit an Install: AWS-RunPatchBaseline's Scan ignores an install-override list; use --operation Install",
      "--max-concurrency 0: must be a number from 1 or a percentage 1%-100%",
      "--max-errors 101%: must be a number from 0 or a percentage 0%-100%",
    ]);
    assert.equal(calls.length, 0);
  });

  it("as a command: prod asks first, a failed instance exits 1 naming the command, results and compliance printed", async () => {
    const base = ["patch-now", "--stack", "prod", "--group", "Prod-App", "--interval", "0.001"];
    const unconfirmed = await runCli(base);
    assert.equal(unconfirmed.code, 1);
    assert.match(
      unconfirmed.err,
      /Patch now: Install on every instance tagged Patch Group=Prod-App of stack prod .*needs confirmation: run it in a terminal or pass --yes/,
    );
    assert.equal(of("SendCommand").length, 0, "nothing sent without confirmation");

    const failed = await runCli([...base, "--yes", "--wait", "--reboot", "never", "--max-concurrency", "1"]);
    assert.equal(failed.code, 1);
    const [sent] = of("SendCommand") as Record<string, any>[];
    assert.deepEqual([sent.Parameters.RebootOption, sent.MaxConcurrency], [["NoReboot"], "1"]);
    assert.match(failed.out, /^ {2}i-0b\s+Failed\s+Failed$/m);
    assert.match(failed.out, /Patch compliance: stack prod \(eu-central-1\)/);
    assert.match(failed.err, /command \S+ Failed: 1 of 2 instances did not succeed/);

    // Without --wait: sent once, and followed with the AWS CLI, never by sending it again.
    const once = await runCli(["patch-now", "--stack", "prod", "--group", "Prod-Web", "--yes"]);
    assert.equal(once.code, 0, once.err);
    assert.match(
      once.out,
      /^ {2}follow it: aws ssm list-command-invocations --command-id \S+ \(--wait follows it here\)$/m,
    );
    const other = await runCli(["patch-now", "--stack", "prod", "--group", "Dev-Web", "--yes"]);
    assert.deepEqual(
      [other.code, other.err.trim()],
      [1, "--group Dev-Web is not a patch group of stack prod: Prod-App, Prod-Linux, Prod-OnPrem, Prod-Web"],
    );
  });

  it("without AWS credentials: one line, exit 1, nothing sent", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_CONFIG_FILE: "/nonexistent",
      AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
    });
    for (const key of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_SESSION_TOKEN"])
      delete process.env[key];
    try {
      const refused = await runCli(["patch-now", "--stack", "prod", "--group", "Prod-Web", "--kb", "KB5034441", "-y"]);
      assert.deepEqual(
        [refused.code, refused.err.trim().split("\n")[0]],
        [
          1,
          "no AWS credentials: set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or run where an instance role is",
        ],
      );
      assert.equal(calls.length, 0);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

  it("as a process: Ctrl-C while following says the command keeps running, and cancels nothing", async function () {
    this.timeout(60000); // a process: 2 s here, 10 s on a busy machine
    const child = spawn(
      process.execPath,
      [...bundled(), "patch-now", "-s", "prod", "--group", "Prod-OnPrem"].concat([
        "--yes",
        "--wait",
        "--interval",
        "0.05",
      ]),
      { cwd: PROJECT_DIR, env: bundleEnv() },
    );
    let err = "";
    let interrupted = false;
    child.stderr.on("data", (c) => {
      err += c;
      if (!interrupted && err.includes("i-0a  InProgress")) interrupted = child.kill("SIGINT");
    });
    const code = await new Promise((done) => child.on("close", done));
    assert.equal(code, 1);
    assert.match(err, /stopping to follow; the command keeps running \(Ctrl-C\)/);
    assert.match(err, /stopped following: command \S+ keeps running; follow it with aws ssm list-command-invocations/);
    assert.equal(of("CancelCommand").length, 0);
  });
});

describe("patch-now's permissions", () => {
  it("every node of prod may read the override lists under the stack's patch-now prefix, and nothing else there", async () => {
    const { resources } = await buildStackFile("prod");
    const output = policyOf(named(resources, "patching-instance-patch-output"));
    const read = output.Statement.find((s: { Sid: string }) => s.Sid === "ReadPatchNowOverrideLists");
    assert.deepEqual(read, {
      Sid: "ReadPatchNowOverrideLists",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: [`arn:aws:s3:::${generatedName("patching-compliance-logs-bucket")}/prod/patch-now/*`],
    });
  });
});
