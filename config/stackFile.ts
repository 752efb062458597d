import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/** The project directory: where Pulumi.yaml and the stack files live, from the sources or from bin/. */
export const PROJECT_DIR = findProjectDir(__dirname);

function findProjectDir(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, "..");
  }
}

/** Stacks that have a Pulumi.<stack>.yaml file, in the order dev, test, prod, then the rest. */
export function listStacks(dir = PROJECT_DIR): string[] {
  const order = ["dev", "test", "prod"];
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
}

/** The `config:` block of Pulumi.<stack>.yaml, as written. */
export function readStackFile(stack: string, dir = PROJECT_DIR): Record<string, unknown> {
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    throw new Error(`No stack file ${path.basename(file)}; known stacks: ${listStacks(dir).join(", ") || "none"}`);
  }
  const doc = parse(fs.readFileSync(file, "utf8")) ?? {};
  return (doc.config ?? {}) as Record<string, unknown>;
}
