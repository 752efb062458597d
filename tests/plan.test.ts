import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DateTime } from "luxon";
import { main } from "../cli/main";
import { planDocument } from "../cli/plan";
import { describeBaseline } from "../plan/describe";
import { concurrentInstances, Plan, planRawConfig, planStack } from "../plan/plan";
import { renderPlan } from "../plan/render";
import { buildTimeline, nextPatchTuesday } from "../plan/timeline";
import { minimalConfig } from "./helpers/run";

const FROM = DateTime.fromISO("2026-11-30T06:00:00Z", { zone: "UTC" });

/** Captures what a CLI run writes, and its exit code. */
async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const error = console.error;
  process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  console.error = (...parts: unknown[]) => err.push(parts.join(" "));
  const stderrWrite = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, out: out.join(""), err: err.join("\n") };
  } finally {
    process.stdout.write = write;
    process.stderr.write = stderrWrite;
    console.error = error;
  }
}

describe("plan: baselines in plain words", () => {
  it("says what the issue's example says", () => {
    const text = describeBaseline({
      name: "Windows-Test", operatingSystem: "WINDOWS",
      approvalRules: [{ patchFilters: [{ key: "CLASSIFICATION", values: ["CriticalUpdates", "SecurityUpdates"] }, { key: "MSRC_SEVERITY", values: ["Critical", "Important"] }], approveAfterDays: 7 }],
      rejectedPatches: ["KB5000001"], rejectedPatchesAction: "BLOCK",
    });
    assert.equal(text, "Critical and Security updates of Critical/Important severity, approved 7 days after release; KB5000001 rejected (blocked)");
  });

  it("describes application rules, dates, global filters and approved patches", () => {
    const text = describeBaseline({
      name: "W", operatingSystem: "WINDOWS",
      approvalRules: [
        { patchFilters: [{ key: "PATCH_SET", values: ["APPLICATION"] }, { key: "PRODUCT_FAMILY", values: ["Office"] }], approveUntilDate: "2026-11-10", complianceLevel: "MEDIUM" },
        { patchFilters: [{ key: "CLASSIFICATION", values: ["Security"] }], approveAfterDays: 1, enableNonSecurity: true },
      ],
      globalFilters: [{ key: "PRODUCT", values: ["WindowsServer2022"] }],
      approvedPatches: ["KB1", "KB2"],
      rejectedPatches: ["KB3"],
    });
    assert.equal(text, "Microsoft application (Office) all updates, approved if released by 2026-11-10 (missing = MEDIUM); plus Security, approved 1 day after release, including non-security updates; only PRODUCT WindowsServer2022; KB1 and KB2 always approved; KB3 rejected (allowed as a dependency)");
  });
});

