import { strict as assert } from "assert";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { adoptEstate } from "../adopt";
import { Estate } from "../adopt/read";
import { USER_PROJECT_FILE } from "../cli/init";
import { patchViewersPolicy } from "../components/iam/adminPolicies";
import { parseStackFile } from "../config/stackConfig";
import { declarePatchingStack } from "../program";
import { runUnderMocks } from "../offline/recordingRuntime";
import { adoptStandIn, standInUrl } from "./helpers/adoptStandIn";
import { awsView } from "./helpers/awsView";
import { runCli } from "./helpers/plan";

/**
 * The walkthrough's console-built estate (tests/fixtures/adopt/walkthrough-estate.json): baseline
 * Windows-Test for patch group Test, window Patching-Test on Saturdays at 02:00 UTC for 2 hours with
 * its Configure-patching target and task; beside them what adopt must leave alone and say so: a
 * Quick Setup baseline, a group on AWS's own baseline, a PowerShell task and a Lambda window. Every
 * response is shaped as AWS's API model documents it (botocore ssm service-2.json).
 */
const FIXTURES = path.join(__dirname, "fixtures", "adopt");
const estate: Estate = JSON.parse(fs.readFileSync(path.join(FIXTURES, "walkthrough-estate.json"), "utf8"));
const expected = (file: string) => fs.readFileSync(path.join(FIXTURES, file), "utf8");

describe("adopt: the walkthrough's console-built estate", () => {
  it("becomes the checked-in stack file and import file, with a report of what it left and why", async () => {
    const adoption = await adoptEstate("walkthrough", "us-east-1", estate);
    assert.equal(adoption.stackFile, expected("Pulumi.walkthrough.yaml"));
    assert.equal(`${JSON.stringify(adoption.importFile, null, 2)}\n`, expected("walkthrough.import.json"));
    assert.deepEqual(
      adoption.report.notAdopted.map((n) => `${n.kind} ${n.id}`),
      [
        "baseline pb-0f1e2d3c4b5a69788",
        "patch group Legacy,arn:aws:ssm:us-east-1:075727635805:patchbaseline/pb-0e392de35e7c563b7",
        "default baseline arn:aws:ssm:us-east-1:075727635805:patchbaseline/pb-0e392de35e7c563b7",
        "task mw-0c50858d01a1b2c3d/1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
        "task mw-0d1e2f3a4b5c6d7e8/9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f",
        "window mw-0d1e2f3a4b5c6d7e8",
      ],
    );
    assert.match(adoption.report.notAdopted[3].reason, /AWS-RunPowerShellScript, not AWS-RunPatchBaseline/);
    assert.match(adoption.report.notAdopted[4].reason, /a LAMBDA task/);
    assert.deepEqual(
      adoption.report.changes.map((c) => c.reason),
      ["it runs under the stack's least-privilege window service role (now the service-linked role)"],
    );
  });

  it("zero differences: what the adopted stack declares is what the account has, but for that service role", async () => {
    const { config } = parse(expected("Pulumi.walkthrough.yaml"));
    const raw = Object.fromEntries(
      Object.entries(config)
        .filter(([key]) => key.startsWith("patching:"))
        .map(([key, value]) => [key.slice("patching:".length), value]),
    );
    const declared = awsView((await runUnderMocks(declarePatchingStack, "walkthrough", raw, "us-east-1")).resources);
    const withoutIds = (e: Estate) => ({
      baselines: e.baselines.filter((b) => b.Name === "Windows-Test").map(({ BaselineId: _, ...b }) => b),
      patchGroups: e.patchGroups.filter((m) => m.PatchGroup === "Test").map((m) => m.BaselineIdentity?.BaselineName),
      windows: e.windows
        .filter((w) => w.window.Name === "Patching-Test")
        .map((w) => ({
          window: { ...w.window, WindowId: undefined },
          targets: w.targets.map((t) => ({ ...t, WindowId: undefined, WindowTargetId: undefined })),
          tasks: w.tasks
            .filter((t) => t.TaskArn === "AWS-RunPatchBaseline")
            .map((t) => ({
              ...t,
              WindowId: undefined,
              WindowTaskId: undefined,
              ServiceRoleArn: undefined,
              Targets: [],
            })),
        })),
    });
    assert.deepEqual(withoutIds(declared), withoutIds(estate));
  });

  it("names every resource by the provider's documented import id", async () => {
    // terraform-provider-aws website/docs/r/ssm_*.html.markdown, "Import" (pulumi-aws carries them):
    // baseline pb-…; patch group <group>,<baseline id>; window mw-…; target and task <window id>/<id>;
    // default patch baseline by its baseline id, ARN or operating system.
    const forms: Record<string, RegExp> = {
      "aws:ssm/patchBaseline:PatchBaseline": /^pb-[0-9a-f]{17}$/,
      "aws:ssm/patchGroup:PatchGroup": /^[^,]+,pb-[0-9a-f]{17}$/,
      "aws:ssm/maintenanceWindow:MaintenanceWindow": /^mw-[0-9a-f]{17}$/,
      "aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget": /^mw-[0-9a-f]{17}\/[0-9a-f-]{36}$/,
      "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask": /^mw-[0-9a-f]{17}\/[0-9a-f-]{36}$/,
    };
    const { importFile } = await adoptEstate("walkthrough", "us-east-1", estate);
    for (const entry of importFile.resources.filter((e) => !e.component)) assert.match(entry.id!, forms[entry.type]);
    assert.equal(importFile.resources.filter((e) => !e.component).length, 5);
  });

  it("an account without patching resources: nothing to adopt, in one line", async () => {
    const empty: Estate = { baselines: [], patchGroups: [], defaults: {}, windows: [estate.windows[1]] };
    await assert.rejects(
      adoptEstate("walkthrough", "us-east-1", empty),
      /^AdoptError: no patch baseline of this account and no patching window in us-east-1: nothing to adopt/,
    );
  });
});

