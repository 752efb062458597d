import { DateTime } from "luxon";
import { Plan, windowRuns } from "./model";
import { operatingSystem, OperatingSystem } from "../components/patching/operatingSystems";

/** One window run on the shared calendar of all stacks. */
export interface TimelineEntry {
  readonly stack: string;
  readonly window: string;
  readonly operations: string[];
  readonly timezone: string;
  /** Local start, ISO-8601 with offset, and the local calendar day it falls on. */
  readonly start: string;
  readonly day: string;
  readonly startUtc: string;
  readonly end: string;
  /** No new task starts after this (end − cutoff), local. */
  readonly noNewTasksAfter: string;
}

/** When each stage installs the patches Microsoft releases on the next Patch Tuesday. */
export interface PatchTuesdayStage {
  readonly stack: string;
  readonly groups: { group: string; approvedAt: string; installAt?: string; window?: string }[];
  readonly firstInstall?: string;
  readonly lastInstall?: string;
}

export interface Timeline {
  readonly from: string;
  readonly weeks: number;
  readonly stacks: string[];
  readonly days: string[];
  readonly entries: TimelineEntry[];
  readonly patchTuesday: { readonly release: string; readonly stages: PatchTuesdayStage[] };
  readonly warnings: string[];
}

const iso = (t: DateTime) => t.toISO({ suppressMilliseconds: true })!;

/** Microsoft's monthly release: the second Tuesday, 10:00 Pacific time, on or after `from`'s month. */
export function nextPatchTuesday(from: DateTime): DateTime {
  for (let month = from.setZone("America/Los_Angeles").startOf("month"); ; month = month.plus({ months: 1 })) {
    const firstTuesday = month.plus({ days: (2 - month.weekday + 7) % 7 });
    const release = firstTuesday.plus({ days: 7 }).set({ hour: 10 });
    if (release >= from) return release;
  }
}

/** Per stack, the first install of each Windows patch group after its approval delay has passed. */
function patchTuesdayStage(plan: Plan, release: DateTime): PatchTuesdayStage {
  const windowsGroups = plan.patchGroups.filter(
    (g) => operatingSystem(g.operatingSystem as OperatingSystem).patchTuesday,
  );
  const groups = windowsGroups.map((g) => {
    const approvedAt = release.plus({ days: g.approvalDelayDays ?? 0 });
    const candidates = plan.windows
      .filter((w) => w.patchGroups.includes(g.name) && w.tasks.some((t) => t.operation === "Install"))
      .flatMap((w) => windowRuns(w, approvedAt, 1, 400).map((start) => ({ start, window: w.name })))
      .sort((a, b) => a.start.toMillis() - b.start.toMillis());
    return {
      group: g.name,
      approvedAt: iso(approvedAt.toUTC()),
      installAt: candidates[0] ? iso(candidates[0].start) : undefined,
      window: candidates[0]?.window,
    };
  });
  const times = groups
    .flatMap((g) => (g.installAt ? [DateTime.fromISO(g.installAt, { setZone: true })] : []))
    .sort((a, b) => a.toMillis() - b.toMillis());
  return {
    stack: plan.stack,
    groups,
    firstInstall: times[0] && iso(times[0]),
    lastInstall: times.length ? iso(times[times.length - 1]) : undefined,
  };
}

/** An instant as "2026-12-14 22:30 UTC". */
const utcText = (isoText: string) => DateTime.fromISO(isoText).toUTC().toFormat("yyyy-LL-dd HH:mm 'UTC'");

/**
 * Every date the calendar shows: from's UTC date to the end's, widened to each run's own local date
 * (a run's day is in its window's zone), so every entry of the timeline has its column.
 */
function calendarDays(from: DateTime, end: DateTime, entries: readonly TimelineEntry[]): string[] {
  const dates = [from.toUTC().toISODate()!, end.toUTC().toISODate()!, ...entries.map((e) => e.day)].sort();
  const last = DateTime.fromISO(dates[dates.length - 1], { zone: "UTC" });
  const days: string[] = [];
  for (let d = DateTime.fromISO(dates[0], { zone: "UTC" }); d <= last; d = d.plus({ days: 1 }))
    days.push(d.toISODate()!);
  return days;
}

/** One calendar of every stack's windows over the coming weeks, and the Patch Tuesday rollout order. */
export function buildTimeline(plans: Plan[], from: DateTime, weeks = 5): Timeline {
  const horizonDays = weeks * 7;
  const entries: TimelineEntry[] = plans
    .flatMap((plan) =>
      plan.windows.flatMap((w) =>
        windowRuns(w, from, 500, horizonDays).map((start) => ({
          stack: plan.stack,
          window: w.name,
          operations: [...new Set(w.tasks.map((t) => t.operation))],
          timezone: w.timezone,
          start: iso(start),
          day: start.toISODate()!,
          startUtc: iso(start.toUTC()),
          end: iso(start.plus({ hours: w.duration })),
          noNewTasksAfter: iso(start.plus({ hours: w.duration - w.cutoff })),
        })),
      ),
    )
    .sort((a, b) => a.startUtc.localeCompare(b.startUtc) || a.stack.localeCompare(b.stack));

  const release = nextPatchTuesday(from);
  const stages = plans.map((plan) => patchTuesdayStage(plan, release));
  const warnings: string[] = [];
  for (let i = 1; i < stages.length; i++) {
    const [before, after] = [stages[i - 1], stages[i]];
    if (
      before.lastInstall &&
      after.firstInstall &&
      DateTime.fromISO(after.firstInstall) < DateTime.fromISO(before.lastInstall)
    ) {
      warnings.push(
        `${after.stack} starts installing Patch Tuesday's patches at ${utcText(after.firstInstall)}, before ${before.stack}'s last install run has even started (${utcText(before.lastInstall)}).`,
      );
    }
  }
  warnings.push(...sharedNameWarnings(plans));
  for (const stage of stages) {
    for (const g of stage.groups.filter((x) => !x.installAt))
      warnings.push(`${stage.stack}: patch group ${g.group} never installs Patch Tuesday's patches.`);
  }
  return {
    from: iso(from.toUTC()),
    weeks,
    stacks: plans.map((p) => p.stack),
    days: calendarDays(from, from.plus({ days: horizonDays }).minus({ milliseconds: 1 }), entries),
    entries,
    patchTuesday: { release: iso(release), stages },
    warnings,
  };
}

/**
 * Names two stacks would both create where AWS allows one: a stack file copied without renaming.
 * Offline the account is unknown, so IAM names count across all stacks, the rest within a region.
 */
export function sharedNameWarnings(plans: readonly Plan[]): string[] {
  const seen = new Map<string, string>();
  const warnings: string[] = [];
  for (const plan of plans) {
    for (const { name, scope } of plan.uniqueNames) {
      const key = scope === "account" ? name : `${plan.region} ${name}`;
      const other = seen.get(key);
      if (other && other !== plan.stack) {
        const where = scope === "account" ? "one account" : `one account in ${plan.region}`;
        warnings.push(
          `${other} and ${plan.stack} both create ${name}: pulumi up fails, or they collide, if they deploy to ${where}.`,
        );
      } else seen.set(key, plan.stack);
    }
  }
  return warnings;
}
