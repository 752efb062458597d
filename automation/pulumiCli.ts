import { ChildProcess, spawn } from "child_process";
import * as automation from "@pulumi/pulumi/automation";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { UserError } from "../text/userError";

/**
 * The pulumi CLI as this library runs it. The Automation API's own runner (cmd.js) starts the CLI in
 * our process group, so a terminal's Ctrl-C reaches the CLI once from the terminal and once more when
 * the SDK forwards the abort: the CLI reads that second SIGINT as "terminate now" and can leave
 * pending operations. Here each CLI call runs in a process group of its own (`detached`), so it
 * receives exactly the interrupts this process sends: one per Ctrl-C.
 */

/** `config set-all --json` exists from this release (pulumi/pulumi#19427, CHANGELOG 3.202.0). */
export const MINIMUM_CLI_VERSION = "3.202.0";

const UPGRADE = "curl -fsSL https://get.pulumi.com | sh (or your package manager)";

/** Thrown when the pulumi CLI on PATH is older than the oldest this library drives. */
export class PulumiCliTooOldError extends UserError {
  constructor(found: string) {
    super(
      `pulumi CLI ${found} is older than ${MINIMUM_CLI_VERSION}, the oldest this command supports; upgrade it: ${UPGRADE}`,
    );
    this.name = "PulumiCliTooOldError";
  }
}

/** Thrown when an operation is asked for after Ctrl-C: nothing was started. */
export class InterruptedBeforeStartError extends UserError {
  constructor(what: string) {
    super(`${what} not started: interrupted (Ctrl-C) before it began`);
    this.name = "InterruptedBeforeStartError";
  }
}

/** The SDK's runtime helpers (automation/cmd.js, errors.js), exported but not in its type declarations. */
const sdk = automation as unknown as {
  CommandResult: new (stdout: string, stderr: string, code: number, err?: Error) => unknown;
  createCommandError: (result: unknown) => Error;
};

type Run = (
  args: string[],
  cwd: string,
  env: Record<string, string>,
  onOutput?: (data: string) => void,
  onError?: (data: string) => void,
  signal?: AbortSignal,
) => Promise<unknown>;

/** CLI processes running now, for a second Ctrl-C, and those it was sent to. */
const running = new Set<ChildProcess>();
const forced = new WeakSet<ChildProcess>();

/**
 * A second Ctrl-C: SIGINT again to every CLI this process is running, which the CLI takes as
 * "terminate now", as it does when a terminal sends two. Returns how many were signalled.
 */
export function forceInterrupt(): number {
  for (const child of running) {
    forced.add(child);
    child.kill("SIGINT");
  }
  return running.size;
}

/** Whether a CLI call failed because a second interrupt stopped it: it may have left its lock. */
export const stoppedAtOnce = (error: unknown) =>
  (error as { stoppedAtOnce?: boolean } | undefined)?.stoppedAtOnce === true;

/**
 * Runs the CLI once in its own process group, with `input` on standard input when given, as the
 * SDK's runner does otherwise (`--non-interactive`, PULUMI_AUTOMATION_API, its error classes).
 */
export function runCli(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  options: { onOutput?: (d: string) => void; onError?: (d: string) => void; signal?: AbortSignal; input?: string } = {},
): Promise<{ stdout: string; stderr: string }> {
  if (!args.includes("--non-interactive")) args.push("--non-interactive");
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env, PULUMI_AUTOMATION_API: "true" },
      detached: true,
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    running.add(child);
    const out: string[] = [];
    const err: string[] = [];
    child.stdout!.on("data", (d: Buffer) => (out.push(d.toString()), options.onOutput?.(d.toString())));
    child.stderr!.on("data", (d: Buffer) => (err.push(d.toString()), options.onError?.(d.toString())));
    if (options.input !== undefined) child.stdin!.end(options.input);
    const interrupt = () => child.kill("SIGINT");
    options.signal?.addEventListener("abort", interrupt, { once: true });
    const done = () => {
      running.delete(child);
      options.signal?.removeEventListener("abort", interrupt);
    };
    child.on("error", (e) => {
      done();
      reject(sdk.createCommandError(new sdk.CommandResult("", e.message, -2, e)));
    });
    child.on("close", (code) => {
      done();
      const [stdout, stderr] = [out.join(""), err.join("")];
      if (code === 0) return resolve({ stdout, stderr });
      const error = sdk.createCommandError(new sdk.CommandResult(stdout, stderr, code ?? -1));
      reject(Object.assign(error, { stoppedAtOnce: forced.has(child) }));
    });
  });
}

/** `a.b.c` as three numbers. */
const versionParts = (v: string) => v.replace(/^v/, "").split(/[.+-]/).slice(0, 3).map(Number);

export function olderThan(version: string, minimum: string): boolean {
  const [a, b] = [versionParts(version), versionParts(minimum)];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** The CLI on PATH, refused when older than MINIMUM_CLI_VERSION, running each call in its own process group. */
export async function isolatedPulumiCommand(): Promise<PulumiCommand> {
  const command = await PulumiCommand.get({ skipVersionCheck: true });
  const version = command.version?.toString() ?? "unknown";
  if (!command.version || olderThan(version, MINIMUM_CLI_VERSION)) throw new PulumiCliTooOldError(version);
  // The runner the SDK calls for every command (cmd.js PulumiCommand.run, marked internal).
  const run: Run = (args, cwd, env, onOutput, onError, signal) =>
    runCli(command.command, args, cwd, env, { onOutput, onError, signal });
  return Object.assign(command, { run });
}

/** The environment the workspace gives the CLI. */
const workspaceEnv = (ws: LocalWorkspace) => ({
  ...(ws.pulumiHome ? { PULUMI_HOME: ws.pulumiHome } : {}),
  ...ws.envVars,
});

/**
 * `pulumi config set KEY --secret [--path]` with the value on standard input, which the CLI reads
 * when none is on its command line: a secret never appears in an argv (`ps`) or in the SDK's errors.
 */
export async function setSecretConfig(stack: Stack, key: string, value: string, path: boolean): Promise<void> {
  const ws = stack.workspace as LocalWorkspace;
  const args = ["config", "set", key, "--secret", ...(path ? ["--path"] : []), "--stack", stack.name];
  await runCli(ws.pulumiCommand.command, args, ws.workDir, workspaceEnv(ws), { input: value });
}

/**
 * Keeps the directory's selected stack as the user left it: the SDK's `stack select` (Stack.select)
 * and `stack init` (Stack.create) both change it, so the next bare `pulumi up` would hit our stack.
 * Every command the SDK runs names its stack with `--stack`, so no selection is needed: existence is
 * checked with `pulumi stack --stack` and new stacks are made with `--no-select`, as the SDK itself
 * does for remote workspaces (localWorkspace.js selectStack/createStack).
 */
export function withoutSelecting(ws: LocalWorkspace): LocalWorkspace {
  const run = (args: string[]) => runCli(ws.pulumiCommand.command, args, ws.workDir, workspaceEnv(ws));
  return Object.assign(ws, {
    selectStack: async (name: string) => void (await run(["stack", "--stack", name])),
    createStack: async (name: string) =>
      void (await run([
        "stack",
        "init",
        name,
        "--no-select",
        ...(ws.secretsProvider ? ["--secrets-provider", ws.secretsProvider] : []),
      ])),
  });
}
