/**
 * AWS cron expressions as Systems Manager maintenance windows accept them:
 * six fields `minutes hours day-of-month month day-of-week year`, exactly one of
 * day-of-month and day-of-week is `?`, day-of-week counts 1 = SUN .. 7 = SAT.
 * Pure parsing and day matching; no clock, no time zone.
 */

export interface CronSpec {
  /** The optional seconds field AWS documents first in a 7-field expression; 0 otherwise. */
  readonly second: number;
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly months: ReadonlySet<number>;
  readonly years: ReadonlySet<number>;
  readonly dayOfMonth: DayOfMonthSpec | undefined;
  readonly dayOfWeek: DayOfWeekSpec | undefined;
  /**
   * Forms AWS's Systems Manager page neither documents nor forbids, each with the closest
   * documented alternative: accepted, and warned about by the plan and `pulumi up`.
   */
  readonly undocumented: readonly string[];
}

/** Day-of-month: plain days, `L` (last day), `LW` (last weekday), `nW` (weekday nearest n). */
export interface DayOfMonthSpec {
  readonly days: ReadonlySet<number>;
  readonly last: boolean;
  readonly lastWeekday: boolean;
  readonly nearestWeekday: readonly number[];
}

/** Day-of-week (1 = Sunday): plain days, `dL` (last d of month), `d#n` (n-th d of month). */
export interface DayOfWeekSpec {
  readonly days: ReadonlySet<number>;
  readonly lastOf: readonly number[];
  readonly nth: readonly { readonly day: number; readonly n: number }[];
}

