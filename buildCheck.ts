import * as fs from "fs";
import * as path from "path";

/**
 * `pulumi up` runs the JavaScript in bin/ (Pulumi.yaml main), built by `npm run build`. A source
 * edited after that build would silently not be deployed, so the program refuses to start until
 * it is rebuilt. It checks only when running from bin/ inside a source checkout.
 */
export function staleSources(buildDir: string): string[] {
  const root = path.dirname(buildDir);
  const built = path.join(buildDir, "index.js");
  if (path.basename(buildDir) !== "bin" || !fs.existsSync(path.join(root, "index.ts")) || !fs.existsSync(built))
    return [];
  const builtAt = fs.statSync(built).mtimeMs;
  const stale: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory() && !["node_modules", "bin", "tests", "bench", ".git"].includes(entry.name)) walk(file);
      else if (
        entry.isFile() &&
        /\.(ts|json)$/.test(entry.name) &&
        !entry.name.endsWith(".d.ts") &&
        fs.statSync(file).mtimeMs > builtAt
      ) {
        stale.push(path.relative(root, file));
      }
    }
  };
  for (const dir of ["components", "config", "schedule", "stack"])
    if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  for (const file of ["index.ts", "program.ts"])
    if (fs.statSync(path.join(root, file)).mtimeMs > builtAt) stale.push(file);
  return stale;
}

export function assertBuildIsCurrent(buildDir: string): void {
  const stale = staleSources(buildDir);
  if (stale.length > 0) {
    throw new Error(
      `bin/ is older than ${stale.slice(0, 3).join(", ")}${stale.length > 3 ? ` and ${stale.length - 3} more` : ""}: run npm run build, then pulumi up again`,
    );
  }
}
