import { DateTime } from "luxon";
import { CronSpec, CronSyntaxError, cronMatchesDate, daysInMonth, parseCron } from "./cron";

/** A maintenance window schedule, parsed: the three forms AWS accepts. */
export type Schedule =
  | { readonly kind: "cron"; readonly expression: string; readonly cron: CronSpec }
  | { readonly kind: "rate"; readonly expression: string; readonly value: number; readonly unit: "hours" | "days" }
  | { readonly kind: "at"; readonly expression: string; readonly at: string };

export { CronSyntaxError };

/**
 * Parses `cron(...)`, `rate(n hour|hours|day|days)` or `at(yyyy-mm-ddThh:mm:ss)`.
 * Maintenance windows take no rate in minutes. Throws CronSyntaxError stating the rule.
 */
export function parseSchedule(expression: string): Schedule {
  const trimmed = expression.trim();
  const cron = /^cron\((.*)\)$/s.exec(trimmed);
  if (cron) return { kind: "cron", expression: trimmed, cron: parseCron(cron[1]) };
  const rate = /^rate\((\d+) (\w+)\)$/.exec(trimmed);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2];
    if (value < 1) throw new CronSyntaxError("rate value must be a positive whole number");
    const expected = value === 1 ? ["hour", "day"] : ["hours", "days"];
    if (!expected.includes(unit)) {
      throw new CronSyntaxError(
        `rate unit must be ${expected.join(" or ")} for a value of ${value} (maintenance windows take no minutes)`,
      );
    }
    return { kind: "rate", expression: trimmed, value, unit: unit.startsWith("hour") ? "hours" : "days" };
  }
  const at = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(trimmed);
  if (at) {
    if (!DateTime.fromISO(at[1], { zone: "UTC" }).isValid)
      throw new CronSyntaxError(`at() date ${at[1]} is not a real date and time`);
    return { kind: "at", expression: trimmed, at: at[1] };
  }
  throw new CronSyntaxError("must be cron(<6 fields>), rate(<n> hours|days) or at(yyyy-mm-ddThh:mm:ss)");
}

/**
 * Whether `zone` is an IANA time-zone name, spelled as the tz database spells it: AWS takes IANA
 * names only (CreateMaintenanceWindow ScheduleTimezone), so neither `UTC+2` nor `europe/berlin`.
 * Aliases such as US/Eastern are IANA names too.
 */
export function isValidTimezone(zone: string): boolean {
  if (!/^[A-Z][A-Za-z0-9_+-]*(\/[A-Z][A-Za-z0-9_+-]*)*$/.test(zone)) return false;
  try {
    const canonical = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
    return canonical === zone || canonical.toLowerCase() !== zone.toLowerCase();
  } catch {
    return false;
  }
}

/** Parses an ISO-8601 start/end date; a date without an offset is read as UTC, as AWS does. */
export function parseWindowDate(value: string): DateTime | undefined {
  const parsed = DateTime.fromISO(value, { zone: "UTC", setZone: true });
  return parsed.isValid ? parsed : undefined;
}

export interface RunQuery {
  /** IANA zone the schedule is read in. @default "UTC" */
  readonly timezone?: string;
  /** Days added after each cron match (cron only). @default 0 */
  readonly scheduleOffset?: number;
  readonly startDate?: string;
  readonly endDate?: string;
  /** Runs strictly after this instant are returned. */
  readonly from: DateTime;
  readonly count: number;
  /** How far ahead to look before giving up. @default 5 years */
  readonly horizonDays?: number;
  /**
   * When the window is created, for a window that does not exist yet: AWS skips a period whose cron
   * time has passed at creation even if its offset date has not. @default - the window already exists
   */
  readonly createdAt?: DateTime;
}

/**
 * The next `count` start times of a window, in the window's time zone.
 * A local time skipped by a daylight-saving change moves forward by the gap; a repeated
 * local time runs once, at its first occurrence.
 */
