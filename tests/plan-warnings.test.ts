import { strict as assert } from "assert";
import { listStacks } from "../config/stackFile";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DateTime } from "luxon";
import { planRawConfig, planStack } from "../plan/plan";
import { concurrentInstances } from "../plan/warnings";
import { buildTimeline, nextPatchTuesday } from "../plan/timeline";
import { minimalConfig } from "./helpers/run";
import { FROM, runCli } from "./helpers/plan";

describe("plan: warnings", () => {
  it("warns about a product or Linux classification AWS does not document, naming what it documents", async () => {
    const config = minimalConfig();
    const rule = config.baselines["Windows-Test"].approvalRules[0];
    rule.products = ["Windows Server 2016", "WindowsServer2022"];
    config.baselines["AL2023-Test"] = {
      operatingSystem: "AMAZON_LINUX_2023",
      patchGroups: ["Test"],
      approvalRules: [{ classifications: ["Security", "Kernel"], approveAfterDays: 7 }],
    };
    const plan = await planRawConfig("unit", config, "us-east-1", { from: FROM });
    const warnings = plan.warnings.filter((w) => w.startsWith("Baseline "));
    assert.deepEqual(warnings, [
      'Baseline Windows-Test, rule 1: PRODUCT "Windows Server 2016" is not a value AWS documents for WINDOWS (did you mean WindowsServer2016?); AWS documents Windows7, Windows8, Windows8.1, Windows8Embedded, Windows10, Windows10LTSB, Windows11, WindowsServer2008, WindowsServer2008R2, WindowsServer2012, WindowsServer2012R2, WindowsServer2016, WindowsServer2019, WindowsServer2022, WindowsServer2025, and DescribePatchProperties lists what your account has today.',
      'Baseline AL2023-Test, rule 1: CLASSIFICATION "Kernel" is not a value AWS documents for AMAZON_LINUX_2023; AWS documents Security, Bugfix, Enhancement, Recommended, Newpackage, and DescribePatchProperties lists what your account has today.',
    ]);
  });

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
    assert.deepEqual(plan.warnings, [
      "Window Patching-Test never runs: no time of cron(0 2 ? * SAT *) falls between now and 2026-01-01T00:00:00Z.",
    ]);
  });

  it("two windows patching the same group at overlapping times", async () => {
    const plan = await planOf((raw) => {
      raw.maintenanceWindows["Patching-Late"] = {
        schedule: "cron(0 3 ? * SAT *)",
        duration: 2,
        patchGroups: ["Test"],
        tasks: { scan: { operation: "Scan" } },
      };
    });
    assert.deepEqual(plan.warnings, [
      "Windows Patching-Late and Patching-Test both patch Test and overlap on 2026-12-05 03:00 UTC: the second command on an instance may fail while the first runs.",
    ]);
  });

  it("a window too short for the expected fleet at its maxConcurrency", async () => {
    const plan = await planOf((raw) => {
      raw.fleetEstimate = { minutesPerInstance: 20, instances: { Test: 50 } };
      raw.maintenanceWindows["Patching-Test"].tasks.install.maxConcurrency = "5";
    });
    assert.deepEqual(plan.warnings, [
      "Window Patching-Test is too short for task install: 50 instances at maxConcurrency 5 (5 at a time) need 10 rounds × 20 min = 200 min, but the window lasts 120 min and starts no task after 60 min (assuming 20 min per instance).",
    ]);
  });

  it("counts percentages of the fleet as AWS does, at least one instance", () => {
    assert.deepEqual(
      [
        concurrentInstances("10%", 12),
        concurrentInstances("1%", 12),
        concurrentInstances("100%", 12),
        concurrentInstances("3", 12),
      ],
      [2, 1, 12, 3],
    );
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
    // From Monday 06:00 UTC, three weeks reach the fourth Monday's morning: 21 days and that partial one.
    assert.equal(timeline.days.length, 22);
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
    assert.deepEqual(timeline.warnings, [
      "dev starts installing Patch Tuesday's patches at 2026-12-12 02:00 UTC, before prod's last install run has even started (2026-12-14 22:30 UTC).",
    ]);
  });
});

describe("plan: the patching command", () => {
  it("prints the plan for a stack and exits 0", async () => {
    const { code, out } = await runCli(["plan", "--stack", "dev", "--runs", "2", "--from", "2026-11-30T06:00:00Z"]);
    assert.equal(code, 0);
    assert.match(out, /^Patch plan: stack dev \(us-east-1\)/);
    assert.match(out, /Test → Windows-Test \(WINDOWS\)/);
    assert.match(out, /Sat 2026-12-05 02:00 to 04:00, no new tasks after 03:00 \(UTC\); starts 02:00 UTC/);
  });

  it("writes --all-stacks HTML to --out", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), "plan.html");
    const { code } = await runCli([
      "plan",
      "--all-stacks",
      "--format",
      "html",
      "--out",
      file,
      "--from",
      "2026-11-30T06:00:00Z",
    ]);
    assert.equal(code, 0);
    const html = fs.readFileSync(file, "utf8");
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /<(script|link)[^>]+src=/, "self-contained: no external scripts");
  });

  it("refuses an unknown stack, format or count with one clear line and exit 1", async () => {
    // Whatever stack files exist: adding Pulumi.staging.yaml must not break this test.
    const unknown = await runCli(["plan", "--stack", "no-such-stack"]);
    assert.equal(unknown.code, 1);
    assert.equal(
      unknown.err.trim(),
      `patching: No stack file Pulumi.no-such-stack.yaml; known stacks: ${listStacks().join(", ")}`,
    );
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
