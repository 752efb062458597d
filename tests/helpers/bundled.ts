import { buildSync } from "esbuild";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../../config/stackFile";

/**
 * Runs TypeScript as a separate Node process the way `npm run build` ships the `patching` command:
 * bundled by esbuild with the externals of package.json's "bundle-cli" script, from the sources as
 * they are now. A process started through ts-node spends about 2.5 s compiling before it runs a line;
 * a bundle takes about 0.2 s to make and starts like the shipped command.
 */
const bundles = new Map<string, string>();
/** The `--external:` flags of `npm run bundle-cli`, read from the script itself so the two never differ. */
const externals = [
  ...(
    JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as { scripts: Record<string, string> }
  ).scripts["bundle-cli"].matchAll(/--external:(\S+)/g),
].map((m) => m[1]);
let outDir: string | undefined;

/**
 * Bundles `entry`, a .ts file, once per test process; returns the bundle's path. Bundles keep their
 * sources' layout, so one that leaves a sibling external (`./engine`) finds it beside itself.
 */
export function bundleOnce(entry: string, external: readonly string[]): string {
  let outfile = bundles.get(entry);
  if (!outfile) {
    outDir ??= fs.mkdtempSync(path.join(os.tmpdir(), "patching-bundle-"));
    outfile = path.join(outDir, path.relative(PROJECT_DIR, entry).replace(/\.ts$/, ".js"));
    buildSync({
      entryPoints: [entry],
      outfile,
      external: [...external],
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      logLevel: "warning",
    });
    bundles.set(entry, outfile);
  }
  return outfile;
}

/** The argv (after `node`) that runs `entry`, a .ts file, bundled as `npm run bundle-cli` bundles. */
export function bundled(entry = path.join(PROJECT_DIR, "cli/main.ts")): string[] {
  return [bundleOnce(entry, externals)];
}

/** The environment a bundle runs in: its externals are found in this project's node_modules. */
export function bundleEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, NODE_PATH: path.join(PROJECT_DIR, "node_modules") };
}

process.on("exit", () => outDir && fs.rmSync(outDir, { recursive: true, force: true }));
