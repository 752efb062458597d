import { z } from "zod";
import {
  COMPLIANCE_LEVELS,
  LIMITS,
  NO_APPROVAL_DELAY,
  OPERATING_SYSTEMS,
  PATCH_FILTER_KEYS,
  PatchFilterKey,
  REJECTED_PATCHES_ACTIONS,
  SOURCE_NAME,
  filterKeysFor,
  isLinux,
  severityKey,
} from "../limits";
import { checkFilterValue } from "../filterValues";
import { oneOf, int, text, list, isoDate, patchGroupName } from "./common";

const filterSchema = z.strictObject({
  key: oneOf(PATCH_FILTER_KEYS).describe("Patch property, e.g. PRODUCT, CLASSIFICATION, MSRC_SEVERITY."),
  values: z
    .array(text(1, LIMITS.filterValueLength), { error: "must be a list" })
    .min(1, `must have 1-${LIMITS.filterValues} values`)
    .max(LIMITS.filterValues, `must have 1-${LIMITS.filterValues} values`)
    .describe("1-20 values of 1-64 characters; * matches all."),
});
export type PatchFilterConfig = z.output<typeof filterSchema>;

const stringList = (max: number, itemMax: number) => list(text(1, itemMax), max);

export const approvalRuleSchema = z.strictObject({
  products: stringList(LIMITS.filterValues, LIMITS.filterValueLength)
    .optional()
    .describe("PRODUCT filter values, e.g. WindowsServer2022, AmazonLinux2023. @default all products"),
  classifications: stringList(LIMITS.filterValues, LIMITS.filterValueLength)
    .optional()
    .describe(
      "CLASSIFICATION filter values, e.g. CriticalUpdates, SecurityUpdates, Security. @default all classifications",
    ),
  severities: stringList(LIMITS.filterValues, LIMITS.filterValueLength)
    .optional()
    .describe(
      "Severity values: MSRC_SEVERITY on Windows, SEVERITY on Linux, PRIORITY on Debian/Ubuntu. @default all severities",
    ),
  patchSet: oneOf(["OS", "APPLICATION"] as const)
    .optional()
    .describe("Windows only: OS patches or Microsoft application patches. @default OS"),
  productFamilies: stringList(LIMITS.filterValues, LIMITS.filterValueLength)
    .optional()
    .describe("Windows only: PRODUCT_FAMILY values for application rules, e.g. Office. @default none"),
  filters: list(filterSchema, LIMITS.filtersPerRule)
    .default([])
    .describe("Further raw patch filters {key, values}. @default []"),
  approveAfterDays: int(0, LIMITS.approveAfterDays)
    .optional()
    .describe(
      "Days after release before a patch is approved (0-360). Give this or approveUntilDate; neither on Ubuntu/Debian. @default none",
    ),
  approveUntilDate: isoDate
    .optional()
    .describe(
      "Approve patches released up to this date (YYYY-MM-DD); the cutoff `rollout --promote` carries forward. @default none",
    ),
  complianceLevel: oneOf(COMPLIANCE_LEVELS)
    .default("UNSPECIFIED")
    .describe("Severity reported when a patch of this rule is missing. @default UNSPECIFIED"),
  enableNonSecurity: z
    .boolean({ error: "must be true or false" })
    .optional()
    .describe("Linux only: also install non-security updates from the repositories. @default false"),
});
export type ApprovalRuleConfig = z.output<typeof approvalRuleSchema>;

const sourceSchema = z.strictObject({
  name: z
    .string()
    .regex(SOURCE_NAME, "must be 3-50 characters of letters, digits, _ - .")
    .describe("Repository name (3-50 letters, digits, _ - .)."),
  products: z
    .array(text(1, 128))
    .min(1, "must have 1-20 products")
    .max(LIMITS.sourceProducts, "must have 1-20 products")
    .describe("Products the repository serves, e.g. AmazonLinux2023."),
  configuration: text(1, LIMITS.sourceConfiguration).describe("The yum/apt repository configuration text (1-1024)."),
});

