import type * as aws from "@pulumi/aws";
import { DateTime } from "luxon";
import { activationChecks, StackConfig } from "../config/load";
import { declarePatchingStack } from "../program";
import { nextRuns, parseSchedule } from "../schedule/expression";
import { describeBaseline, shortestApprovalDelay } from "./describe";
import { declaredInputs, RecordedResource, rawConfigFromStackFile, runUnderMocks } from "../testing/mockRuntime";

/** The offline plan of one stack: what the program declares, in the words and times a change board needs. */
export interface Plan {
  readonly stack: string;
  readonly environment: string;
  readonly region: string;
  readonly generatedAt: string;
  readonly resources: {
    readonly total: number;
    readonly byComponent: { component: string; type: string; count: number }[];
    readonly byType: { type: string; count: number }[];
  };
  readonly patchGroups: PlanPatchGroup[];
  readonly windows: PlanWindow[];
  readonly warnings: string[];
}

export interface PlanPatchGroup {
  readonly name: string;
  readonly baseline: string;
  readonly operatingSystem: string;
  readonly rules: string;
  /** Shortest approval delay in days, when the baseline approves by age. */
  readonly approvalDelayDays?: number;
}

export interface PlanTask {
  readonly name: string;
  readonly operation: string;
  readonly document: string;
  readonly rebootOption: string;
  readonly priority: number;
  readonly maxConcurrency: string;
  readonly maxErrors: string;
}

export interface PlanRun {
  /** Local start, ISO-8601 with offset. */
  readonly start: string;
  readonly startUtc: string;
  readonly end: string;
  /** No new task starts after this (end − cutoff). */
  readonly noNewTasksAfter: string;
}

export interface PlanWindow {
  readonly name: string;
  readonly schedule: string;
  readonly timezone: string;
  readonly scheduleOffset?: number;
  readonly duration: number;
  readonly cutoff: number;
  readonly enabled: boolean;
  readonly startDate?: string;
  readonly endDate?: string;
  readonly patchGroups: string[];
  readonly targets: string[];
  readonly tasks: PlanTask[];
  /** Next start times, ISO-8601 with the window's offset. */
  readonly nextRuns: string[];
  readonly runs: PlanRun[];
}

export interface PlanOptions {
  /** Runs after this instant. @default now */
  readonly from?: DateTime;
  /** Runs listed per window. @default 4 */
  readonly runs?: number;
}

const iso = (t: DateTime) => t.toISO({ suppressMilliseconds: true })!;

/** Runs the real program under mocks with the stack's config file and builds its plan. */
export async function planStack(stack: string, options: PlanOptions = {}): Promise<Plan> {
  const { raw, region } = rawConfigFromStackFile(stack);
  return planRawConfig(stack, raw, region, options);
}

/** Runs the real program under mocks with plain config values and builds its plan. */
export async function planRawConfig(stack: string, raw: Record<string, unknown>, region: string, options: PlanOptions = {}): Promise<Plan> {
  const { config, resources } = await runUnderMocks(declarePatchingStack, stack, raw, region);
  return planFromResources(config, region, resources, options);
}

