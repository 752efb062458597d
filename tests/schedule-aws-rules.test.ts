import { strict as assert } from "assert";
import { DateTime } from "luxon";
import { CronSyntaxError, nextRuns, parseSchedule, undocumentedForms } from "../schedule/expression";
import { configWarnings, parseStackConfig } from "../config/load";
import { shortestGapMinutes } from "../schedule/rules";
import { parseCron } from "../schedule/cron";
import { rawConfigFromStackFile } from "../config/stackConfig";
import { buildTimeline, planRawConfig, renderPlan } from "../plan";
import { renderHtml } from "../plan/html";

/**
 * Which schedules are accepted, held to AWS's page "Reference: Cron and rate expressions for
 * Systems Manager": repository awsdocs/aws-systems-manager-user-guide, file
 * doc_source/reference-cron-and-rate-expressions.md. Every example of the page is here, one by one.
 */
const at = (text: string) => DateTime.fromISO(text, { zone: "UTC" });
const from = "2026-11-30T00:00:00Z"; // a Monday
const runs = (expression: string, count = 2) =>
  nextRuns(parseSchedule(expression), { from: at(from), count }).map((r) => r.toISO({ suppressMilliseconds: true }));
const refused = (expression: string, target: "window" | "association", rule: RegExp) =>
  assert.throws(
    () => parseSchedule(expression, target),
    (e: Error) => e instanceof CronSyntaxError && rule.test(e.message),
    `${expression} on a ${target}`,
  );

describe("schedule rules: every example of AWS's cron and rate reference", () => {
  // "Maintenance Window Examples" and "Association Examples" (the create-* CLI examples).
  it("the create-maintenance-window examples: cron(0 16 ? * TUE *), rate(7 days), at(2019-07-07T13:15:30)", () => {
    for (const e of ["cron(0 16 ? * TUE *)", "rate(7 days)", "at(2019-07-07T13:15:30)"]) parseSchedule(e, "window");
  });
  it("the create-association examples: cron(0 0 2 ? * SUN *) (seconds 0) and rate(7 days)", () => {
    assert.equal(parseSchedule("cron(0 0 2 ? * SUN *)", "association").kind, "cron");
    assert.equal(parseSchedule("rate(7 days)", "association").kind, "rate");
  });

  // "Cron expression examples" (general table): accepted for windows, runs as the Meaning column says.
  const general: [string, string, string[]][] = [
    ["cron(0 10 * * ? *)", "10:00 every day", ["2026-11-30T10:00:00Z", "2026-12-01T10:00:00Z"]],
    ["cron(15 12 * * ? *)", "12:15 every day", ["2026-11-30T12:15:00Z", "2026-12-01T12:15:00Z"]],
    ["cron(0 18 ? * MON-FRI *)", "18:00 Monday to Friday", ["2026-11-30T18:00:00Z", "2026-12-01T18:00:00Z"]],
    ["cron(0 8 1 * ? *)", "08:00 every 1st of the month", ["2026-12-01T08:00:00Z", "2027-01-01T08:00:00Z"]],
    ["cron(0/15 * * * ? *)", "every 15 minutes", ["2026-11-30T00:15:00Z", "2026-11-30T00:30:00Z"]],
    ["cron(0/10 * ? * MON-FRI *)", "every 10 minutes Mon-Fri", ["2026-11-30T00:10:00Z", "2026-11-30T00:20:00Z"]],
    ["cron(0/5 8-17 ? * MON-FRI *)", "every 5 minutes 08:00-17:55", ["2026-11-30T08:00:00Z", "2026-11-30T08:05:00Z"]],
  ];
  for (const [expression, meaning, expected] of general)
    it(`general table: ${expression}, ${meaning}`, () => assert.deepEqual(runs(expression), expected));

  // "Cron examples for maintenance windows", and the 6- and 7-field examples above the table.
  const windows: [string, string, string[]][] = [
    ["cron(30 09 ? * * *)", "09:30 every day", ["2026-11-30T09:30:00Z", "2026-12-01T09:30:00Z"]],
    ["cron(24 30 09 ? * * *)", "09:30:24 every day", ["2026-11-30T09:30:24Z", "2026-12-01T09:30:24Z"]],
    ["cron(0 2 ? * THU#3 *)", "02:00 the third Thursday", ["2026-12-17T02:00:00Z", "2027-01-21T02:00:00Z"]],
    ["cron(15 10 ? * * *)", "10:15 every day", ["2026-11-30T10:15:00Z", "2026-12-01T10:15:00Z"]],
    ["cron(15 10 ? * MON-FRI *)", "10:15 Mon-Fri", ["2026-11-30T10:15:00Z", "2026-12-01T10:15:00Z"]],
    ["cron(0 2 L * ? *)", "02:00 on the last day of the month", ["2026-11-30T02:00:00Z", "2026-12-31T02:00:00Z"]],
    ["cron(15 10 ? * 6L *)", "10:15 on the last Friday", ["2026-12-25T10:15:00Z", "2027-01-29T10:15:00Z"]],
  ];
  for (const [expression, meaning, expected] of windows)
    it(`window table: ${expression}, ${meaning}`, () => assert.deepEqual(runs(expression), expected));

  // "Rate examples for maintenance windows".
  for (const [expression, minutes] of [
    ["rate(30 minutes)", 30],
    ["rate(1 hour)", 60],
    ["rate(5 hours)", 300],
    ["rate(25 days)", 36000],
  ] as const)
    it(`window rate table: ${expression} runs every ${minutes} minutes`, () => {
      const [a, b] = nextRuns(parseSchedule(expression, "window"), { from: at(from), count: 2 });
      assert.equal(b.diff(a, "minutes").minutes, minutes);
    });

  // "Cron examples for associations" and the seconds example `cron(0 */30 * * * ? *)`.
  for (const expression of [
    "cron(0/30 * * * ? *)",
    "cron(0 0/1 * * ? *)",
    "cron(0 0/2 * * ? *)",
    "cron(0 0/4 * * ? *)",
    "cron(0 0/8 * * ? *)",
    "cron(0 0/12 * * ? *)",
    "cron(15 13 ? * * *)",
    "cron(15 13 ? * MON *)",
    "cron(0 */30 * * * ? *)",
  ])
    it(`association cron table: ${expression} accepted`, () =>
      assert.equal(parseSchedule(expression, "association").kind, "cron"));

  // "Rate examples for associations".
  for (const expression of ["rate(30 minutes)", "rate(1 hour)", "rate(5 hours)", "rate(15 days)"])
    it(`association rate table: ${expression} accepted`, () =>
      assert.equal(parseSchedule(expression, "association").kind, "rate"));
});

