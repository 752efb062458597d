/** Plain-text and Markdown output shared by the plan, the rollout and the fan-out. */
export type TextFormat = "text" | "md";

/** A table as Markdown, or as padded text columns. */
export function table(format: TextFormat, header: string[], rows: string[][]): string[] {
  if (format === "md") {
    return [
      `| ${header.join(" | ")} |`,
      `|${header.map(() => "---").join("|")}|`,
      ...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`),
    ];
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i])).join("  ")}`.trimEnd();
  return [line(header), ...rows.map(line)];
}
