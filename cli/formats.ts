/** Output formats of `patching plan`, in a module of their own so `--help` loads nothing heavy. */
export const PLAN_FORMATS = ["text", "md", "json", "html"] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];
