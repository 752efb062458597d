import type * as pulumi from "@pulumi/pulumi";
import type * as aws from "../components/aws";
/**
 * Plain-language descriptions of what the program declared, for change boards:
 * "Critical and Security updates of Critical/Important severity, approved 7 days after release".
 */

/** The aws.ssm.PatchBaseline inputs as declared: the provider's own argument type, resolved. */
export type DeclaredBaseline = pulumi.Unwrap<aws.ssm.PatchBaselineArgs>;
export type DeclaredRule = NonNullable<DeclaredBaseline["approvalRules"]>[number];

/** "CriticalUpdates" → "Critical updates". */
function words(value: string): string {
  const spaced = value.replace(/([a-z])([A-Z])/g, "$1 $2");
  return spaced.charAt(0) + spaced.slice(1).toLowerCase();
}

/** ["a", "b", "c"] → "a, b and c". */
export function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Classifications as a phrase: shared "updates" said once ("Critical and Security updates"). */
function classificationPhrase(values: readonly string[]): string {
  if (values.includes("*")) return "All updates";
  const phrases = values.map(words);
  if (phrases.length > 1 && phrases.every((p) => p.endsWith(" updates"))) {
    const heads = phrases.map((p) => p.slice(0, -" updates".length));
    return `${joinAnd(heads)} updates`;
  }
  return joinAnd(phrases);
}

export function describeRule(rule: DeclaredRule): string {
  const filter = (key: string) => rule.patchFilters.find((f) => f.key === key)?.values;
  const severity = filter("MSRC_SEVERITY") ?? filter("SEVERITY") ?? filter("PRIORITY");
  const classes = filter("CLASSIFICATION");
  const application = filter("PATCH_SET")?.includes("APPLICATION");
  const families = filter("PRODUCT_FAMILY");
  const products = filter("PRODUCT");

  let text = classes ? classificationPhrase(classes) : "All updates";
  if (application)
    text = `Microsoft application${families ? ` (${families.join(", ")})` : ""} ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  if (severity && !severity.includes("*")) text += ` of ${severity.join("/")} severity`;
  if (products && !products.includes("*")) text += ` for ${products.join(", ")}`;
  if (rule.approveAfterDays !== undefined) {
    text +=
      rule.approveAfterDays === 0
        ? ", approved on release"
        : `, approved ${rule.approveAfterDays} day${rule.approveAfterDays === 1 ? "" : "s"} after release`;
  } else if (rule.approveUntilDate) {
    text += `, approved if released by ${rule.approveUntilDate}`;
  }
  if (rule.enableNonSecurity) text += ", including non-security updates";
  if (rule.complianceLevel && rule.complianceLevel !== "UNSPECIFIED") text += ` (missing = ${rule.complianceLevel})`;
  return text;
}

/** One sentence per baseline: its rules, then its exceptions. */
export function describeBaseline(baseline: DeclaredBaseline): string {
  const parts = (baseline.approvalRules ?? []).map(describeRule);
  if (parts.length === 0) parts.push("no approval rules");
  const global = (baseline.globalFilters ?? []).map((f) => `${f.key} ${f.values.join("/")}`);
  let text = parts.join("; plus ");
  if (global.length > 0) text += `; only ${joinAnd(global)}`;
  if ((baseline.approvedPatches ?? []).length > 0)
    text += `; ${joinAnd([...baseline.approvedPatches!])} always approved`;
  if ((baseline.rejectedPatches ?? []).length > 0) {
    const how = baseline.rejectedPatchesAction === "BLOCK" ? "blocked" : "allowed as a dependency";
    text += `; ${joinAnd([...baseline.rejectedPatches!])} rejected (${how})`;
  }
  return text;
}

/** The shortest approval delay of a baseline, in days, or undefined when it approves by date only. */
export function shortestApprovalDelay(baseline: DeclaredBaseline): number | undefined {
  const days = (baseline.approvalRules ?? []).flatMap((r) =>
    r.approveAfterDays === undefined ? [] : [r.approveAfterDays],
  );
  if (days.length > 0) return Math.min(...days);
  return (baseline.approvalRules ?? []).length > 0 &&
    (baseline.approvalRules ?? []).every((r) => r.approveUntilDate === undefined)
    ? 0
    : undefined;
}