export const baselineSchema = z
  .strictObject({
    operatingSystem: oneOf(OPERATING_SYSTEMS).describe("Operating system the baseline applies to (AWS enum)."),
    description: text(1, LIMITS.baselineDescription)
      .optional()
      .describe("Baseline description (1-1024). @default - generated from the rules"),
    patchGroups: list(patchGroupName, 1000)
      .default([])
      .describe("Patch groups (SCCM: collections) this baseline serves. @default []"),
    defaultForOperatingSystem: z
      .boolean({ error: "must be true or false" })
      .default(false)
      .describe("Register as the account's default baseline for its OS. @default false"),
    globalFilters: list(filterSchema, LIMITS.globalFilters)
      .default([])
      .describe("Filters every patch must pass before any rule applies (at most 4). @default []"),
    approvalRules: list(approvalRuleSchema, LIMITS.approvalRules)
      .default([])
      .describe("Up to 10 approval rules (SCCM: automatic deployment rules). @default []"),
    approvedPatches: list(text(1, LIMITS.patchNameLength), LIMITS.patchList)
      .default([])
      .describe("Patches always approved, e.g. KB5031364 (at most 50). @default []"),
    approvedPatchesComplianceLevel: oneOf(COMPLIANCE_LEVELS)
      .default("UNSPECIFIED")
      .describe("Compliance level of the approved patches. @default UNSPECIFIED"),
    approvedPatchesEnableNonSecurity: z
      .boolean()
      .optional()
      .describe("Linux only: approved patches may come from non-security repositories. @default false"),
    rejectedPatches: list(text(1, LIMITS.patchNameLength), LIMITS.patchList)
      .default([])
      .describe("Patches never installed (at most 50). @default []"),
    rejectedPatchesAction: oneOf(REJECTED_PATCHES_ACTIONS)
      .default("ALLOW_AS_DEPENDENCY")
      .describe("BLOCK also refuses rejected patches needed as dependencies. @default ALLOW_AS_DEPENDENCY"),
    sources: list(sourceSchema, LIMITS.sources)
      .default([])
      .describe("Linux only: alternative package repositories {name, products, configuration}. @default []"),
  })
  .superRefine((baseline, ctx) => {
    const os = baseline.operatingSystem;
    const allowed = filterKeysFor(os);
    const linux = isLinux(os);
    const issue = (path: (string | number)[], input: unknown, message: string) =>
      ctx.addIssue({ code: "custom", path, input, message });

    baseline.globalFilters.forEach((f, i) => {
      if (!allowed.includes(f.key))
        issue(["globalFilters", i, "key"], f.key, `is not a filter key for ${os}; use one of ${allowed.join(", ")}`);
    });
    baseline.approvalRules.forEach((rule, i) => {
      const at = (field: string) => ["approvalRules", i, field];
      const keys = ruleFilters(os, rule).map((f) => f.key);
      if (keys.length > LIMITS.filtersPerRule)
        issue(
          at("filters"),
          keys.length,
          `AWS takes at most ${LIMITS.filtersPerRule} patch filters per rule (PatchFilterGroup.PatchFilters), shorthands included; this rule has ${keys.length}: ${keys.join(", ")}`,
        );
      keys.forEach((key, k) => {
        if (keys.indexOf(key) !== k) issue(at("filters"), key, `filter key ${key} is given twice in one rule`);
      });
      const refuseValues = (key: PatchFilterKey, values: readonly string[], path: (v: number) => (string | number)[]) =>
        values.forEach((value, v) => {
          const { refusal } = checkFilterValue(os, key, value);
          if (refusal) issue(path(v), value, refusal);
        });
      for (const [field, key] of Object.entries(shorthandKeys(os))) {
        const value = rule[field as keyof ReturnType<typeof shorthandKeys>];
        if (value === undefined) continue;
        if (!allowed.includes(key))
          issue(
            at(field),
            value,
            `becomes a ${key} filter, which ${os} baselines do not take; use one of ${allowed.join(", ")}`,
          );
        if (Array.isArray(value)) refuseValues(key, value, (v) => [...at(field), v]);
      }
      rule.filters.forEach((f, k) => {
        const path = ["approvalRules", i, "filters", k];
        if (!allowed.includes(f.key))
          issue([...path, "key"], f.key, `is not a filter key for ${os}; use one of ${allowed.join(", ")}`);
        refuseValues(f.key, f.values, (v) => [...path, "values", v]);
      });
      if (!linux && rule.enableNonSecurity !== undefined)
        issue(
          at("enableNonSecurity"),
          rule.enableNonSecurity,
          `enableNonSecurity applies to Linux baselines only, not ${os}`,
        );
      const delays = [rule.approveAfterDays, rule.approveUntilDate].filter((v) => v !== undefined).length;
      if (NO_APPROVAL_DELAY.includes(os)) {
        if (delays > 0)
          issue(
            at(rule.approveAfterDays !== undefined ? "approveAfterDays" : "approveUntilDate"),
            rule.approveAfterDays ?? rule.approveUntilDate,
            `${os} baselines take no approval delay; remove it`,
          );
      } else if (delays !== 1) {
        issue(
          at("approveAfterDays"),
          rule.approveAfterDays,
          `give exactly one of approveAfterDays (0-360) or approveUntilDate (YYYY-MM-DD)${delays === 2 ? ", not both" : ""}`,
        );
      }
    });
    if (!linux && baseline.sources.length > 0)
      issue(["sources"], baseline.sources.length, `sources apply to Linux baselines only, not ${os}`);
    if (!linux && baseline.approvedPatchesEnableNonSecurity !== undefined)
      issue(
        ["approvedPatchesEnableNonSecurity"],
        baseline.approvedPatchesEnableNonSecurity,
        `applies to Linux baselines only, not ${os}`,
      );
  });
