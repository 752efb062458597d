import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { fanOut, fanOutConfig, fanOutStackName, mapBounded, parseTargets } from "../automation/fanout";
import { promotionChanges, rollout, rolloutTable } from "../automation/rollout";
import { automationOps, OperationOptions, OperationResult, patchingProgram, pulumiOnPath, StackOps } from "../automation/workspace";
import { DeployContext, progressLine } from "../cli/deploy";
import { main } from "../cli/main";
import { PROJECT_DIR, readStackFile } from "../config/stackFile";
import { RecordedResource, RecordingMocks, resolve, settle } from "../testing/mockRuntime";
import { buildConfig, configProblems, minimalConfig, named } from "./helpers/run";

type Call = { op: string; stack: string; options?: OperationOptions };

/** An in-memory workspace: config per stack, a log of calls, failures on demand. */
class FakeOps implements StackOps {
  readonly calls: Call[] = [];
  readonly config = new Map<string, Record<string, unknown>>();
  inFlight = 0;
  maxInFlight = 0;
  constructor(private readonly fail: Record<string, string> = {}, private readonly delayMs = 0) {}

  private async op(op: string, stack: string, options?: OperationOptions): Promise<OperationResult> {
    this.calls.push({ op, stack, options });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setTimeout(r, this.delayMs));
    this.inFlight--;
    const failure = this.fail[`${op} ${stack}`];
    if (failure) throw new Error(failure);
    return { changes: { create: 2, same: 5 } };
  }
  preview = (s: string, o?: OperationOptions) => this.op("preview", s, o);
  up = (s: string, o?: OperationOptions) => this.op("up", s, o);
  refresh = (s: string, o?: OperationOptions) => this.op("refresh", s, o);
  destroy = (s: string, o?: OperationOptions) => this.op("destroy", s, o);
  async outputs(stack: string) {
    this.calls.push({ op: "outputs", stack });
    return { instanceRoleName: { value: "EC2-SSMCore", secret: false }, activationCode: { value: "code-123", secret: true } };
  }
  async getConfig(stack: string, key: string) {
    const value = this.config.get(stack)?.[key];
    return value === undefined ? undefined : JSON.stringify(value);
  }
  async setConfig(stack: string, key: string, value: string, isPath?: boolean) {
    this.calls.push({ op: `setConfig ${key}=${value}${isPath ? " (path)" : ""}`, stack });
    const match = /^(\w+:\w+)\["([^"]+)"\]\.approvalRules\[(\d+)\]\.approveUntilDate$/.exec(key);
    assert.ok(isPath && match, `unexpected config path ${key}`);
    const baselines = this.config.get(stack)![match[1]] as Record<string, { approvalRules: Record<string, unknown>[] }>;
    baselines[match[2]].approvalRules[Number(match[3])].approveUntilDate = value;
  }
}

const baselines = (os: string, dates: string[]) => ({
  operatingSystem: os,
  approvalRules: dates.map((d) => ({ classifications: ["SecurityUpdates"], approveUntilDate: d })),
});

describe("automation: staged rollout", () => {
  it("previews, confirms and deploys each stage in order", async () => {
    const ops = new FakeOps();
    const asked: string[] = [];
    const results = await rollout(ops, { stages: ["dev", "test", "prod"], confirm: async (stage) => (asked.push(stage), true) });
    assert.deepEqual(ops.calls.map((c) => `${c.op} ${c.stack}`), ["preview dev", "up dev", "preview test", "up test", "preview prod", "up prod"]);
    assert.deepEqual(asked, ["dev", "test", "prod"]);
    assert.deepEqual(results.map((r) => [r.stage, r.status, r.deployed]), [
      ["dev", "deployed", { create: 2, same: 5 }], ["test", "deployed", { create: 2, same: 5 }], ["prod", "deployed", { create: 2, same: 5 }],
    ]);
  });

  it("stops at the first failure and reports the later stages as not run", async () => {
    const ops = new FakeOps({ "up test": "AccessDenied: ssm:CreatePatchBaseline" });
    const results = await rollout(ops, { stages: ["dev", "test", "prod"], confirm: async () => true });
    assert.deepEqual(results.map((r) => [r.stage, r.status, r.error]), [
      ["dev", "deployed", undefined], ["test", "failed", "AccessDenied: ssm:CreatePatchBaseline"], ["prod", "not run", undefined],
    ]);
    assert.ok(!ops.calls.some((c) => c.stack === "prod"));
    const table = rolloutTable(results).split("\n");
    assert.match(table[0], /^ {2}Stage +Status +Preview +Deployed +Promoted approveUntilDate +Time +Error$/);
    assert.match(table[2], /^ {2}test +failed +create 2, same 5 +— +— +[\d.]+s +AccessDenied: ssm:CreatePatchBaseline$/);
    assert.match(table[3], /^ {2}prod +not run/);
  });

  it("stops when a stage is declined after its preview", async () => {
    const ops = new FakeOps();
    const results = await rollout(ops, { stages: ["dev", "test"], confirm: async (stage) => stage !== "test" });
    assert.deepEqual(results.map((r) => r.status), ["deployed", "declined"]);
    assert.deepEqual(ops.calls.map((c) => `${c.op} ${c.stack}`), ["preview dev", "up dev", "preview test"]);
  });
});

