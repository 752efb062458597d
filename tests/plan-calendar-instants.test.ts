import { strict as assert } from "assert";
import fc from "fast-check";
import { DateTime } from "luxon";
import { renderHtml } from "../plan/html";
import { Plan, planStack, windowRuns } from "../plan/plan";
import { renderTimeline } from "../plan/render";
import { buildTimeline } from "../plan/timeline";
import { FROM } from "./helpers/plan";

/**
 * The calendar (HTML), the text timeline and the JSON timeline show the same instants: every run
 * from `from` to `from + weeks`, each on a column of its own local date. Adding any valid
 * environment (any zone, any schedule, any start) can therefore not drop a run from one of them.
 */
describe("plan: calendar, text and JSON cover the same instants", function () {
  this.timeout(60000);
  let dev: Plan;
  before(async () => (dev = await planStack("dev", { from: FROM })));

  const ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/Los_Angeles",
    "Pacific/Auckland",
    "Asia/Kolkata",
    "Pacific/Kiritimati",
  ];
  const SCHEDULES = [
    "cron(0 2 ? * SAT *)",
    "cron(30 23 ? * MON *)",
    "cron(0 5 * * ? *)",
    "cron(0 21 ? * TUE#2 *)",
    "rate(3 days)",
  ];

  it("property: over random starts, weeks, zones and schedules, every run has its day column and its block", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 * 366 * 24 * 60 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(...ZONES),
        fc.constantFrom(...SCHEDULES),
        (minutes, weeks, timezone, schedule) => {
          const from = DateTime.fromISO("2026-01-01T00:00:00Z", { zone: "UTC" }).plus({ minutes });
          const staging: Plan = {
            ...dev,
            stack: "staging",
            windows: dev.windows.map((w) => ({ ...w, timezone, schedule, scheduleOffset: null })),
          } as Plan;
          const timeline = buildTimeline([dev, staging], from, weeks);
          const end = from.plus({ weeks });
          // JSON: exactly the runs in [from, end], and each run's day among the calendar's days.
          const expected = [dev, staging].flatMap((p) =>
            p.windows.flatMap((w) => windowRuns(w, from, 500, weeks * 7).map((t) => t.toMillis())),
          );
          assert.deepEqual(
            timeline.entries.map((e) => Date.parse(e.startUtc)).sort(),
            expected.filter((t) => t > from.toMillis() && t <= end.toMillis()).sort(),
          );
          const days = new Set(timeline.days);
          for (const e of timeline.entries)
            assert.ok(days.has(e.day), `${e.day} of ${e.stack} ${e.start} has no column`);
          // HTML: one block per run in the cell of its stack and day (none are folded: no daily scans here).
          const html = renderHtml([dev, staging], timeline);
          const blocks = [
            ...html.matchAll(/<td class="day" data-stack="([^"]+)" data-day="([^"]+)">(.*?)<\/td>/g),
          ].flatMap(([, stack, day, cell]) => [...cell.matchAll(/class="block /g)].map(() => `${stack} ${day}`));
          assert.deepEqual(blocks.sort(), timeline.entries.map((e) => `${e.stack} ${e.day}`).sort());
          // Text: one row per run.
          const text = renderTimeline(timeline);
          for (const e of timeline.entries) assert.ok(text.includes(e.window), e.window);
          assert.equal(
            text.split("\n").filter((l) => / (dev|staging) +Patching-Test /.test(l)).length,
            timeline.entries.length,
          );
        },
      ),
      { numRuns: 60, seed: 27 },
    );
  });

  it("the reported case: a run on the last, partial day has its column (--weeks 1 from Saturday 06:00 UTC)", () => {
    const from = DateTime.fromISO("2026-12-05T06:00:00Z", { zone: "UTC" });
    const timeline = buildTimeline([dev], from, 1);
    assert.deepEqual(
      timeline.entries.map((e) => e.start),
      ["2026-12-12T02:00:00Z"],
    );
    assert.equal(timeline.days[timeline.days.length - 1], "2026-12-12");
    assert.match(
      renderHtml([dev], timeline),
      /data-day="2026-12-12">(?:<div class="mark[^]*?)?<div class="block Install/,
    );
  });
});
