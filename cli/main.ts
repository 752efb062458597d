#!/usr/bin/env node
import * as fs from "fs";
import * as path from "path";
import { Command, Option } from "commander";
import type { StackOps, WorkspaceOptions } from "../automation/workspace";
import { ACTIVATION_ROTATION_DAYS as ROTATION_DAYS } from "../config/limits";
import type { DeployContext } from "./deploy";
import { OUTPUT_FORMATS } from "../text/formats";
import { addFleetCommands } from "./fleetCommands";
import { list, positiveInt } from "./parsers";
import { UserError } from "../text/userError";

// The AWS SDK warns on every run under Node 20 that SDK releases after January 2027 will need Node
// 22. The SDK version this package pins supports Node 20 (package.json engines), so the warning says
// nothing about this command; it is silenced here, for the command only, unless the user set it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/**
 * Each command loads what it needs when it runs (`await import`), so `--help` starts in a fraction of
 * a second: the plan loads Pulumi's mock runtime and the program, the deploy commands the Automation API.
 */
const deploy = () => import("./deploy");

/** Where fan-out keeps its target stacks' files: never beside the project's own stack files. */
const FANOUT_DIR = path.join(".patching", "fanout");

/** Builds the deploy context from the global options; tests pass their own. */
export type ContextFactory = (workspace: WorkspaceOptions) => DeployContext;

export const defaultContext: ContextFactory = (workspace) => {
  // Loaded here, not at start-up: the Automation API is needed only by the deploy commands.
  const { automationOps, pulumiOnPath, PulumiCliMissingError } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("../automation/workspace") as typeof import("../automation/workspace");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { forceInterrupt } = require("../automation/pulumiCli") as typeof import("../automation/pulumiCli");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { terminalAsk } = require("./ask") as typeof import("./ask");
  if (!pulumiOnPath()) throw new PulumiCliMissingError();
  return {
    ops: automationOps({ ...workspace, passphrase: process.env.PULUMI_CONFIG_PASSPHRASE }) as StackOps,
    print: (text) => process.stdout.write(`${text}\n`),
    progress: (text) => process.stderr.write(`${text}\n`),
    ask: terminalAsk,
    signal: (interrupt ??= interruptSignal(forceInterrupt)),
  };
};

/** One Ctrl-C handler per process, however many contexts a command builds (fan-out builds two). */
let interrupt: AbortSignal | undefined;

/**
 * Ctrl-C, as the pulumi CLI itself reads it. The first aborts the running operation: the CLI (in a
 * process group of its own, so the terminal's signal never reaches it directly) gets exactly one
 * SIGINT, finishes the steps in flight and saves the state, and no later stage or target starts.
 * The second sends it another SIGINT, which stops it at once.
 */
function interruptSignal(forceInterrupt: () => number): AbortSignal {
  const controller = new AbortController();
  process.on("SIGINT", () => {
    if (!controller.signal.aborted) {
      process.stderr.write(
        "interrupting: the pulumi CLI finishes the steps in flight and saves the state; Ctrl-C again stops it at once\n",
      );
      controller.abort();
    } else if (forceInterrupt() > 0) process.stderr.write("stopping the pulumi CLI at once\n");
  });
  return controller.signal;
}

