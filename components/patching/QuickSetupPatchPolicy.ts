import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { QuickSetupConfig } from "../../config/schema";
import { AwsScope } from "../iam/policies";

/** A baseline the patch policy selects for its operating system. */
export interface SelectedBaseline {
  readonly operatingSystem: string;
  readonly baselineId: pulumi.Input<string>;
  readonly name: string;
  readonly description: string;
}

export type QuickSetupPatchPolicyArgs = QuickSetupConfig & {
  readonly scope: pulumi.Input<AwsScope>;
  /** The stack's baselines, one per OS, when `baselines` is "stack". @default [] */
  readonly stackBaselines?: pulumi.Input<SelectedBaseline>[];
  /** @default {} */
  readonly tags?: Record<string, string>;
};

/** Quick Setup's SelectedPatchBaselines parameter: OS → baseline. */
export function selectedPatchBaselines(baselines: readonly pulumi.Unwrap<SelectedBaseline>[]): string {
  return JSON.stringify(Object.fromEntries(baselines.map((b) => [b.operatingSystem, { value: b.baselineId, label: b.name, description: b.description, disabled: false }])));
}

/** The patch policy's parameters, all strings as Quick Setup takes them. */
export function patchPolicyParameters(args: QuickSetupConfig, region: string, accountId: string, selected: string): Record<string, string> {
  const parameters: Record<string, string> = {
    ConfigurationOptionsPatchOperation: args.operation,
    ConfigurationOptionsScanValue: args.scanSchedule,
    ConfigurationOptionsScanNextInterval: "false",
    RebootOption: args.rebootOption,
    PatchBaselineRegion: region,
    PatchBaselineUseDefault: args.baselines === "stack" ? "custom" : "default",
    PatchPolicyName: args.policyName,
    SelectedPatchBaselines: selected,
    OutputLogEnableS3: "false",
    RateControlConcurrency: args.rateControlConcurrency,
    RateControlErrorThreshold: args.rateControlErrorThreshold,
    IsPolicyAttachAllowed: "false",
    TargetRegions: args.targetRegions.join(","),
    TargetType: args.targetTagKey ? "Tags" : "*",
  };
  if (args.installSchedule) Object.assign(parameters, { ConfigurationOptionsInstallValue: args.installSchedule, ConfigurationOptionsInstallNextInterval: "false" });
  if (args.targetTagKey && args.targetTagValue) Object.assign(parameters, { TargetTagKey: args.targetTagKey, TargetTagValue: args.targetTagValue });
  if (args.targetOrganizationalUnits.length > 0) parameters.TargetOrganizationalUnits = args.targetOrganizationalUnits.join(",");
  else parameters.TargetAccounts = (args.targetAccounts.length > 0 ? args.targetAccounts : [accountId]).join(",");
  return parameters;
}

/**
 * For organizations that outgrow per-account stacks: a Quick Setup patch policy, which AWS deploys
 * to the chosen OUs (or accounts) and regions with CloudFormation StackSets.
 */
export class QuickSetupPatchPolicy extends pulumi.ComponentResource {
  public readonly manager: aws.ssm.QuicksetupConfigurationManager;

  constructor(name: string, args: QuickSetupPatchPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:ssm:QuickSetupPatchPolicy", name, {}, opts);
    const parent = { parent: this };
    const scope = pulumi.output(args.scope);
    const selected = args.baselines === "stack"
      ? pulumi.all(args.stackBaselines ?? []).apply((b) => selectedPatchBaselines(b))
      : aws.ssm.getPatchBaselinesOutput({ defaultBaselines: true }, parent).baselineIdentities.apply((ids) => selectedPatchBaselines(ids.map((b) => ({
        operatingSystem: b.operatingSystem, baselineId: b.baselineId, name: b.baselineName, description: b.baselineDescription,
      }))));
    const local = args.targetOrganizationalUnits.length === 0;

    this.manager = new aws.ssm.QuicksetupConfigurationManager(`${name}-manager`, {
      name: args.policyName,
      description: `Patch policy ${args.policyName} managed by the patching stack`,
      configurationDefinition: {
        type: "AWSQuickSetupType-PatchPolicy",
        parameters: pulumi.all([scope, selected]).apply(([s, sel]) => patchPolicyParameters(args, s.region, s.accountId, sel)),
        localDeploymentAdministrationRoleArn: local ? pulumi.interpolate`arn:${scope.partition}:iam::${scope.accountId}:role/AWS-QuickSetup-PatchPolicy-LocalAdministrationRole` : undefined,
        localDeploymentExecutionRoleName: local ? "AWS-QuickSetup-PatchPolicy-LocalExecutionRole" : undefined,
      },
      tags: args.tags,
    }, parent);
    this.registerOutputs({ managerArn: this.manager.managerArn });
  }
}
