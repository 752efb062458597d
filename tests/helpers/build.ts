import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { PROJECT_DIR } from "../../config/stackFile";

/**
 * The files `npm run build` reads: every source tsconfig.build.json compiles, the configs, and
 * package.json (its "bundle-cli" script bundles cli/ into bin/cli/main.js).
 */
function buildInputs(): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(PROJECT_DIR, "tsconfig.build.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  return [
    ...config!.fileNames,
    ...["package.json", "tsconfig.json", "tsconfig.build.json"].map((f) => path.join(PROJECT_DIR, f)),
  ];
}

/** The inputs changed since bin/ was built, or every input when there is no build. */
export function changedSinceBuild(): string[] {
  const outputs = ["bin/index.js", "bin/cli/main.js"].map((f) => path.join(PROJECT_DIR, f));
  if (!outputs.every((f) => fs.existsSync(f))) return buildInputs();
  const builtAt = Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs));
  return buildInputs().filter((f) => fs.statSync(f).mtimeMs > builtAt);
}

/**
 * Runs `npm run build` unless bin/ is newer than everything it is built from: `npm ci` builds it
 * (prepare), so on a fresh clone the package tests use that build instead of making it again.
 */
export function ensureBuilt(): void {
  if (changedSinceBuild().length > 0)
    execFileSync("npm", ["run", "-s", "build"], { cwd: PROJECT_DIR, stdio: "ignore" });
}