describe("automation: promotion of approveUntilDate", () => {
  it("carries each OS's latest cutoff to the next stage's rules of that OS", () => {
    const changes = promotionChanges(
      { "Windows-QA": baselines("WINDOWS", ["2026-11-10", "2026-11-12"]), "AL-QA": baselines("AMAZON_LINUX_2023", ["2026-11-20"]) },
      { "Windows-Prod": baselines("WINDOWS", ["2026-10-13"]), "AL-Prod": baselines("AMAZON_LINUX_2023", ["2026-11-20"]), "Ubuntu": { operatingSystem: "UBUNTU", approvalRules: [{}] } },
    );
    assert.deepEqual(changes, [{
      baseline: "Windows-Prod", rule: 0, operatingSystem: "WINDOWS", from: "2026-10-13", to: "2026-11-12",
      key: 'patching:baselines["Windows-Prod"].approvalRules[0].approveUntilDate',
    }]);
  });

  it("writes the cutoff into the next stack's config through the workspace before previewing it", async () => {
    const ops = new FakeOps();
    ops.config.set("test", { "patching:baselines": { "Windows-QA": baselines("WINDOWS", ["2026-11-10"]) } });
    ops.config.set("prod", { "patching:baselines": { "Windows-Prod": baselines("WINDOWS", ["2026-10-13"]) } });
    const results = await rollout(ops, { stages: ["test", "prod"], promote: true, confirm: async () => true });
    assert.deepEqual(ops.calls.map((c) => `${c.op} ${c.stack}`), [
      "preview test", "up test", 'setConfig patching:baselines["Windows-Prod"].approvalRules[0].approveUntilDate=2026-11-10 (path) prod', "preview prod", "up prod",
    ]);
    assert.equal((ops.config.get("prod")!["patching:baselines"] as any)["Windows-Prod"].approvalRules[0].approveUntilDate, "2026-11-10");
    assert.deepEqual(results[1].promoted.map((p) => `${p.from}→${p.to}`), ["2026-10-13→2026-11-10"]);
    assert.match(rolloutTable(results), /Windows-Prod\[0\] 2026-10-13→2026-11-10/);
  });
});

