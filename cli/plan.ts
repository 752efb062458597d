import * as fs from "fs";
import * as path from "path";
import { DateTime } from "luxon";
import { listStacks } from "../config/stackFile";
import { renderHtml } from "../plan/html";
import { Plan, planStack } from "../plan/plan";
import { renderPlan, renderTimeline } from "../plan/render";
import { buildTimeline } from "../plan/timeline";

import { OutputFormat } from "./formats";

export interface PlanCommandOptions {
  readonly stack?: string;
  readonly allStacks?: boolean;
  readonly format: OutputFormat;
  readonly runs: number;
  readonly weeks: number;
  /** ISO-8601 instant to plan from. @default now */
  readonly from?: string;
  /** Directory with Pulumi.yaml and the stack files. @default the current directory */
  readonly dir?: string;
  /** Told which stack is being planned, before each one: `runPlan` shows it on a terminal. */
  readonly onStack?: (stack: string, index: number, total: number) => void;
}

/** Builds the plan document for `patching plan`: one stack, or every stack with their shared timeline. */
export async function planDocument(options: PlanCommandOptions): Promise<string> {
  const from = options.from ? DateTime.fromISO(options.from, { zone: "UTC" }) : DateTime.utc();
  if (!from.isValid) throw new Error(`--from ${options.from} is not an ISO-8601 date or time`);
  const stacks = options.allStacks ? listStacks(options.dir) : [options.stack ?? "dev"];
  const plans: Plan[] = [];
  for (const [i, stack] of stacks.entries()) {
    options.onStack?.(stack, i + 1, stacks.length);
    plans.push(await planStack(stack, { from, runs: options.runs, dir: options.dir }));
  }
  const timeline = buildTimeline(plans, from, options.weeks);

  switch (options.format) {
    case "json":
      return `${JSON.stringify(options.allStacks ? { stacks: plans, timeline } : plans[0], null, 2)}\n`;
    case "html":
      return renderHtml(plans, timeline);
    default: {
      const parts = plans.map((p) => renderPlan(p, options.format as "text" | "md"));
      return options.allStacks ? [renderTimeline(timeline, options.format), ...parts].join("\n") : parts[0];
    }
  }
}

/**
 * One status line on a terminal, rewritten in place and cleared at the end, so a plan over many
 * stacks is not silent; nothing at all when stderr is a file or a pipe, so scripts see only output.
 */
export function terminalStatus(stream: Pick<NodeJS.WriteStream, "isTTY" | "write"> = process.stderr) {
  const show = (text: string) => stream.isTTY && stream.write(`\r\x1b[K${text}`);
  return { show, clear: () => show("") };
}

export async function runPlan(
  options: PlanCommandOptions & { out?: string },
  status = terminalStatus(),
): Promise<void> {
  const dir = options.out && path.dirname(path.resolve(options.out));
  if (dir && !fs.existsSync(dir))
    throw new Error(`--out ${options.out}: the directory ${dir} does not exist; create it first`);
  let document: string;
  try {
    document = await planDocument({
      ...options,
      onStack: (stack, i, n) => status.show(`planning ${stack} (${i}/${n})…`),
    });
  } finally {
    status.clear();
  }
  if (options.out) {
    fs.writeFileSync(options.out, document);
    console.error(`plan written to ${options.out}`);
  } else {
    process.stdout.write(document);
  }
}
