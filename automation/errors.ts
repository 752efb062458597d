import * as fs from "fs";
import * as path from "path";
import { CommandError, ConcurrentUpdateError, Stack } from "@pulumi/pulumi/automation";

/** A stack the backend does not have, named with the stacks it has. */
export class UnknownStackError extends Error {
  constructor(stack: string, known: readonly string[]) {
    super(`no stack named ${stack}; known stacks: ${known.length ? known.join(", ") : "none"}`);
    this.name = "UnknownStackError";
  }
}

/** A failed stack operation in one line; the CLI's full output is in `logFile`. */
export class StackOperationError extends Error {
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
}

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

/** The DIY backend's lock holder (pkg/backend/diy checkForLock): "user@host (pid 1) at <RFC 3339>". */
export function lockHolder(output: string): string | undefined {
  const m = /created by (\S+) \(pid (\d+)\) at (\S+)/.exec(output);
  return m ? `${m[1]}, pid ${m[2]}, since ${m[3]}` : undefined;
}

/** One line by class for a failed CLI call, with the full output written to a log file. */
export function describeFailure(error: unknown, context: Context, interrupted = false): Error {
  if (!(error instanceof CommandError)) return error as Error;
  const dir = context.logDir ?? path.resolve(".patching", "logs");
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const logFile = path.join(dir, `${context.stack}-${context.operation.replace(/\s+/g, "-")}-${stamp}.log`);
  fs.writeFileSync(logFile, `${context.operation} ${context.stack}\n${error.message}\n`);
  const what = `${context.operation} of ${context.stack}`;
  if (interrupted)
    return new StackOperationError(`${what} was interrupted; the update was cancelled and the stack unlocked`, logFile);
  if (error instanceof ConcurrentUpdateError) {
    const holder = lockHolder(error.message);
    return new StackOperationError(
      `${what} refused: the stack is locked by another update${holder ? ` (${holder})` : ""}; wait for it, or if none is running: pulumi cancel --stack ${context.stack}`,
      logFile,
    );
  }
  return new StackOperationError(`${what} failed: ${firstError(error.message) ?? "the pulumi CLI failed"}`, logFile);
}

/**
 * Runs one CLI-backed step and turns its failure into one line. When `signal` aborts (Ctrl-C), the
 * SDK interrupts the CLI; the stack the step tracked is then cancelled, so no lock outlives it.
 */
export async function classified<T>(
  context: Context,
  step: (track: (stack: Stack) => Stack) => Promise<T>,
): Promise<T> {
  let tracked: Stack | undefined;
  try {
    return await step((stack) => (tracked = stack));
  } catch (e) {
    const interrupted = context.signal?.aborted ?? false;
    if (interrupted) await tracked?.cancel().catch(() => undefined);
    throw describeFailure(e, context, interrupted);
  }
}