export type BaselineConfig = z.output<typeof baselineSchema>;

/** The filter key each rule shorthand becomes on an operating system. */
function shorthandKeys(os: BaselineConfig["operatingSystem"]) {
  return {
    patchSet: "PATCH_SET",
    productFamilies: "PRODUCT_FAMILY",
    products: "PRODUCT",
    classifications: "CLASSIFICATION",
    severities: severityKey(os),
  } as const;
}

/**
 * The AWS patch filters one approval rule stands for, in a stable order. A rule without any is
 * declared as AWS's console declares "all products", PRODUCT=*: the provider requires a filter.
 */
export function ruleFilters(os: BaselineConfig["operatingSystem"], rule: ApprovalRuleConfig): PatchFilterConfig[] {
  const filters: PatchFilterConfig[] = [];
  for (const [field, key] of Object.entries(shorthandKeys(os))) {
    const value = rule[field as keyof ReturnType<typeof shorthandKeys>];
    if (value !== undefined) filters.push({ key, values: typeof value === "string" ? [value] : value });
  }
  const all = [...filters, ...rule.filters];
  return all.length > 0 ? all : [{ key: "PRODUCT", values: ["*"] }];
}

/**
 * Filter values outside what AWS documents for their operating system (a product AWS may have added
 * since, a Linux classification its publisher uses): warned in the plan and by `pulumi up`, never refused.
 */
export function filterValueWarnings(baselines: Record<string, BaselineConfig>): string[] {
  return Object.entries(baselines).flatMap(([name, baseline]) =>
    baseline.approvalRules.flatMap((rule, i) =>
      ruleFilters(baseline.operatingSystem, rule).flatMap((filter) =>
        filter.values.flatMap((value) => {
          const { warning } = checkFilterValue(baseline.operatingSystem, filter.key, value);
          return warning ? [`Baseline ${name}, rule ${i + 1}: ${warning}.`] : [];
        }),
      ),
    ),
  );
}
