import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import type { AwsScope } from "../scope";

/** A baseline the patch policy selects for its operating system. */
export interface SelectedBaseline {
  readonly operatingSystem: string;
  readonly baselineId: pulumi.Input<string>;
  readonly name: string;
  readonly description: string;
}

/** The patch policy in Quick Setup's own terms (AWSQuickSetupType-PatchPolicy parameters). */
export interface PatchPolicySettings {
  /** @default "patching" */
  readonly policyName?: string;
  /** @default "Scan" */
  readonly operation?: "Scan" | "ScanAndInstall";
  /** @default "cron(0 1 * * ? *)" */
  readonly scanSchedule?: string;
  /** Required for ScanAndInstall. @default none */
  readonly installSchedule?: string;
  /** @default "RebootIfNeeded" */
  readonly rebootOption?: "RebootIfNeeded" | "NoReboot";
  /** "stack": the given stack baselines; "default": AWS's default baselines. @default "default" */
  readonly baselines?: "stack" | "default";
  /** OUs (or the root) to deploy to; give these or targetAccounts. @default [] */
  readonly targetOrganizationalUnits?: readonly string[];
  /** @default [] (this account) */
  readonly targetAccounts?: readonly string[];
  /** Regions to deploy to, at least one. */
  readonly targetRegions: readonly string[];
  /** Patch only instances with this tag (with targetTagValue). @default all instances */
  readonly targetTagKey?: string;
  /** @default none */
  readonly targetTagValue?: string;
  /** @default "10%" */
  readonly rateControlConcurrency?: string;
  /** @default "2%" */
  readonly rateControlErrorThreshold?: string;
}

/** Defaults of a patch policy, written once: the config schema applies these. */
export const PATCH_POLICY_DEFAULTS = {
  policyName: "patching",
  operation: "Scan",
  scanSchedule: "cron(0 1 * * ? *)",
  rebootOption: "RebootIfNeeded",
  rateControlConcurrency: "10%",
  rateControlErrorThreshold: "2%",
} as const;

export interface QuickSetupPatchPolicyArgs extends PatchPolicySettings {
  readonly scope: pulumi.Input<AwsScope>;
  /** The stack's baselines, one per OS, when `baselines` is "stack". @default [] */
  readonly stackBaselines?: pulumi.Input<SelectedBaseline>[];
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/** Quick Setup's SelectedPatchBaselines parameter: OS → baseline. */
export function selectedPatchBaselines(baselines: readonly pulumi.Unwrap<SelectedBaseline>[]): string {
  return JSON.stringify(
    Object.fromEntries(
      baselines.map((b) => [
        b.operatingSystem,
        { value: b.baselineId, label: b.name, description: b.description, disabled: false },
      ]),
    ),
  );
}

/** The patch policy's parameters, all strings as Quick Setup takes them. */
export function patchPolicyParameters(
  given: PatchPolicySettings,
  region: string,
  accountId: string,
  selected: string,
): Record<string, string> {
  const args = { ...PATCH_POLICY_DEFAULTS, targetOrganizationalUnits: [], targetAccounts: [], ...given };
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
  if (args.installSchedule)
    Object.assign(parameters, {
      ConfigurationOptionsInstallValue: args.installSchedule,
      ConfigurationOptionsInstallNextInterval: "false",
    });
  if (args.targetTagKey && args.targetTagValue)
    Object.assign(parameters, { TargetTagKey: args.targetTagKey, TargetTagValue: args.targetTagValue });
  if (args.targetOrganizationalUnits.length > 0)
    parameters.TargetOrganizationalUnits = args.targetOrganizationalUnits.join(",");
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
    if ((args.targetOrganizationalUnits ?? []).length > 0 && (args.targetAccounts ?? []).length > 0) {
      throw new Error(`QuickSetupPatchPolicy ${name}: give targetOrganizationalUnits or targetAccounts, not both`);
    }
    const selected =
      args.baselines === "stack"
        ? pulumi.all(args.stackBaselines ?? []).apply((b) => selectedPatchBaselines(b))
        : aws.ssm.getPatchBaselinesOutput({ defaultBaselines: true }, parent).baselineIdentities.apply((ids) =>
            selectedPatchBaselines(
              ids.map((b) => ({
                operatingSystem: b.operatingSystem,
                baselineId: b.baselineId,
                name: b.baselineName,
                description: b.baselineDescription,
              })),
            ),
          );
    const local = (args.targetOrganizationalUnits ?? []).length === 0;
    const policyName = args.policyName ?? PATCH_POLICY_DEFAULTS.policyName;

    this.manager = new aws.ssm.QuicksetupConfigurationManager(
      `${name}-manager`,
      {
        name: policyName,
        description: `Patch policy ${policyName} managed by the patching stack`,
        configurationDefinition: {
          type: "AWSQuickSetupType-PatchPolicy",
          parameters: pulumi
            .all([scope, selected])
            .apply(([s, sel]) => patchPolicyParameters(args, s.region, s.accountId, sel)),
          localDeploymentAdministrationRoleArn: local
            ? pulumi.interpolate`arn:${scope.partition}:iam::${scope.accountId}:role/AWS-QuickSetup-PatchPolicy-LocalAdministrationRole`
            : undefined,
          localDeploymentExecutionRoleName: local ? "AWS-QuickSetup-PatchPolicy-LocalExecutionRole" : undefined,
        },
        tags: args.tags,
      },
      parent,
    );
    this.registerOutputs({ managerArn: this.manager.managerArn });
  }
}
