import { Plan } from "./plan";
import { Timeline } from "./timeline";

/**
 * One self-contained HTML page: a calendar with environments as rows, days as columns and window
 * runs as blocks, drawn in the browser from the embedded plan data; then each stack's details.
 */
export function renderHtml(plans: Plan[], timeline: Timeline): string {
  const data = JSON.stringify({ plans, timeline }).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Patch plan: ${escapeHtml(timeline.stacks.join(", "))}</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d2430; }
  h1 { font-size: 1.3rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
  table.calendar { border-collapse: collapse; table-layout: fixed; }
  .calendar th, .calendar td { border: 1px solid #d5dae1; padding: 2px; vertical-align: top; }
  .calendar th.day { width: 4.2rem; font-weight: normal; font-size: 11px; }
  .calendar th.weekend { background: #f3f5f8; }
  .calendar th.stack { text-align: left; padding: 4px 8px; }
  .block { border-radius: 3px; padding: 1px 3px; margin: 1px 0; font-size: 11px; color: #fff; overflow: hidden; }
  .block.Install { background: #b4441c; } .block.Scan { background: #2a6f97; }
  .warnings li { color: #8a4b00; }
  code { background: #f3f5f8; padding: 0 3px; }
</style>
</head>
<body>
<h1>Patch plan: ${escapeHtml(timeline.stacks.join(" → "))}</h1>
<p>Offline: computed from the program under Pulumi's mock runtime at ${escapeHtml(timeline.from)}. Times are each window's local time.</p>
<div id="calendar"></div>
<div id="details"></div>
<script type="application/json" id="plan-data">${data}</script>
<script>
(function () {
  var data = JSON.parse(document.getElementById("plan-data").textContent);
  var t = data.timeline;
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  var table = el("table", { "class": "calendar" });
  var head = el("tr");
  head.appendChild(el("th", { "class": "stack" }, "Environment"));
  t.days.forEach(function (day) {
    var d = new Date(day + "T12:00:00Z");
    var weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    head.appendChild(el("th", { "class": "day" + (weekend ? " weekend" : ""), "data-day": day },
      ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getUTCDay()] + " " + day.slice(5)));
  });
  table.appendChild(head);
  t.stacks.forEach(function (stack) {
    var row = el("tr", { "data-stack": stack });
    row.appendChild(el("th", { "class": "stack" }, stack));
    t.days.forEach(function (day) {
      var cell = el("td", { "class": "day", "data-stack": stack, "data-day": day });
      t.entries.filter(function (e) { return e.stack === stack && e.day === day; }).forEach(function (e) {
        var op = e.operations.indexOf("Install") >= 0 ? "Install" : "Scan";
        cell.appendChild(el("div", { "class": "block " + op, "data-window": e.window, title: e.window + " " + e.start + " (" + e.operations.join("+") + ")" },
          e.start.slice(11, 16) + " " + e.window));
      });
      row.appendChild(cell);
    });
    table.appendChild(row);
  });
  document.getElementById("calendar").appendChild(table);

  var details = document.getElementById("details");
  details.appendChild(el("h2", {}, "Patch Tuesday " + t.patchTuesday.release.slice(0, 10) + ": when each stage installs it"));
  var pt = el("ul", { id: "patch-tuesday" });
  t.patchTuesday.stages.forEach(function (s) {
    s.groups.forEach(function (g) { pt.appendChild(el("li", {}, s.stack + " · " + g.group + ": " + (g.installAt ? g.installAt + " in " + g.window : "never"))); });
  });
  details.appendChild(pt);
  data.plans.forEach(function (p) {
    details.appendChild(el("h2", {}, "Stack " + p.stack + " (" + p.region + ", " + p.resources.total + " resources)"));
    var groups = el("ul");
    p.patchGroups.forEach(function (g) { groups.appendChild(el("li", {}, g.name + " → " + g.baseline + " (" + g.operatingSystem + "): " + g.rules)); });
    details.appendChild(groups);
    var warnings = el("ul", { "class": "warnings", "data-stack": p.stack });
    p.warnings.forEach(function (w) { warnings.appendChild(el("li", {}, w)); });
    details.appendChild(warnings);
  });
  var tw = el("ul", { "class": "warnings" });
  t.warnings.forEach(function (w) { tw.appendChild(el("li", {}, w)); });
  details.appendChild(tw);
})();
</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}
