import { SSMClient } from "@aws-sdk/client-ssm";
import { servedPatchGroups } from "../config/load";
import { parseStackFile } from "../config/stackConfig";
import { awsErrorLine, complianceStatus, ComplianceStatus } from "./compliance";
import { evaluateGate } from "./gate";

/**
 * A stack's live state through Systems Manager, read from its stack file: its patch groups'
 * compliance, and the gates and install times a rollout between stages needs. The AWS SDK's
 * standard credential chain and endpoint settings (AWS_ENDPOINT_URL_SSM) apply.
 */

export type StackTarget = ReturnType<typeof stackTarget>;

/** The stack's served patch groups (sorted), region and gate, from its file. */
export function stackTarget(stack: string) {
  const { config, region } = parseStackFile(stack);
  return {
    name: stack,
    region,
    environment: config.environment,
    patchGroups: servedPatchGroups(config).sort(),
    patchGroupTagKey: config.patchGroupTagKey,
    gate: config.gate,
  };
}

/** Live compliance through the AWS SDK's standard credential chain and endpoint settings (AWS_ENDPOINT_URL_SSM). */
export async function readStatus(stack: string, now = new Date()): Promise<ComplianceStatus> {
  return statusOf(stackTarget(stack), now);
}

export async function statusOf(target: StackTarget, now = new Date()): Promise<ComplianceStatus> {
  try {
    return await complianceStatus(new SSMClient({ region: target.region }), target, now);
  } catch (e) {
    throw new Error(awsErrorLine(e as Error));
  }
}

/**
 * A stage's gate for `rollout` (its `gate` option): the stack file's `patching:gate` against live
 * compliance; none, and no AWS call, when the stack states none.
 */
export async function stackGate(stack: string) {
  const target = stackTarget(stack);
  return target.gate ? evaluateGate(await statusOf(target), target.gate, new Date()) : undefined;
}

/** When each of a stage's patch groups last installed, from live compliance, for promotion by delay. */
export async function stackLastInstall(stack: string) {
  const status = await readStatus(stack);
  return (groups: readonly string[]) => {
    const ends = status.patchGroups
      .filter((g) => groups.includes(g.name) && g.lastInstallEnd)
      .map((g) => g.lastInstallEnd!);
    return ends.length > 0 ? ends.sort().at(-1)! : null;
  };
}
