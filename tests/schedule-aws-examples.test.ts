import { strict as assert } from "assert";
import { DateTime } from "luxon";
import { nextRuns, parseSchedule } from "../schedule/expression";

const at = (text: string) => DateTime.fromISO(text, { zone: "UTC" });
const runs = (expression: string, from: string, count: number, extra: Record<string, unknown> = {}) =>
  nextRuns(parseSchedule(expression), { from: at(from), count, ...extra }).map((r) =>
    r.toISO({ suppressMilliseconds: true }),
  );

/**
 * The maintenance-window examples of AWS's "Reference: Cron and rate expressions for Systems Manager"
 * and "Maintenance window scheduling and active period options", each accepted and run as the page
 * says. (Only the examples whose text could be read here; see the closing note of issue 11.)
 */
describe("schedule: AWS's documented maintenance-window examples", () => {
  const from = "2026-11-30T00:00:00Z"; // a Monday

  const table: [expression: string, meaning: string, expected: string[]][] = [
    ["cron(0 10 * * ? *)", "10:00 every day", ["2026-11-30T10:00:00Z", "2026-12-01T10:00:00Z"]],
    ["cron(15 12 * * ? *)", "12:15 every day", ["2026-11-30T12:15:00Z", "2026-12-01T12:15:00Z"]],
    ["cron(0 18 ? * MON-FRI *)", "18:00 Monday to Friday", ["2026-11-30T18:00:00Z", "2026-12-01T18:00:00Z"]],
    ["cron(0 8 1 * ? *)", "08:00 on the 1st of every month", ["2026-12-01T08:00:00Z", "2027-01-01T08:00:00Z"]],
    ["cron(0/15 * * * ? *)", "every 15 minutes", ["2026-11-30T00:15:00Z", "2026-11-30T00:30:00Z"]],
    [
      "cron(0/10 * ? * MON-FRI *)",
      "every 10 minutes Monday to Friday",
      ["2026-11-30T00:10:00Z", "2026-11-30T00:20:00Z"],
    ],
    [
      "cron(0/5 8-17 ? * MON-FRI *)",
      "every 5 minutes, 08:00-17:55, Monday to Friday",
      ["2026-11-30T08:00:00Z", "2026-11-30T08:05:00Z"],
    ],
    [
      "cron(0 16 ? * TUE *)",
      "16:00 every Tuesday (the create-maintenance-window example)",
      ["2026-12-01T16:00:00Z", "2026-12-08T16:00:00Z"],
    ],
  ];
  for (const [expression, meaning, expected] of table) {
    it(`${expression}: ${meaning}`, () => assert.deepEqual(runs(expression, from, 2), expected));
  }

  it("cron(30 23 ? * TUE#3 *) with schedule offset 2: 23:30 two days after the third Tuesday", () => {
    assert.deepEqual(runs("cron(30 23 ? * TUE#3 *)", from, 2, { scheduleOffset: 2 }), [
      "2026-12-17T23:30:00Z",
      "2027-01-21T23:30:00Z",
    ]);
  });

  it("cron(24 30 23 ? * TUE#3 *): the optional seconds field first, carried into the runs", () => {
    assert.deepEqual(runs("cron(24 30 23 ? * TUE#3 *)", from, 2), ["2026-12-15T23:30:24Z", "2027-01-19T23:30:24Z"]);
  });

  it("rate(7 days) and at(2019-07-07T13:15:30) in America/Los_Angeles", () => {
    assert.equal(parseSchedule("rate(7 days)").kind, "rate");
    const once = nextRuns(parseSchedule("at(2019-07-07T13:15:30)"), {
      timezone: "America/Los_Angeles",
      from: at("2019-01-01T00:00:00Z"),
      count: 2,
    });
    assert.deepEqual(
      once.map((r) => r.toISO({ suppressMilliseconds: true })),
      ["2019-07-07T13:15:30-07:00"],
    );
  });

  it("cron(0 09 ? * WED *) in America/Los_Angeles from start date 2021-01-01T00:00:00-08:00", () => {
    // Scheduling and active period options, example 1: the first run is the first Wednesday after the start date.
    const first = nextRuns(parseSchedule("cron(0 09 ? * WED *)"), {
      timezone: "America/Los_Angeles",
      startDate: "2021-01-01T00:00:00-08:00",
      from: at("2020-12-01T00:00:00Z"),
      count: 1,
    });
    assert.deepEqual(
      first.map((r) => r.toISO({ suppressMilliseconds: true })),
      ["2021-01-06T09:00:00-08:00"],
    );
  });
});
