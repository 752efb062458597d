import { PatchBaselineArgs } from "../components/patching/PatchBaseline";
import { BaselineConfig, ruleFilters } from "../config/schema";

/** A validated baseline of the stack config as PatchBaseline args: rule shorthands become AWS patch filters. */
export function baselineArgs(
  baselineName: string,
  baseline: BaselineConfig,
  tags: Record<string, string>,
): PatchBaselineArgs {
  const { patchGroups: _groups, defaultForOperatingSystem: _default, approvalRules, ...rest } = baseline;
  return {
    ...rest,
    baselineName,
    approvalRules: approvalRules.map((rule) => ({
      patchFilters: ruleFilters(baseline.operatingSystem, rule),
      approveAfterDays: rule.approveAfterDays,
      approveUntilDate: rule.approveUntilDate,
      complianceLevel: rule.complianceLevel,
      enableNonSecurity: rule.enableNonSecurity,
    })),
    tags,
  };
}