/** The `patching` command. Built by a function so tests can drive it without a process. */
export function buildCli(context: ContextFactory = defaultContext): Command {
  const program = new Command("patching")
    .description("AWS Systems Manager Patch Manager as code: plan offline, deploy and roll out per environment.")
    .option("-C, --cwd <dir>", "run in this project directory, as pulumi --cwd does (default: the current directory)")
    .option("--backend <url>", "Pulumi backend, e.g. file:///srv/pulumi-state (default: the CLI's login)")
    .option(
      "--secrets-provider <provider>",
      "secrets provider for new stacks, e.g. passphrase or awskms://alias/pulumi (passphrase from PULUMI_CONFIG_PASSPHRASE)",
    )
    .showHelpAfterError()
    .exitOverride()
    // Every command works on the current directory's project, like the pulumi CLI; --cwd moves there first.
    .hook("preAction", () => {
      const { cwd } = program.opts<{ cwd?: string }>();
      if (!cwd) return;
      if (!fs.existsSync(cwd) || !fs.statSync(cwd).isDirectory()) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- not loaded for --help
        const { ProjectDirError } = require("../config/stackFile") as typeof import("../config/stackFile");
        throw new ProjectDirError(`--cwd ${cwd}: no such directory`);
      }
      process.chdir(cwd);
    });
  const ctx = (workspace: WorkspaceOptions = {}) => {
    const global = program.opts<{ backend?: string; secretsProvider?: string }>();
    return context({ backendUrl: global.backend, secretsProvider: global.secretsProvider, ...workspace });
  };

  program
    .command("plan")
    .description(
      "Show offline what a stack will patch and when: resources, baselines in plain words, next window runs, warnings. Needs no AWS account and no pulumi CLI.",
    )
    .option("-s, --stack <name>", "stack to plan", "dev")
    .option("--all-stacks", "plan every stack and show them on one timeline")
    .addOption(new Option("-f, --format <format>", "output format").choices([...OUTPUT_FORMATS]).default("text"))
    .option("-o, --out <file>", "write to a file instead of standard output")
    .option("--runs <n>", "next runs listed per window", positiveInt("--runs"), 4)
    .option("--weeks <n>", "weeks shown on the timeline and calendar", positiveInt("--weeks"), 5)
    .option("--from <iso>", "plan from this ISO-8601 time instead of now")
    .action(async (o) => (await import("./plan")).runPlan(o));

  program
    .command("init")
    .description("Start a project in the current directory (or --cwd) from the example stacks dev, test and prod.")
    .option("--force", "overwrite Pulumi.yaml and the example stack files when they exist")
    .action(async (o: { force?: boolean }) => {
      const { initProject } = await import("./init");
      process.stdout.write(`${initProject(process.cwd(), o.force).join("\n")}\n`);
    });

  const activation = program
    .command("activation")
    .description("the hybrid activation that registers on-premises servers");
  activation
    .command("rotate")
    .description(
      `write a new activation expiry (now + ${ROTATION_DAYS} days, AWS allows 30) into the stack file; pulumi up then replaces the activation`,
    )
    .requiredOption("-s, --stack <name>", "stack whose activation to rotate")
    .option("--days <n>", `days until the new expiry, 1-${ROTATION_DAYS}`, positiveInt("--days"), ROTATION_DAYS)
    .action(async (options: { stack: string; days: number }) => {
      const { rotateActivation } = await import("./activation");
      process.stdout.write(`${rotateActivation({ stack: options.stack, days: options.days })}\n`);
    });

  program
    .command("status")
    .description("Live patch compliance per patch group, from Systems Manager (AWS credentials needed; no pulumi CLI).")
    .option("-s, --stack <name>", "stack whose patch groups to read", "dev")
    .addOption(new Option("-f, --format <format>", "output format").choices([...OUTPUT_FORMATS]).default("text"))
    .option("-o, --out <file>", "write to a file instead of standard output")
    .option("--kb <list>", "instead: each instance's state for these updates, e.g. KB5034441,KB5034439", list)
    .option("--cve <list>", "instead: each instance's state for the patches fixing these CVEs", list)
    .option("--group <name>", "with --kb/--cve: only this patch group of the stack")
    .action(async (o) => (await import("./status")).statusCommand(o));

  addFleetCommands(program);

  program
    .command("gate")
    .description(
      "A stage's success criteria against live compliance: exit 0 when every patch group meets them, else 1.",
    )
    .requiredOption("-s, --stack <name>", "stack to check")
    .option("--min-compliant <percent>", "least compliant share per group (default: patching:gate, else 95)", Number)
    .option("--max-failed <n>", "most instances with failed patches per group (default: patching:gate, else 0)", Number)
    .option("--soak-hours <n>", "least hours since the last Install ended (default: patching:gate, else 0)", Number)
    .option("--json", "machine-readable result")
    .action(async (o) => (await import("./status")).gateCommand(o));

  program
    .command("preview")
    .description("Preview a stack's changes against AWS (pulumi CLI and credentials needed).")
    .requiredOption("-s, --stack <name>", "stack")
    .option("--json", "machine-readable result")
    .action(async (o) => (await deploy()).previewCommand(ctx(), o.stack, o));

  for (const [operation, description] of [
    ["up", "Deploy a stack: preview, confirm, update."],
    ["refresh", "Refresh a stack's state from AWS."],
    ["destroy", "Destroy a stack's resources (audit data is kept unless the stack sets retainAuditData: false)."],
  ] as const) {
    program
      .command(operation)
      .description(description)
      .requiredOption("-s, --stack <name>", "stack")
      .option("-y, --yes", "do not ask for confirmation")
      .option("--json", "machine-readable result")
      .action(async (o) => (await deploy()).changeCommand(ctx(), operation, o.stack, o));
  }

  program
    .command("outputs")
    .description("Show a stack's outputs (secrets masked).")
    .requiredOption("-s, --stack <name>", "stack")
    .option("--show-secrets", "show secret outputs such as the activation code")
    .option("--json", "machine-readable result")
    .action(async (o) => (await deploy()).outputsCommand(ctx(), o.stack, o));

  program
    .command("rollout")
    .description("Staged rollout: preview and deploy each stage in order, stopping at the first failure.")
    .option("--stages <list>", "stages in order (default: every stack file, by patching:stage)", list)
    .option("--promote", "carry each stage's approved patch set to the next stage (kept only if that stage deploys)")
    .option("--force", "skip the stages' patching:gate success criteria (the summary says so)")
    .option("-y, --yes", "do not ask before each stage")
    .option("--json", "machine-readable result")
    .action(async (o) => (await deploy()).rolloutCommand(ctx(), o));

  program
    .command("fanout")
    .description("Deploy a base stack to many accounts and regions, each its own stack (e.g. prod-eu-west-1).")
    .requiredOption("--base <stack>", "stack whose config every target gets")
    .requiredOption("--targets <list>", "comma-separated region, account:region or account:region:roleArn", list)
    .option("--parallel <n>", "most target stacks deployed at once", positiveInt("--parallel"), 4)
    .option("--stacks-dir <dir>", "directory for the target stacks' files, apart from the project's", FANOUT_DIR)
    .option("--preview", "preview only")
    .option("-y, --yes", "do not ask for confirmation")
    .option("--json", "machine-readable result")
    .action(async (o) => {
      const context = ctx();
      const targets = ctx({ workDir: path.resolve(o.stacksDir) });
      return (await deploy()).fanOutCommand(context, targets.ops, o);
    });

  return program;
}

/** Runs the CLI; every failure becomes one clear message and a non-zero exit code, never a stack trace. */
export async function main(argv: string[], context?: ContextFactory): Promise<number> {
  const started = process.cwd(); // --cwd moves there for the command only
  try {
    await buildCli(context).parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    const err = e as Error & { code?: string; exitCode?: number };
    if (err.code?.startsWith("commander.")) return err.exitCode ?? 1;
    const plain = err instanceof UserError;
    console.error(plain ? err.message : `patching: ${err.message}`);
    return 1;
  } finally {
    process.chdir(started);
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
