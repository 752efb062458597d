import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { listStacks } from "../config/stackFile";
import { runPlan, terminalStatus } from "../cli/plan";
import { planDocument } from "../plan/document";
import { describeBaseline } from "../plan/describe";
import { Plan, planStack } from "../plan/plan";
import { renderPlan } from "../plan/render";
import { FROM } from "./helpers/plan";

describe("plan: baselines in plain words", () => {
  it("says what the issue's example says", () => {
    const text = describeBaseline({
      name: "Windows-Test",
      operatingSystem: "WINDOWS",
      approvalRules: [
        {
          patchFilters: [
            { key: "CLASSIFICATION", values: ["CriticalUpdates", "SecurityUpdates"] },
            { key: "MSRC_SEVERITY", values: ["Critical", "Important"] },
          ],
          approveAfterDays: 7,
        },
      ],
      rejectedPatches: ["KB5000001"],
      rejectedPatchesAction: "BLOCK",
    });
    assert.equal(
      text,
      "Critical and Security updates of Critical/Important severity, approved 7 days after release; KB5000001 rejected (blocked)",
    );
  });

  it("describes application rules, dates, global filters and approved patches", () => {
    const text = describeBaseline({
      name: "W",
      operatingSystem: "WINDOWS",
      approvalRules: [
        {
          patchFilters: [
            { key: "PATCH_SET", values: ["APPLICATION"] },
            { key: "PRODUCT_FAMILY", values: ["Office"] },
          ],
          approveUntilDate: "2026-11-10",
          complianceLevel: "MEDIUM",
        },
        {
          patchFilters: [{ key: "CLASSIFICATION", values: ["Security"] }],
          approveAfterDays: 1,
          enableNonSecurity: true,
        },
      ],
      globalFilters: [{ key: "PRODUCT", values: ["WindowsServer2022"] }],
      approvedPatches: ["KB1", "KB2"],
      rejectedPatches: ["KB3"],
    });
    assert.equal(
      text,
      "Microsoft application (Office) all updates, approved if released by 2026-11-10 (missing = MEDIUM); plus Security, approved 1 day after release, including non-security updates; only PRODUCT WindowsServer2022; KB1 and KB2 always approved; KB3 rejected (allowed as a dependency)",
    );
  });
});

describe("plan: one stack", () => {
  let dev: Plan;
  before(async () => {
    dev = await planStack("dev", { from: FROM, runs: 3 });
  });

  it("counts the resources the program declared, by component and AWS type", () => {
    assert.equal(dev.resources.total, 18);
    assert.deepEqual(
      dev.resources.byComponent.find((r) => r.type === "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask"),
      {
        component: "MaintenanceWindow patching-Patching-Test",
        type: "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask",
        count: 1,
      },
    );
    assert.deepEqual(
      dev.resources.byType.find((r) => r.type === "aws:iam/role:Role"),
      { type: "aws:iam/role:Role", count: 2 },
    );
  });

  it("maps each patch group to its baseline in plain words", () => {
    assert.deepEqual(dev.patchGroups, [
      {
        name: "Test",
        baseline: "Windows-Test",
        operatingSystem: "WINDOWS",
        approvalDelayDays: 0,
        rules:
          "Critical and Security updates of Critical/Important severity for WindowsServer2016, WindowsServer2019, WindowsServer2022, approved on release (missing = CRITICAL)",
      },
    ]);
  });

  it("lists the window's next runs in local time and UTC, its end and its cutoff", () => {
    const [window] = dev.windows;
    assert.deepEqual(window.nextRuns, ["2026-12-05T02:00:00Z", "2026-12-12T02:00:00Z", "2026-12-19T02:00:00Z"]);
    assert.deepEqual(window.runs[0], {
      start: "2026-12-05T02:00:00Z",
      startUtc: "2026-12-05T02:00:00Z",
      end: "2026-12-05T04:00:00Z",
      noNewTasksAfter: "2026-12-05T03:00:00Z",
    });
    assert.deepEqual(window.targets, ["tag:Patch Group=Test"]);
    assert.deepEqual(window.tasks, [
      {
        name: "scan-and-install",
        operation: "Install",
        document: "AWS-RunPatchBaseline",
        rebootOption: "RebootIfNeeded",
        priority: 1,
        maxConcurrency: "50%",
        maxErrors: "25%",
      },
    ]);
    assert.deepEqual(dev.warnings, []);
  });

  it("renders prod's Patch Tuesday offset in Berlin time with UTC beside it", async () => {
    const text = renderPlan(await planStack("prod", { from: FROM, runs: 2 }));
    assert.match(
      text,
      /Prod-Install-Web\n {2}- schedule: cron\(0 21 \? \* TUE#2 \*\) \+ 6 days in Europe\/Berlin, 4 h, cutoff 1 h/,
    );
    assert.match(text, /Mon 2026-12-14 21:00 to 01:00, no new tasks after 00:00 \(Europe\/Berlin\); starts 20:00 UTC/);
    assert.match(
      text,
      /Prod-Web → Windows-Prod \(WINDOWS\): .*approved 6 days after release .*KB5000001 rejected \(blocked\)/,
    );
    assert.match(text, /Warnings \(0\)/);
  });

  it("keeps the documented JSON shape", async () => {
    const json = JSON.parse(
      await planDocument({ stack: "test", format: "json", runs: 2, weeks: 2, from: FROM.toISO()! }),
    );
    assert.deepEqual(Object.keys(json).sort(), [
      "environment",
      "generatedAt",
      "patchGroups",
      "region",
      "resources",
      "runsRequested",
      "stack",
      "uniqueNames",
      "warnings",
      "windows",
    ]);
    assert.equal(json.stack, "test");
    assert.equal(typeof json.resources.total, "number");
    assert.deepEqual(Object.keys(json.patchGroups[0]).sort(), [
      "approvalDelayDays",
      "baseline",
      "name",
      "operatingSystem",
      "rules",
    ]);
    const [window] = json.windows;
    assert.equal(window.timezone, "Europe/London");
    // Every key is present in every window, null when unset (a script can rely on the shape).
    assert.deepEqual(Object.keys(window).sort(), [
      "cutoff",
      "duration",
      "enabled",
      "endDate",
      "firstRunIfCreatedNow",
      "horizonDays",
      "name",
      "nextRuns",
      "patchGroups",
      "runs",
      "schedule",
      "scheduleOffset",
      "startDate",
      "targets",
      "tasks",
      "timezone",
    ]);
    assert.deepEqual([window.startDate, window.endDate, window.firstRunIfCreatedNow], [null, null, null]);
    assert.deepEqual(window.nextRuns, ["2026-12-06T03:00:00+00:00", "2026-12-13T03:00:00+00:00"]);
    for (const run of json.windows.flatMap((w: { nextRuns: string[] }) => w.nextRuns))
      assert.match(run, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
  });

  it("says when fewer runs are listed than asked for, and refuses --out into a missing directory", async () => {
    const text = await planDocument({ stack: "prod", format: "text", runs: 1000, weeks: 2, from: FROM.toISO()! });
    assert.match(text, /next runs: \(60 of 1000 asked: the plan looks 5 years ahead\)/);
    await assert.rejects(
      runPlan({ stack: "dev", format: "json", runs: 1, weeks: 1, out: "/nonexistent-dir/plan.json" }),
      { message: "--out /nonexistent-dir/plan.json: the directory /nonexistent-dir does not exist; create it first" },
    );
  });

  it("names each stack as it is planned on a terminal, and writes nothing to stderr that is not one", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "patching-plan-")), "plan.json");
    const written = async (isTTY: boolean) => {
      const writes: string[] = [];
      const stream = { isTTY, write: (text: string) => writes.push(text) > 0 };
      const options = { allStacks: true, format: "json" as const, runs: 1, weeks: 1, from: FROM.toISO()!, out };
      await runPlan(options, terminalStatus(stream));
      return writes;
    };
    const stacks = listStacks();
    assert.deepEqual(await written(true), [
      ...stacks.map((stack, i) => `\r\x1b[Kplanning ${stack} (${i + 1}/${stacks.length})…`),
      "\r\x1b[K",
    ]);
    assert.deepEqual(await written(false), []);
    assert.deepEqual(
      JSON.parse(fs.readFileSync(out, "utf8")).stacks.map((p: { stack: string }) => p.stack),
      stacks,
    );
    fs.rmSync(path.dirname(out), { recursive: true });
  });

  it("writes Markdown tables and headings", async () => {
    const md = await planDocument({ stack: "dev", format: "md", runs: 1, weeks: 1, from: FROM.toISO()! });
    assert.match(md, /^# Patch plan: stack dev \(us-east-1\)/);
    assert.match(md, /\| Component \| AWS type \| Count \|\n\|---\|---\|---\|/);
    assert.match(md, /### Patching-Test/);
  });
});