describe("automation: fan-out over accounts and regions", () => {
  const base = {
    "aws:region": "eu-central-1",
    "patching:instanceRole": { roleName: "EC2-SSMCore-prod" },
    "patching:onboarding": { adminPolicies: { enabled: true, administratorGroups: ["patch-administrators"] } },
  };

  it("parses targets and refuses bad ones with the entry and the rule", () => {
    assert.deepEqual(parseTargets(["eu-west-1", "111122223333:us-east-1:arn:aws:iam::111122223333:role/PatchDeploy"]), [
      { region: "eu-west-1" },
      { account: "111122223333", region: "us-east-1", roleArn: "arn:aws:iam::111122223333:role/PatchDeploy" },
    ]);
    assert.throws(() => parseTargets(["eu-west"]), /fan-out target eu-west: region eu-west is not an AWS region/);
    assert.throws(() => parseTargets(["1234:eu-west-1"]), /account 1234 is not a 12-digit account id/);
    assert.throws(() => parseTargets(["111122223333:eu-west-1:arn:aws:iam::999988887777:role/X"]), /the role is not in account 111122223333/);
  });

  it("gives each target its own stack, region, assumed role and per-region IAM names; account-wide policies once per account", () => {
    const [a, b] = parseTargets(["111122223333:eu-west-1:arn:aws:iam::111122223333:role/PatchDeploy", "111122223333:us-east-1:arn:aws:iam::111122223333:role/PatchDeploy"]);
    assert.equal(fanOutStackName("prod", a), "prod-111122223333-eu-west-1");
    assert.equal(fanOutStackName("prod", { region: "eu-west-1" }), "prod-eu-west-1");
    const first = fanOutConfig("prod", base, a, true);
    assert.deepEqual(first, {
      ...base,
      "aws:region": "eu-west-1",
      "patching:environment": "prod",
      "aws:assumeRoles[0].roleArn": "arn:aws:iam::111122223333:role/PatchDeploy",
      "aws:assumeRoles[0].sessionName": "patching-prod",
      "patching:instanceRole": { roleName: "EC2-SSMCore-prod-eu-west-1" },
    });
    assert.equal((fanOutConfig("prod", base, b, false)["patching:onboarding"] as any).adminPolicies.enabled, false);
  });

  it("runs at most `concurrency` stacks at once, isolates failures and reports every stack", async () => {
    const ops = new FakeOps({ "up prod-eu-west-2": "ExpiredToken" }, 15);
    const targets = parseTargets(["eu-west-1", "eu-west-2", "eu-west-3", "us-east-1", "us-east-2", "us-west-2"]);
    const results = await fanOut(ops, { base: "prod", baseConfig: base, targets, concurrency: 2 });
    assert.equal(ops.maxInFlight, 2);
    assert.deepEqual(results.map((r) => [r.stack, r.status]), [
      ["prod-eu-west-1", "succeeded"], ["prod-eu-west-2", "failed"], ["prod-eu-west-3", "succeeded"],
      ["prod-us-east-1", "succeeded"], ["prod-us-east-2", "succeeded"], ["prod-us-west-2", "succeeded"],
    ]);
    assert.equal(results[1].error, "ExpiredToken");
    assert.equal((ops.calls.find((c) => c.stack === "prod-us-east-1")!.options!.config as Record<string, unknown>)["aws:region"], "us-east-1");
  });

  it("keeps results in input order with bounded work", async () => {
    const order: number[] = [];
    const out = await mapBounded([30, 10, 20], 3, async (ms) => {
      await new Promise((r) => setTimeout(r, ms));
      order.push(ms);
      return ms * 2;
    });
    assert.deepEqual(out, [60, 20, 40]);
    assert.deepEqual(order, [10, 20, 30]);
  });
});

