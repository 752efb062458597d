import { UpdateCompliance } from "../automation/updateCompliance";
import { esc } from "../text/html";
import { table, TextFormat } from "../text/table";
import { OutputFormat } from "../text/formats";

/** `patching status --kb/--cve`: a summary per group and update, then each instance's state. */
export function renderUpdates(report: UpdateCompliance, format: OutputFormat): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  const summary = report.patchGroups.flatMap((g) =>
    report.updates.map((u) => [
      g.name,
      u,
      Object.entries(g.summary[u] ?? {})
        .map(([state, n]) => `${state} ${n}`)
        .join(", ") || "no instances",
    ]),
  );
  const rows = report.patchGroups.flatMap((g) =>
    g.instances.map((i) => [g.name, i.instanceId, ...report.updates.map((u) => i.states[u])]),
  );
  const title = `Update compliance: stack ${report.stack} (${report.region}), ${report.updates.join(", ")}, at ${report.generatedAt}`;
  if (format === "html") {
    const tr = (cells: string[], tag = "td") => `<tr>${cells.map((c) => `<${tag}>${esc(c)}</${tag}>`).join("")}</tr>`;
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head>
<body><h1>${esc(title)}</h1>
<table>${tr(["Patch group", "Update", "Instances"], "th")}${summary.map((r) => tr(r)).join("")}</table>
<table>${tr(["Patch group", "Instance", ...report.updates], "th")}${rows.map((r) => tr(r)).join("")}</table>
</body></html>
`;
  }
  const f = format as TextFormat;
  return [
    f === "md" ? `# ${title}` : title,
    "",
    ...table(f, ["Patch group", "Update", "Instances"], summary),
    "",
    ...table(f, ["Patch group", "Instance", ...report.updates], rows),
    "",
  ].join("\n");
}
