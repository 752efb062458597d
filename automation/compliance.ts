import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  DescribePatchGroupStateCommand,
  InstancePatchState,
  paginateDescribeInstancePatchStatesForPatchGroup,
  SSMClient,
} from "@aws-sdk/client-ssm";

/** An instance whose last operation reported missing or failed patches. */
export interface NonCompliantInstance {
  readonly instanceId: string;
  readonly missing: number;
  readonly failed: number;
  readonly operation: string | null;
  readonly operationEndTime: string | null;
}

/** One patch group's live compliance (SCCM: a collection's compliance report). */
export interface PatchGroupStatus {
  readonly name: string;
  readonly instances: number;
  /** Instances whose last operation reported 0 missing and 0 failed patches. */
  readonly compliant: number;
  /** null when no instance reports: nothing shows the group patched. */
  readonly compliantPercent: number | null;
  readonly instancesWithMissingPatches: number;
  readonly instancesWithFailedPatches: number;
  readonly instancesWithInstalledPendingRebootPatches: number;
  readonly instancesWithCriticalNonCompliantPatches: number;
  readonly instancesWithSecurityNonCompliantPatches: number;
  /** The oldest last-operation time: how stale the group's picture is. */
  readonly oldestScan: string | null;
  /** When the group's latest successful Install ended (no failed patch), for soak time and promotion. */
  readonly lastInstallEnd: string | null;
  /** Worst first: most failed, then most missing. */
  readonly nonCompliant: NonCompliantInstance[];
}

export interface ComplianceStatus {
  readonly stack: string;
  readonly region: string;
  readonly generatedAt: string;
  readonly patchGroups: PatchGroupStatus[];
}

const iso = (d: Date | undefined) => (d ? d.toISOString() : null);

/** Reads one group through DescribePatchGroupState and every page of DescribeInstancePatchStatesForPatchGroup. */
export async function patchGroupStatus(client: SSMClient, name: string): Promise<PatchGroupStatus> {
  const state = await client.send(new DescribePatchGroupStateCommand({ PatchGroup: name }));
  const instances: InstancePatchState[] = [];
  for await (const page of paginateDescribeInstancePatchStatesForPatchGroup({ client }, { PatchGroup: name })) {
    instances.push(...(page.InstancePatchStates ?? []));
  }
  // A successful install: the instance's last operation was Install and reported no failed patch.
  const installed = instances
    .filter((i) => i.Operation === "Install" && (i.FailedCount ?? 0) === 0 && i.OperationEndTime)
    .map((i) => i.OperationEndTime!.getTime());
  const allEnds = instances.flatMap((i) => (i.OperationEndTime ? [i.OperationEndTime.getTime()] : []));
  const compliant = instances.filter((i) => (i.MissingCount ?? 0) === 0 && (i.FailedCount ?? 0) === 0).length;
  const total = state.Instances ?? instances.length;
  return {
    name,
    instances: total,
    compliant,
    compliantPercent: total > 0 ? Math.round((compliant / total) * 1000) / 10 : null,
    instancesWithMissingPatches: state.InstancesWithMissingPatches ?? 0,
    instancesWithFailedPatches: state.InstancesWithFailedPatches ?? 0,
    instancesWithInstalledPendingRebootPatches: state.InstancesWithInstalledPendingRebootPatches ?? 0,
    instancesWithCriticalNonCompliantPatches: state.InstancesWithCriticalNonCompliantPatches ?? 0,
    instancesWithSecurityNonCompliantPatches: state.InstancesWithSecurityNonCompliantPatches ?? 0,
    oldestScan: allEnds.length > 0 ? new Date(Math.min(...allEnds)).toISOString() : null,
    lastInstallEnd: installed.length > 0 ? new Date(Math.max(...installed)).toISOString() : null,
    nonCompliant: instances
      .filter((i) => (i.MissingCount ?? 0) > 0 || (i.FailedCount ?? 0) > 0)
      .map((i) => ({
        instanceId: i.InstanceId ?? "",
        missing: i.MissingCount ?? 0,
        failed: i.FailedCount ?? 0,
        operation: i.Operation ?? null,
        operationEndTime: iso(i.OperationEndTime),
      }))
      .sort((a, b) => b.failed - a.failed || b.missing - a.missing || a.instanceId.localeCompare(b.instanceId)),
  };
}

/** Every patch group of a stack, in the stack's region. */
export async function complianceStatus(
  client: SSMClient,
  stack: { readonly name: string; readonly region: string; readonly patchGroups: readonly string[] },
  now: Date,
): Promise<ComplianceStatus> {
  const patchGroups: PatchGroupStatus[] = [];
  for (const group of stack.patchGroups) patchGroups.push(await patchGroupStatus(client, group));
  return { stack: stack.name, region: stack.region, generatedAt: now.toISOString(), patchGroups };
}

/**
 * Whether a named profile is in the shared config or credentials file (AWS_CONFIG_FILE,
 * AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials): `[profile name]` in the
 * first, `[name]` in the second, `[default]` in either (AWS CLI "Configuration and credential file settings").
 */
export function awsProfileExists(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const home = os.homedir();
  const files = [
    env.AWS_CONFIG_FILE ?? path.join(home, ".aws", "config"),
    env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, ".aws", "credentials"),
  ];
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const section = new RegExp(`^\\[\\s*(profile\\s+)?${escaped}\\s*\\]`, "m");
  return files.some((file) => fs.existsSync(file) && section.test(fs.readFileSync(file, "utf8")));
}

/** One line for what went wrong talking to AWS: a missing profile, no credentials, no network, or AWS's own error. */
export function awsErrorLine(
  error: Error & { code?: string; $metadata?: { httpStatusCode?: number } },
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (error.name === "CredentialsProviderError" || /credential/i.test(error.message)) {
    const profile = env.AWS_PROFILE;
    if (profile && !awsProfileExists(profile, env))
      return `AWS profile ${profile} (AWS_PROFILE) is in neither the AWS config nor the credentials file: check its name with aws configure list-profiles, or set up the profile with aws configure sso --profile ${profile}`;
    return "no AWS credentials: set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or run where an instance role is";
  }
  if (["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "EAI_AGAIN"].includes(error.code ?? "")) {
    return `cannot reach Systems Manager (${error.code}); check the network, or AWS_ENDPOINT_URL_SSM`;
  }
  return `Systems Manager refused: ${error.name}: ${error.message.split("\n")[0]}`;
}