describe("automation: the patching command with a workspace", () => {
  const context = (ops: StackOps, answer = true) => {
    const printed: string[] = [];
    const progress: string[] = [];
    const ctx: DeployContext = { ops, print: (t) => printed.push(t), progress: (t) => progress.push(t), ask: async () => answer };
    return { factory: () => ctx, printed, progress };
  };

  it("rollout --yes deploys every stage and prints the summary table", async () => {
    const ops = new FakeOps();
    const { factory, printed } = context(ops);
    assert.equal(await main(["rollout", "--stages", "dev,test", "--yes"], factory), 0);
    assert.match(printed.join("\n"), /^ {2}Stage +Status[\s\S]*\n {2}dev +deployed[\s\S]*\n {2}test +deployed/);
  });

  it("exits 1 when a stage fails, naming it", async () => {
    const { factory } = context(new FakeOps({ "preview test": "stack test has no config" }));
    const errors: string[] = [];
    const original = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      assert.equal(await main(["rollout", "--stages", "dev,test,prod", "--yes"], factory), 1);
    } finally {
      console.error = original;
    }
    assert.deepEqual(errors, ["patching: rollout stopped at test (failed)"]);
  });

  it("up without --yes previews, asks, and does nothing when refused", async () => {
    const ops = new FakeOps();
    const { factory } = context(ops, false);
    const original = console.error;
    console.error = () => undefined;
    try {
      assert.equal(await main(["up", "--stack", "prod"], factory), 1);
    } finally {
      console.error = original;
    }
    assert.deepEqual(ops.calls.map((c) => `${c.op} ${c.stack}`), ["preview prod"]);
  });

  it("outputs masks secrets unless asked, and --json is machine-readable", async () => {
    const { factory, printed } = context(new FakeOps());
    await main(["outputs", "--stack", "prod", "--json"], factory);
    await main(["outputs", "--stack", "prod", "--show-secrets"], factory);
    assert.deepEqual(JSON.parse(printed[0]), { instanceRoleName: "EC2-SSMCore", activationCode: "[secret]" });
    assert.equal(printed[1], "instanceRoleName: EC2-SSMCore\nactivationCode: code-123");
  });

  it("shows progress as one line per finished resource, and engine errors", () => {
    const meta = { op: "create", type: "aws:ssm/patchBaseline:PatchBaseline", urn: "urn:pulumi:dev::patching::patching:index:PatchingStack$aws:ssm/patchBaseline:PatchBaseline::patching-Windows-Test-baseline" };
    assert.equal(progressLine({ resOutputsEvent: { metadata: meta } } as never), "  ✓ create aws:ssm/patchBaseline:PatchBaseline patching-Windows-Test-baseline");
    assert.equal(progressLine({ resOpFailedEvent: { metadata: meta, status: 1, steps: 1 } } as never), "  ✗ create aws:ssm/patchBaseline:PatchBaseline patching-Windows-Test-baseline failed");
    assert.equal(progressLine({ diagnosticEvent: { severity: "error", message: "boom\n", color: "never" } } as never), "  ! boom");
    assert.equal(progressLine({ resOutputsEvent: { metadata: { ...meta, op: "same" } } } as never), undefined);
  });

  it("without a pulumi CLI, says in one sentence how to install it and exits non-zero", async () => {
    const saved = process.env.PATH;
    const errors: string[] = [];
    const original = console.error;
    process.env.PATH = fs.mkdtempSync(path.join(os.tmpdir(), "no-pulumi-"));
    console.error = (m: string) => errors.push(m);
    try {
      assert.equal(pulumiOnPath(), false);
      for (const command of [["preview", "--stack", "dev"], ["up", "--stack", "dev", "--yes"], ["outputs", "--stack", "dev"], ["rollout", "--yes"]]) {
        assert.equal(await main(command), 1, command.join(" "));
      }
    } finally {
      process.env.PATH = saved;
      console.error = original;
    }
    assert.equal(new Set(errors).size, 1);
    assert.match(errors[0], /^This command needs the pulumi CLI, which is not on PATH: install it \(curl -fsSL https:\/\/get\.pulumi\.com \| sh, or see https:\/\/www\.pulumi\.com\/docs\/install\/\) and run it again\.$/);
  });
});

describe("automation: the inline program is the program index.ts runs", () => {
  /** Runs a program with a stack file's config under mocks, the way the engine would feed it. */
  async function record(stack: string, run: () => unknown): Promise<RecordedResource[]> {
    const config = readStackFile(stack);
    pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])));
    const mocks = new RecordingMocks(String(config["aws:region"]));
    await mocks.install(stack);
    try {
      await resolve(await run());
      await settle();
    } finally {
      pulumi.runtime.setAllConfig({});
    }
    return mocks.resources.map((r) => ({ ...r })).sort((a, b) => `${a.type}${a.name}`.localeCompare(`${b.type}${b.name}`));
  }

  for (const stack of ["dev", "test", "prod"]) {
    it(`declares the same resources with the same inputs as index.ts for ${stack}`, async function () {
      this.timeout(30000);
      const viaIndex = await record(stack, () => {
        const indexPath = require.resolve("../index");
        delete require.cache[indexPath];
        return require(indexPath);
      });
      const viaInline = await record(stack, () => patchingProgram()());
      assert.ok(viaIndex.length > 10);
      assert.deepEqual(viaInline, viaIndex);
    });
  }
});

