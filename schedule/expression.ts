import { DateTime, IANAZone } from "luxon";
import { CronSpec, CronSyntaxError, cronMatchesDate, daysInMonth, parseCron } from "./cron";
import { checkCron, checkRate, RATE_UNIT_MINUTES, RateUnit, ScheduleTarget } from "./rules";

/** A Systems Manager schedule, parsed: the three forms AWS accepts. */
export type Schedule =
  | { readonly kind: "cron"; readonly expression: string; readonly cron: CronSpec }
  | { readonly kind: "rate"; readonly expression: string; readonly value: number; readonly unit: RateUnit }
  | { readonly kind: "at"; readonly expression: string; readonly at: string };

export { CronSyntaxError };
export type { ScheduleTarget };

/**
 * Parses `cron(...)`, `rate(n minute|minutes|hour|hours|day|days)` or (windows only)
 * `at(yyyy-mm-ddThh:mm:ss)`, and holds it to AWS's rules for `target` (schedule/rules.ts).
 * Throws CronSyntaxError stating the rule.
 */
export function parseSchedule(expression: string, target: ScheduleTarget = "window"): Schedule {
  const trimmed = expression.trim();
  const cron = /^cron\((.*)\)$/s.exec(trimmed);
  if (cron) {
    const spec = parseCron(cron[1]);
    checkCron(spec, cron[1].trim().split(/\s+/).length === 7, target);
    return { kind: "cron", expression: trimmed, cron: spec };
  }
  const rate = /^rate\((\d+) (\w+)\)$/.exec(trimmed);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2];
    if (value < 1) throw new CronSyntaxError("rate value must be a positive whole number");
    const expected = value === 1 ? ["minute", "hour", "day"] : ["minutes", "hours", "days"];
    if (!expected.includes(unit)) {
      throw new CronSyntaxError(
        `rate unit must be ${expected.join(", ")} for a value of ${value}: "If the value is equal to 1, then the unit must be singular ... for values greater than 1, the unit must be plural"`,
      );
    }
    const plural = (value === 1 ? `${unit}s` : unit) as RateUnit;
    checkRate(value, plural, target);
    return { kind: "rate", expression: trimmed, value, unit: plural };
  }
  const at = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(trimmed);
  if (at && target === "window") {
    if (!DateTime.fromISO(at[1], { zone: "UTC" }).isValid)
      throw new CronSyntaxError(`at() date ${at[1]} is not a real date and time`);
    return { kind: "at", expression: trimmed, at: at[1] };
  }
  throw new CronSyntaxError(
    target === "window"
      ? "must be cron(<6 fields>), rate(<n> minutes|hours|days) or at(yyyy-mm-ddThh:mm:ss)"
      : "must be cron(<6 fields>) or rate(<n> minutes|hours|days); associations take no at()",
  );
}

/** Forms of `schedule` that AWS's page does not document, each with its closest documented alternative. */
export function undocumentedForms(schedule: Schedule): readonly string[] {
  return schedule.kind === "cron" ? schedule.cron.undocumented : [];
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
    const stepMs = schedule.value * RATE_UNIT_MINUTES[schedule.unit] * 60_000;
    // Jump close to `after` instead of stepping from a start date years back (one step early for DST).
    let k = Math.max(1, Math.floor((after.toMillis() - anchor.toMillis()) / stepMs));
    const runs: DateTime[] = [];
    for (
      let t = anchor.plus({ [schedule.unit]: schedule.value * k });
      runs.length < query.count && t <= horizon && (!end || t <= end);
      t = anchor.plus({ [schedule.unit]: schedule.value * ++k })
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
      const [ry, rm, rd] = [runDate.getUTCFullYear(), runDate.getUTCMonth() + 1, runDate.getUTCDate()];
      const day: DateTime[] = [];
      // On a day without a clock change, local times in clock order are instants in order, so the
      // day stops as soon as `count` runs are found; a clock-change day is computed whole and sorted.
      const steady = !clockChanges(q.zone, ry, rm, rd);
      for (const hour of cron.hours) {
        for (const minute of cron.minutes) {
          if (steady && runs.length + day.length >= q.count) break;
          const run = localTime(q.zone, ry, rm, rd, hour, minute, cron.second);
          // AWS: a window created after this period's cron time, before its offset date, skips the period.
          const skippedAsNew =
            q.createdAt !== undefined && localTime(q.zone, y, m, d, hour, minute, cron.second) < q.createdAt;
          if (q.inRange(run) && !skippedAsNew) day.push(run);
        }
      }
      if (!steady) day.sort((a, b) => a.toMillis() - b.toMillis());
      for (const run of day) {
        if (runs.length < q.count && (runs.length === 0 || run > runs[runs.length - 1])) runs.push(run);
      }
    }
    d += 1;
    if (d > daysInMonth(y, m)) [y, m, d] = m === 12 ? [y + 1, 1, 1] : [y, m + 1, 1];
  }
  return runs;
}

/**
 * Whether the zone's UTC offset may change during this local date: compared between instants that
 * bracket the date in every zone (UTC-14 to UTC+14), a wider net than needed and still two lookups.
 */
function clockChanges(zone: string, year: number, month: number, day: number): boolean {
  const tz = IANAZone.create(zone);
  const midnightUtc = Date.UTC(year, month - 1, day);
  return tz.offset(midnightUtc - 14 * 3_600_000) !== tz.offset(midnightUtc + 38 * 3_600_000);
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