describe("plan: one stack", () => {
  let dev: Plan;
  before(async () => {
    dev = await planStack("dev", { from: FROM, runs: 3 });
  });

  it("counts the resources the program declared, by component and AWS type", () => {
    assert.equal(dev.resources.total, 18);
    assert.deepEqual(dev.resources.byComponent.find((r) => r.type === "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask"), {
      component: "MaintenanceWindow patching-Patching-Test", type: "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask", count: 1,
    });
    assert.deepEqual(dev.resources.byType.find((r) => r.type === "aws:iam/role:Role"), { type: "aws:iam/role:Role", count: 2 });
  });

  it("maps each patch group to its baseline in plain words", () => {
    assert.deepEqual(dev.patchGroups, [{
      name: "Test", baseline: "Windows-Test", operatingSystem: "WINDOWS", approvalDelayDays: 0,
      rules: "Critical and Security updates of Critical/Important severity for WindowsServer2016, WindowsServer2019, WindowsServer2022, approved on release (missing = CRITICAL)",
    }]);
  });

  it("lists the window's next runs in local time and UTC, its end and its cutoff", () => {
    const [window] = dev.windows;
    assert.deepEqual(window.nextRuns, ["2026-12-05T02:00:00Z", "2026-12-12T02:00:00Z", "2026-12-19T02:00:00Z"]);
    assert.deepEqual(window.runs[0], { start: "2026-12-05T02:00:00Z", startUtc: "2026-12-05T02:00:00Z", end: "2026-12-05T04:00:00Z", noNewTasksAfter: "2026-12-05T03:00:00Z" });
    assert.deepEqual(window.targets, ["tag:Patch Group=Test"]);
    assert.deepEqual(window.tasks, [{ name: "scan-and-install", operation: "Install", document: "AWS-RunPatchBaseline", rebootOption: "RebootIfNeeded", priority: 1, maxConcurrency: "50%", maxErrors: "25%" }]);
    assert.deepEqual(dev.warnings, []);
  });

  it("renders prod's Patch Tuesday offset in Berlin time with UTC beside it", async () => {
    const text = renderPlan(await planStack("prod", { from: FROM, runs: 2 }));
    assert.match(text, /Prod-Install-Web\n {2}- schedule: cron\(0 21 \? \* TUE#2 \*\) \+ 6 days in Europe\/Berlin, 4 h, cutoff 1 h/);
    assert.match(text, /Mon 2026-12-14 21:00 Europe\/Berlin = 20:00 UTC, ends 01:00, no new tasks after 00:00/);
    assert.match(text, /Prod-Web → Windows-Prod \(WINDOWS\): .*approved 6 days after release .*KB5000001 rejected \(blocked\)/);
    assert.match(text, /Warnings \(0\)/);
  });

  it("keeps the documented JSON shape", async () => {
    const json = JSON.parse(await planDocument({ stack: "test", format: "json", runs: 2, weeks: 2, from: FROM.toISO()! }));
    assert.deepEqual(Object.keys(json).sort(), ["environment", "generatedAt", "patchGroups", "region", "resources", "stack", "warnings", "windows"]);
    assert.equal(json.stack, "test");
    assert.equal(typeof json.resources.total, "number");
    assert.deepEqual(Object.keys(json.patchGroups[0]).sort(), ["approvalDelayDays", "baseline", "name", "operatingSystem", "rules"]);
    const [window] = json.windows;
    assert.equal(window.timezone, "Europe/London");
    assert.deepEqual(window.nextRuns, ["2026-12-06T03:00:00+00:00", "2026-12-13T03:00:00+00:00"]);
    for (const run of json.windows.flatMap((w: { nextRuns: string[] }) => w.nextRuns)) assert.match(run, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
  });

  it("writes Markdown tables and headings", async () => {
    const md = await planDocument({ stack: "dev", format: "md", runs: 1, weeks: 1, from: FROM.toISO()! });
    assert.match(md, /^# Patch plan: stack dev \(us-east-1\)/);
    assert.match(md, /\| Component \| AWS type \| Count \|\n\|---\|---\|---\|/);
    assert.match(md, /### Patching-Test/);
  });
});

describe("plan: warnings", () => {
  const planOf = (mutate: (raw: any) => void) => {
    const raw = minimalConfig();
    mutate(raw);
    return planRawConfig("unit", raw, "us-east-1", { from: FROM });
  };

  it("a patch group with a baseline that no window installs", async () => {
    const plan = await planOf((raw) => {
      raw.baselines["Windows-Test"].patchGroups.push("Forgotten");
      raw.maintenanceWindows["Patching-Test"].tasks = { scan: { operation: "Scan" } };
    });
    assert.deepEqual(plan.warnings, [
      "Patch group Forgotten has baseline Windows-Test but no window installs it: its instances are never patched.",
      "Patch group Test has baseline Windows-Test but no window installs it: its instances are never patched.",
    ]);
  });

  it("a window whose date range never comes", async () => {
    const plan = await planOf((raw) => {
      raw.maintenanceWindows["Patching-Test"].endDate = "2026-01-01T00:00:00Z";
    });
    assert.deepEqual(plan.warnings, ["Window Patching-Test never runs: no time of cron(0 2 ? * SAT *) falls between now and 2026-01-01T00:00:00Z."]);
  });

  it("two windows patching the same group at overlapping times", async () => {
    const plan = await planOf((raw) => {
      raw.maintenanceWindows["Patching-Late"] = { schedule: "cron(0 3 ? * SAT *)", duration: 2, patchGroups: ["Test"], tasks: { scan: { operation: "Scan" } } };
    });
    assert.deepEqual(plan.warnings, ["Windows Patching-Late and Patching-Test both patch Test and overlap on 2026-12-05 03:00 UTC: the second command on an instance may fail while the first runs."]);
  });

  it("a window too short for the expected fleet at its maxConcurrency", async () => {
    const plan = await planOf((raw) => {
      raw.fleetEstimate = { minutesPerInstance: 20, instances: { Test: 50 } };
      raw.maintenanceWindows["Patching-Test"].tasks.install.maxConcurrency = "5";
    });
    assert.deepEqual(plan.warnings, ["Window Patching-Test is too short for task install: 50 instances at maxConcurrency 5 (5 at a time) need 10 rounds × 20 min = 200 min, but the window lasts 120 min and starts no task after 60 min (assuming 20 min per instance)."]);
  });

  it("counts percentages of the fleet as AWS does, at least one instance", () => {
    assert.deepEqual([concurrentInstances("10%", 12), concurrentInstances("1%", 12), concurrentInstances("100%", 12), concurrentInstances("3", 12)], [2, 1, 12, 3]);
  });
});

describe("plan: all stacks on one timeline", () => {
  it("finds the next Patch Tuesday release", () => {
    assert.equal(nextPatchTuesday(FROM).toISO(), "2026-12-08T10:00:00.000-08:00");
    assert.equal(nextPatchTuesday(DateTime.fromISO("2026-12-09T00:00:00Z")).toISODate(), "2027-01-12");
  });

  it("shows that prod installs Patch Tuesday after test, and test after dev", async () => {
    const plans = [];
    for (const stack of ["dev", "test", "prod"]) plans.push(await planStack(stack, { from: FROM }));
    const timeline = buildTimeline(plans, FROM, 3);
    assert.equal(timeline.days.length, 21);
    const firsts = timeline.patchTuesday.stages.map((s) => [s.stack, s.firstInstall, s.lastInstall]);
    assert.deepEqual(firsts, [
      ["dev", "2026-12-12T02:00:00Z", "2026-12-12T02:00:00Z"],
      ["test", "2026-12-13T03:00:00Z", "2026-12-13T03:00:00Z"],
      ["prod", "2026-12-14T21:00:00+01:00", "2026-12-14T23:30:00+01:00"],
    ]);
    assert.deepEqual(timeline.warnings, []);
    const devRuns = timeline.entries.filter((e) => e.stack === "dev").map((e) => e.day);
    assert.deepEqual(devRuns, ["2026-12-05", "2026-12-12", "2026-12-19"]);
  });

  it("warns when a later stage installs before an earlier one finished", async () => {
    const plans = [];
    for (const stack of ["prod", "dev"]) plans.push(await planStack(stack, { from: FROM }));
    const timeline = buildTimeline(plans, FROM, 3);
    assert.deepEqual(timeline.warnings, ["dev installs Patch Tuesday's patches (2026-12-12T02:00:00Z) before prod has finished installing them (2026-12-14T23:30:00+01:00)."]);
  });
});

describe("plan: the patching command", () => {
  it("prints the plan for a stack and exits 0", async () => {
    const { code, out } = await runCli(["plan", "--stack", "dev", "--runs", "2", "--from", "2026-11-30T06:00:00Z"]);
    assert.equal(code, 0);
    assert.match(out, /^Patch plan: stack dev \(us-east-1\)/);
    assert.match(out, /Test → Windows-Test \(WINDOWS\)/);
    assert.match(out, /Sat 2026-12-05 02:00 UTC = 02:00 UTC, ends 04:00, no new tasks after 03:00/);
  });

  it("writes --all-stacks HTML to --out", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), "plan.html");
    const { code } = await runCli(["plan", "--all-stacks", "--format", "html", "--out", file, "--from", "2026-11-30T06:00:00Z"]);
    assert.equal(code, 0);
    const html = fs.readFileSync(file, "utf8");
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /<(script|link)[^>]+src=/, "self-contained: no external scripts");
  });

  it("refuses an unknown stack, format or count with one clear line and exit 1", async () => {
    const unknown = await runCli(["plan", "--stack", "staging"]);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.err.trim(), "patching: No stack file Pulumi.staging.yaml; known stacks: dev, test, prod");
    const format = await runCli(["plan", "--format", "xml"]);
    assert.equal(format.code, 1);
    assert.match(format.err, /argument 'xml' is invalid. Allowed choices are text, md, json, html/);
    const runs = await runCli(["plan", "--runs", "0"]);
    assert.match(runs.err, /--runs must be a whole number from 1/);
  });

  it("lists its commands in --help", async () => {
    const { out } = await runCli(["--help"]);
    assert.match(out, /plan \[options\]/);
  });
});

