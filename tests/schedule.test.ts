import { strict as assert } from "assert";
import { DateTime } from "luxon";
import { cronMatchesDate, parseCron } from "../schedule/cron";
import { CronSyntaxError, nextRuns, parseSchedule } from "../schedule/expression";

const iso = (runs: DateTime[]) => runs.map((r) => r.toISO({ suppressMilliseconds: true }));
const from = (text: string) => DateTime.fromISO(text, { zone: "UTC" });

describe("schedule: AWS cron parsing", () => {
  it("rejects expressions that break AWS's cron rules, saying which rule", () => {
    const cases: [string, RegExp][] = [
      ["cron(0 2 * * SAT *)", /exactly one of day-of-month and day-of-week must be \?/],
      ["cron(0 2 ? * ? *)", /exactly one of day-of-month and day-of-week must be \?/],
      ["cron(0 2 ? * SAT)", /6 fields/],
      ["cron(60 2 ? * SAT *)", /minutes value 60 is outside 0-59/],
      ["cron(0 24 ? * SAT *)", /hours value 24 is outside 0-23/],
      ["cron(0 2 ? * FUNDAY *)", /day-of-week value "FUNDAY" is not a number or one of SUN/],
      ["cron(0 2 ? 13 MON *)", /month value 13 is outside 1-12/],
      ["cron(0 2 ? * TUE#6 *)", /number after # must be 1-5/],
      ["cron(0 5-2 ? * MON *)", /runs backwards/],
      ["cron(? 2 1 * ? *)", /exactly one of|only allowed/],
    ];
    for (const [expression, message] of cases) {
      assert.throws(
        () => parseSchedule(expression),
        (e: Error) => e instanceof CronSyntaxError && message.test(e.message),
        expression,
      );
    }
  });

  it("rejects malformed forms", () => {
    assert.throws(() => parseSchedule("rate(1 days)"), /minute, hour, day for a value of 1/);
    assert.throws(() => parseSchedule("every saturday"), /must be cron/);
    assert.throws(() => parseSchedule("at(2026-02-30T10:00:00)"), /not a real date/);
  });

  it("expands ranges, lists and steps", () => {
    const spec = parseCron("0/15 1-3,22 ? JAN-MAR,DEC MON-FRI 2026");
    assert.deepEqual(spec.minutes, [0, 15, 30, 45]);
    assert.deepEqual(spec.hours, [1, 2, 3, 22]);
    assert.deepEqual(
      [...spec.months].sort((a, b) => a - b),
      [1, 2, 3, 12],
    );
    assert.deepEqual([...spec.dayOfWeek!.days].sort(), [2, 3, 4, 5, 6]);
  });

  it("matches TUE#2 (Patch Tuesday) on the second Tuesday only", () => {
    const spec = parseCron("0 2 ? * TUE#2 *");
    assert.equal(cronMatchesDate(spec, 2026, 12, 8), true); // 2nd Tuesday of December 2026
    assert.equal(cronMatchesDate(spec, 2026, 12, 1), false);
    assert.equal(cronMatchesDate(spec, 2026, 12, 15), false);
  });

  it("matches L, LW, nW and dL as AWS documents them", () => {
    assert.equal(cronMatchesDate(parseCron("0 0 L * ? *"), 2028, 2, 29), true); // leap year
    assert.equal(cronMatchesDate(parseCron("0 0 L * ? *"), 2027, 2, 28), true);
    assert.equal(cronMatchesDate(parseCron("0 0 LW * ? *"), 2026, 5, 29), true); // 31 May 2026 is a Sunday
    assert.equal(cronMatchesDate(parseCron("0 0 15W * ? *"), 2026, 11, 16), true); // 15 Nov 2026 is a Sunday
    assert.equal(cronMatchesDate(parseCron("0 0 1W * ? *"), 2026, 8, 3), true); // 1 Aug 2026 is a Saturday → Monday 3rd
    assert.equal(cronMatchesDate(parseCron("0 0 ? * 6L *"), 2026, 12, 25), true); // last Friday of Dec 2026
    assert.equal(cronMatchesDate(parseCron("0 0 ? * 6L *"), 2026, 12, 18), false);
  });
});

describe("schedule: next runs", () => {
  it("runs the seed window every Saturday 02:00 UTC", () => {
    const runs = nextRuns(parseSchedule("cron(0 2 ? * SAT *)"), { from: from("2026-11-30T06:00:00Z"), count: 3 });
    assert.deepEqual(iso(runs), ["2026-12-05T02:00:00Z", "2026-12-12T02:00:00Z", "2026-12-19T02:00:00Z"]);
  });

  it("applies scheduleOffset after the cron date: Patch Tuesday + 4 days is a Saturday", () => {
    const runs = nextRuns(parseSchedule("cron(0 2 ? * TUE#2 *)"), {
      from: from("2026-11-30T00:00:00Z"),
      count: 2,
      scheduleOffset: 4,
      timezone: "Europe/Berlin",
    });
    assert.deepEqual(iso(runs), ["2026-12-12T02:00:00+01:00", "2027-01-16T02:00:00+01:00"]);
    assert.equal(runs[0].weekday, 6);
  });

  it("counts an offset run whose cron date lies before the start of the search", () => {
    // Patch Tuesday 8 Dec 2026 + 4 = Sat 12 Dec; searching from Thu 10 Dec must still find it.
    const runs = nextRuns(parseSchedule("cron(0 2 ? * TUE#2 *)"), {
      from: from("2026-12-10T00:00:00Z"),
      count: 1,
      scheduleOffset: 4,
    });
    assert.deepEqual(iso(runs), ["2026-12-12T02:00:00Z"]);
  });

  it("keeps local wall time across the European DST change (Europe/Berlin, 29 March 2026)", () => {
    const runs = nextRuns(parseSchedule("cron(0 3 ? * SAT,SUN *)"), {
      from: from("2026-03-27T00:00:00Z"),
      count: 3,
      timezone: "Europe/Berlin",
    });
    assert.deepEqual(iso(runs), [
      "2026-03-28T03:00:00+01:00",
      "2026-03-29T03:00:00+02:00",
      "2026-04-04T03:00:00+02:00",
    ]);
    assert.deepEqual(
      runs.map((r) => r.toUTC().hour),
      [2, 1, 1],
    );
  });

  it("moves a local time skipped by the US spring-forward gap by the gap (America/New_York, 8 March 2026)", () => {
    const runs = nextRuns(parseSchedule("cron(30 2 ? * SUN *)"), {
      from: from("2026-03-01T12:00:00Z"),
      count: 2,
      timezone: "America/New_York",
    });
    assert.deepEqual(iso(runs), ["2026-03-08T03:30:00-04:00", "2026-03-15T02:30:00-04:00"]);
  });

  it("runs once at a repeated local time when US clocks fall back (America/Chicago, 1 November 2026)", () => {
    const runs = nextRuns(parseSchedule("cron(30 1 ? * SUN *)"), {
      from: from("2026-10-31T12:00:00Z"),
      count: 2,
      timezone: "America/Chicago",
    });
    assert.deepEqual(iso(runs), ["2026-11-01T01:30:00-05:00", "2026-11-08T01:30:00-06:00"]);
  });

  it("honours start and end dates", () => {
    const schedule = parseSchedule("cron(0 2 ? * SAT *)");
    const runs = nextRuns(schedule, {
      from: from("2026-11-30T00:00:00Z"),
      count: 10,
      startDate: "2026-12-10T00:00:00Z",
      endDate: "2026-12-27T00:00:00Z",
    });
    assert.deepEqual(iso(runs), ["2026-12-12T02:00:00Z", "2026-12-19T02:00:00Z", "2026-12-26T02:00:00Z"]);
    assert.deepEqual(
      nextRuns(schedule, { from: from("2026-11-30T00:00:00Z"), count: 4, endDate: "2026-01-01T00:00:00Z" }),
      [],
    );
  });

  it("steps rate() schedules from the start date and runs at() once", () => {
    const rate = nextRuns(parseSchedule("rate(12 hours)"), {
      from: from("2026-12-01T00:00:00Z"),
      count: 3,
      startDate: "2026-11-30T08:00:00Z",
    });
    assert.deepEqual(iso(rate), ["2026-12-01T08:00:00Z", "2026-12-01T20:00:00Z", "2026-12-02T08:00:00Z"]);
    const at = parseSchedule("at(2026-12-24T18:00:00)");
    assert.deepEqual(iso(nextRuns(at, { from: from("2026-12-01T00:00:00Z"), count: 3, timezone: "Europe/Paris" })), [
      "2026-12-24T18:00:00+01:00",
    ]);
    assert.deepEqual(nextRuns(at, { from: from("2027-01-01T00:00:00Z"), count: 3 }), []);
  });

  it("honours the year field and gives up at the end of it", () => {
    const runs = nextRuns(parseSchedule("cron(0 4 1 * ? 2027)"), { from: from("2026-11-30T00:00:00Z"), count: 20 });
    assert.equal(runs.length, 12);
    assert.equal(iso(runs)[0], "2027-01-01T04:00:00Z");
    assert.equal(iso(runs)[11], "2027-12-01T04:00:00Z");
  });
});
