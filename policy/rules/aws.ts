/** AWS's own rules, for programs that skip this project's config: the same pure checks. */
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { cutoffProblem, defaultCutoff } from "../../components/patching/MaintenanceWindow";
import { LIMITS, NO_APPROVAL_DELAY, OperatingSystem } from "../../config/limits";
import { CronSyntaxError, parseSchedule, ScheduleTarget, undocumentedForms } from "../../schedule/expression";
import { linked, TYPES } from "../resources";
import { onType, Props } from "./environment";

export const windowCutoff: ResourceValidationPolicy = {
  name: "ssm-window-cutoff-below-duration",
  description: "A maintenance window's cutoff is smaller than its duration (CreateMaintenanceWindow).",
  enforcementLevel: "mandatory",
  validateResource: onType(TYPES.window, (props, _args, report) => {
    if (typeof props.duration !== "number") return;
    const problem = cutoffProblem(props.cutoff ?? defaultCutoff(props.duration), props.duration);
    if (problem) report(`maintenance window ${props.name ?? ""}: ${problem}`.replace(" :", ":"));
  }),
};

const scheduleOf = (props: Props, type: string): [string | undefined, ScheduleTarget] =>
  type === TYPES.window ? [props.schedule, "window"] : [props.scheduleExpression, "association"];

export const scheduleReference: ResourceValidationPolicy = {
  name: "ssm-schedule-follows-aws-reference",
  description:
    'Window and association schedules follow AWS\'s "Reference: Cron and rate expressions for Systems Manager".',
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type !== TYPES.window && args.type !== TYPES.association) return;
    const [expression, target] = scheduleOf(args.props, args.type);
    if (typeof expression !== "string") return;
    try {
      parseSchedule(expression, target);
    } catch (e) {
      if (!(e instanceof CronSyntaxError)) throw e;
      report(`${target === "window" ? "maintenance window" : "association"} schedule ${expression}: ${e.message}`);
    }
  },
};

export const scheduleUndocumentedForms: ResourceValidationPolicy = {
  name: "ssm-schedule-undocumented-form",
  description: "A schedule uses a form AWS's cron reference does not document (0/60, two # items, L or W in a list).",
  enforcementLevel: "advisory",
  validateResource: (args, report) => {
    if (args.type !== TYPES.window && args.type !== TYPES.association) return;
    const [expression, target] = scheduleOf(args.props, args.type);
    if (typeof expression !== "string") return;
    try {
      for (const form of undocumentedForms(parseSchedule(expression, target)))
        report(`schedule ${expression}: ${form}`);
    } catch (e) {
      if (!(e instanceof CronSyntaxError)) throw e; // refused by ssm-schedule-follows-aws-reference
    }
  },
};

export const approvalRules: ResourceValidationPolicy = {
  name: "ssm-baseline-approval-rules",
  description: `Each approval rule has 1-${LIMITS.filtersPerRule} patch filters and approveAfterDays 0-${LIMITS.approveAfterDays}, and none on ${NO_APPROVAL_DELAY.join("/")} (CreatePatchBaseline).`,
  enforcementLevel: "mandatory",
  validateResource: onType(TYPES.baseline, (props, _args, report) => {
    const os = (props.operatingSystem ?? "WINDOWS") as OperatingSystem;
    const rules = (props.approvalRules ?? []) as { patchFilters?: unknown[]; approveAfterDays?: number }[];
    rules.forEach((rule, i) => {
      const at = `baseline ${props.name ?? ""} approvalRules[${i}]`;
      const filters = rule.patchFilters?.length ?? 0;
      if (filters < 1 || filters > LIMITS.filtersPerRule)
        report(`${at}: ${filters} patch filters; AWS takes 1-${LIMITS.filtersPerRule} per rule (PRODUCT=* for all)`);
      const days = rule.approveAfterDays;
      if (days !== undefined && NO_APPROVAL_DELAY.includes(os))
        report(`${at}: approveAfterDays = ${days}, but ${os} baselines take no approval delay`);
      else if (days !== undefined && (days < 0 || days > LIMITS.approveAfterDays))
        report(`${at}: approveAfterDays = ${days} is outside 0-${LIMITS.approveAfterDays}`);
    });
  }),
};

/** The baselines of this program a patch-group registration names (its baselineId came from them). */
const registeredBaselines = (group: PolicyResource) =>
  linked(group, "baselineId").filter((r) => r.type === TYPES.baseline);

export const oneBaselinePerOs: StackValidationPolicy = {
  name: "ssm-one-baseline-per-os-per-group",
  description:
    "A patch group is registered to at most one baseline per operating system (RegisterPatchBaselineForPatchGroup).",
  enforcementLevel: "mandatory",
  validateStack: ({ resources }, report) => {
    // Patch group and OS → the baselines registered for them, each registration reported.
    const registrations = new Map<string, { group: PolicyResource; baseline: PolicyResource }[]>();
    for (const group of resources.filter((r) => r.type === TYPES.patchGroup))
      for (const baseline of registeredBaselines(group)) {
        const key = `${group.props.patchGroup}\u0000${baseline.props.operatingSystem ?? "WINDOWS"}`;
        registrations.set(key, [...(registrations.get(key) ?? []), { group, baseline }]);
      }
    for (const entries of registrations.values()) {
      const baselines = [...new Set(entries.map((e) => e.baseline.props.name ?? e.baseline.name))];
      if (baselines.length < 2) continue;
      const { group, baseline } = entries[0];
      for (const entry of entries)
        report(
          `patch group ${group.props.patchGroup} is registered to ${baseline.props.operatingSystem ?? "WINDOWS"} baselines ${baselines.sort().join(" and ")}; AWS allows one per operating system`,
          entry.group.urn,
        );
    }
  },
};
