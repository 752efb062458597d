import type * as aws from "../components/aws";
import { DateTime } from "luxon";
import { planWarnings } from "./warnings";
import { Plan, PLAN_HORIZON_DAYS, PlanOptions, PlanPatchGroup, PlanTask, PlanWindow } from "./model";

export * from "./model";
import { uniqueNames } from "./uniqueNames";
import { expandRemoteComponents } from "./vpc";
import { ConfigError, StackConfig } from "../config/load";
import { declarePatchingStack } from "../program";
import { nextRuns, parseSchedule } from "../schedule/expression";
import { describeBaseline, shortestApprovalDelay } from "./describe";
import { rawConfigFromStackFile } from "../config/stackConfig";
import { stackFileLabel, StackFileError } from "../config/stackFile";
import { declaredInputs, RecordedResource, runUnderMocks } from "../offline/recordingRuntime";

const iso = (t: DateTime) => t.toISO({ suppressMilliseconds: true })!;

/** Runs the real program under mocks with the stack's config file and builds its plan. */
export async function planStack(stack: string, options: PlanOptions = {}): Promise<Plan> {
  const { raw, region, fileProblems } = rawConfigFromStackFile(stack, options.dir);
  let plan: Plan;
  try {
    plan = await planRawConfig(stack, raw, region, options);
  } catch (e) {
    // Every problem in one run: the file's own and the schema's. Under --all-stacks each names its file.
    if (e instanceof ConfigError)
      throw new ConfigError([...fileProblems, ...e.problems.map((p) => `${stackFileLabel(stack)}: ${p}`)]);
    throw e;
  }
  if (fileProblems.length > 0) throw new StackFileError(fileProblems);
  return plan;
}

/** Runs the real program under mocks with plain config values and builds its plan. */
export async function planRawConfig(
  stack: string,
  raw: Record<string, unknown>,
  region: string,
  options: PlanOptions = {},
): Promise<Plan> {
  const { config, resources } = await runUnderMocks(declarePatchingStack, stack, raw, region);
  return planFromResources(config, region, resources, options);
}

/** Attributes each AWS resource to the innermost component whose name prefixes its own. */
function componentOf(resource: RecordedResource, components: RecordedResource[]): RecordedResource | undefined {
  return components
    .filter((c) => resource.name.startsWith(`${c.name}-`))
    .sort((a, b) => b.name.length - a.name.length)[0];
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Builds the plan from what the program declared; config is read only for the fleet estimate. */
export function planFromResources(
  config: StackConfig,
  region: string,
  resources: RecordedResource[],
  options: PlanOptions = {},
): Plan {
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

  const patchGroups: PlanPatchGroup[] = ofType(":PatchGroup")
    .map((resource) => {
      const registration = declaredInputs<aws.ssm.PatchGroupArgs>(resource);
      const baseline = declaredInputs<aws.ssm.PatchBaselineArgs>(byId.get(registration.baselineId)!);
      return {
        name: registration.patchGroup,
        baseline: baseline.name!,
        operatingSystem: baseline.operatingSystem!,
        rules: describeBaseline(baseline),
        approvalDelayDays: shortestApprovalDelay(baseline),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.operatingSystem.localeCompare(b.operatingSystem));

  const windows: PlanWindow[] = ofType(":MaintenanceWindow")
    .map((w) => {
      const targets = ofType(":MaintenanceWindowTarget")
        .map((t) => declaredInputs<aws.ssm.MaintenanceWindowTargetArgs>(t))
        .filter((t) => t.windowId === w.id);
      const groups = targets.flatMap((t) =>
        t.targets.filter((k) => /^tag:(Patch Group|PatchGroup)$/.test(k.key)).flatMap((k) => k.values),
      );
      const tasks = ofType(":MaintenanceWindowTask")
        .map((t) => declaredInputs<aws.ssm.MaintenanceWindowTaskArgs>(t))
        .filter((t) => t.windowId === w.id)
        .map((t): PlanTask => {
          const params = Object.fromEntries(
            (t.taskInvocationParameters?.runCommandParameters?.parameters ?? []).map((p) => [p.name, p.values[0]]),
          );
          return {
            name: t.name!,
            operation: params.Operation,
            document: t.taskArn,
            rebootOption: params.RebootOption,
            priority: t.priority!,
            maxConcurrency: t.maxConcurrency!,
            maxErrors: t.maxErrors!,
          };
        })
        .sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
      const i = declaredInputs<aws.ssm.MaintenanceWindowArgs>(w);
      const cutoff = i.cutoff;
      const query = {
        timezone: i.scheduleTimezone,
        scheduleOffset: i.scheduleOffset,
        startDate: i.startDate,
        endDate: i.endDate,
        from,
        count: runCount,
        horizonDays: PLAN_HORIZON_DAYS,
      };
      const starts = i.enabled === false ? [] : nextRuns(parseSchedule(i.schedule), query);
      // AWS skips this period for a window created now whose cron date has passed (see windowRuns below).
      const asNew = i.scheduleOffset
        ? nextRuns(parseSchedule(i.schedule), { ...query, count: 1, createdAt: from })
        : [];
      const firstRunIfCreatedNow = asNew[0] && starts[0] && !asNew[0].equals(starts[0]) ? iso(asNew[0]) : null;
      return {
        name: i.name!,
        schedule: i.schedule,
        timezone: i.scheduleTimezone ?? "UTC",
        scheduleOffset: i.scheduleOffset ?? null,
        duration: i.duration,
        cutoff,
        enabled: i.enabled !== false,
        startDate: i.startDate ?? null,
        endDate: i.endDate ?? null,
        horizonDays: PLAN_HORIZON_DAYS,
        patchGroups: groups,
        targets: targets.flatMap((t) => t.targets.map((k) => `${k.key}=${k.values.join(",")}`)),
        tasks,
        nextRuns: starts.map(iso),
        firstRunIfCreatedNow,
        runs: starts.map((s) => ({
          start: iso(s),
          startUtc: iso(s.toUTC()),
          end: iso(s.plus({ hours: i.duration })),
          noNewTasksAfter: iso(s.plus({ hours: i.duration - cutoff })),
        })),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  return {
    stack: config.stack,
    environment: config.environment,
    region,
    generatedAt: iso(from.toUTC()),
    runsRequested: runCount,
    uniqueNames: uniqueNames(custom),
    resources: {
      total: custom.length,
      byComponent: [...byComponent]
        .map(([k, count]) => ({ component: k.split("\t")[0], type: k.split("\t")[1], count }))
        .sort((a, b) => a.component.localeCompare(b.component) || a.type.localeCompare(b.type)),
      byType: [...countBy(custom, (r) => r.type)]
        .map(([type, count]) => ({ type, count }))
        .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
      insideComponents: expandRemoteComponents(resources),
    },
    patchGroups,
    windows,
    warnings: planWarnings(config, patchGroups, windows, from),
  };
}
