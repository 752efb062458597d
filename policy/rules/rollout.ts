/** How patches roll out: approval delays, scanning, rate control, reboots and baselines per environment. */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  associationParameters,
  operationOf,
  patchGroupsReached,
  percent,
  runsPatchBaseline,
  targetsEverything,
  taskTargets,
  TYPES,
} from "../resources";
import {
  ENVIRONMENT_LIST_SCHEMA,
  ENVIRONMENT_SCHEMA,
  EnvironmentConfig,
  EnvironmentListConfig,
  environmentOf,
  forEnvironment,
  inListedEnvironment,
  onType,
} from "./environment";

/** 2. Approval delay floors per environment. */

interface DelayFloorConfig extends EnvironmentConfig {
  /** Days by environment ("*" for any other); e.g. {prod: 7}. */
  readonly floors: Record<string, number>;
}

/** Whether a rule approves critical or important updates: a severity filter naming them, or none at all. */
const approvesCriticalOrImportant = (rule: { patchFilters?: { key: string; values: string[] }[] }) => {
  const severity = (rule.patchFilters ?? []).find((f) => ["MSRC_SEVERITY", "SEVERITY", "PRIORITY"].includes(f.key));
  return !severity || severity.values.some((v) => /^(critical|important|required|\*)$/i.test(v));
};

export const approvalDelayFloor: ResourceValidationPolicy = {
  name: "ssm-approval-delay-floor",
  description:
    "Rules approving critical or important updates wait at least the environment's floor: approveAfterDays, or an approveUntilDate that many days before now.",
  enforcementLevel: "advisory",
  configSchema: {
    properties: {
      floors: {
        type: "object",
        additionalProperties: { type: "integer", minimum: 0 },
        default: { prod: 7 },
        description: "Least days between release and approval, by environment; * for the rest.",
      },
      ...ENVIRONMENT_SCHEMA,
    },
  },
  validateResource: onType(TYPES.baseline, (props, args, report) => {
    const config = args.getConfig<DelayFloorConfig>();
    const floor = forEnvironment(config.floors, environmentOf(args, config));
    if (floor === undefined) return;
    const rules = (props.approvalRules ?? []) as {
      approveAfterDays?: number;
      approveUntilDate?: string;
      patchFilters?: { key: string; values: string[] }[];
    }[];
    rules.forEach((rule, i) => {
      if (!approvesCriticalOrImportant(rule)) return;
      const at = `baseline ${props.name ?? ""} approvalRules[${i}]`;
      if (rule.approveAfterDays !== undefined && rule.approveAfterDays < floor)
        report(
          `${at}: approveAfterDays = ${rule.approveAfterDays}; ${environmentOf(args, config)} waits at least ${floor} days`,
        );
      if (rule.approveUntilDate !== undefined) {
        const latest = new Date(Date.now() - floor * 86_400_000).toISOString().slice(0, 10);
        if (rule.approveUntilDate > latest)
          report(`${at}: approveUntilDate = ${rule.approveUntilDate} is after ${latest}, ${floor} days before now`);
      }
    });
  }),
};

/** 3. Scan before install. */

export const scanBeforeInstall: StackValidationPolicy = {
  name: "ssm-scan-before-install",
  description:
    "Every patch group an Install task reaches is also scanned between installs, by a Scan task or a Scan association.",
  enforcementLevel: "advisory",
  validateStack: ({ resources }, report) => {
    const patching = resources.filter(
      (r) => (r.type === TYPES.task || r.type === TYPES.association) && runsPatchBaseline(r),
    );
    const scanned = new Set(
      patching.filter((r) => operationOf(r) === "Scan").flatMap((r) => patchGroupsReached(r, resources)),
    );
    for (const install of patching.filter((r) => operationOf(r) === "Install"))
      for (const group of patchGroupsReached(install, resources).filter((g) => !scanned.has(g)))
        report(
          `patch group ${group} is installed by ${install.name} but never scanned by a Scan task or association`,
          install.urn,
        );
  },
};

