import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { automationOps, StackOps } from "../../automation/workspace";
import { PROJECT_DIR } from "../../config/stackFile";
import { FakePulumi, installFakePulumi } from "./pulumiCli";

/** A copy of the project's files, a stand-in pulumi CLI and helpers to read what it recorded. */
export interface StandInWorkspace {
  readonly fake: FakePulumi;
  readonly workDir: string;
  readonly logDir: string;
  /** StackOps through the real LocalWorkspace on the copy. */
  ops(): StackOps;
  /** Every recorded command line, or those of one stack. */
  calls(stack?: string): string[];
  /** Runs the stand-in CLI directly in the copy, as a user would. */
  pulumi(...args: string[]): string;
  /** The `config:` block of a stack file in `dir`. */
  stackFile(dir: string, stack: string): Record<string, any>;
  stackFiles(): string[];
}

/** The current pulumi CLI's version, as the suite drives it. */
export const CURRENT_CLI = "3.259.0";

/**
 * Sets up a fresh stand-in workspace before each test of the calling `describe` and removes it
 * after; returns a view of the current one.
 */
export function useStandInWorkspace(): StandInWorkspace {
  let fake: FakePulumi;
  let workDir = "";
  beforeEach(() => {
    fake = installFakePulumi({ FAKE_PULUMI_VERSION: CURRENT_CLI });
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-ws-"));
    for (const file of fs.readdirSync(PROJECT_DIR).filter((f) => /^Pulumi(\..+)?\.yaml$/.test(f)))
      fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(workDir, file));
  });
  afterEach(() => {
    fake.remove();
    fs.rmSync(workDir, { recursive: true, force: true });
  });
  const view: StandInWorkspace = {
    get fake() {
      return fake;
    },
    get workDir() {
      return workDir;
    },
    get logDir() {
      return path.join(workDir, ".patching", "logs");
    },
    ops: () => automationOps({ workDir, backendUrl: fake.backendUrl, logDir: view.logDir }),
    calls: (stack) =>
      fake
        .invocations()
        .map((i) => i.argv.join(" "))
        .filter((line) => !stack || line.includes(`--stack ${stack} `) || line.startsWith(`stack init ${stack} `)),
    pulumi: (...args) => execFileSync("pulumi", args, { cwd: workDir, encoding: "utf8" }).trim(),
    stackFile: (dir, stack) =>
      parse(fs.readFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "utf8")).config as Record<string, any>,
    stackFiles: () => fs.readdirSync(workDir).filter((f) => /^Pulumi\..+\.yaml$/.test(f)),
  };
  return view;
}
