/** What every rule shares: the environment a resource belongs to, and per-type validation. */
import type { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { stackOfUrn } from "../resources";

/** A resource's inputs as the engine passes them: any provider's shape. */
export type Props = ResourceValidationArgs["props"];

/** How a rule tells which environment a resource belongs to. */
export interface EnvironmentConfig {
  /** "stack": the stack name (from the URN); "tag": the resource's tag `environmentTag`. */
  readonly environmentFrom: "stack" | "tag";
  readonly environmentTag: string;
}

export const ENVIRONMENT_SCHEMA: Record<string, PolicyConfigJSONSchema> = {
  environmentFrom: {
    type: "string",
    enum: ["stack", "tag"],
    default: "stack",
    description: "Where the environment comes from: the stack's name, or a tag on the resource.",
  },
  environmentTag: { type: "string", default: "Environment", description: "The tag naming the environment." },
};

/** A resource's environment, lower-case: its stack's name, or its tag. */
export function environmentOf(r: { urn: string; props: Props }, config: EnvironmentConfig): string {
  const value =
    config.environmentFrom === "tag" ? String(r.props.tags?.[config.environmentTag] ?? "") : stackOfUrn(r.urn);
  return value.toLowerCase();
}

/** Rules held only in some environments: which ones, and where the environment comes from. */
export interface EnvironmentListConfig extends EnvironmentConfig {
  readonly environments: string[];
}

export const ENVIRONMENT_LIST_SCHEMA: Record<string, PolicyConfigJSONSchema> = {
  environments: {
    type: "array",
    items: { type: "string" },
    default: ["prod"],
    description: "Environments to hold to it.",
  },
  ...ENVIRONMENT_SCHEMA,
};

/** Whether a resource is in one of the listed environments. */
export const inListedEnvironment = (r: { urn: string; props: Props }, config: EnvironmentListConfig) =>
  config.environments.map((e) => e.toLowerCase()).includes(environmentOf(r, config));

/** A per-environment setting: the environment's own entry, else "*", else none. */
export const forEnvironment = <T>(table: Record<string, T>, environment: string): T | undefined =>
  Object.entries(table).find(([k]) => k.toLowerCase() === environment)?.[1] ?? table["*"];

/** One resource type's validation, with its props. */
export function onType(
  type: string,
  check: (props: Props, args: ResourceValidationArgs, report: ReportViolation) => void,
) {
  return (args: ResourceValidationArgs, report: ReportViolation) => {
    if (args.type === type) check(args.props, args, report);
  };
}
