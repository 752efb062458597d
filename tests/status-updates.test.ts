import { strict as assert } from "assert";
import {
  DescribeInstancePatchesCommand,
  DescribeInstancePatchStatesForPatchGroupCommand,
  PatchComplianceDataState,
  SSMClient,
} from "@aws-sdk/client-ssm";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { updateCompliance, updateQueryProblems } from "../automation/updateCompliance";
import { renderUpdates } from "../cli/updates";
import { runCli } from "./helpers/plan";
import { useSsmStandIn } from "./helpers/ssmStandIn";

/**
 * Compliance for one update, read as AWS's API model documents it (botocore ssm service-2.json):
 * DescribeInstancePatches filters by KBId (CVE ids have no filter key, so they are matched against
 * PatchComplianceData.CVEIds), states are PatchComplianceDataState, and every list call pages.
 */
const patch = (KBId: string, State: PatchComplianceDataState, CVEIds?: string) => ({
  Title: `${KBId} update`,
  KBId,
  Classification: "SecurityUpdates",
  Severity: "Critical",
  State,
  InstalledTime: new Date("2026-11-20T00:00:00Z"),
  ...(CVEIds ? { CVEIds } : {}),
});
const instance = (InstanceId: string) => ({
  InstanceId,
  PatchGroup: "Web",
  BaselineId: "pb-1",
  OperationStartTime: new Date("2026-11-20T00:00:00Z"),
  OperationEndTime: new Date("2026-11-20T01:00:00Z"),
  Operation: "Scan" as const,
});

describe("status --kb/--cve: one update's state on each instance", () => {
  // Made when this describe runs, so another file's mock of SSMClient is restored first.
  let ssm: AwsClientStub<SSMClient>;
  before(() => (ssm = mockClient(SSMClient)));
  afterEach(() => ssm.reset());
  after(() => ssm.restore());

  it("reads every page of instances and of their patches, with the KBId filter, and sums the states per group", async () => {
    ssm
      .on(DescribeInstancePatchStatesForPatchGroupCommand, { PatchGroup: "Web" })
      .resolvesOnce({ InstancePatchStates: [instance("i-2")], NextToken: "p2" })
      .resolvesOnce({ InstancePatchStates: [instance("i-1"), instance("i-3")] });
    ssm
      .on(DescribeInstancePatchesCommand, { InstanceId: "i-1" })
      .resolvesOnce({ Patches: [patch("KB5034441", "INSTALLED")], NextToken: "n" })
      .resolvesOnce({ Patches: [patch("KB5034439", "MISSING")] });
    ssm.on(DescribeInstancePatchesCommand, { InstanceId: "i-2" }).resolves({ Patches: [patch("KB5034441", "FAILED")] });
    ssm.on(DescribeInstancePatchesCommand, { InstanceId: "i-3" }).resolves({ Patches: [] });
    const report = await updateCompliance(
      new SSMClient({ region: "eu-west-1" }),
      { name: "prod", region: "eu-west-1", patchGroups: ["Web"] },
      { kbs: ["KB5034441", "KB5034439"] },
      new Date("2026-12-01T00:00:00Z"),
    );
    const calls = ssm.commandCalls(DescribeInstancePatchesCommand).map((c) => c.args[0].input);
    assert.deepEqual(calls[0].Filters, [{ Key: "KBId", Values: ["KB5034441", "KB5034439"] }]);
    assert.equal(calls.length, 4, "i-1 has two pages");
    assert.deepEqual(report.patchGroups[0].instances, [
      { instanceId: "i-1", states: { KB5034441: "Installed", KB5034439: "Missing" } },
      { instanceId: "i-2", states: { KB5034441: "Failed", KB5034439: "NotApplicable" } },
      { instanceId: "i-3", states: { KB5034441: "NotApplicable", KB5034439: "NotApplicable" } },
    ]);
    assert.deepEqual(report.patchGroups[0].summary, {
      KB5034441: { Installed: 1, Failed: 1, NotApplicable: 1 },
      KB5034439: { Missing: 1, NotApplicable: 2 },
    });
    assert.equal(
      renderUpdates(report, "text").split("\n").slice(0, 6).join("\n"),
      [
        "Update compliance: stack prod (eu-west-1), KB5034441, KB5034439, at 2026-12-01T00:00:00.000Z",
        "",
        "  Patch group  Update     Instances",
        "  Web          KB5034441  Installed 1, Failed 1, NotApplicable 1",
        "  Web          KB5034439  Missing 1, NotApplicable 2",
        "",
      ].join("\n"),
    );
  });

  it("a CVE is matched against each patch's CVEIds, with no filter, and is as far along as its least installed patch", async () => {
    ssm.on(DescribeInstancePatchStatesForPatchGroupCommand).resolves({ InstancePatchStates: [instance("i-1")] });
    ssm.on(DescribeInstancePatchesCommand).resolves({
      Patches: [
        patch("KB1", "INSTALLED", "CVE-2026-1111,CVE-2026-2222"),
        patch("KB2", "INSTALLED_PENDING_REBOOT", "CVE-2026-2222"),
      ],
    });
    const report = await updateCompliance(
      new SSMClient({ region: "eu-west-1" }),
      { name: "prod", region: "eu-west-1", patchGroups: ["Web"] },
      { cves: ["CVE-2026-1111", "CVE-2026-2222", "CVE-2026-3333"] },
    );
    assert.equal(ssm.commandCalls(DescribeInstancePatchesCommand)[0].args[0].input.Filters, undefined);
    assert.deepEqual(report.patchGroups[0].instances[0].states, {
      "CVE-2026-1111": "Installed",
      "CVE-2026-2222": "InstalledPendingReboot",
      "CVE-2026-3333": "NotApplicable",
    });
  });

  it("refuses what the API could not match, naming the value", () => {
    assert.deepEqual(updateQueryProblems({ kbs: ["KB 5034441"], cves: ["CVE-26-1"] }), [
      "--kb KB 5034441: not a KB id such as KB5034441",
      "--cve CVE-26-1: not a CVE id such as CVE-2026-12345",
    ]);
    assert.deepEqual(updateQueryProblems({}), ["name at least one --kb or --cve"]);
  });
});

describe("status --kb as a command, against a local SSM-compatible endpoint", () => {
  useSsmStandIn();

  it("status --kb for one group: each instance's state as JSON; a group of another stack is refused in one line", async () => {
    const { code, out } = await runCli([
      "status",
      "--stack",
      "prod",
      "--kb",
      "KB5034441",
      "--group",
      "Prod-Web",
      "--format",
      "json",
    ]);
    assert.equal(code, 0);
    const report = JSON.parse(out);
    assert.deepEqual(report.patchGroups, [
      {
        name: "Prod-Web",
        instances: [
          { instanceId: "i-0a", states: { KB5034441: "Installed" } },
          { instanceId: "i-0b", states: { KB5034441: "Missing" } },
        ],
        summary: { KB5034441: { Installed: 1, Missing: 1 } },
      },
    ]);
    const other = await runCli(["status", "--stack", "prod", "--kb", "KB5034441", "--group", "QA-Web"]);
    assert.equal(other.code, 1);
    assert.match(
      other.err,
      /--group QA-Web is not a patch group of stack prod: Prod-App, Prod-Linux, Prod-OnPrem, Prod-Web/,
    );
  });
});
