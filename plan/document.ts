import { DateTime } from "luxon";
import { listStacks } from "../config/stackFile";
import { OutputFormat } from "../text/formats";
import { renderHtml } from "./html";
import { Plan, planStack } from "./plan";
import { renderPlan, renderTimeline } from "./render";
import { buildTimeline } from "./timeline";

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