const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface FieldRule {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS = {
  seconds: { label: "seconds (one value)", min: 0, max: 59 },
  minutes: { label: "minutes", min: 0, max: 59 },
  hours: { label: "hours", min: 0, max: 23 },
  dayOfMonth: { label: "day-of-month", min: 1, max: 31 },
  month: { label: "month", min: 1, max: 12, names: MONTH_NAMES },
  dayOfWeek: { label: "day-of-week", min: 1, max: 7, names: DAY_NAMES },
  year: { label: "year", min: 1970, max: 2199 },
} satisfies Record<string, FieldRule>;

/** Thrown with a message that states the AWS rule the expression breaks. */
export class CronSyntaxError extends Error {}

function fail(message: string): never {
  throw new CronSyntaxError(message);
}

function parseNumber(token: string, rule: FieldRule): number {
  const named = rule.names?.indexOf(token.toUpperCase()) ?? -1;
  const value = named >= 0 ? named + 1 : /^\d+$/.test(token) ? Number(token) : NaN;
  if (Number.isNaN(value)) {
    fail(`${rule.label} value "${token}" is not a number${rule.names ? ` or one of ${rule.names.join(",")}` : ""}`);
  }
  if (value < rule.min || value > rule.max) fail(`${rule.label} value ${value} is outside ${rule.min}-${rule.max}`);
  return value;
}

/**
 * Expands `*`, `a`, `a-b`, `a/s`, `*\/s`, `a-b/s` and comma lists into the set of values. A step
 * larger than the field's largest value (`0/60`) is noted in `undocumented`: Quartz refuses it.
 */
function parseList(field: string, rule: FieldRule, undocumented: string[]): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(",")) {
    const match = /^([^/]+)(?:\/(\d+))?$/.exec(part);
    if (!match) fail(`${rule.label} element "${part}" is not valid`);
    const [, range, stepText] = match;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) fail(`${rule.label} step in "${part}" must be at least 1`);
    if (step > rule.max)
      undocumented.push(
        `${rule.label} step "${part}" is larger than the field's largest value ${rule.max}, so it gives only its start: write the start alone`,
      );
    let from: number;
    let to: number;
    if (range === "*") {
      [from, to] = [rule.min, rule.max];
    } else if (range.includes("-")) {
      const [a, b, ...rest] = range.split("-");
      if (rest.length > 0) fail(`${rule.label} range "${range}" has more than one "-"`);
      [from, to] = [parseNumber(a, rule), parseNumber(b, rule)];
      if (from > to) fail(`${rule.label} range "${range}" runs backwards`);
    } else {
      from = parseNumber(range, rule);
      to = stepText === undefined ? from : rule.max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** `L`/`W` forms beside other items in one list: Quartz allows them only alone. */
function noteSpecialInList(field: string, label: string, special: RegExp, undocumented: string[]): void {
  const parts = field.split(",");
  const found = parts.filter((p) => special.test(p.toUpperCase()));
  if (parts.length > 1 && found.length > 0)
    undocumented.push(
      `${label} "${field}" puts ${found.join(", ")} in a list; AWS documents L and W only alone: use one window per day`,
    );
}

function parseDayOfMonth(field: string, undocumented: string[]): DayOfMonthSpec {
  noteSpecialInList(field, "day-of-month", /[LW]/, undocumented);
  const rule = FIELDS.dayOfMonth;
  const days = new Set<number>();
  const nearestWeekday: number[] = [];
  let last = false;
  let lastWeekday = false;
  for (const part of field.split(",")) {
    const upper = part.toUpperCase();
    if (upper === "L") last = true;
    else if (upper === "LW") lastWeekday = true;
    else if (/^\d+W$/.test(upper)) nearestWeekday.push(parseNumber(upper.slice(0, -1), rule));
    else for (const d of parseList(part, rule, undocumented)) days.add(d);
  }
  return { days, last, lastWeekday, nearestWeekday };
}

function parseDayOfWeek(field: string, undocumented: string[]): DayOfWeekSpec {
  noteSpecialInList(field, "day-of-week", /L$/, undocumented);
  const rule = FIELDS.dayOfWeek;
  const days = new Set<number>();
  const lastOf: number[] = [];
  const nth: { day: number; n: number }[] = [];
  for (const part of field.split(",")) {
    const upper = part.toUpperCase();
    const nthMatch = /^(\w+)#(\d+)$/.exec(upper);
    // L alone is the last day of the week, Saturday, every week (Quartz); dL is the month's last day d.
    if (upper === "L") days.add(7);
    else if (/^\w+L$/.test(upper)) lastOf.push(parseNumber(upper.slice(0, -1), rule));
    else if (nthMatch) {
      const n = Number(nthMatch[2]);
      if (n < 1 || n > 5) fail(`day-of-week "${part}": the number after # must be 1-5`);
      nth.push({ day: parseNumber(nthMatch[1], rule), n });
    } else for (const d of parseList(part, rule, undocumented)) days.add(d);
  }
  if (nth.length > 1)
    undocumented.push(
      `day-of-week "${field}" has ${nth.length} # items; AWS's EventBridge cron reference allows one # expression per field: use one window per weekday occurrence`,
    );
  return { days, lastOf, nth };
}

/**
 * Parses the inside of `cron(...)`. Throws CronSyntaxError naming the broken rule.
 */
export function parseCron(body: string): CronSpec {
  const all = body.trim().split(/\s+/);
  if (all.length !== 6 && all.length !== 7) {
    fail(
      `cron needs 6 fields (minutes hours day-of-month month day-of-week year), or 7 with seconds first, got ${all.length}`,
    );
  }
  // "Reference: Cron and rate expressions for Systems Manager": the Seconds field, first, is optional.
  const second = all.length === 7 ? parseNumber(all[0], FIELDS.seconds) : 0;
  const [minutes, hours, dom, month, dow, year] = all.slice(all.length - 6);
  if ((dom === "?") === (dow === "?")) {
    fail("exactly one of day-of-month and day-of-week must be ?");
  }
  for (const [value, rule] of [
    [minutes, FIELDS.minutes],
    [hours, FIELDS.hours],
    [month, FIELDS.month],
    [year, FIELDS.year],
  ] as const) {
    if (value === "?") fail(`? is only allowed in day-of-month or day-of-week, not in ${rule.label}`);
  }
  const undocumented: string[] = [];
  return {
    second,
    minutes: [...parseList(minutes, FIELDS.minutes, undocumented)].sort((a, b) => a - b),
    hours: [...parseList(hours, FIELDS.hours, undocumented)].sort((a, b) => a - b),
    months: parseList(month, FIELDS.month, undocumented),
    years: parseList(year, FIELDS.year, undocumented),
    dayOfMonth: dom === "?" ? undefined : parseDayOfMonth(dom, undocumented),
    dayOfWeek: dow === "?" ? undefined : parseDayOfWeek(dow, undocumented),
    undocumented,
  };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Sunday .. 7 = Saturday, the AWS numbering. */
function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

/** The weekday (Mon-Fri) nearest to `day` without leaving the month, as Quartz's `W`. */
function nearestWeekdayOf(year: number, month: number, day: number): number {
  const last = daysInMonth(year, month);
  const target = Math.min(day, last);
  const wd = weekday(year, month, target);
  if (wd === 7) return target === 1 ? 3 : target - 1; // Saturday: Friday, or Monday the 3rd
  if (wd === 1) return target === last ? target - 2 : target + 1; // Sunday: Monday, or Friday before
  return target;
}

/**
 * A `W` day moves at most two days from its own (Saturday the 1st to Monday the 3rd), so a date
 * further away is no match without computing the weekday: the date loop asks about every day.
 */
function matchesDayOfMonth(spec: DayOfMonthSpec, year: number, month: number, day: number): boolean {
  const last = daysInMonth(year, month);
  if (spec.days.has(day)) return true;
  if (spec.last && day === last) return true;
  if (spec.lastWeekday && day >= last - 2 && day === nearestWeekdayOf(year, month, last)) return true;
  return spec.nearestWeekday.some(
    (n) => n <= last && Math.abs(day - n) <= 2 && nearestWeekdayOf(year, month, n) === day,
  );
}

function matchesDayOfWeek(spec: DayOfWeekSpec, year: number, month: number, day: number): boolean {
  const wd = weekday(year, month, day);
  if (spec.days.has(wd)) return true;
  if (spec.lastOf.includes(wd) && day + 7 > daysInMonth(year, month)) return true;
  return spec.nth.some((entry) => entry.day === wd && Math.ceil(day / 7) === entry.n);
}

/** Whether the cron fires on this calendar date (in the schedule's own time zone). */
export function cronMatchesDate(spec: CronSpec, year: number, month: number, day: number): boolean {
  if (!spec.years.has(year) || !spec.months.has(month)) return false;
  if (spec.dayOfMonth) return matchesDayOfMonth(spec.dayOfMonth, year, month, day);
  return spec.dayOfWeek !== undefined && matchesDayOfWeek(spec.dayOfWeek, year, month, day);
}