describe("schedule rules: what the page refuses, with the rule quoted", () => {
  it('windows: seconds 0, "Zero (0) is not supported in the seconds field"', () => {
    refused("cron(0 30 9 ? * * *)", "window", /"Zero \(0\) is not supported in the seconds field"/);
  });

  it('windows: "Cron expressions that lead to rates faster than five (5) minute are not supported"', () => {
    const floor = /"Cron expressions that lead to rates faster than five \(5\) minute are not supported"/;
    for (const e of [
      "cron(* * * * ? *)",
      "cron(0/1 * * * ? *)",
      "cron(0/4 * * * ? *)",
      "cron(0,2 * ? * MON *)",
      "cron(10-12 3 ? * SUN *)",
      "cron(0,58 * * * ? *)", // 23:58 → 00:00 next day: 2 minutes, across midnight
    ])
      refused(e, "window", floor);
    refused("rate(1 minute)", "window", floor);
    refused("rate(4 minutes)", "window", /rate\(4 minutes\) is faster than every five minutes/);
    parseSchedule("rate(5 minutes)", "window");
    parseSchedule("cron(0,5 * * * ? *)", "window");
  });

  it("the shortest gap, up to a day, counts midnight only when two consecutive dates can run", () => {
    assert.equal(shortestGapMinutes(parseCron("58 23,0 * * ? *")), 60); // 23:58 → 00:58 the next day
    assert.equal(shortestGapMinutes(parseCron("0,58 0,23 ? * MON *")), 58); // Monday only: 23:58 is not followed by 00:00
    assert.equal(shortestGapMinutes(parseCron("0,58 0,23 ? * MON,TUE *")), 2); // Monday 23:58 → Tuesday 00:00
    assert.equal(shortestGapMinutes(parseCron("59 23 ? * MON *")), 1440); // once a day or less: a day
  });

  it("rate units: singular for 1, plural above 1", () => {
    const rule = /"If the value is equal to 1, then the unit must be singular/;
    for (const e of ["rate(1 hours)", "rate(5 hour)", "rate(1 minutes)", "rate(30 minute)", "rate(2 day)"])
      refused(e, "window", rule);
  });

  it("associations: rates of 30 minutes or more and under 31 days", () => {
    const rule =
      /"Associations only support the following rate expressions: intervals of 30 minutes or greater and less than 31 days"/;
    for (const e of ["rate(29 minutes)", "rate(31 days)", "rate(45 days)", "rate(744 hours)"])
      refused(e, "association", rule);
    parseSchedule("rate(30 days)", "association");
    parseSchedule("rate(743 hours)", "association");
  });

  it("associations: seconds only 0", () => {
    refused(
      "cron(24 30 09 ? * * *)",
      "association",
      /"If you specify the optional Seconds field, its value can only be 0/,
    );
  });

  it("associations: only every 1/2, 1, 2, 4, 8 or 12 hours, or daily or weekly at a set time", () => {
    const rule = /"Associations only support the following cron expressions: every 1\/2, 1, 2, 4, 8, or 12 hours/;
    for (const e of [
      "cron(0/15 * * * ? *)", // 15 minutes
      "cron(0 0/3 * * ? *)", // 3 hours
      "cron(0 0/5 * * ? *)", // 5 hours, uneven across midnight
      "cron(0 2 ? * MON-FRI *)", // weekdays
      "cron(0 2 1 * ? *)", // monthly
      "cron(0 2 ? * TUE#2 *)",
      "cron(0 2 * 1-6 ? *)", // half the year
      "cron(0 0/4 ? * MON *)", // an interval on one weekday
      "cron(0 2,14 ? * MON *)",
    ])
      refused(e, "association", rule);
    for (const e of ["cron(30 0/2 * * ? *)", "cron(15,45 * * * ? *)", "cron(0 12 ? * * *)", "cron(0 1 * * ? *)"])
      parseSchedule(e, "association");
  });

  it("associations take no at()", () => {
    refused("at(2027-01-01T00:00:00)", "association", /associations take no at\(\)/);
  });
});