describe("plan: a window that does not exist yet", () => {
  // "Reference: Cron and rate expressions for Systems Manager": created after this period's cron date
  // but before its offset date, a window skips the period. The plan shows it for windows with an offset.
  it("shows when prod's Patch Tuesday windows would first run if created the day after Patch Tuesday", async () => {
    const { DateTime } = await import("luxon");
    const plan = await planStack("prod", { from: DateTime.fromISO("2026-12-09T12:00:00Z"), runs: 1 });
    const web = plan.windows.find((w) => w.name === "Prod-Install-Web")!;
    assert.deepEqual(
      [web.nextRuns[0], web.firstRunIfCreatedNow],
      ["2026-12-14T21:00:00+01:00", "2027-01-18T21:00:00+01:00"],
    );
    assert.equal(plan.windows.find((w) => w.name === "Prod-Scan-Nightly")!.firstRunIfCreatedNow, null);
    assert.match(
      renderPlan(plan),
      /if the window is created now, AWS skips the first run above \(its cron date has passed\) and first runs Mon 2027-01-18 21:00 Europe\/Berlin = 20:00 UTC/,
    );
  });
});

describe("plan: what provider components create", () => {
  // awsx.ec2.Vpc is built by its provider plugin, so the mocks see only its inputs; the plan states its contents.
  it("lists dev's VPC from its inputs and flags the NAT gateway as billed hourly", async () => {
    const { resources } = await planStack("dev", { from: FROM, runs: 1 });
    const inside = Object.fromEntries(resources.insideComponents.map((r) => [r.type, [r.count, r.billing ?? ""]]));
    assert.deepEqual(inside, {
      "aws:ec2/vpc:Vpc": [1, ""],
      "aws:ec2/subnet:Subnet": [4, ""],
      "aws:ec2/routeTable:RouteTable": [4, ""],
      "aws:ec2/routeTableAssociation:RouteTableAssociation": [4, ""],
      "aws:ec2/internetGateway:InternetGateway": [1, ""],
      "aws:ec2/eip:Eip": [1, "public IPv4 address, billed hourly"],
      "aws:ec2/natGateway:NatGateway": [1, "billed hourly while the stack exists, plus per GB processed"],
      "aws:ec2/route:Route": [4, ""],
    });
    assert.deepEqual((await planStack("prod", { from: FROM, runs: 1 })).resources.insideComponents, []);
  });
});
