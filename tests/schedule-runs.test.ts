import { strict as assert } from "assert";
import { Cron } from "croner";
import fc from "fast-check";
import { DateTime } from "luxon";
import { nextRuns, parseSchedule } from "../schedule/expression";

const iso = (runs: DateTime[]) => runs.map((r) => r.toISO({ suppressMilliseconds: true }));
const at = (text: string) => DateTime.fromISO(text, { zone: "UTC" });
const runsOf = (expression: string, timezone: string, from: string, count: number, extra = {}) =>
  nextRuns(parseSchedule(expression), { timezone, from: at(from), count, horizonDays: 366 * 40, ...extra });

const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"];

/** The local dates on which the zone's clocks spring forward, 2026-2030. */
const springForward = new Map<string, DateTime[]>();
function springForwardDays(zone: string): DateTime[] {
  if (springForward.has(zone)) return springForward.get(zone)!;
  const days: DateTime[] = [];
  springForward.set(zone, days);
  for (let d = DateTime.fromISO("2026-01-01", { zone }); d.year <= 2030; d = d.plus({ days: 1 })) {
    if (d.endOf("day").offset > d.startOf("day").offset) days.push(d);
  }
  return days;
}

describe("schedule: runs on the days clocks change", () => {
  it("lists each instant once when clocks spring forward (Berlin and New York, 2026)", () => {
    const berlin = runsOf("cron(0,30 1-3 * * ? *)", "Europe/Berlin", "2026-03-28T23:00:00Z", 6);
    assert.deepEqual(iso(berlin), [
      "2026-03-29T01:00:00+01:00",
      "2026-03-29T01:30:00+01:00",
      "2026-03-29T03:00:00+02:00",
      "2026-03-29T03:30:00+02:00",
      "2026-03-30T01:00:00+02:00",
      "2026-03-30T01:30:00+02:00",
    ]);
    const newYork = runsOf("cron(0,30 1-3 * * ? *)", "America/New_York", "2026-03-08T05:00:00Z", 4);
    assert.deepEqual(iso(newYork), [
      "2026-03-08T01:00:00-05:00",
      "2026-03-08T01:30:00-05:00",
      "2026-03-08T03:00:00-04:00",
      "2026-03-08T03:30:00-04:00",
    ]);
  });

  it("property: runs are strictly increasing instants, across every spring-forward day of 2026-2030", () => {
    const minutes = fc.constantFrom("0", "0,30", "15,45", "*/20", "5/25");
    const hours = fc.constantFrom("*", "1-3", "2", "0/2", "1,2,3");
    fc.assert(
      fc.property(
        fc.constantFrom("Europe/Berlin", "America/New_York", "Australia/Sydney"),
        minutes,
        hours,
        fc.nat(20),
        (zone, min, hour, pick) => {
          const days = springForwardDays(zone);
          const day = days[pick % days.length];
          const from = day.minus({ hours: 6 }).toUTC().toISO()!;
          const runs = runsOf(`cron(${min} ${hour} * * ? *)`, zone, from, 30);
          for (let i = 1; i < runs.length; i++)
            assert.ok(runs[i] > runs[i - 1], `${zone} ${min} ${hour}: ${iso(runs)}`);
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });

  it("lists one instant once in Sydney's spring-forward month (cron(37 * ? JAN,MAR,JUL,OCT */2 *))", () => {
    const runs = runsOf("cron(37 * ? JAN,MAR,JUL,OCT */2 *)", "Australia/Sydney", "2026-10-03T12:00:00Z", 48);
    assert.equal(new Set(runs.map((r) => r.toMillis())).size, runs.length);
  });
});

describe("schedule: day-of-week L", () => {
  // Quartz, whose cron AWS follows: "L" alone in day-of-week means 7, Saturday; "6L" the month's last Friday.
  it("L alone is every Saturday, dL the month's last day d", () => {
    assert.deepEqual(
      iso(runsOf("cron(0 2 ? * L *)", "UTC", "2026-12-01T00:00:00Z", 3)).map((t) => t!.slice(0, 10)),
      ["2026-12-05", "2026-12-12", "2026-12-19"],
    );
    assert.deepEqual(
      iso(runsOf("cron(15 10 ? * 6L *)", "UTC", "2026-12-01T00:00:00Z", 2)).map((t) => t!.slice(0, 10)),
      ["2026-12-25", "2027-01-29"],
    );
  });
});

describe("schedule: the first run of a window that does not exist yet", () => {
  // "Reference: Cron and rate expressions for Systems Manager": a window created after this period's
  // cron date but before its offset date does not run in the period; it takes effect in the next.
  it("skips the period whose cron time passed before creation, though its offset date has not", () => {
    const query = { timezone: "Europe/Berlin", scheduleOffset: 6 };
    const created = "2026-12-09T12:00:00Z"; // Patch Tuesday was 2026-12-08; the offset run is 2026-12-14
    const existing = runsOf("cron(0 21 ? * TUE#2 *)", "Europe/Berlin", created, 2, query);
    const created_ = runsOf("cron(0 21 ? * TUE#2 *)", "Europe/Berlin", created, 2, {
      ...query,
      createdAt: at(created),
    });
    assert.deepEqual(iso(existing), ["2026-12-14T21:00:00+01:00", "2027-01-18T21:00:00+01:00"]);
    assert.deepEqual(iso(created_), ["2027-01-18T21:00:00+01:00", "2027-02-15T21:00:00+01:00"]);
  });
});

describe("schedule: differential test against croner", () => {
  // croner (npm) is an independent implementation. Named differences, held out of the comparison:
  // - DST: croner's convention for skipped and repeated local times differs, so zones with DST are
  //   compared away from their transition days;
  // - syntax: AWS numbers day-of-week 1 = SUN, croner 0 = SUN; AWS has a year field, croner none;
  //   AWS's `a/b` form is written `a-59/b` for croner.
  const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
  const minute = fc.oneof(
    fc.integer({ min: 0, max: 59 }).map(String),
    fc.constantFrom("0,30", "*/15", "10-30/5"),
    // AWS refuses runs under five minutes apart (schedule/rules.ts), so steps start at 5.
    fc.integer({ min: 5, max: 30 }).map((s) => ({ aws: `5/${s}`, croner: `5-59/${s}` })),
  );
  const hour = fc.oneof(fc.integer({ min: 0, max: 23 }).map(String), fc.constantFrom("*", "8-17", "0/6"));
  const day = fc.oneof(
    fc.record({ dom: fc.constantFrom("*", "1", "15", "L", "LW", "15W", "1-10"), dow: fc.constant("?") }),
    fc.record({
      dom: fc.constant("?"),
      dow: fc.oneof(
        fc.constantFrom(...DAYS),
        fc.constantFrom("MON-FRI", "SAT,SUN"),
        fc.tuple(fc.constantFrom(...DAYS), fc.integer({ min: 1, max: 4 })).map(([d, n]) => `${d}#${n}`),
      ),
    }),
  );
  const month = fc.constantFrom("*", "1-6", "JAN,JUL", "*/3");
  const crone = (field: string | { aws: string; croner: string }) => (typeof field === "string" ? field : field.croner);
  const awse = (field: string | { aws: string; croner: string }) => (typeof field === "string" ? field : field.aws);
  const stepTo = (max: number) => (field: string) => field.replace(/^(\d+)\/(\d+)$/, `$1-${max}/$2`);

  it("agrees on the next runs of generated AWS cron expressions in five zones", () => {
    fc.assert(
      fc.property(minute, hour, day, month, fc.constantFrom(...ZONES), (min, hr, { dom, dow }, mon, zone) => {
        const aws = `cron(${awse(min)} ${awse(hr)} ${dom} ${mon} ${dow} *)`;
        const cronerDom = dom === "?" ? "*" : dom;
        const cronerDow = dow === "?" ? "*" : dow;
        const pattern = `${stepTo(59)(crone(min))} ${stepTo(23)(crone(hr))} ${cronerDom} ${mon} ${cronerDow}`;
        const from = at("2026-12-01T00:00:00Z");
        const ours = nextRuns(parseSchedule(aws), { timezone: zone, from, count: 12, horizonDays: 366 * 6 });
        const theirs = new Cron(pattern, { timezone: zone, legacyMode: false }).nextRuns(12, from.toJSDate());
        const awayFromDst = (t: DateTime) =>
          t.setZone(zone).startOf("day").offset === t.setZone(zone).endOf("day").offset;
        const mine = ours.filter(awayFromDst).map((t) => t.toMillis());
        const other = theirs
          .map((t) => DateTime.fromJSDate(t))
          .filter(awayFromDst)
          .map((t) => t.toMillis());
        const n = Math.min(mine.length, other.length);
        assert.ok(n > 0 || mine.length === other.length, `${aws}: only one side has runs`);
        assert.deepEqual(mine.slice(0, n), other.slice(0, n), `${aws} vs croner "${pattern}" in ${zone}`);
      }),
      { numRuns: 300, seed: 2026 },
    );
  });
});
