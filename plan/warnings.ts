import { DateTime } from "luxon";
import { activationChecks, configWarnings, StackConfig } from "../config/load";
import { PlanPatchGroup, PlanWindow, windowRuns } from "./model";

const installs = (w: PlanWindow) => w.tasks.some((t) => t.operation === "Install");

/** What a careful administrator would want pointed out before approving the change. */
export function planWarnings(
  config: StackConfig,
  groups: PlanPatchGroup[],
  windows: PlanWindow[],
  from: DateTime,
): string[] {
  const warnings: string[] = [];
  const installed = new Set(windows.filter(installs).flatMap((w) => w.patchGroups));
  for (const name of [...new Set(groups.map((g) => g.name))]) {
    if (!installed.has(name)) {
      const baselines = groups
        .filter((g) => g.name === name)
        .map((g) => g.baseline)
        .join(", ");
      warnings.push(
        `Patch group ${name} has baseline ${baselines} but no window installs it: its instances are never patched.`,
      );
    }
  }
  for (const w of windows) {
    if (!w.enabled) warnings.push(`Window ${w.name} is disabled: it never runs.`);
    else if (w.nextRuns.length === 0)
      warnings.push(
        `Window ${w.name} never runs: no time of ${w.schedule} falls between ${w.startDate ?? "now"} and ${w.endDate ?? "five years ahead"}.`,
      );
  }
  warnings.push(...configWarnings(config));
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
  const intervals = new Map(
    windows.map((w) => [
      w.name,
      windowRuns(w, from, 400, 90)
        .filter((s) => s <= horizon)
        .map((s) => [s, s.plus({ hours: w.duration })] as const),
    ]),
  );
  for (let a = 0; a < windows.length; a++) {
    for (let b = a + 1; b < windows.length; b++) {
      const [x, y] = [windows[a], windows[b]];
      const shared = x.patchGroups.filter((g) => y.patchGroups.includes(g));
      if (shared.length === 0) continue;
      const clash = (intervals.get(x.name) ?? []).flatMap(([s1, e1]) =>
        (intervals.get(y.name) ?? []).filter(([s2, e2]) => s1 < e2 && s2 < e1).map(([s2]) => (s1 > s2 ? s1 : s2)),
      )[0];
      if (clash)
        warnings.push(
          `Windows ${x.name} and ${y.name} both patch ${shared.join(", ")} and overlap on ${clash.toUTC().toFormat("yyyy-LL-dd HH:mm")} UTC: the second command on an instance may fail while the first runs.`,
        );
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
        warnings.push(
          `Window ${w.name} is too short for task ${task.name}: ${fleet} instances at maxConcurrency ${task.maxConcurrency} (${atOnce} at a time) need ${batches} rounds × ${estimate.minutesPerInstance} min = ${needed} min, but the window lasts ${available} min and starts no task after ${(w.duration - w.cutoff) * 60} min (assuming ${estimate.minutesPerInstance} min per instance).`,
        );
      }
    }
  }
  return warnings;
}