describe("schedule rules: forms the page is silent on are accepted and warned about", () => {
  const cases: [string, RegExp][] = [
    ["cron(0/60 * * * ? *)", /minutes step "0\/60" is larger than the field's largest value 59.*write the start alone/],
    ["cron(0 2 ? * TUE#2,THU#3 *)", /2 # items; AWS's EventBridge cron reference allows one # expression per field/],
    ["cron(0 2 1,L * ? *)", /day-of-month "1,L" puts L in a list; AWS documents L and W only alone/],
    ["cron(0 2 1,15W * ? *)", /day-of-month "1,15W" puts 15W in a list/],
    ["cron(0 2 ? * MON,6L *)", /day-of-week "MON,6L" puts 6L in a list/],
  ];
  for (const [expression, form] of cases)
    it(`${expression}: accepted, with the form and the documented alternative`, () => {
      const forms = undocumentedForms(parseSchedule(expression));
      assert.equal(forms.length, 1, forms.join("; "));
      assert.match(forms[0], form);
    });

  it("documented forms carry no warning", () => {
    for (const e of ["cron(0 2 ? * TUE#2 *)", "cron(0 2 L * ? *)", "cron(0/15 * * * ? *)", "cron(15 10 ? * 6L *)"])
      assert.deepEqual(undocumentedForms(parseSchedule(e)), [], e);
  });

  it("the plan and pulumi up's config warnings name the key, the expression and the form", () => {
    const { raw } = rawConfigFromStackFile("dev");
    const windows = raw.maintenanceWindows as Record<string, Record<string, unknown>>;
    windows["Patching-Test"].schedule = "cron(0 2 ? * TUE#2,THU#3 *)";
    const warnings = configWarnings(parseStackConfig(raw, "dev"));
    assert.deepEqual(warnings, [
      `patching:maintenanceWindows.Patching-Test.schedule = "cron(0 2 ? * TUE#2,THU#3 *)": day-of-week "TUE#2,THU#3" has 2 # items; AWS's EventBridge cron reference allows one # expression per field: use one window per weekday occurrence (AWS's "Reference: Cron and rate expressions for Systems Manager" does not document this form).`,
    ]);
  });
});

describe("schedule rules: a seconds field reaches the plan", () => {
  it("cron(24 30 09 ? * * *) is listed at 09:30:24 in the JSON runs, the timeline, the text and the calendar", async () => {
    const { raw } = rawConfigFromStackFile("dev");
    const windows = raw.maintenanceWindows as Record<string, Record<string, unknown>>;
    windows["Patching-Test"].schedule = "cron(24 30 09 ? * * *)";
    const plan = await planRawConfig("dev", raw, "us-east-1", { from: at(from) });
    assert.deepEqual(plan.windows[0].nextRuns.slice(0, 2), ["2026-11-30T09:30:24Z", "2026-12-01T09:30:24Z"]);
    const timeline = buildTimeline([plan], at(from), 1);
    assert.equal(timeline.entries[0].start, "2026-11-30T09:30:24Z");
    assert.match(
      renderPlan(plan),
      /Mon 2026-11-30 09:30:24 to 11:30:24, no new tasks after 10:30:24 \(UTC\); starts 09:30:24 UTC/,
    );
    assert.match(renderHtml([plan], timeline), /09:30:24–11:30:24 Patching-Test<small>09:30:24 UTC/);
  });
});