export function nextRuns(schedule: Schedule, query: RunQuery): DateTime[] {
  const zone = query.timezone ?? "UTC";
  const start = query.startDate ? parseWindowDate(query.startDate) : undefined;
  const end = query.endDate ? parseWindowDate(query.endDate) : undefined;
  const horizon = query.from.plus({ days: query.horizonDays ?? 366 * 5 });
  const after = start && start > query.from ? start : query.from;
  const inRange = (t: DateTime) => t > after && (!end || t <= end) && t <= horizon;

  if (schedule.kind === "at") {
    const run = DateTime.fromISO(schedule.at, { zone });
    return inRange(run) ? [run] : [];
  }
  if (schedule.kind === "rate") {
    const anchor = (start ?? query.from).setZone(zone);
    const step = { [schedule.unit]: schedule.value };
    const runs: DateTime[] = [];
    for (
      let k = 1, t = anchor.plus(step);
      runs.length < query.count && t <= horizon && (!end || t <= end);
      k++, t = anchor.plus({ [schedule.unit]: schedule.value * k })
    ) {
      if (inRange(t)) runs.push(t);
    }
    return runs;
  }
  return cronRuns(schedule.cron, {
    zone,
    offset: query.scheduleOffset ?? 0,
    after,
    limit: end && end < horizon ? end : horizon,
    inRange,
    count: query.count,
    createdAt: query.createdAt,
  });
}

interface CronRunQuery {
  readonly zone: string;
  readonly offset: number;
  readonly after: DateTime;
  readonly limit: DateTime;
  readonly inRange: (t: DateTime) => boolean;
  readonly count: number;
  readonly createdAt?: DateTime;
}

/** A calendar date as one sortable number, 20261130. */
const dateKey = (y: number, m: number, d: number) => y * 10000 + m * 100 + d;

/**
 * Steps plain calendar dates (no time zone), skipping whole years and months the cron excludes,
 * and asks luxon for wall-clock times only on the dates the cron matches. Runs come out in time
 * order and never twice: on a spring-forward day a skipped time moves to the same instant as a real one.
 */
function cronRuns(cron: CronSpec, q: CronRunQuery): DateTime[] {
  const runs: DateTime[] = [];
  const first = q.after.setZone(q.zone).startOf("day").minus({ days: q.offset });
  const lastCronDate = q.limit.setZone(q.zone).minus({ days: q.offset });
  const lastKey = dateKey(lastCronDate.year, lastCronDate.month, lastCronDate.day);
  const maxYear = Math.max(...cron.years);
  let [y, m, d] = [first.year, first.month, first.day];
  while (runs.length < q.count && y <= maxYear && dateKey(y, m, d) <= lastKey) {
    if (!cron.years.has(y)) {
      [y, m, d] = [y + 1, 1, 1];
      continue;
    }
    if (!cron.months.has(m)) {
      [y, m, d] = m === 12 ? [y + 1, 1, 1] : [y, m + 1, 1];
      continue;
    }
    if (cronMatchesDate(cron, y, m, d)) {
      const runDate = new Date(Date.UTC(y, m - 1, d + q.offset));
      const day = new Map<number, DateTime>();
      for (const hour of cron.hours) {
        for (const minute of cron.minutes) {
          const run = localTime(
            q.zone,
            runDate.getUTCFullYear(),
            runDate.getUTCMonth() + 1,
            runDate.getUTCDate(),
            hour,
            minute,
          );
          // AWS: a window created after this period's cron time, before its offset date, skips the period.
          const skippedAsNew =
            q.createdAt !== undefined && localTime(q.zone, y, m, d, hour, minute, cron.second) < q.createdAt;
          if (q.inRange(run) && !skippedAsNew) day.set(run.toMillis(), run);
        }
      }
      for (const run of [...day.values()].sort((a, b) => a.toMillis() - b.toMillis())) {
        if (runs.length < q.count && (runs.length === 0 || run > runs[runs.length - 1])) runs.push(run);
      }
    }
    d += 1;
    if (d > daysInMonth(y, m)) [y, m, d] = m === 12 ? [y + 1, 1, 1] : [y, m + 1, 1];
  }
  return runs;
}

/**
 * A wall-clock time on a local date. Luxon moves a time inside a spring-forward gap forward by
 * the gap; for a time that occurs twice when clocks fall back, we take the first occurrence: the
 * zone's offset an hour earlier tells whether there is one, without building another DateTime.
 */
function localTime(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second = 0,
): DateTime {
  const run = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone });
  const ts = run.toMillis();
  const earlierOffset = run.zone.offset(ts - 3_600_000);
  if (earlierOffset <= run.offset) return run;
  const first = ts - (earlierOffset - run.offset) * 60_000;
  return run.zone.offset(first) === earlierOffset ? DateTime.fromMillis(first, { zone }) : run;
}
