import * as fs from "fs";
import * as path from "path";
import { planDocument } from "../cli/plan";
import { renderReference } from "../config/reference";

/** `npm run docs`: rewrites the README's generated parts, the config reference and the plan sample. */

/** Replaces the text between `<!-- <marker>:start ... -->` and `<!-- <marker>:end -->`. */
export function replaceSection(readme: string, marker: string, body: string): string {
  const start = new RegExp(`<!-- ${marker}:start[^>]*-->`).exec(readme);
  const end = readme.indexOf(`<!-- ${marker}:end -->`);
  if (!start || end < start.index)
    throw new Error(`README.md needs the markers <!-- ${marker}:start --> and <!-- ${marker}:end -->`);
  return `${readme.slice(0, start.index + start[0].length)}\n${body}\n${readme.slice(end)}`;
}

/** The plan sample: dev, three runs, from a fixed time so the README does not change daily. */
export const planSample = () =>
  planDocument({ stack: "dev", format: "text", runs: 3, weeks: 5, from: "2026-11-30T06:00:00Z" });

export async function generatedReadme(readme: string): Promise<string> {
  const withReference = replaceSection(readme, "config-reference", renderReference());
  return replaceSection(withReference, "plan-sample", `\`\`\`\n${await planSample()}\`\`\``);
}

if (require.main === module) {
  const file = path.join(__dirname, "..", "README.md");
  void generatedReadme(fs.readFileSync(file, "utf8")).then((text) => {
    fs.writeFileSync(file, text);
    console.log("README.md: config reference and plan sample updated");
  });
}
