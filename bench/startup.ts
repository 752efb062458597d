import { execFileSync } from "child_process";
import * as path from "path";
import { mergeProjectConfig, readProject } from "../config/projectConfig";
import { PROJECT_DIR, readStackFile } from "../config/stackFile";

/**
 * The start-up of `pulumi up -s dev`: milliseconds from process start to the first resource
 * registered, loading the program as the CLI's Node.js host does, beside the time Node takes to
 * load `@pulumi/pulumi` alone, each in fresh processes. Target: within 1.6x.
 */
const probe = path.join(__dirname, "startupProbe.js");

function run(mode: "baseline" | "program" | "typescript", config: string): number {
  const out = execFileSync(process.execPath, [probe, mode], {
    env: { ...process.env, PROBE_CONFIG: config },
    encoding: "utf8",
  });
  return Number(out.trim().split("\n").pop());
}

export function measureStartup(rounds: number, withTypeCheck: boolean) {
  const merged = mergeProjectConfig(readProject(PROJECT_DIR), "dev", readStackFile("dev"));
  const config = JSON.stringify(Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, v.value])));
  const baseline: number[] = [];
  const program: number[] = [];
  for (let i = 0; i < rounds; i++) {
    baseline.push(run("baseline", config));
    program.push(run("program", config));
  }
  const fastest = (xs: number[]) => Math.min(...xs);
  return {
    baselineMs: fastest(baseline),
    programMs: fastest(program),
    ratio: fastest(program) / fastest(baseline),
    typeCheckedMs: withTypeCheck ? run("typescript", config) : undefined,
  };
}

/** Wall time of one fresh process, in ms. */
function wall(args: string[]): number {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, args, { stdio: "ignore" });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * The `patching` command from its build (what `npx patching` runs): `--help`, which needs none of
 * Pulumi (target 0.5 s), and `plan --stack dev` beside Node loading `@pulumi/pulumi` alone (target 1.3x).
 */
export function measureCli(rounds: number) {
  const cli = path.join(__dirname, "..", "bin", "cli", "main.js");
  const fastest = (args: string[]) => Math.min(...Array.from({ length: rounds }, () => wall(args)));
  const baseline = fastest(["-e", 'require("@pulumi/pulumi")']);
  const help = fastest([cli, "--help"]);
  const plan = fastest([cli, "plan", "--stack", "dev"]);
  return { baselineMs: baseline, helpMs: help, planMs: plan, planRatio: plan / baseline };
}