/** 4. Rate control. */

interface RateConfig extends EnvironmentConfig {
  /** Most percent of targets at once, by environment. */
  readonly maxConcurrencyPercent: Record<string, number>;
  /** Most percent of errors before stopping, by environment. */
  readonly maxErrorsPercent: Record<string, number>;
}

export const rateControl: StackValidationPolicy = {
  name: "ssm-rate-control",
  description:
    "Patch tasks stay within the environment's concurrency and error ceilings, and an Install never targets every instance (*).",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      maxConcurrencyPercent: {
        type: "object",
        additionalProperties: { type: "integer", minimum: 1, maximum: 100 },
        default: { prod: 25 },
        description: "Most percent of targets patched at once, by environment; * for the rest.",
      },
      maxErrorsPercent: {
        type: "object",
        additionalProperties: { type: "integer", minimum: 0, maximum: 100 },
        default: { prod: 10 },
        description: "Most percent of errors before the task stops, by environment; * for the rest.",
      },
      ...ENVIRONMENT_SCHEMA,
    },
  },
  validateStack: (args, report) => {
    const config = args.getConfig<RateConfig>();
    for (const task of args.resources.filter((r) => r.type === TYPES.task && runsPatchBaseline(r))) {
      const environment = environmentOf(task, config);
      for (const [field, table] of [
        ["maxConcurrency", config.maxConcurrencyPercent],
        ["maxErrors", config.maxErrorsPercent],
      ] as const) {
        const ceiling = forEnvironment(table, environment);
        const value = percent(task.props[field]);
        if (ceiling !== undefined && value !== undefined && value > ceiling)
          report(
            `task ${task.props.name ?? task.name}: ${field} = ${task.props[field]}; ${environment} allows at most ${ceiling}%`,
            task.urn,
          );
      }
      const targets = [task.props.targets, ...taskTargets(task, args.resources).map((t) => t.props.targets)];
      if (operationOf(task) === "Install" && targets.some(targetsEverything))
        report(
          `task ${task.props.name ?? task.name}: installs on every instance (*); target patch groups instead`,
          task.urn,
        );
    }
  },
};

/** 5. Reboots only inside windows. */

export const noRebootingAssociation: ResourceValidationPolicy = {
  name: "ssm-no-rebooting-association",
  description:
    "No State Manager association installs patches with reboots: reboots belong in maintenance windows, with their cutoff and rate control.",
  enforcementLevel: "mandatory",
  validateResource: onType(TYPES.association, (_props, args, report) => {
    if (!runsPatchBaseline(args) || operationOf(args) !== "Install") return;
    const reboot = associationParameters(args).RebootOption?.[0] ?? "RebootIfNeeded";
    if (reboot !== "NoReboot")
      report(
        `association ${args.props.associationName ?? args.name}: Operation=Install with RebootOption=${reboot}; use NoReboot, or a maintenance window`,
      );
  }),
};

/** 8. Default baseline. */

export const installedGroupsHaveBaselines: StackValidationPolicy = {
  name: "ssm-installed-groups-have-baselines",
  description:
    "In the listed environments every patch group an Install task reaches is registered to a baseline of this program; otherwise AWS's default baseline silently applies.",
  enforcementLevel: "mandatory",
  configSchema: { properties: ENVIRONMENT_LIST_SCHEMA },
  validateStack: (args, report) => {
    const config = args.getConfig<EnvironmentListConfig>();
    const registered = new Set(
      args.resources.filter((r) => r.type === TYPES.patchGroup).map((r) => r.props.patchGroup),
    );
    for (const task of args.resources.filter(
      (r) => r.type === TYPES.task && runsPatchBaseline(r) && operationOf(r) === "Install",
    )) {
      if (!inListedEnvironment(task, config)) continue;
      for (const group of patchGroupsReached(task, args.resources).filter((g) => !registered.has(g)))
        report(
          `patch group ${group} is installed by ${task.name} but registered to no baseline here: AWS's default baseline would apply`,
          task.urn,
        );
    }
  },
};
