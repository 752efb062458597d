import { DateTime } from "luxon";
import { nextRuns, parseSchedule } from "../schedule/expression";
import type { ExpandedResource } from "./vpc";

/** The offline plan of one stack: what the program declares, in the words and times a change board needs. */
export interface Plan {
  readonly stack: string;
  readonly environment: string;
  readonly region: string;
  readonly generatedAt: string;
  /** Runs asked for per window (--runs). */
  readonly runsRequested: number;
  /**
   * Names the stack creates that must be unique in an account ("IAM role EC2-SSMCore") or in an
   * account and region ("patch group Test (WINDOWS)"), so plan --all-stacks can warn about copies.
   */
  readonly uniqueNames: { readonly name: string; readonly scope: "account" | "region" }[];
  readonly resources: {
    readonly total: number;
    readonly byComponent: { component: string; type: string; count: number }[];
    readonly byType: { type: string; count: number }[];
    /** What provider-built components (awsx.ec2.Vpc) create, read from their inputs; not in `total`. */
    readonly insideComponents: ExpandedResource[];
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
  readonly scheduleOffset: number | null;
  readonly duration: number;
  readonly cutoff: number;
  readonly enabled: boolean;
  /** null when the window has none: the JSON shape is the same for every window. */
  readonly startDate: string | null;
  readonly endDate: string | null;
  /** The plan looks this many days ahead: fewer runs than asked for come from that horizon. */
  readonly horizonDays: number;
  readonly patchGroups: string[];
  readonly targets: string[];
  readonly tasks: PlanTask[];
  /** Next start times, ISO-8601 with the window's offset. */
  readonly nextRuns: string[];
  readonly runs: PlanRun[];
  /**
   * For a window with an offset that does not exist yet: its first run if created at the plan's time,
   * when AWS would skip this period (the cron date has passed, the offset date has not); else null.
   */
  readonly firstRunIfCreatedNow: string | null;
}

export interface PlanOptions {
  /** Runs after this instant. @default now */
  readonly from?: DateTime;
  /** Runs listed per window. @default 4 */
  readonly runs?: number;
  /** Directory with Pulumi.yaml and the stack files. @default the current directory */
  readonly dir?: string;
}

/** How far ahead the plan lists runs: five years. */
export const PLAN_HORIZON_DAYS = 366 * 5;

/** Start times of a planned window, read in its own zone with its offset and date range. */
export function windowRuns(w: PlanWindow, from: DateTime, count: number, horizonDays?: number): DateTime[] {
  if (!w.enabled) return [];
  return nextRuns(parseSchedule(w.schedule), {
    timezone: w.timezone,
    scheduleOffset: w.scheduleOffset ?? undefined,
    startDate: w.startDate ?? undefined,
    endDate: w.endDate ?? undefined,
    from,
    count,
    horizonDays,
  });
}
