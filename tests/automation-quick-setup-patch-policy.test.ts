import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { automationOps, pulumiOnPath } from "../automation/workspace";
import { PROJECT_DIR } from "../config/stackFile";
import { buildConfig, configProblems, minimalConfig, named } from "./helpers/run";

describe("automation: Quick Setup patch policy", () => {
  const quickSetup = (patch: Record<string, unknown>) => ({
    ...minimalConfig(),
    quickSetupPatchPolicy: {
      enabled: true,
      targetOrganizationalUnits: ["ou-ab12-cdef3456"],
      targetRegions: ["eu-west-1", "eu-central-1"],
      ...patch,
    },
  });

  it("deploys the stack's baselines across OUs and regions through Quick Setup", async () => {
    const raw = quickSetup({
      operation: "ScanAndInstall",
      installSchedule: "cron(0 3 ? * SUN *)",
      targetTagKey: "Patch Group",
      targetTagValue: "Test",
    });
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
      SelectedPatchBaselines: JSON.stringify({
        WINDOWS: {
          value: "patching-Windows-Test-baseline-id",
          label: "Windows-Test",
          description: "Windows-Test",
          disabled: false,
        },
      }),
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
    const definition = named((await buildConfig(raw, "prod")).resources, "patching-quick-setup-manager").inputs
      .configurationDefinition;
    assert.equal(definition.parameters.TargetAccounts, "111122223333");
    assert.equal(definition.parameters.PatchBaselineUseDefault, "default");
    assert.deepEqual(Object.keys(JSON.parse(definition.parameters.SelectedPatchBaselines)), [
      "WINDOWS",
      "AMAZON_LINUX_2023",
    ]);
    assert.equal(
      definition.localDeploymentAdministrationRoleArn,
      "arn:aws:iam::123456789012:role/AWS-QuickSetup-PatchPolicy-LocalAdministrationRole",
    );
  });

  it("refuses incomplete or contradictory targets, naming the key", () => {
    const problems = (patch: Record<string, unknown>) => configProblems(quickSetup(patch), "prod").join("\n");
    assert.match(
      problems({ targetAccounts: ["111122223333"] }),
      /patching:quickSetupPatchPolicy\.targetOrganizationalUnits = \["ou-ab12-cdef3456"\]: give exactly one of targetOrganizationalUnits or targetAccounts/,
    );
    assert.match(
      problems({ operation: "ScanAndInstall" }),
      /patching:quickSetupPatchPolicy\.installSchedule = \(missing\): required when operation is ScanAndInstall/,
    );
    assert.match(
      problems({ targetOrganizationalUnits: ["finance"] }),
      /patching:quickSetupPatchPolicy\.targetOrganizationalUnits\[0\] = "finance": must be an organizational unit id/,
    );
    assert.match(
      problems({ targetRegions: ["Frankfurt"] }),
      /patching:quickSetupPatchPolicy\.targetRegions\[0\] = "Frankfurt": must be an AWS region/,
    );
  });
});

describe("automation: integration with the real Automation API", function () {
  this.timeout(120000);

  it("creates a stack on a local file backend and writes promoted config back to its stack file", async function () {
    if (!pulumiOnPath()) {
      console.log(
        "      skipped: no pulumi CLI on PATH, so the real Automation API cannot run here (the orchestration is tested above against an injected workspace)",
      );
      this.skip();
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-automation-"));
    for (const file of ["Pulumi.yaml", "Pulumi.test.yaml", "Pulumi.prod.yaml"])
      fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(dir, file));
    fs.mkdirSync(path.join(dir, "state"));
    const ops = automationOps({
      workDir: dir,
      backendUrl: `file://${path.join(dir, "state")}`,
      passphrase: "integration-test",
      secretsProvider: "passphrase",
    });
    await ops.setConfig(
      "test",
      'patching:baselines["Windows-QA"].approvalRules[0].approveUntilDate',
      "2026-11-10",
      true,
    );
    const { changes } = await (await import("../automation/promotion")).promote(ops, "test", "prod");
    assert.deepEqual(changes, []);
    assert.match(fs.readFileSync(path.join(dir, "Pulumi.test.yaml"), "utf8"), /approveUntilDate: "?2026-11-10"?/);
    assert.deepEqual(await ops.outputs("test"), {});
  });
});
