import { RecordedResource } from "../offline/recordingRuntime";
import { Plan } from "./model";

/**
 * The names AWS holds unique per account (IAM) or per account and region (log groups, KMS aliases, data
 * syncs, a patch group's baseline per OS) that the stack declares. Baseline and window names may repeat.
 */
export function uniqueNames(resources: RecordedResource[]): Plan["uniqueNames"] {
  const kinds: Record<string, [label: string, scope: "account" | "region", input: string]> = {
    "aws:iam/role:Role": ["IAM role", "account", "name"],
    "aws:iam/policy:Policy": ["IAM policy", "account", "name"],
    "aws:cloudwatch/logGroup:LogGroup": ["log group", "region", "name"],
    "aws:kms/alias:Alias": ["KMS alias", "region", "name"],
    "aws:ssm/resourceDataSync:ResourceDataSync": ["resource data sync", "region", "name"],
  };
  const names = resources.flatMap((r) => {
    const kind = kinds[r.type];
    const value = kind ? r.inputs[kind[2]] : undefined;
    return kind && typeof value === "string" ? [{ name: `${kind[0]} ${value}`, scope: kind[1] }] : [];
  });
  const groups = resources
    .filter((r) => r.type === "aws:ssm/patchGroup:PatchGroup")
    .map((r) => {
      const baseline = resources.find((b) => b.id === r.inputs.baselineId);
      return {
        name: `patch group ${r.inputs.patchGroup} (${baseline?.inputs.operatingSystem})`,
        scope: "region" as const,
      };
    });
  return [...names, ...groups];
}
