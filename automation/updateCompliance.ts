import {
  paginateDescribeInstancePatches,
  paginateDescribeInstancePatchStatesForPatchGroup,
  PatchComplianceData,
  SSMClient,
} from "@aws-sdk/client-ssm";

/**
 * Compliance for one update (SCCM: filtering compliance to specific KBs): whether each instance of
 * a stack's patch groups has an update, by KB id or CVE, from DescribeInstancePatches.
 */

/** A patch's state on an instance (PatchComplianceDataState), in the words the console uses. */
export type UpdateState =
  | "Installed"
  | "InstalledOther"
  | "InstalledPendingReboot"
  | "InstalledRejected"
  | "Missing"
  | "Failed"
  | "AvailableSecurityUpdate"
  | "NotApplicable";

const STATES: Record<string, UpdateState> = {
  INSTALLED: "Installed",
  INSTALLED_OTHER: "InstalledOther",
  INSTALLED_PENDING_REBOOT: "InstalledPendingReboot",
  INSTALLED_REJECTED: "InstalledRejected",
  MISSING: "Missing",
  FAILED: "Failed",
  AVAILABLE_SECURITY_UPDATE: "AvailableSecurityUpdate",
  NOT_APPLICABLE: "NotApplicable",
};

export interface UpdateQuery {
  /** Microsoft KB ids (KB5034441), or Linux package ids, matched as DescribeInstancePatches' KBId filter. */
  readonly kbs?: readonly string[];
  /** CVE ids (CVE-2026-1234), matched against each patch's CVEIds. */
  readonly cves?: readonly string[];
}

export interface InstanceUpdates {
  readonly instanceId: string;
  /** Update → its state; an update the instance does not report is NotApplicable. */
  readonly states: Record<string, UpdateState>;
}

export interface GroupUpdates {
  readonly name: string;
  readonly instances: InstanceUpdates[];
  /** Update → state → instances in it. */
  readonly summary: Record<string, Partial<Record<UpdateState, number>>>;
}

export interface UpdateCompliance {
  readonly stack: string;
  readonly region: string;
  readonly generatedAt: string;
  readonly updates: string[];
  readonly patchGroups: GroupUpdates[];
}

const KB = /^(KB\d{6,8}|[A-Za-z0-9][\w.+*-]{0,99})$/;
const CVE = /^CVE-\d{4}-\d{4,}$/;

/** Refuses what DescribeInstancePatches could not match, naming the value and the form. */
export function updateQueryProblems(query: UpdateQuery): string[] {
  const problems: string[] = [];
  for (const kb of query.kbs ?? []) if (!KB.test(kb)) problems.push(`--kb ${kb}: not a KB id such as KB5034441`);
  for (const cve of query.cves ?? [])
    if (!CVE.test(cve)) problems.push(`--cve ${cve}: not a CVE id such as CVE-2026-12345`);
  if ((query.kbs ?? []).length + (query.cves ?? []).length === 0) problems.push("name at least one --kb or --cve");
  return problems;
}

/** The patches of one instance that match the query, every page. CVEs have no API filter: every patch is read. */
export async function matchingPatches(
  client: SSMClient,
  instanceId: string,
  query: UpdateQuery,
): Promise<PatchComplianceData[]> {
  const kbs = [...(query.kbs ?? [])];
  const byKb = kbs.length > 0 && (query.cves ?? []).length === 0;
  const patches: PatchComplianceData[] = [];
  const input = { InstanceId: instanceId, ...(byKb ? { Filters: [{ Key: "KBId", Values: kbs }] } : {}) };
  for await (const page of paginateDescribeInstancePatches({ client }, input)) patches.push(...(page.Patches ?? []));
  return patches;
}

/** A CVE fixed by several patches is as far along as its least installed one. */
const LEAST_INSTALLED_FIRST: readonly UpdateState[] = [
  "Failed",
  "Missing",
  "AvailableSecurityUpdate",
  "InstalledPendingReboot",
  "InstalledRejected",
  "InstalledOther",
  "Installed",
];

/** One instance's state per update: the first matching patch's state, else NotApplicable. */
export function instanceStates(
  patches: readonly PatchComplianceData[],
  query: UpdateQuery,
): Record<string, UpdateState> {
  const states: Record<string, UpdateState> = {};
  for (const kb of query.kbs ?? []) {
    const patch = patches.find((p) => p.KBId?.toLowerCase() === kb.toLowerCase());
    states[kb] = patch?.State ? (STATES[patch.State] ?? "NotApplicable") : "NotApplicable";
  }
  for (const cve of query.cves ?? []) {
    const found = patches
      .filter((p) => (p.CVEIds ?? "").split(/[\s,]+/).includes(cve))
      .map((p) => STATES[p.State ?? ""] ?? "NotApplicable");
    states[cve] = LEAST_INSTALLED_FIRST.find((s) => found.includes(s)) ?? "NotApplicable";
  }
  return states;
}

/** A patch group's instances, sorted (DescribeInstancePatchStatesForPatchGroup, every page). */
export async function instanceIdsOf(client: SSMClient, patchGroup: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of paginateDescribeInstancePatchStatesForPatchGroup({ client }, { PatchGroup: patchGroup }))
    ids.push(...(page.InstancePatchStates ?? []).map((s) => s.InstanceId ?? ""));
  return ids.sort();
}

/** Every instance of every patch group (DescribeInstancePatchStatesForPatchGroup, every page) and its states. */
export async function updateCompliance(
  client: SSMClient,
  stack: { readonly name: string; readonly region: string; readonly patchGroups: readonly string[] },
  query: UpdateQuery,
  now = new Date(),
): Promise<UpdateCompliance> {
  const updates = [...(query.kbs ?? []), ...(query.cves ?? [])];
  const patchGroups: GroupUpdates[] = [];
  for (const name of stack.patchGroups) {
    const instances: InstanceUpdates[] = [];
    for (const instanceId of await instanceIdsOf(client, name))
      instances.push({ instanceId, states: instanceStates(await matchingPatches(client, instanceId, query), query) });
    const summary = Object.fromEntries(
      updates.map((u) => {
        const counts: Partial<Record<UpdateState, number>> = {};
        for (const i of instances) counts[i.states[u]] = (counts[i.states[u]] ?? 0) + 1;
        return [u, counts];
      }),
    );
    patchGroups.push({ name, instances, summary });
  }
  return { stack: stack.name, region: stack.region, generatedAt: now.toISOString(), updates, patchGroups };
}
