import { EngineEvent } from "@pulumi/pulumi/automation";
import { progressLine } from "../automation/progress";
import { fanOut, fanOutTable, parseTargets } from "../automation/fanout";
import { describeChanges, rollout, RolloutOptions, rolloutTable } from "../automation/rollout";
import { OperationResult, StackOps } from "../automation/workspace";
import { listStacks } from "../config/stackFile";

/** What the deploy commands need from the outside: the stack operations, output, and a way to ask. */
export interface DeployContext {
  readonly ops: StackOps;
  /** Results (standard output). */
  readonly print: (text: string) => void;
  /** Progress and questions (standard error), so --json output stays clean. */
  readonly progress: (text: string) => void;
  readonly ask: (question: string) => Promise<boolean>;
  /** A stage's gate against live compliance. @default the stack's patching:gate through Systems Manager */
  readonly gate?: RolloutOptions["gate"];
  /** When a stage's groups last installed. @default read through Systems Manager */
  readonly lastInstall?: RolloutOptions["lastInstall"];
  /** Aborted on Ctrl-C: the running operation is interrupted and cancelled, never left holding the lock. */
  readonly signal?: AbortSignal;
}

export interface CommonOptions {
  readonly json?: boolean;
  readonly yes?: boolean;
}

function report(
  ctx: DeployContext,
  options: CommonOptions,
  what: string,
  stack: string,
  result: OperationResult,
): void {
  if (options.json) ctx.print(JSON.stringify({ stack, operation: what, changes: result.changes }, null, 2));
  else ctx.print(`${what} ${stack}: ${describeChanges(result.changes)}`);
}

/** Progress lines for the engine's events, prefixed (e.g. with the fan-out target's stack) when asked. */
const onEvent =
  (ctx: DeployContext, prefix = "") =>
  (event: EngineEvent) => {
    const line = progressLine(event);
    if (line) ctx.progress(`${prefix}${line}`);
  };

const operationOptions = (ctx: DeployContext) => ({ onEvent: onEvent(ctx), signal: ctx.signal });

export async function previewCommand(ctx: DeployContext, stack: string, options: CommonOptions): Promise<void> {
  report(ctx, options, "preview", stack, await ctx.ops.preview(stack, operationOptions(ctx)));
}

/** up, refresh and destroy: preview first unless --yes, then ask, then run. */
export async function changeCommand(
  ctx: DeployContext,
  operation: "up" | "refresh" | "destroy",
  stack: string,
  options: CommonOptions,
): Promise<void> {
  if (!options.yes) {
    if (operation === "up")
      ctx.progress(
        `preview ${stack}: ${describeChanges((await ctx.ops.preview(stack, operationOptions(ctx))).changes)}`,
      );
    if (!(await ctx.ask(`${operation} stack ${stack}?`))) throw new Error(`${operation} of ${stack} cancelled`);
  }
  report(ctx, options, operation, stack, await ctx.ops[operation](stack, operationOptions(ctx)));
}

export async function outputsCommand(
  ctx: DeployContext,
  stack: string,
  options: CommonOptions & { showSecrets?: boolean },
): Promise<void> {
  const outputs = await ctx.ops.outputs(stack);
  const shown = Object.fromEntries(
    Object.entries(outputs).map(([k, o]) => [k, o.secret && !options.showSecrets ? "[secret]" : o.value]),
  );
  if (options.json) ctx.print(JSON.stringify(shown, null, 2));
  else
    ctx.print(
      Object.entries(shown)
        .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
        .join("\n"),
    );
}

export async function rolloutCommand(
  ctx: DeployContext,
  options: CommonOptions & { stages?: string[]; promote?: boolean; force?: boolean },
): Promise<void> {
  const status = await import("../automation/stackStatus");
  const results = await rollout(ctx.ops, {
    stages: options.stages ?? listStacks(),
    promote: options.promote,
    force: options.force,
    gate: ctx.gate ?? status.stackGate,
    lastInstall: ctx.lastInstall ?? status.stackLastInstall,
    confirm: async (stage, preview) => options.yes || ctx.ask(`deploy ${stage} (${describeChanges(preview.changes)})?`),
    onStage: (stage, step) => ctx.progress(`[${stage}] ${step}`),
    ...operationOptions(ctx),
  });
  ctx.print(options.json ? JSON.stringify(results, null, 2) : rolloutTable(results));
  const failed = results.find((r) => r.status !== "deployed");
  if (failed) throw new Error(`rollout stopped at ${failed.stage} (${failed.status})`);
}

/**
 * Fan-out: the base stack's config (secrets included, decrypted only in memory) goes to one stack per
 * target, each in `targets` (a work directory of its own, so its stack files never sit beside the
 * project's), at most `parallel` at a time, with a line per target as it finishes.
 */
export async function fanOutCommand(
  ctx: DeployContext,
  targetOps: StackOps,
  options: CommonOptions & { base: string; targets: string[]; parallel: number; preview?: boolean },
): Promise<void> {
  const targets = parseTargets(options.targets);
  if (
    !options.preview &&
    !options.yes &&
    !(await ctx.ask(`deploy ${options.base} to ${targets.length} account/region stacks?`))
  ) {
    throw new Error("fan-out cancelled");
  }
  const results = await fanOut(targetOps, {
    base: options.base,
    baseConfig: await ctx.ops.readConfig(options.base),
    targets,
    parallel: options.parallel,
    previewOnly: options.preview,
    signal: ctx.signal,
    onEvent: (stack, event) => onEvent(ctx, `[${stack}]`)(event),
    onResult: (r) =>
      ctx.progress(`[${r.stack}] ${r.status} in ${r.seconds}s: ${r.error ?? describeChanges(r.changes)}`),
  });
  ctx.print(options.json ? JSON.stringify(results, null, 2) : fanOutTable(results));
  const failed = results.filter((r) => r.status !== "succeeded");
  if (failed.length > 0)
    throw new Error(
      `${failed.length} of ${results.length} stacks failed or did not run: ${failed.map((r) => `${r.stack} (${r.status})`).join(", ")}`,
    );
}
