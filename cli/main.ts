import { Command, InvalidArgumentError, Option } from "commander";
import { ConfigError } from "../config/load";
import { PLAN_FORMATS, runPlan } from "./plan";

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number from 1`);
  return n;
};

/** The `patching` command. Built by a function so tests can drive it without a process. */
export function buildCli(): Command {
  const program = new Command("patching")
    .description("AWS Systems Manager Patch Manager as code: plan offline, deploy and roll out per environment.")
    .showHelpAfterError()
    .exitOverride();

  program.command("plan")
    .description("Show offline what a stack will patch and when: resources, baselines in plain words, next window runs, warnings. Needs no AWS account and no pulumi CLI.")
    .option("-s, --stack <name>", "stack to plan", "dev")
    .option("--all-stacks", "plan every stack and show them on one timeline")
    .addOption(new Option("-f, --format <format>", "output format").choices([...PLAN_FORMATS]).default("text"))
    .option("-o, --out <file>", "write to a file instead of standard output")
    .option("--runs <n>", "next runs listed per window", positiveInt("--runs"), 4)
    .option("--weeks <n>", "weeks shown on the timeline and calendar", positiveInt("--weeks"), 5)
    .option("--from <iso>", "plan from this ISO-8601 time instead of now")
    .action(runPlan);

  return program;
}

/** Runs the CLI; every failure becomes one clear message and a non-zero exit code, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    const err = e as Error & { code?: string; exitCode?: number };
    if (err.code?.startsWith("commander.")) return err.exitCode ?? 1;
    console.error(err instanceof ConfigError ? err.message : `patching: ${err.message}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