describe("automation: Quick Setup patch policy", () => {
  const quickSetup = (patch: Record<string, unknown>) => ({
    ...minimalConfig(),
    quickSetupPatchPolicy: { enabled: true, targetOrganizationalUnits: ["ou-ab12-cdef3456"], targetRegions: ["eu-west-1", "eu-central-1"], ...patch },
  });

  it("deploys the stack's baselines across OUs and regions through Quick Setup", async () => {
    const raw = quickSetup({ operation: "ScanAndInstall", installSchedule: "cron(0 3 ? * SUN *)", targetTagKey: "Patch Group", targetTagValue: "Test" });
    const manager = named((await buildConfig(raw, "prod")).resources, "patching-quick-setup-manager").inputs;
    assert.equal(manager.configurationDefinition.type, "AWSQuickSetupType-PatchPolicy");
    assert.equal(manager.configurationDefinition.localDeploymentAdministrationRoleArn, undefined);
    assert.deepEqual(manager.configurationDefinition.parameters, {
      ConfigurationOptionsPatchOperation: "ScanAndInstall",
      ConfigurationOptionsScanValue: "cron(0 1 * * ? *)",
      ConfigurationOptionsScanNextInterval: "false",
      ConfigurationOptionsInstallValue: "cron(0 3 ? * SUN *)",
      ConfigurationOptionsInstallNextInterval: "false",
      RebootOption: "RebootIfNeeded",
      PatchBaselineRegion: "us-east-1",
      PatchBaselineUseDefault: "custom",
      PatchPolicyName: "patching",
      SelectedPatchBaselines: JSON.stringify({ WINDOWS: { value: "patching-Windows-Test-baseline-id", label: "Windows-Test", description: "Windows-Test", disabled: false } }),
      OutputLogEnableS3: "false",
      RateControlConcurrency: "10%",
      RateControlErrorThreshold: "2%",
      IsPolicyAttachAllowed: "false",
      TargetRegions: "eu-west-1,eu-central-1",
      TargetType: "Tags",
      TargetTagKey: "Patch Group",
      TargetTagValue: "Test",
      TargetOrganizationalUnits: "ou-ab12-cdef3456",
    });
  });

  it("uses AWS's default baselines and the local StackSet roles for account targets", async () => {
    const raw = quickSetup({ baselines: "default", targetOrganizationalUnits: [], targetAccounts: ["111122223333"] });
    const definition = named((await buildConfig(raw, "prod")).resources, "patching-quick-setup-manager").inputs.configurationDefinition;
    assert.equal(definition.parameters.TargetAccounts, "111122223333");
    assert.equal(definition.parameters.PatchBaselineUseDefault, "default");
    assert.deepEqual(Object.keys(JSON.parse(definition.parameters.SelectedPatchBaselines)), ["WINDOWS", "AMAZON_LINUX_2023"]);
    assert.equal(definition.localDeploymentAdministrationRoleArn, "arn:aws:iam::123456789012:role/AWS-QuickSetup-PatchPolicy-LocalAdministrationRole");
  });

  it("refuses incomplete or contradictory targets, naming the key", () => {
    const problems = (patch: Record<string, unknown>) => configProblems(quickSetup(patch), "prod").join("\n");
    assert.match(problems({ targetAccounts: ["111122223333"] }), /patching:quickSetupPatchPolicy\.targetOrganizationalUnits = \["ou-ab12-cdef3456"\]: give exactly one of targetOrganizationalUnits or targetAccounts/);
    assert.match(problems({ operation: "ScanAndInstall" }), /patching:quickSetupPatchPolicy\.installSchedule = \(missing\): required when operation is ScanAndInstall/);
    assert.match(problems({ targetOrganizationalUnits: ["finance"] }), /patching:quickSetupPatchPolicy\.targetOrganizationalUnits\[0\] = "finance": must be an organizational unit id/);
    assert.match(problems({ targetRegions: ["Frankfurt"] }), /patching:quickSetupPatchPolicy\.targetRegions\[0\] = "Frankfurt": must be an AWS region/);
  });
});

describe("automation: integration with the real Automation API", function () {
  this.timeout(120000);

  it("creates a stack on a local file backend and writes promoted config back to its stack file", async function () {
    if (!pulumiOnPath()) {
      console.log("      skipped: no pulumi CLI on PATH, so the real Automation API cannot run here (the orchestration is tested above against an injected workspace)");
      this.skip();
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-automation-"));
    for (const file of ["Pulumi.yaml", "Pulumi.test.yaml", "Pulumi.prod.yaml"]) fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(dir, file));
    fs.mkdirSync(path.join(dir, "state"));
    const ops = automationOps({ workDir: dir, backendUrl: `file://${path.join(dir, "state")}`, passphrase: "integration-test", secretsProvider: "passphrase" });
    await ops.setConfig("test", 'patching:baselines["Windows-QA"].approvalRules[0].approveUntilDate', "2026-11-10", true);
    const changes = await (await import("../automation/rollout")).promote(ops, "test", "prod");
    assert.deepEqual(changes, []);
    assert.match(fs.readFileSync(path.join(dir, "Pulumi.test.yaml"), "utf8"), /approveUntilDate: "?2026-11-10"?/);
    assert.deepEqual(await ops.outputs("test"), {});
  });
});
