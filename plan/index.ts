/**
 * The offline plan as a library: what a stack will create, patch and when, from its stack file,
 * with no AWS account and no pulumi CLI.
 *
 *   import { planStack, renderPlan } from "patching/plan";
 *   console.log(renderPlan(await planStack("prod", { runs: 3 })));
 */
export { planStack, planRawConfig, windowRuns, PLAN_HORIZON_DAYS } from "./plan";
export type { Plan, PlanOptions, PlanPatchGroup, PlanRun, PlanTask, PlanWindow } from "./plan";
export { renderPlan, renderTimeline, describeSchedule } from "./render";
export { buildTimeline } from "./timeline";
export { planDocument } from "./document";
export type { PlanCommandOptions } from "./document";
