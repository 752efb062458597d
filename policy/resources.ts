/**
 * Reading raw `@pulumi/aws` resources as a policy pack sees them: the inputs (`props`) the engine
 * passes, and the links between resources through `propertyDependencies` (the resources an input
 * was computed from). Works on any program's resources, not only this project's.
 */
import type { PolicyResource } from "@pulumi/policy";

export const TYPES = {
  window: "aws:ssm/maintenanceWindow:MaintenanceWindow",
  target: "aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget",
  task: "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask",
  baseline: "aws:ssm/patchBaseline:PatchBaseline",
  patchGroup: "aws:ssm/patchGroup:PatchGroup",
  defaultBaseline: "aws:ssm/defaultPatchBaseline:DefaultPatchBaseline",
  association: "aws:ssm/association:Association",
  document: "aws:ssm/document:Document",
  dataSync: "aws:ssm/resourceDataSync:ResourceDataSync",
  bucket: "aws:s3/bucket:Bucket",
  bucketEncryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  bucketPublicAccess: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  bucketVersioning: "aws:s3/bucketVersioning:BucketVersioning",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
} as const;

/** The documents that run Patch Manager's scan and install. */
export const PATCH_DOCUMENTS = ["AWS-RunPatchBaseline", "AWS-RunPatchBaselineWithHooks"];

/** The tag keys Patch Manager reads a patch group from (case-sensitive). */
export const PATCH_GROUP_TAGS = ["tag:Patch Group", "tag:PatchGroup"];

/** What reading a resource's inputs needs: a resource validation's args and a stack's resources both have it. */
type Declared = Pick<PolicyResource, "type" | "props">;

/** The resources an input of `r` was computed from, as the engine reports them. */
export const linked = (r: PolicyResource, property: string): PolicyResource[] =>
  r.propertyDependencies?.[property] ?? [];

/** The stack a URN belongs to: `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export const stackOfUrn = (urn: string) => urn.split("::")[0].slice("urn:pulumi:".length);

type Parameters = Record<string, string[]>;

/** A window task's Run Command parameters, by name (the provider takes them as a list of {name, values}). */
export function taskParameters(task: Declared): Parameters {
  const list = (task.props.taskInvocationParameters?.runCommandParameters?.parameters ?? []) as {
    name: string;
    values: string[];
  }[];
  return Object.fromEntries(list.map((p) => [p.name, p.values ?? []]));
}

/** An association's parameters, by name (a map of strings, or of lists in older providers). */
export function associationParameters(association: Declared): Parameters {
  const raw = (association.props.parameters ?? {}) as Record<string, string | string[]>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
}

/** Whether a task or association runs Patch Manager's document. */
export const runsPatchBaseline = (r: Declared) =>
  PATCH_DOCUMENTS.includes(String(r.type === TYPES.task ? r.props.taskArn : r.props.name));

/** Scan or Install (AWS-RunPatchBaseline's Operation, default Scan). */
export function operationOf(r: Declared): string {
  const params = r.type === TYPES.task ? taskParameters(r) : associationParameters(r);
  return params.Operation?.[0] ?? "Scan";
}

type Targets = { key: string; values: string[] }[];

/** Patch groups a target list names through the patch-group tag. */
const groupsIn = (targets: Targets | undefined) =>
  (targets ?? []).filter((t) => PATCH_GROUP_TAGS.includes(t.key)).flatMap((t) => t.values ?? []);

/** The window targets a task runs on: those its `targets` input was computed from. */
export const taskTargets = (task: PolicyResource, all: readonly PolicyResource[]) =>
  linked(task, "targets").filter((r) => r.type === TYPES.target && all.includes(r));

/** The patch groups a task or association reaches, through its window targets or its own tag targets. */
export function patchGroupsReached(r: PolicyResource, all: readonly PolicyResource[]): string[] {
  const own = groupsIn(r.props.targets as Targets | undefined);
  if (r.type !== TYPES.task) return own;
  return [...own, ...taskTargets(r, all).flatMap((t) => groupsIn(t.props.targets as Targets))];
}

/** Whether a target list reaches every instance: `InstanceIds: ["*"]` or a tag key with value `*`. */
export const targetsEverything = (targets: Targets | undefined) =>
  (targets ?? []).some((t) => (t.values ?? []).includes("*"));

/** A rate-control value as a percentage, or undefined for an absolute count (`10`). */
export const percent = (value: unknown) =>
  typeof value === "string" && value.endsWith("%") ? Number(value.slice(0, -1)) : undefined;

/** An IAM policy document's statements, from its JSON text or object. */
export function statements(policy: unknown): { Effect?: string; Action?: unknown; Resource?: unknown }[] {
  const doc = typeof policy === "string" ? safeJson(policy) : policy;
  const list = (doc as { Statement?: unknown } | undefined)?.Statement;
  return (Array.isArray(list) ? list : list ? [list] : []) as {
    Effect?: string;
    Action?: unknown;
    Resource?: unknown;
  }[];
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A string or list of strings as a list. */
export const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];
