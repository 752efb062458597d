import * as fs from "fs";
import * as path from "path";
import { CommandError, ConcurrentUpdateError, Stack } from "@pulumi/pulumi/automation";
import { stoppedAtOnce } from "./pulumiCli";
import { UserError } from "../text/userError";

/** A stack the backend does not have, named with the stacks it has. */
export class UnknownStackError extends UserError {
  constructor(stack: string, known: readonly string[]) {
    super(`no stack named ${stack}; known stacks: ${known.length ? known.join(", ") : "none"}`);
    this.name = "UnknownStackError";
  }
}

/** A failed stack operation in one line; the CLI's full output is in `logFile`. */
export class StackOperationError extends UserError {
  constructor(
    message: string,
    readonly logFile?: string,
  ) {
    super(logFile ? `${message} (full output: ${logFile})` : message);
    this.name = "StackOperationError";
  }
}

interface Context {
  readonly operation: string;
  readonly stack: string;
  /** @default .patching/logs in the current directory */
  readonly logDir?: string;
  readonly signal?: AbortSignal;
  /** Secret values the step handled: replaced by [secret] in the log and the message. */
  readonly secrets?: readonly string[];
}

/** Operations that take the stack's lock; a preview takes none (pulumi/pulumi pkg/backend). */
const LOCKING = new Set(["up", "refresh", "destroy"]);

const redact = (text: string, secrets: readonly string[] = []) =>
  secrets.filter((s) => s.length > 0).reduce((t, s) => t.split(s).join("[secret]"), text);

/**
 * The CLI's own words: its first `error:` line that is not the closing "update failed", continued
 * while it ends in a colon (a program's exception: "…failed with an unhandled exception:" then the
 * exception's first line, then its first problem).
 */
export function firstError(output: string): string | undefined {
  const lines = output.split("\n").map((line) => line.trim());
  const at = lines.findIndex(
    (line) => /^error: /.test(line) && !/^error: (update|preview|refresh|destroy) failed$/.test(line),
  );
  if (at < 0) return undefined;
  const words = [lines[at].slice("error: ".length)];
  for (let i = at + 1; words[words.length - 1].endsWith(":") && lines[i]; i++) words.push(lines[i].replace(/^- /, ""));
  return words.join(" ");
}

/**
 * Without an `error:` line (a crash), the first stderr line that names an error (a panic, a Node.js
 * exception), else the last one, with the exit code.
 */
function crashLine(message: string): string | undefined {
  const code = /code: (-?\d+)/.exec(message)?.[1];
  const lines = (/\n stderr: ([\s\S]*?)\n err\?: /.exec(message)?.[1] ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const line = lines.find((l) => /error|panic|fatal/i.test(l)) ?? lines[lines.length - 1];
  return line ? `the pulumi CLI exited with code ${code}: ${line}` : undefined;
}

/** The DIY backend's lock holder (pkg/backend/diy checkForLock): "user@host (pid 1) at <RFC 3339>". */
export function lockHolder(output: string): string | undefined {
  const m = /created by (\S+) \(pid (\d+)\) at (\S+)/.exec(output);
  return m ? `${m[1]}, pid ${m[2]}, since ${m[3]}` : undefined;
}

/** One line by class for a failed CLI call, with the full output written to a log file. */
export function describeFailure(error: unknown, context: Context, interruption?: string): Error {
  if (!(error instanceof CommandError)) return error as Error;
  const dir = context.logDir ?? path.resolve(".patching", "logs");
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  // A qualified stack name (acme/patching/prod) is one file name: acme_patching_prod.
  const stackPart = context.stack.replace(/[^\w.-]/g, "_");
  const logFile = path.join(dir, `${stackPart}-${context.operation.replace(/\s+/g, "-")}-${stamp}.log`);
  fs.writeFileSync(logFile, redact(`${context.operation} ${context.stack}\n${error.message}\n`, context.secrets));
  const what = `${context.operation} of ${context.stack}`;
  if (interruption) return new StackOperationError(`${what} ${interruption}`, logFile);
  if (error instanceof ConcurrentUpdateError) {
    const holder = lockHolder(error.message);
    return new StackOperationError(
      `${what} refused: the stack is locked by another update${holder ? ` (${holder})` : ""}; wait for it, or if none is running: pulumi cancel --stack ${context.stack}`,
      logFile,
    );
  }
  const first = firstError(error.message) ?? crashLine(error.message);
  return new StackOperationError(
    `${what} failed: ${first ? redact(first, context.secrets) : "the pulumi CLI failed"}`,
    logFile,
  );
}

/**
 * What an interruption did, in words, releasing a lock where this process must. One Ctrl-C: the
 * CLI finished its steps in flight, saved the state and released its own lock. A second one stopped
 * it at once, which can leave the lock of the update this process started: only then, and only for
 * an operation that takes a lock and was not refused by someone else's, `pulumi cancel` runs.
 */
async function interrupted(error: unknown, context: Context, tracked: Stack | undefined): Promise<string> {
  if (!LOCKING.has(context.operation)) return "was interrupted (Ctrl-C); a preview changes nothing";
  if (!stoppedAtOnce(error))
    return "was interrupted (Ctrl-C): the pulumi CLI finished the steps in flight and saved the state; run it again to finish";
  if (error instanceof ConcurrentUpdateError || !tracked)
    return "was stopped (second Ctrl-C) before it held the lock; nothing was cancelled";
  await tracked.cancel();
  return `was stopped at once (second Ctrl-C); this process ran \`pulumi cancel --stack ${context.stack}\` to release the lock of its own update; run \`pulumi refresh --stack ${context.stack}\` to reconcile operations left pending`;
}

/**
 * Runs one CLI-backed step and turns its failure into one line. When `signal` aborts (Ctrl-C), the
 * CLI gets one SIGINT; see `interrupted` for what follows.
 */
export async function classified<T>(
  context: Context,
  step: (track: (stack: Stack) => Stack) => Promise<T>,
): Promise<T> {
  let tracked: Stack | undefined;
  try {
    return await step((stack) => (tracked = stack));
  } catch (e) {
    const interruption = context.signal?.aborted ? await interrupted(e, context, tracked) : undefined;
    throw describeFailure(e, context, interruption);
  }
}
