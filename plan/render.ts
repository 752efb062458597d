import { DateTime } from "luxon";
import { Plan, PlanRun, PlanTask, PlanWindow } from "./model";
import { Timeline } from "./timeline";
import { table, TextFormat } from "../text/table";

export type { TextFormat };

const at = (isoText: string) => DateTime.fromISO(isoText, { setZone: true });
/** HH:mm, or HH:mm:ss for a window whose cron has a seconds field. */
const hhmm = (t: DateTime) => t.toFormat(t.second === 0 ? "HH:mm" : "HH:mm:ss");
/** "Mon 2026-12-14 21:00 Europe/Berlin": the wall time in the window's own zone. */
const local = (isoText: string, zone: string) =>
  `${at(isoText).toFormat("ccc yyyy-LL-dd")} ${hhmm(at(isoText))} ${zone}`;
const utc = (isoText: string) => `${hhmm(at(isoText).toUTC())} UTC`;
const clock = (isoText: string) => hhmm(at(isoText));

export function describeTask(t: PlanTask): string {
  const doc = t.document === "AWS-RunPatchBaseline" ? "" : ` via ${t.document}`;
  return `${t.name}: ${t.operation}${doc}, ${t.rebootOption}, ${t.maxConcurrency} at a time, max errors ${t.maxErrors} (priority ${t.priority})`;
}

/** One run: every time in the window's own zone, named once, with the start in UTC apart. */
export function describeRun(r: PlanRun, zone: string): string {
  const day = at(r.start).toFormat("ccc yyyy-LL-dd");
  return `${day} ${clock(r.start)} to ${clock(r.end)}, no new tasks after ${clock(r.noNewTasksAfter)} (${zone}); starts ${utc(r.startUtc)}`;
}

export function describeSchedule(w: PlanWindow): string {
  const offset = w.scheduleOffset ? ` + ${w.scheduleOffset} day${w.scheduleOffset === 1 ? "" : "s"}` : "";
  return `${w.schedule}${offset} in ${w.timezone}, ${w.duration} h, cutoff ${w.cutoff} h${w.enabled ? "" : " (disabled)"}`;
}

function heading(format: TextFormat, text: string, level = 2): string {
  return format === "md"
    ? `${"#".repeat(level)} ${text}`
    : level === 1
      ? `${text}\n${"=".repeat(text.length)}`
      : `${text}\n${"-".repeat(text.length)}`;
}

const bullet = (format: TextFormat, text: string, depth = 0) =>
  `${"  ".repeat(depth)}${format === "md" ? "- " : depth === 0 ? "  " : "- "}${text}`;

/** The plan of one stack as text or Markdown. */
export function renderPlan(plan: Plan, format: TextFormat = "text"): string {
  const out: string[] = [];
  out.push(heading(format, `Patch plan: stack ${plan.stack} (${plan.region})`, 1));
  out.push(`Offline: the program ran under Pulumi's mock runtime at ${plan.generatedAt}; nothing was deployed.`, "");

  out.push(heading(format, `Resources (${plan.resources.total})`));
  out.push(
    ...table(
      format,
      ["Component", "AWS type", "Count"],
      plan.resources.byComponent.map((r) => [r.component, r.type, String(r.count)]),
    ),
    "",
  );
  const inside = plan.resources.insideComponents;
  if (inside.length > 0) {
    out.push(`Created inside provider components (from their inputs; not counted above):`);
    const rows = inside.map((r) => [r.component, r.type, String(r.count), r.billing ?? ""]);
    out.push(...table(format, ["Component", "AWS type", "Count", "Billing"], rows), "");
  }

  out.push(heading(format, "Patch groups → baselines"));
  for (const g of plan.patchGroups)
    out.push(bullet(format, `${g.name} → ${g.baseline} (${g.operatingSystem}): ${g.rules}`));
  if (plan.patchGroups.length === 0) out.push(bullet(format, "none"));
  out.push("");

  out.push(heading(format, "Maintenance windows"));
  for (const w of plan.windows) {
    out.push(format === "md" ? `### ${w.name}` : `${w.name}`);
    out.push(bullet(format, `schedule: ${describeSchedule(w)}`, format === "md" ? 0 : 1));
    out.push(bullet(format, `targets: ${w.targets.join("; ") || "none"}`, format === "md" ? 0 : 1));
    for (const t of w.tasks) out.push(bullet(format, `task ${describeTask(t)}`, format === "md" ? 0 : 1));
    const capped = w.enabled && w.runs.length > 0 && w.runs.length < plan.runsRequested;
    const horizon = capped
      ? ` (${w.runs.length} of ${plan.runsRequested} asked: the plan looks ${Math.round(w.horizonDays / 366)} years ahead)`
      : "";
    out.push(bullet(format, `next runs:${w.runs.length === 0 ? " none" : ""}${horizon}`, format === "md" ? 0 : 1));
    for (const r of w.runs) out.push(bullet(format, describeRun(r, w.timezone), format === "md" ? 1 : 2));
    if (w.firstRunIfCreatedNow) {
      const first = `${local(w.firstRunIfCreatedNow, w.timezone)} = ${utc(w.firstRunIfCreatedNow)}`;
      const line = `if the window is created now, AWS skips the first run above (its cron date has passed) and first runs ${first}`;
      out.push(bullet(format, line, format === "md" ? 0 : 1));
    }
    out.push("");
  }

  out.push(heading(format, `Warnings (${plan.warnings.length})`));
  out.push(...(plan.warnings.length ? plan.warnings.map((w) => bullet(format, w)) : [bullet(format, "none")]));
  return `${out.join("\n")}\n`;
}

/** All stacks on one timeline, and when each stage installs the next Patch Tuesday's patches. */
export function renderTimeline(timeline: Timeline, format: TextFormat = "text"): string {
  const out: string[] = [];
  out.push(
    heading(format, `Patch timeline: ${timeline.stacks.join(" → ")}, ${timeline.weeks} weeks from ${timeline.from}`, 1),
    "",
  );
  out.push(heading(format, "Maintenance windows"));
  out.push(
    ...table(
      format,
      ["Local start", "UTC", "Stack", "Window", "Tasks"],
      timeline.entries.map((e) => [
        local(e.start, e.timezone),
        utc(e.startUtc),
        e.stack,
        e.window,
        e.operations.join("+"),
      ]),
    ),
    "",
  );
  out.push(
    heading(
      format,
      `Patch Tuesday ${at(timeline.patchTuesday.release).toFormat("yyyy-LL-dd")}: when each stage installs it`,
    ),
  );
  out.push(
    ...table(
      format,
      ["Stack", "Patch group", "Approved (UTC)", "Installed (UTC)", "Window"],
      timeline.patchTuesday.stages.flatMap((s) =>
        s.groups.map((g) => [
          s.stack,
          g.group,
          at(g.approvedAt).toUTC().toFormat("ccc yyyy-LL-dd HH:mm"),
          g.installAt ? `${at(g.installAt).toUTC().toFormat("ccc yyyy-LL-dd HH:mm")} UTC` : "never",
          g.window ?? "—",
        ]),
      ),
    ),
    "",
  );
  out.push(
    timeline.warnings.length === 0
      ? `Order holds: ${timeline.stacks.join(" before ")}.`
      : heading(format, `Warnings (${timeline.warnings.length})`),
  );
  out.push(...timeline.warnings.map((w) => bullet(format, w)));
  return `${out.join("\n")}\n`;
}
