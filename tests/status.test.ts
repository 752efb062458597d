import { strict as assert } from "assert";
import { execFile } from "child_process";
import {
  DescribeInstancePatchStatesForPatchGroupCommand,
  DescribePatchGroupStateCommand,
  SSMClient,
} from "@aws-sdk/client-ssm";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { complianceStatus, patchGroupStatus } from "../automation/compliance";
import { evaluateGate } from "../automation/gate";
import { PROJECT_DIR } from "../config/stackFile";
import { bundled, bundleEnv } from "./helpers/bundled";
import { runCli } from "./helpers/plan";
import { useSsmStandIn } from "./helpers/ssmStandIn";

const state = (id: string, missing: number, failed: number, operation: "Scan" | "Install", ended: string) => ({
  InstanceId: id,
  PatchGroup: "Web",
  BaselineId: "pb-1",
  OwnerInformation: "",
  MissingCount: missing,
  FailedCount: failed,
  Operation: operation,
  OperationStartTime: new Date(Date.parse(ended) - 600_000),
  OperationEndTime: new Date(ended),
});

describe("status: live compliance through the SSM API (aws-sdk-client-mock)", () => {
  // Made when this describe runs, so another file's mock of SSMClient is restored first.
  let ssm: AwsClientStub<SSMClient>;
  before(() => (ssm = mockClient(SSMClient)));
  afterEach(() => ssm.reset());
  after(() => ssm.restore());

  it("reads every page, counts compliant instances and lists the worst first", async () => {
    ssm
      .on(DescribePatchGroupStateCommand)
      .resolves({ Instances: 3, InstancesWithMissingPatches: 1, InstancesWithFailedPatches: 1 });
    ssm
      .on(DescribeInstancePatchStatesForPatchGroupCommand, { PatchGroup: "Web" })
      .resolvesOnce({
        InstancePatchStates: [state("i-1", 0, 0, "Install", "2026-12-01T02:00:00Z")],
        NextToken: "page-2",
      })
      .resolvesOnce({
        InstancePatchStates: [
          state("i-2", 2, 0, "Scan", "2026-11-30T04:00:00Z"),
          state("i-3", 1, 1, "Install", "2026-12-01T03:00:00Z"),
        ],
      });
    const g = await patchGroupStatus(new SSMClient({ region: "eu-west-1" }), "Web");
    assert.equal(ssm.commandCalls(DescribeInstancePatchStatesForPatchGroupCommand).length, 2);
    assert.deepEqual(
      [g.instances, g.compliant, g.compliantPercent, g.oldestScan, g.lastInstallEnd],
      // i-3 installed last, but with a failed patch: the last successful install is i-1's.
      [3, 1, 33.3, "2026-11-30T04:00:00.000Z", "2026-12-01T02:00:00.000Z"],
    );
    assert.deepEqual(
      g.nonCompliant.map((i) => [i.instanceId, i.missing, i.failed]),
      [
        ["i-3", 1, 1],
        ["i-2", 2, 0],
      ],
    );
  });

  it("the gate refuses an empty group, a group where every instance failed, and a soak not yet reached", async () => {
    ssm.on(DescribePatchGroupStateCommand, { PatchGroup: "Empty" }).resolves({ Instances: 0 });
    ssm
      .on(DescribeInstancePatchStatesForPatchGroupCommand, { PatchGroup: "Empty" })
      .resolves({ InstancePatchStates: [] });
    ssm
      .on(DescribePatchGroupStateCommand, { PatchGroup: "Web" })
      .resolves({ Instances: 2, InstancesWithFailedPatches: 2 });
    ssm.on(DescribeInstancePatchStatesForPatchGroupCommand, { PatchGroup: "Web" }).resolves({
      InstancePatchStates: [
        state("i-1", 0, 3, "Install", "2026-12-01T06:00:00Z"),
        state("i-2", 0, 1, "Install", "2026-12-01T07:00:00Z"),
      ],
    });
    ssm.on(DescribePatchGroupStateCommand, { PatchGroup: "App" }).resolves({ Instances: 1 });
    ssm.on(DescribeInstancePatchStatesForPatchGroupCommand, { PatchGroup: "App" }).resolves({
      InstancePatchStates: [state("i-9", 0, 0, "Install", "2026-12-01T07:00:00Z")],
    });
    const status = await complianceStatus(
      new SSMClient({ region: "eu-west-1" }),
      { name: "dev", region: "eu-west-1", patchGroups: ["Empty", "Web", "App"] },
      new Date("2026-12-01T09:00:00Z"),
    );
    const result = evaluateGate(
      status,
      { minCompliantPercent: 95, maxFailed: 0, soakHours: 24 },
      new Date("2026-12-01T09:00:00Z"),
    );
    assert.deepEqual(result, {
      passed: false,
      failures: [
        "dev Empty: no instance reports patch state, so nothing shows the group patched",
        "dev Web: 0% compliant (0 of 2), needs at least 95%",
        "dev Web: 2 instances with failed patches, at most 0",
        "dev Web: no successful Install has ended yet; the soak needs 24 h",
        "dev App: the last successful Install ended 2026-12-01T07:00:00.000Z, 2 h ago; the soak needs 24 h",
      ],
    });
  });
});

