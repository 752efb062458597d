import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import { OperatingSystem } from "./operatingSystems";

/** A patch filter in AWS's terms (PatchFilter): a patch property and the values it must have. */
export interface PatchFilter {
  /** e.g. PRODUCT, CLASSIFICATION, MSRC_SEVERITY; which keys apply depends on the operating system. */
  readonly key: string;
  /** 1-20 values; `*` matches all. */
  readonly values: readonly string[];
}

/**
 * An approval rule in AWS's terms (PatchRule). Give exactly one of approveAfterDays and approveUntilDate, or neither
 * on Debian-family systems.
 */
export interface ApprovalRule {
  /**
   * 1-4 filters a patch must match. @default [{ key: "PRODUCT", values: ["*"] }], as AWS's console declares "all
   * products"
   */
  readonly patchFilters?: readonly PatchFilter[];
  /** Days after release before a patch is approved, 0-360. @default none */
  readonly approveAfterDays?: number;
  /** Approve patches released up to this date, YYYY-MM-DD. @default none */
  readonly approveUntilDate?: string;
  /** Compliance severity of a missing patch of this rule. @default "UNSPECIFIED" */
  readonly complianceLevel?: string;
  /** Linux only: also approve non-security updates. @default false */
  readonly enableNonSecurity?: boolean;
}

export interface PatchBaselineArgs {
  /** The baseline's name in AWS, e.g. `Windows-Test`. */
  readonly baselineName: string;
  /** AWS's OperatingSystem enum, e.g. WINDOWS, AMAZON_LINUX_2023 (operatingSystems.ts). */
  readonly operatingSystem: OperatingSystem;
  /** @default "<OS> patch baseline managed by the patching stack" */
  readonly description?: string;
  /** Filters every patch must pass before any rule applies. @default [] */
  readonly globalFilters?: readonly PatchFilter[];
  /** @default [] */
  readonly approvalRules?: readonly ApprovalRule[];
  /** Patches always approved, e.g. KB5031364. @default [] */
  readonly approvedPatches?: readonly string[];
  /** @default "UNSPECIFIED" */
  readonly approvedPatchesComplianceLevel?: string;
  /** Linux only. @default false */
  readonly approvedPatchesEnableNonSecurity?: boolean;
  /** Patches never installed. @default [] */
  readonly rejectedPatches?: readonly string[];
  /** @default "ALLOW_AS_DEPENDENCY" */
  readonly rejectedPatchesAction?: "ALLOW_AS_DEPENDENCY" | "BLOCK";
  /** Linux only: alternative repositories. @default [] */
  readonly sources?: readonly {
    readonly name: string;
    readonly products: readonly string[];
    readonly configuration: string;
  }[];
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/** "All products", as AWS's console declares a rule without filters: the provider requires one. */
export const ALL_PRODUCTS: readonly PatchFilter[] = [{ key: "PRODUCT", values: ["*"] }];

/** The invariants AWS and the provider hold a baseline to, checked before anything is declared. */
export function baselineProblems(args: PatchBaselineArgs): string[] {
  const problems: string[] = [];
  (args.approvalRules ?? []).forEach((rule, i) => {
    const at = `PatchBaseline ${args.baselineName}: approvalRules[${i}]`;
    if (rule.patchFilters !== undefined && rule.patchFilters.length === 0)
      problems.push(`${at}.patchFilters = []: give at least one filter, or leave it out for all products`);
    if (rule.approveAfterDays !== undefined && rule.approveUntilDate !== undefined) {
      problems.push(
        `${at}: approveAfterDays = ${rule.approveAfterDays} and approveUntilDate = ${rule.approveUntilDate}: give one of them, not both`,
      );
    }
  });
  return problems;
}

/** The aws.ssm.PatchBaseline inputs of a baseline, with the defaults filled in. */
export function patchBaselineInputs(args: PatchBaselineArgs): aws.ssm.PatchBaselineArgs {
  const os = args.operatingSystem;
  return {
    name: args.baselineName,
    operatingSystem: os,
    description: args.description ?? `${os} patch baseline managed by the patching stack`,
    globalFilters: (args.globalFilters ?? []).map((f) => ({ key: f.key, values: [...f.values] })),
    approvalRules: (args.approvalRules ?? []).map((rule) => ({
      patchFilters: (rule.patchFilters ?? ALL_PRODUCTS).map((f) => ({ key: f.key, values: [...f.values] })),
      approveAfterDays: rule.approveAfterDays,
      approveUntilDate: rule.approveUntilDate,
      complianceLevel: rule.complianceLevel ?? "UNSPECIFIED",
      enableNonSecurity: rule.enableNonSecurity,
    })),
    approvedPatches: [...(args.approvedPatches ?? [])],
    approvedPatchesComplianceLevel: args.approvedPatchesComplianceLevel ?? "UNSPECIFIED",
    approvedPatchesEnableNonSecurity: args.approvedPatchesEnableNonSecurity,
    rejectedPatches: [...(args.rejectedPatches ?? [])],
    rejectedPatchesAction: args.rejectedPatchesAction ?? "ALLOW_AS_DEPENDENCY",
    sources: (args.sources ?? []).map((s) => ({
      name: s.name,
      products: [...s.products],
      configuration: s.configuration,
    })),
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
  public readonly operatingSystem: OperatingSystem;

  constructor(name: string, args: PatchBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = baselineProblems(args);
    if (problems.length > 0) throw new Error(problems.join("\n"));
    super("patching:ssm:PatchBaseline", name, {}, opts);
    const parent = { parent: this };
    this.baseline = new aws.ssm.PatchBaseline(`${name}-baseline`, patchBaselineInputs(args), parent);
    this.baselineId = this.baseline.id;
    this.operatingSystem = args.operatingSystem;
    this.registerOutputs({ baselineId: this.baselineId, operatingSystem: this.operatingSystem });
  }
}
