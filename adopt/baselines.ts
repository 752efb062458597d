import { GetPatchBaselineResult, PatchFilter, PatchRule } from "@aws-sdk/client-ssm";
import { isDeepStrictEqual } from "util";
import { isLinux, OperatingSystem } from "../config/limits";
import { ruleFilters } from "../config/schema/baselines";
import { Estate } from "./read";
import { AdoptNote, AdoptReport, when } from "./report";

type Filter = { key: string; values: string[] };
const filtersOf = (filters: PatchFilter[] | undefined): Filter[] =>
  (filters ?? []).map((f) => ({ key: f.Key ?? "", values: [...(f.Values ?? [])] }));

/** The shorthand fields of a rule, when AWS's filters are exactly what those shorthands declare. */
function ruleConfig(os: OperatingSystem, rule: PatchRule): Record<string, unknown> {
  const filters = filtersOf(rule.PatchFilterGroup?.PatchFilters);
  const delays = {
    ...(rule.ApproveAfterDays !== undefined ? { approveAfterDays: rule.ApproveAfterDays } : {}),
    ...(rule.ApproveUntilDate !== undefined ? { approveUntilDate: rule.ApproveUntilDate } : {}),
    ...(rule.ComplianceLevel && rule.ComplianceLevel !== "UNSPECIFIED"
      ? { complianceLevel: rule.ComplianceLevel }
      : {}),
    ...(isLinux(os) && rule.EnableNonSecurity !== undefined ? { enableNonSecurity: rule.EnableNonSecurity } : {}),
  };
  const fields: Record<string, string> = {
    PATCH_SET: "patchSet",
    PRODUCT_FAMILY: "productFamilies",
    PRODUCT: "products",
    CLASSIFICATION: "classifications",
    MSRC_SEVERITY: "severities",
    SEVERITY: "severities",
    PRIORITY: "severities",
  };
  const shorthand: Record<string, unknown> = {};
  for (const f of filters) {
    const field = fields[f.key];
    if (field) shorthand[field] = field === "patchSet" ? f.values[0] : f.values;
  }
  const declared = (rule: Record<string, unknown>) => ruleFilters(os, { filters: [], ...rule } as never);
  if (isDeepStrictEqual(declared({}), filters)) return delays;
  if (isDeepStrictEqual(declared(shorthand), filters)) return { ...shorthand, ...delays };
  return { filters, ...delays };
}

export function baselineConfig(
  b: GetPatchBaselineResult,
  estate: Estate,
  report: AdoptReport,
): Record<string, unknown> {
  const os = b.OperatingSystem as OperatingSystem;
  const linux = isLinux(os);
  if (!b.Description)
    report.changes.push(note("baseline", b, "has no description; the stack gives it one (an in-place update)"));
  const groups = estate.patchGroups.filter((m) => m.BaselineIdentity?.BaselineId === b.BaselineId);
  return {
    operatingSystem: os,
    ...when(Boolean(b.Description), { description: b.Description }),
    ...when(groups.length > 0, { patchGroups: groups.map((g) => g.PatchGroup) }),
    ...when(estate.defaults[os] === b.BaselineId, { defaultForOperatingSystem: true }),
    ...when((b.GlobalFilters?.PatchFilters ?? []).length > 0, {
      globalFilters: filtersOf(b.GlobalFilters?.PatchFilters),
    }),
    ...when((b.ApprovalRules?.PatchRules ?? []).length > 0, {
      approvalRules: (b.ApprovalRules?.PatchRules ?? []).map((r) => ruleConfig(os, r)),
    }),
    ...when((b.ApprovedPatches ?? []).length > 0, { approvedPatches: b.ApprovedPatches }),
    ...when((b.ApprovedPatchesComplianceLevel ?? "UNSPECIFIED") !== "UNSPECIFIED", {
      approvedPatchesComplianceLevel: b.ApprovedPatchesComplianceLevel,
    }),
    ...when(linux && b.ApprovedPatchesEnableNonSecurity !== undefined, {
      approvedPatchesEnableNonSecurity: b.ApprovedPatchesEnableNonSecurity,
    }),
    ...when((b.RejectedPatches ?? []).length > 0, { rejectedPatches: b.RejectedPatches }),
    ...when((b.RejectedPatchesAction ?? "ALLOW_AS_DEPENDENCY") !== "ALLOW_AS_DEPENDENCY", {
      rejectedPatchesAction: b.RejectedPatchesAction,
    }),
    ...when((b.Sources ?? []).length > 0, {
      sources: (b.Sources ?? []).map((s) => ({ name: s.Name, products: s.Products, configuration: s.Configuration })),
    }),
  };
}

export const note = (kind: string, b: { BaselineId?: string; Name?: string }, reason: string): AdoptNote => ({
  kind,
  id: b.BaselineId ?? "",
  name: b.Name ?? "",
  reason,
});
