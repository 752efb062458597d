import * as fs from "fs";
import * as path from "path";
import { DateTime } from "luxon";
import { listStacks } from "../config/stackFile";
import { renderHtml } from "../plan/html";
import { Plan, planStack } from "../plan/plan";
import { renderPlan, renderTimeline } from "../plan/render";
import { buildTimeline } from "../plan/timeline";

import { PlanFormat } from "./formats";

export { PLAN_FORMATS, type PlanFormat } from "./formats";

export interface PlanCommandOptions {
  readonly stack?: string;
  readonly allStacks?: boolean;
  readonly format: PlanFormat;
  readonly runs: number;
  readonly weeks: number;
  /** ISO-8601 instant to plan from. @default now */
  readonly from?: string;
}

/** Builds the plan document for `patching plan`: one stack, or every stack with their shared timeline. */
export async function planDocument(options: PlanCommandOptions): Promise<string> {
  const from = options.from ? DateTime.fromISO(options.from, { zone: "UTC" }) : DateTime.utc();
  if (!from.isValid) throw new Error(`--from ${options.from} is not an ISO-8601 date or time`);
  const stacks = options.allStacks ? listStacks() : [options.stack ?? "dev"];
  const plans: Plan[] = [];
  for (const stack of stacks) plans.push(await planStack(stack, { from, runs: options.runs }));
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

export async function runPlan(options: PlanCommandOptions & { out?: string }): Promise<void> {
  const document = await planDocument(options);
  if (options.out) {
    const dir = path.dirname(path.resolve(options.out));
    if (!fs.existsSync(dir))
      throw new Error(`--out ${options.out}: the directory ${dir} does not exist; create it first`);
    fs.writeFileSync(options.out, document);
    console.error(`plan written to ${options.out}`);
  } else {
    process.stdout.write(document);
  }
}
