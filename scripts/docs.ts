import * as fs from "fs";
import * as path from "path";
import { planDocument } from "../plan/document";
import { renderReference } from "../config/reference";

/** `npm run docs`: rewrites the generated parts of docs/: the config reference and the plan sample. */

/** Replaces the text between `<!-- <marker>:start ... -->` and `<!-- <marker>:end -->`. */
export function replaceSection(text: string, marker: string, body: string): string {
  const start = new RegExp(`<!-- ${marker}:start[^>]*-->`).exec(text);
  const end = text.indexOf(`<!-- ${marker}:end -->`);
  if (!start || end < start.index)
    throw new Error(`the page needs the markers <!-- ${marker}:start --> and <!-- ${marker}:end -->`);
  return `${text.slice(0, start.index + start[0].length)}\n${body}\n${text.slice(end)}`;
}

/** The plan sample: dev, three runs, from a fixed time so the page does not change daily. */
export const planSample = () =>
  planDocument({ stack: "dev", format: "text", runs: 3, weeks: 5, from: "2026-11-30T06:00:00Z" });

/** Each generated page: its file under docs/, and how its generated part is made. */
export const GENERATED_PAGES: Record<string, (text: string) => Promise<string>> = {
  "docs/config.md": async (text) => replaceSection(text, "config-reference", renderReference()),
  "docs/plan.md": async (text) => replaceSection(text, "plan-sample", `\`\`\`\n${await planSample()}\`\`\``),
};

if (require.main === module) {
  void (async () => {
    for (const [page, generate] of Object.entries(GENERATED_PAGES)) {
      const file = path.join(__dirname, "..", page);
      fs.writeFileSync(file, await generate(fs.readFileSync(file, "utf8")));
      console.log(`${page}: updated`);
    }
  })();
}