describe("adopt as a command, against a local SSM stand-in that serves one item per page", () => {
  let project: string;
  const saved = { ...process.env };
  let server: http.Server | undefined;
  const serve = async (served: Estate, calls: { operation: string; input: any }[] = [], throttle = 0) => {
    server = await adoptStandIn(served, calls, throttle);
    process.env.AWS_ENDPOINT_URL_SSM = standInUrl(server);
  };
  beforeEach(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), "patching-adopt-"));
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), USER_PROJECT_FILE);
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: "AKIDSTANDIN", AWS_SECRET_ACCESS_KEY: "stand-in" });
  });
  afterEach(() => {
    server?.close();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    fs.rmSync(project, { recursive: true, force: true });
  });
  const adopt = (...extra: string[]) =>
    runCli(["--cwd", project, "adopt", "--stack", "walkthrough", "--region", "us-east-1", ...extra]);

  it("follows every page of every list call, writes both files, and never overwrites without --force", async () => {
    const calls: { operation: string; input: any }[] = [];
    await serve(estate, calls);
    const { code, out, err } = await adopt();
    assert.equal(code, 0, err);
    assert.equal(
      fs.readFileSync(path.join(project, "Pulumi.walkthrough.yaml"), "utf8"),
      expected("Pulumi.walkthrough.yaml"),
    );
    assert.equal(
      fs.readFileSync(path.join(project, "walkthrough.import.json"), "utf8"),
      expected("walkthrough.import.json"),
    );
    assert.doesNotThrow(() => parseStackFile("walkthrough", project), "the stack file passes our own validation");
    assert.match(out, /^Not adopted \(6\):$/m);
    assert.match(out, /pulumi import --file walkthrough\.import\.json/);
    const tokens = (operation: string) =>
      calls.filter((c) => c.operation === operation).map((c) => c.input.NextToken ?? null);
    assert.deepEqual(tokens("DescribePatchBaselines"), [null, "1"]);
    assert.deepEqual(tokens("DescribeMaintenanceWindows"), [null, "1"]);
    assert.deepEqual(tokens("DescribePatchGroups"), [null, "1"]);
    assert.deepEqual(tokens("DescribeMaintenanceWindowTasks"), [null, "1", null]);
    // Only the read-only calls docs/adopt.md lists for IAM, every one of them granted by PatchViewers.
    const viewer = patchViewersPolicy().Statement.flatMap((st) => [st.Action].flat());
    for (const call of new Set(calls.map((c) => c.operation))) assert.ok(viewer.includes(`ssm:${call}`), call);
    assert.deepEqual([...new Set(calls.map((c) => c.operation))].sort(), [
      "DescribeMaintenanceWindowTargets",
      "DescribeMaintenanceWindowTasks",
      "DescribeMaintenanceWindows",
      "DescribePatchBaselines",
      "DescribePatchGroups",
      "GetDefaultPatchBaseline",
      "GetMaintenanceWindow",
      "GetMaintenanceWindowTask",
      "GetPatchBaseline",
    ]);
    const again = await adopt();
    assert.deepEqual(
      [again.code, again.err.trim()],
      [1, "Pulumi.walkthrough.yaml and walkthrough.import.json already exist: pass --force to overwrite"],
    );
    assert.equal((await adopt("--force", "--import-file", "adopted.json")).code, 0);
    assert.ok(fs.existsSync(path.join(project, "adopted.json")));
  });

  it("rides out throttling through the SDK's retry", async () => {
    process.env.AWS_MAX_ATTEMPTS = "3";
    const calls: { operation: string; input: any }[] = [];
    await serve(estate, calls, 2);
    const { code, err } = await adopt();
    assert.equal(code, 0, err);
    assert.deepEqual(
      calls.slice(0, 3).map((c) => c.operation),
      Array(3).fill("DescribePatchBaselines"),
    );
  });

  it("without credentials: one line, exit 1, nothing written", async () => {
    await serve(estate);
    Object.assign(process.env, {
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_CONFIG_FILE: path.join(project, "none"),
      AWS_SHARED_CREDENTIALS_FILE: path.join(project, "none"),
    });
    for (const key of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_SESSION_TOKEN"])
      delete process.env[key];
    const { code, err } = await adopt();
    assert.deepEqual(
      [code, err.trim()],
      [
        1,
        "no AWS credentials: set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or run where an instance role is",
      ],
    );
    assert.deepEqual(fs.readdirSync(project), ["Pulumi.yaml"]);
  });
});
