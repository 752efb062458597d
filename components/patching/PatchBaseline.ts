import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { BaselineConfig, ruleFilters } from "../../config/schema";

export type PatchBaselineArgs = BaselineConfig & {
  /** The baseline's name in AWS, e.g. `Windows-Test`. */
  readonly baselineName: string;
  /** @default {} */
  readonly tags?: Record<string, string>;
};

/** The aws.ssm.PatchBaseline inputs for a validated baseline: rule shorthands become AWS patch filters. */
export function patchBaselineInputs(args: PatchBaselineArgs): aws.ssm.PatchBaselineArgs {
  const os = args.operatingSystem;
  return {
    name: args.baselineName,
    operatingSystem: os,
    description: args.description ?? `${os} patch baseline managed by the patching stack`,
    globalFilters: args.globalFilters.map((f) => ({ key: f.key, values: f.values })),
    approvalRules: args.approvalRules.map((rule) => ({
      patchFilters: ruleFilters(os, rule).map((f) => ({ key: f.key, values: f.values })),
      approveAfterDays: rule.approveAfterDays,
      approveUntilDate: rule.approveUntilDate,
      complianceLevel: rule.complianceLevel,
      enableNonSecurity: rule.enableNonSecurity,
    })),
    approvedPatches: args.approvedPatches,
    approvedPatchesComplianceLevel: args.approvedPatchesComplianceLevel,
    approvedPatchesEnableNonSecurity: args.approvedPatchesEnableNonSecurity,
    rejectedPatches: args.rejectedPatches,
    rejectedPatchesAction: args.rejectedPatchesAction,
    sources: args.sources.map((s) => ({ name: s.name, products: s.products, configuration: s.configuration })),
    tags: args.tags,
  };
}

/**
 * One patch baseline (SCCM: a software update group with its automatic deployment rules). Its
 * patch groups and its role as the OS default are registered beside it (registrations.ts), keyed
 * by group and OS, so renaming the baseline or moving a group never leaves either unregistered.
 */
export class PatchBaseline extends pulumi.ComponentResource {
  public readonly baseline: aws.ssm.PatchBaseline;
  public readonly baselineId: pulumi.Output<string>;
  public readonly operatingSystem: string;

  constructor(name: string, args: PatchBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:ssm:PatchBaseline", name, {}, opts);
    const parent = { parent: this };
    this.baseline = new aws.ssm.PatchBaseline(`${name}-baseline`, patchBaselineInputs(args), parent);
    this.baselineId = this.baseline.id;
    this.operatingSystem = args.operatingSystem;
    this.registerOutputs({ baselineId: this.baselineId, operatingSystem: this.operatingSystem });
  }
}