describe("status and gate as commands, against a local SSM-compatible endpoint", function () {
  // One test starts the command four times as a process: 7-9 s here, over 20 s on a busy machine.
  this.timeout(60000);
  useSsmStandIn();

  it("status --format json keeps the documented shape for every patch group of prod", async () => {
    const { code, out } = await runCli(["status", "--stack", "prod", "--format", "json"]);
    assert.equal(code, 0);
    const json = JSON.parse(out);
    assert.deepEqual([json.stack, json.region], ["prod", "eu-central-1"]);
    assert.deepEqual(
      json.patchGroups.map((g: { name: string }) => g.name),
      ["Prod-App", "Prod-Linux", "Prod-OnPrem", "Prod-Web"],
    );
    const web = json.patchGroups.find((g: { name: string }) => g.name === "Prod-Web");
    assert.deepEqual(
      [web.instances, web.compliant, web.compliantPercent, web.nonCompliant],
      [
        2,
        1,
        50,
        [
          {
            instanceId: "i-0b",
            missing: 3,
            failed: 0,
            operation: "Install",
            operationEndTime: "2026-11-20T20:00:00.000Z",
          },
        ],
      ],
    );
  });

  it("gate exits 1 with one line per failing group, and 0 when the criteria hold", async () => {
    const refused = await runCli(["gate", "--stack", "prod", "--min-compliant", "95"]);
    assert.equal(refused.code, 1);
    assert.equal(refused.err.trim(), "prod Prod-Web: 50% compliant (1 of 2), needs at least 95%");
    const passed = await runCli(["gate", "--stack", "prod", "--min-compliant", "50", "--soak-hours", "24"]);
    assert.equal(passed.code, 0, passed.err);
  });

  it("status and gate as separate processes: JSON on stdout, exit codes, one line without credentials", async () => {
    const run = (args: string[], env: NodeJS.ProcessEnv) =>
      new Promise<{ code: number; out: string; err: string }>((done) => {
        const child = execFile(process.execPath, [...bundled(), ...args], { cwd: PROJECT_DIR, env: bundleEnv(env) });
        let out = "";
        let err = "";
        child.stdout!.on("data", (c) => (out += c));
        child.stderr!.on("data", (c) => (err += c));
        child.on("close", (code) => done({ code: code ?? -1, out, err }));
      });
    const status = await run(["status", "--stack", "prod", "--format", "json"], process.env);
    assert.equal(status.code, 0, status.err);
    assert.equal(JSON.parse(status.out).patchGroups.length, 4);
    const gate = await run(["gate", "--stack", "prod", "--min-compliant", "95"], process.env);
    assert.deepEqual([gate.code, gate.out], [1, ""]);
    assert.match(gate.err, /^prod Prod-Web: 50% compliant \(1 of 2\), needs at least 95%$/m);
    const noCredentials: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_CONFIG_FILE: "/nonexistent",
      AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
    };
    for (const key of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_SESSION_TOKEN"])
      delete noCredentials[key];
    const refused = await run(["status", "--stack", "prod"], noCredentials);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /^patching: no AWS credentials: set AWS_PROFILE/m);
    assert.doesNotMatch(refused.err, /\n\s+at /, "no stack trace");
    // The SDK's Node 20 notice concerns later SDK releases, not the pinned one: the command silences it.
    assert.doesNotMatch(refused.err, /NodeVersionSupportWarning|upgrade to node/);
    const noProfile = await run(["status", "--stack", "prod"], { ...noCredentials, AWS_PROFILE: "nosuch" });
    assert.deepEqual(
      [noProfile.code, noProfile.err.trim()],
      [
        1,
        "patching: AWS profile nosuch (AWS_PROFILE) is in neither the AWS config nor the credentials file: check its name with aws configure list-profiles, or set up the profile with aws configure sso --profile nosuch",
      ],
    );
  });

  it("status --format html is one page without scripts: a bar per group, then the non-compliant instances", async () => {
    const { code, out } = await runCli(["status", "--stack", "prod", "--format", "html"]);
    assert.equal(code, 0);
    assert.doesNotMatch(out, /<script/i);
    assert.equal((out.match(/<div class="bar">/g) ?? []).length, 4);
    assert.match(
      out,
      /<th>Prod-Web<\/th><td><div class="bar"><div style="width:50%"><\/div><\/div><\/td><td>50% of 2<\/td>/,
    );
    assert.match(out, /<tr><td>Prod-Web<\/td><td>i-0b<\/td><td>3<\/td><td>0<\/td><td>Install<\/td>/);
  });

  it("says in one line when Systems Manager cannot be reached", async () => {
    const endpoint = process.env.AWS_ENDPOINT_URL_SSM;
    process.env.AWS_ENDPOINT_URL_SSM = "http://127.0.0.1:9";
    try {
      const { code, err } = await runCli(["status", "--stack", "dev"]);
      assert.equal(code, 1);
      assert.equal(
        err.trim(),
        "patching: cannot reach Systems Manager (ECONNREFUSED); check the network, or AWS_ENDPOINT_URL_SSM",
      );
    } finally {
      process.env.AWS_ENDPOINT_URL_SSM = endpoint;
    }
  });
});