/** Attributes each AWS resource to the innermost component whose name prefixes its own. */
function componentOf(resource: RecordedResource, components: RecordedResource[]): RecordedResource | undefined {
  return components.filter((c) => resource.name.startsWith(`${c.name}-`)).sort((a, b) => b.name.length - a.name.length)[0];
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Builds the plan from what the program declared; config is read only for the fleet estimate. */
export function planFromResources(config: StackConfig, region: string, resources: RecordedResource[], options: PlanOptions = {}): Plan {
  const from = options.from ?? DateTime.utc();
  const runCount = options.runs ?? 4;
  const custom = resources.filter((r) => r.custom);
  const components = resources.filter((r) => !r.custom);
  const ofType = (suffix: string) => custom.filter((r) => r.type.endsWith(suffix));
  const byId = new Map(custom.map((r) => [r.id, r]));

  const byComponent = countBy(custom, (r) => {
    const c = componentOf(r, components);
    return `${c ? `${c.type.split(":").pop()} ${c.name}` : "(none)"}\t${r.type}`;
  });

  const patchGroups: PlanPatchGroup[] = ofType(":PatchGroup").map((resource) => {
    const registration = declaredInputs<aws.ssm.PatchGroupArgs>(resource);
    const baseline = declaredInputs<aws.ssm.PatchBaselineArgs>(byId.get(registration.baselineId)!);
    return {
      name: registration.patchGroup,
      baseline: baseline.name!,
      operatingSystem: baseline.operatingSystem!,
      rules: describeBaseline(baseline),
      approvalDelayDays: shortestApprovalDelay(baseline),
    };
  }).sort((a, b) => a.name.localeCompare(b.name) || a.operatingSystem.localeCompare(b.operatingSystem));

  const windows: PlanWindow[] = ofType(":MaintenanceWindow").map((w) => {
    const targets = ofType(":MaintenanceWindowTarget").map((t) => declaredInputs<aws.ssm.MaintenanceWindowTargetArgs>(t)).filter((t) => t.windowId === w.id);
    const groups = targets.flatMap((t) => t.targets.filter((k) => /^tag:(Patch Group|PatchGroup)$/.test(k.key)).flatMap((k) => k.values));
    const tasks = ofType(":MaintenanceWindowTask").map((t) => declaredInputs<aws.ssm.MaintenanceWindowTaskArgs>(t)).filter((t) => t.windowId === w.id).map((t): PlanTask => {
      const params = Object.fromEntries((t.taskInvocationParameters?.runCommandParameters?.parameters ?? []).map((p) => [p.name, p.values[0]]));
      return {
        name: t.name!, operation: params.Operation, document: t.taskArn, rebootOption: params.RebootOption,
        priority: t.priority!, maxConcurrency: t.maxConcurrency!, maxErrors: t.maxErrors!,
      };
    }).sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
    const i = declaredInputs<aws.ssm.MaintenanceWindowArgs>(w);
    const cutoff = i.cutoff;
    const starts = i.enabled === false ? [] : nextRuns(parseSchedule(i.schedule), {
      timezone: i.scheduleTimezone, scheduleOffset: i.scheduleOffset, startDate: i.startDate, endDate: i.endDate, from, count: runCount,
    });
    return {
      name: i.name!, schedule: i.schedule, timezone: i.scheduleTimezone ?? "UTC", scheduleOffset: i.scheduleOffset, duration: i.duration, cutoff,
      enabled: i.enabled !== false, startDate: i.startDate, endDate: i.endDate, patchGroups: groups,
      targets: targets.flatMap((t) => t.targets.map((k) => `${k.key}=${k.values.join(",")}`)),
      tasks,
      nextRuns: starts.map(iso),
      runs: starts.map((s) => ({ start: iso(s), startUtc: iso(s.toUTC()), end: iso(s.plus({ hours: i.duration })), noNewTasksAfter: iso(s.plus({ hours: i.duration - cutoff })) })),
    };
  }).sort((a, b) => a.name.localeCompare(b.name));

  return {
    stack: config.stack,
    environment: config.environment,
    region,
    generatedAt: iso(from.toUTC()),
    resources: {
      total: custom.length,
      byComponent: [...byComponent].map(([k, count]) => ({ component: k.split("\t")[0], type: k.split("\t")[1], count }))
        .sort((a, b) => a.component.localeCompare(b.component) || a.type.localeCompare(b.type)),
      byType: [...countBy(custom, (r) => r.type)].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    },
    patchGroups,
    windows,
    warnings: planWarnings(config, patchGroups, windows, from),
  };
}

/** Start times of a planned window, read in its own zone with its offset and date range. */
export function windowRuns(w: PlanWindow, from: DateTime, count: number, horizonDays?: number): DateTime[] {
  if (!w.enabled) return [];
  return nextRuns(parseSchedule(w.schedule), { timezone: w.timezone, scheduleOffset: w.scheduleOffset, startDate: w.startDate, endDate: w.endDate, from, count, horizonDays });
}

const installs = (w: PlanWindow) => w.tasks.some((t) => t.operation === "Install");

/** What a careful administrator would want pointed out before approving the change. */
export function planWarnings(config: StackConfig, groups: PlanPatchGroup[], windows: PlanWindow[], from: DateTime): string[] {
  const warnings: string[] = [];
  const installed = new Set(windows.filter(installs).flatMap((w) => w.patchGroups));
  for (const name of [...new Set(groups.map((g) => g.name))]) {
    if (!installed.has(name)) {
      const baselines = groups.filter((g) => g.name === name).map((g) => g.baseline).join(", ");
      warnings.push(`Patch group ${name} has baseline ${baselines} but no window installs it: its instances are never patched.`);
    }
  }
  for (const w of windows) {
    if (!w.enabled) warnings.push(`Window ${w.name} is disabled: it never runs.`);
    else if (w.nextRuns.length === 0) warnings.push(`Window ${w.name} never runs: no time of ${w.schedule} falls between ${w.startDate ?? "now"} and ${w.endDate ?? "five years ahead"}.`);
  }
  const activation = activationChecks(config, from);
  warnings.push(...activation.refusals.map((p) => `pulumi up will refuse ${p}`), ...activation.warnings);
  warnings.push(...overlapWarnings(windows, from));
  warnings.push(...fleetWarnings(config, windows));
  return warnings;
}

/** Two windows that patch the same group at overlapping times, within the next 90 days. */
function overlapWarnings(windows: PlanWindow[], from: DateTime): string[] {
  const warnings: string[] = [];
  const horizon = from.plus({ days: 90 });
  const intervals = new Map(windows.map((w) => [w.name, windowRuns(w, from, 400, 90)
    .filter((s) => s <= horizon).map((s) => [s, s.plus({ hours: w.duration })] as const)]));
  for (let a = 0; a < windows.length; a++) {
    for (let b = a + 1; b < windows.length; b++) {
      const [x, y] = [windows[a], windows[b]];
      const shared = x.patchGroups.filter((g) => y.patchGroups.includes(g));
      if (shared.length === 0) continue;
      const clash = (intervals.get(x.name) ?? []).flatMap(([s1, e1]) => (intervals.get(y.name) ?? []).filter(([s2, e2]) => s1 < e2 && s2 < e1).map(([s2]) => (s1 > s2 ? s1 : s2)))[0];
      if (clash) warnings.push(`Windows ${x.name} and ${y.name} both patch ${shared.join(", ")} and overlap on ${clash.toUTC().toFormat("yyyy-LL-dd HH:mm")} UTC: the second command on an instance may fail while the first runs.`);
    }
  }
  return warnings;
}

/** Instances a rate-control value lets run at once. */
export function concurrentInstances(maxConcurrency: string, fleet: number): number {
  if (maxConcurrency.endsWith("%")) return Math.max(1, Math.ceil((fleet * Number(maxConcurrency.slice(0, -1))) / 100));
  return Number(maxConcurrency);
}

/** Windows whose install tasks cannot get through the expected fleet before the cutoff. */
function fleetWarnings(config: StackConfig, windows: PlanWindow[]): string[] {
  const estimate = config.fleetEstimate;
  if (!estimate) return [];
  const warnings: string[] = [];
  for (const w of windows.filter(installs)) {
    const fleet = w.patchGroups.reduce((sum, g) => sum + (estimate.instances[g] ?? 0), 0);
    if (fleet === 0) continue;
    for (const task of w.tasks.filter((t) => t.operation === "Install")) {
      const atOnce = Math.min(fleet, concurrentInstances(task.maxConcurrency, fleet));
      const batches = Math.ceil(fleet / atOnce);
      const needed = batches * estimate.minutesPerInstance;
      const available = w.duration * 60;
      const lastStart = (batches - 1) * estimate.minutesPerInstance;
      if (needed > available || lastStart > (w.duration - w.cutoff) * 60) {
        warnings.push(`Window ${w.name} is too short for task ${task.name}: ${fleet} instances at maxConcurrency ${task.maxConcurrency} (${atOnce} at a time) need ${batches} rounds × ${estimate.minutesPerInstance} min = ${needed} min, but the window lasts ${available} min and starts no task after ${(w.duration - w.cutoff) * 60} min (assuming ${estimate.minutesPerInstance} min per instance).`);
      }
    }
  }
  return warnings;
}
