import { DateTime } from "luxon";
import { esc } from "../text/html";
import { Plan } from "./model";
import { describeSchedule } from "./render";
import { Timeline, TimelineEntry } from "./timeline";

/**
 * One self-contained HTML page a change board can open anywhere, mail clients and SharePoint
 * included: everything is static HTML and CSS, no script. A calendar with environments as rows
 * and days as columns (Patch Tuesday and each stage's approval day marked, each run with its
 * local and UTC start, end and cutoff, overlaps flagged, daily scans folded into one row), then
 * when each stage installs Patch Tuesday's patches, the warnings, and each stack's details.
 */
export function renderHtml(plans: Plan[], timeline: Timeline): string {
  const stacks = timeline.stacks.join(" → ");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Patch plan: ${esc(timeline.stacks.join(", "))}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Patch plan: ${esc(stacks)}</h1>
<p>Offline: computed from the program under Pulumi's mock runtime at ${esc(readable(timeline.from))}. Times are each window's local time, with UTC beside them.</p>
${legend()}
<div class="scroll">${calendar(timeline)}</div>
${patchTuesday(timeline)}
${warnings("Warnings", timeline.warnings, "timeline-warnings")}
${plans.map(stackDetails).join("\n")}
</body>
</html>
`;
}

const STYLE = `
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d2430; max-width: 1400px; }
  h1 { font-size: 1.3rem; } h2 { font-size: 1.1rem; margin-top: 2rem; } h3 { font-size: 1rem; }
  .scroll { overflow-x: auto; max-width: 100%; border: 1px solid #d5dae1; }
  table { border-collapse: collapse; }
  th, td { border: 1px solid #d5dae1; padding: 2px 4px; vertical-align: top; text-align: left; }
  table.calendar { table-layout: fixed; }
  .calendar th.day { min-width: 7.5rem; font-weight: normal; font-size: 11px; }
  .calendar .weekend { background: #f3f5f8; }
  .calendar .patch-tuesday { background: #fde9c8; }
  .calendar th.stack { white-space: nowrap; }
  .block { border-radius: 3px; padding: 1px 3px; margin: 1px 0; font-size: 11px; color: #fff; }
  .block.Install { background: #b4441c; } .block.Scan { background: #2a6f97; }
  .block.overlap { outline: 3px dashed #d10000; }
  .block small, .mark small { display: block; opacity: .9; }
  .mark { font-size: 11px; border-left: 3px solid #7a5c00; padding-left: 3px; margin: 1px 0; }
  .mark.release { border-color: #b35c00; font-weight: bold; }
  .scans td { font-size: 12px; color: #2a6f97; }
  .warnings li { color: #8a4b00; }
  .verdict { font-weight: bold; }
`;

function legend(): string {
  return `<h2>Legend</h2>
<ul id="legend">
<li><span class="block Install">Install</span> a window run that installs (it scans first when its task says so)</li>
<li><span class="block Scan">Scan</span> a window run that only scans</li>
<li><span class="block Install overlap">overlap</span> a run that overlaps another run of the same stack</li>
<li><span class="mark release">Patch Tuesday</span> Microsoft's release day; <span class="mark">approved</span> the day a stage's baselines approve it</li>
<li>Each run: local start–end, then its UTC start and the cutoff after which no new task starts. Scan-only windows that run every day are folded into one "scans" row.</li>
</ul>`;
}

/** A stack's window, as one key. */
const windowKey = (e: Pick<TimelineEntry, "stack" | "window">) => `${e.stack}\u0000${e.window}`;

/** Scan-only windows that run on most days: one summary row instead of a block in every cell. */
function foldedScans(timeline: Timeline): Set<string> {
  const days = new Map<string, Set<string>>();
  for (const e of timeline.entries.filter((x) => !x.operations.includes("Install"))) {
    const key = windowKey(e);
    days.set(key, (days.get(key) ?? new Set()).add(e.day));
  }
  return new Set([...days].filter(([, d]) => d.size >= Math.max(3, timeline.days.length / 2)).map(([k]) => k));
}

/** Runs of one stack whose [start, end) intersect, by window name. */
function overlaps(entries: readonly TimelineEntry[]): Map<TimelineEntry, string[]> {
  const found = new Map<TimelineEntry, string[]>();
  const span = (e: TimelineEntry) => [Date.parse(e.start), Date.parse(e.end)];
  for (const a of entries)
    for (const b of entries) {
      if (a === b || a.stack !== b.stack) continue;
      const [[as, ae], [bs, be]] = [span(a), span(b)];
      if (as < be && bs < ae) found.set(a, [...(found.get(a) ?? []), b.window]);
    }
  return found;
}

function calendar(timeline: Timeline): string {
  const folded = foldedScans(timeline);
  const shown = timeline.entries.filter((e) => !folded.has(windowKey(e)));
  const overlapping = overlaps(timeline.entries);
  const release = timeline.patchTuesday.release.slice(0, 10);
  const head = timeline.days.map((day) => {
    const d = DateTime.fromISO(day, { zone: "UTC" });
    const cls = ["day", d.weekday >= 6 ? "weekend" : "", day === release ? "patch-tuesday" : ""].filter(Boolean);
    const mark = day === release ? `<div class="mark release">Patch Tuesday</div>` : "";
    return `<th class="${cls.join(" ")}" data-day="${day}">${d.toFormat("ccc d LLL")}${mark}</th>`;
  });
  const rows = timeline.stacks.flatMap((stack) => {
    const approvals = timeline.patchTuesday.stages.find((s) => s.stack === stack)?.groups ?? [];
    const cells = timeline.days.map((day) => {
      const marks = approvals.filter((g) => g.approvedAt.slice(0, 10) === day).map((g) => g.group);
      const mark = marks.length
        ? `<div class="mark" title="${esc(marks.join(", "))}">approved<small>${marks.length} group(s)</small></div>`
        : "";
      const blocks = shown.filter((e) => e.stack === stack && e.day === day).map((e) => block(e, overlapping.get(e)));
      return `<td class="day" data-stack="${esc(stack)}" data-day="${day}">${mark}${blocks.join("")}</td>`;
    });
    const scans = [...folded].filter((k) => k.startsWith(`${stack}\u0000`)).map((k) => scanSummary(timeline, k));
    const scanRow = scans.length
      ? [
          `<tr class="scans"><th class="stack">${esc(stack)} scans</th><td colspan="${timeline.days.length}">${scans.join("<br>")}</td></tr>`,
        ]
      : [];
    return [`<tr data-stack="${esc(stack)}"><th class="stack">${esc(stack)}</th>${cells.join("")}</tr>`, ...scanRow];
  });
  return `<table class="calendar">\n<tr><th class="stack">Environment</th>${head.join("")}</tr>\n${rows.join("\n")}\n</table>`;
}

/** HH:MM of an ISO-8601 time in its own offset, HH:MM:SS when a cron's seconds field sets them. */
const time = (iso: string) => (iso.slice(17, 19) === "00" ? iso.slice(11, 16) : iso.slice(11, 19));

function block(e: TimelineEntry, overlapsWith: string[] | undefined): string {
  const op = e.operations.includes("Install") ? "Install" : "Scan";
  const overlap = overlapsWith ? ` overlap" title="overlaps ${esc(overlapsWith.join(", "))}` : "";
  return (
    `<div class="block ${op}${overlap}" data-window="${esc(e.window)}">${time(e.start)}–${time(e.end)} ${esc(e.window)}` +
    `<small>${time(e.startUtc)} UTC · cutoff ${time(e.noNewTasksAfter)}${overlapsWith ? " · overlaps" : ""}</small></div>`
  );
}

function scanSummary(timeline: Timeline, key: string): string {
  const [stack, window] = key.split("\u0000");
  const runs = timeline.entries.filter((e) => e.stack === stack && e.window === window);
  const times = [...new Set(runs.map((e) => `${time(e.start)}–${time(e.end)}`))].join(", ");
  return `<span class="block Scan" data-window="${esc(window)}">${esc(window)}</span> ${times} ${esc(runs[0].timezone)} (${time(runs[0].startUtc)} UTC), ${runs.length} runs in ${timeline.weeks} weeks`;
}

function patchTuesday(timeline: Timeline): string {
  const rows = timeline.patchTuesday.stages.flatMap((s) =>
    s.groups.map(
      (g) =>
        `<tr><td>${esc(s.stack)}</td><td>${esc(g.group)}</td><td>${esc(utcTime(g.approvedAt))}</td>` +
        `<td>${g.installAt ? esc(utcTime(g.installAt)) : "never"}</td><td>${esc(g.window ?? "—")}</td></tr>`,
    ),
  );
  const order = timeline.warnings.filter((w) => w.includes("has finished installing"));
  const verdict = order.length
    ? `<p class="verdict">Order broken: ${esc(order.join(" "))}</p>`
    : `<p class="verdict">Order holds: ${esc(timeline.stacks.join(" before "))}.</p>`;
  return `<h2>Patch Tuesday ${esc(readable(timeline.patchTuesday.release, "ccc d LLL yyyy"))}: when each stage installs it</h2>
<table id="patch-tuesday"><tr><th>Stack</th><th>Patch group</th><th>Approved (UTC)</th><th>Installed (UTC)</th><th>Window</th></tr>
${rows.join("\n")}
</table>
${verdict}`;
}

/** Warnings under a heading (h2 for the timeline, h3 within a stack), "none" when there are none. */
function warnings(title: string, list: readonly string[], id: string, level: 2 | 3 = 2): string {
  const body = list.length
    ? `<ul class="warnings">${list.map((w) => `<li>${esc(w)}</li>`).join("")}</ul>`
    : "<p>none</p>";
  return `<h${level} id="${id}">${esc(title)} (${list.length})</h${level}>\n${body}`;
}

function stackDetails(p: Plan): string {
  const groups = p.patchGroups.map(
    (g) => `<li>${esc(`${g.name} → ${g.baseline} (${g.operatingSystem}): ${g.rules}`)}</li>`,
  );
  const windows = p.windows.map((w) => `<li>${esc(`${w.name}: ${describeSchedule(w)}`)}</li>`);
  return `<h2>Stack ${esc(p.stack)} (${esc(p.region)}, ${p.resources.total} resources)</h2>
<h3>Patch groups</h3><ul>${groups.join("")}</ul>
<h3>Maintenance windows</h3><ul>${windows.join("")}</ul>
${warnings(`Warnings for ${p.stack}`, p.warnings, `warnings-${p.stack}`, 3)}`;
}

/** "Tue 8 Dec 2026 10:00 PST": in the instant's own offset. */
/** The same instant the text plan shows in its "(UTC)" columns. */
const utcTime = (iso: string) => DateTime.fromISO(iso).toUTC().toFormat("ccc d LLL yyyy HH:mm 'UTC'");

function readable(iso: string, format = "ccc d LLL yyyy HH:mm ZZZZ"): string {
  return DateTime.fromISO(iso, { setZone: true }).toFormat(format);
}
