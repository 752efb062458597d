/**
 * Which schedules Systems Manager accepts, per AWS's page "Reference: Cron and rate expressions for
 * Systems Manager" (awsdocs/aws-systems-manager-user-guide, doc_source/reference-cron-and-rate-expressions.md).
 * Each message quotes the page's rule. Pure: no clock, no time zone.
 */
import { CronSpec, CronSyntaxError, cronMatchesDate } from "./cron";

/** What a schedule is for: maintenance windows take every form; State Manager associations fewer. */
export type ScheduleTarget = "window" | "association";

/** A rate's length in minutes. */
export const RATE_UNIT_MINUTES = { minutes: 1, hours: 60, days: 1440 } as const;
export type RateUnit = keyof typeof RATE_UNIT_MINUTES;

const PAGE = `AWS "Reference: Cron and rate expressions for Systems Manager"`;
const FIVE_MINUTES = `"Cron expressions that lead to rates faster than five (5) minute are not supported" (${PAGE})`;

function fail(message: string): never {
  throw new CronSyntaxError(message);
}

/** Holds a rate to the page: five minutes or more for windows; 30 minutes to under 31 days for associations. */
export function checkRate(value: number, unit: RateUnit, target: ScheduleTarget): void {
  const minutes = value * RATE_UNIT_MINUTES[unit];
  if (target === "window" && minutes < 5)
    fail(
      `rate(${value} ${unit.replace(/s$/, value === 1 ? "" : "s")}) is faster than every five minutes: ${FIVE_MINUTES}`,
    );
  if (target === "association" && (minutes < 30 || minutes >= 31 * 1440))
    fail(
      `"Associations only support the following rate expressions: intervals of 30 minutes or greater and less than 31 days" (${PAGE})`,
    );
}

/** Holds a parsed cron to the page's rules for its target. */
export function checkCron(cron: CronSpec, hasSecondsField: boolean, target: ScheduleTarget): void {
  if (target === "window") {
    if (hasSecondsField && cron.second === 0)
      fail(
        `seconds field 0: maintenance windows support values in the seconds field, but "Zero (0) is not supported in the seconds field" (${PAGE}); leave the seconds field out for :00`,
      );
    const gap = shortestGapMinutes(cron);
    if (gap < 5)
      fail(`two runs can fall ${gap} minute${gap === 1 ? "" : "s"} apart: ${FIVE_MINUTES}; use a step of 5 or more`);
    return;
  }
  if (cron.second !== 0)
    fail(`"If you specify the optional Seconds field, its value can only be 0 (zero)" for associations (${PAGE})`);
  if (!isAssociationCron(cron))
    fail(
      `"Associations only support the following cron expressions: every 1/2, 1, 2, 4, 8, or 12 hours; every day or every week at a specific time" (${PAGE}), e.g. cron(0 0/4 * * ? *) or cron(15 13 ? * MON *)`,
    );
}

/** Minutes of the day a cron fires at, in order. */
const minutesOfDay = (cron: CronSpec) => cron.hours.flatMap((h) => cron.minutes.map((m) => h * 60 + m));

/**
 * The shortest time between two consecutive runs in minutes, up to a day: within a day, and across
 * midnight when the cron can fire on two consecutive dates (checked over a 28-year calendar cycle,
 * only when that gap would be the shortest).
 */
export function shortestGapMinutes(cron: CronSpec): number {
  const times = minutesOfDay(cron);
  let gap = 1440;
  for (let i = 1; i < times.length; i++) gap = Math.min(gap, times[i] - times[i - 1]);
  const acrossMidnight = 1440 - times[times.length - 1] + times[0];
  return acrossMidnight < gap && firesOnConsecutiveDates(cron) ? acrossMidnight : gap;
}

function firesOnConsecutiveDates(cron: CronSpec): boolean {
  const anyYear = { ...cron, years: new Set(Array.from({ length: 28 }, (_, i) => 2001 + i)) };
  let previous = false;
  for (let t = Date.UTC(2001, 0, 1); t < Date.UTC(2029, 0, 1); t += 86_400_000) {
    const d = new Date(t);
    const now = cronMatchesDate(anyYear, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    if (now && previous) return true;
    previous = now;
  }
  return false;
}

const ALL_MONTHS = 12;
const ALL_YEARS = 2199 - 1970 + 1;
const ASSOCIATION_INTERVALS = [30, 60, 120, 240, 480, 720];

/**
 * Every 1/2, 1, 2, 4, 8 or 12 hours every day, or once a day every day, or once a day on one
 * weekday every week, in every month and year.
 */
function isAssociationCron(cron: CronSpec): boolean {
  if (cron.months.size !== ALL_MONTHS || cron.years.size !== ALL_YEARS) return false;
  const dom = cron.dayOfMonth;
  const dow = cron.dayOfWeek;
  const everyDay =
    (dom !== undefined && dom.days.size === 31 && !dom.last && !dom.lastWeekday && dom.nearestWeekday.length === 0) ||
    (dow !== undefined && dow.days.size === 7);
  const oneWeekday = dow !== undefined && dow.days.size === 1 && dow.lastOf.length === 0 && dow.nth.length === 0;
  const times = minutesOfDay(cron);
  if (times.length === 1) return everyDay || oneWeekday;
  if (!everyDay) return false;
  const step = times[1] - times[0];
  return (
    ASSOCIATION_INTERVALS.includes(step) &&
    times.length * step === 1440 &&
    times.every((t, i) => i === 0 || t - times[i - 1] === step)
  );
}