describe("plan: the HTML calendar in a real browser", function () {
  this.timeout(60000);
  const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

  it("draws each window run in its environment's row and day cell", async function () {
    if (!chromium) {
      console.log("      skipped: no chromium on this machine (.ci/run installs Debian's chromium)");
      this.skip();
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-html-"));
    const file = path.join(dir, "plan.html");
    fs.writeFileSync(file, await planDocument({ allStacks: true, format: "html", runs: 4, weeks: 3, from: FROM.toISO()! }));
    const dom = execFileSync(chromium!, [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", `--user-data-dir=${path.join(dir, "profile")}`, "--dump-dom", `file://${file}`,
    ], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 45000 });
    const cell = (stack: string, day: string) => {
      const match = new RegExp(`<td class="day" data-stack="${stack}" data-day="${day}">(.*?)</td>`).exec(dom);
      assert.ok(match, `no cell for ${stack} ${day}`);
      return [...match[1].matchAll(/data-window="([^"]+)"[^>]*>([^<]*)</g)].map((m) => m[2]);
    };
    assert.deepEqual(cell("dev", "2026-12-05"), ["02:00 Patching-Test"]);
    assert.deepEqual(cell("dev", "2026-12-06"), []);
    assert.deepEqual(cell("test", "2026-12-13"), ["03:00 QA-Weekly"]);
    assert.deepEqual(cell("prod", "2026-12-14"), ["04:00 Prod-Scan-Nightly", "21:00 Prod-Install-Web", "23:30 Prod-Install-App"]);
    assert.equal((dom.match(/class="block Install"/g) ?? []).length, 3 + 3 + 2);
  });
});
