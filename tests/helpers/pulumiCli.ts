import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../../config/stackFile";
import { bundleOnce } from "./bundled";

/** One recorded invocation of the stand-in CLI. */
export interface Invocation {
  readonly argv: string[];
  readonly cwd: string;
  /** Set on a line that records a signal the stand-in received while running `argv`. */
  readonly signal?: string;
}

/** A stand-in `pulumi` on PATH, a file backend and a passphrase, for tests of the real LocalWorkspace. */
export interface FakePulumi {
  readonly binDir: string;
  readonly backendUrl: string;
  readonly backendDir: string;
  /** Every invocation since the last `reset()`. */
  invocations(): Invocation[];
  /** Every signal a stand-in process received since the last `reset()`, with the command it ran. */
  signals(): Invocation[];
  /** The stack `pulumi stack select` last selected for the project, as the CLI keeps it. */
  selectedStack(project?: string): string | undefined;
  reset(): void;
  /** Restores PATH and the environment, and removes the directories. */
  remove(): void;
}

/**
 * The stand-in's JavaScript, bundled whole by esbuild once per test process: its entry, and the
 * engine it loads only for preview/up/refresh/destroy. One file each, not the 75 and 270 modules
 * they load from node_modules, halves the start of the commands the Automation API runs most
 * (`version`, `stack`, `config`): 0.11 s against 0.22 s of processor time.
 */
function standInMain(): string {
  const dir = path.join(PROJECT_DIR, "tests/helpers/fakePulumi");
  bundleOnce(path.join(dir, "engine.ts"), []);
  return bundleOnce(path.join(dir, "main.ts"), ["./engine"]);
}

/**
 * Puts the stand-in CLI (tests/helpers/fakePulumi) first on PATH. It runs as JavaScript, bundled
 * once here, so each invocation costs a Node start, not a TypeScript compile.
 */
export function installFakePulumi(env: Record<string, string> = {}): FakePulumi {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "fake-pulumi-"));
  const binDir = path.join(root, "bin");
  const backendDir = path.join(root, "state");
  const log = path.join(root, "invocations.jsonl");
  fs.mkdirSync(binDir);
  fs.mkdirSync(backendDir);
  const main = standInMain();
  const script = `#!/bin/sh\nexec node '${main}' "$@"\n`;
  fs.writeFileSync(path.join(binDir, "pulumi"), script, { mode: 0o755 });

  const saved = { ...process.env };
  // The inline program runs in this process, where ts-node source-maps every stack trace: the SDK
  // takes one per resource, which measured as a quarter of each deployment's time here. Nothing
  // these tests check reads them, so V8's own, unmapped, serve while the stand-in is installed.
  const { prepareStackTrace } = Error;
  delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
  const home = path.join(root, "home");
  Object.assign(process.env, {
    PATH: `${binDir}${path.delimiter}${process.env.PATH}`,
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: "correct horse battery staple",
    PULUMI_HOME: home,
    FAKE_PULUMI_LOG: log,
    // The CLI's 1,000,000 PBKDF2 rounds cost 0.2 s per process; the suite starts hundreds.
    FAKE_PULUMI_KDF_ITERATIONS: "1000",
    ...env,
  });
  const lines = () =>
    fs.existsSync(log)
      ? fs
          .readFileSync(log, "utf8")
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line) as Invocation)
      : [];
  return {
    binDir,
    backendDir,
    backendUrl: `file://${backendDir}`,
    invocations: () => lines().filter((l) => !l.signal),
    signals: () => lines().filter((l) => l.signal),
    selectedStack: (project = "patching") => {
      const file = path.join(home, "workspaces", `${project}-workspace.json`);
      return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as { stack: string }).stack : undefined;
    },
    reset: () => fs.rmSync(log, { force: true }),
    remove: () => {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      Error.prepareStackTrace = prepareStackTrace;
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
