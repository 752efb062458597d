import { randomUUID } from "crypto";
import {
  CancelCommandCommand,
  CommandInvocation,
  GetDocumentCommand,
  ListCommandsCommand,
  paginateListCommandInvocations,
  SendCommandCommand,
  SSMClient,
} from "@aws-sdk/client-ssm";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { stringify } from "yaml";
import { overrideLocationOf, patchNowDocumentName } from "../components/patching/PatchNowDocument";
import { complianceStatus, ComplianceStatus } from "./compliance";
import {
  instanceIdsOf,
  matchingPatches,
  updateCompliance,
  UpdateCompliance,
  updateQueryProblems,
} from "./updateCompliance";
import { UserError } from "../text/userError";

/**
 * Patch now (SCCM: an out-of-band deployment): run the stack's patch-now document on one patch
 * group, by tag, optionally limited to some updates through an install-override list, and follow it.
 */

/** The stack a patch-now runs in, as its stack file says. */
export interface PatchNowStack {
  readonly name: string;
  readonly region: string;
  /** Names the document (`patching-<environment>-patch-now`). */
  readonly environment: string;
  readonly patchGroups: readonly string[];
  /** `Patch Group` or `PatchGroup`. */
  readonly patchGroupTagKey: string;
}

export interface PatchNowRequest {
  readonly group: string;
  /** @default "Install" */
  readonly operation?: "Install" | "Scan";
  /** Install only these updates (KB ids, or Linux package names as DescribeInstancePatches reports them). */
  readonly kbs?: readonly string[];
  /** Install only the patches that fix these CVEs on the group's instances. */
  readonly cves?: readonly string[];
  /** @default "if-needed" */
  readonly reboot?: "if-needed" | "never";
  /** SendCommand's MaxConcurrency. @default "10%" */
  readonly maxConcurrency?: string;
  /** SendCommand's MaxErrors. @default "1" */
  readonly maxErrors?: string;
}

export interface PatchNowOptions {
  readonly ssm?: SSMClient;
  readonly s3?: S3Client;
  /** Follow the command until every instance ends. @default false: send, and return its id */
  readonly wait?: boolean;
  /** Aborted (Ctrl-C): stop following; the command keeps running unless `cancel` is set. */
  readonly signal?: AbortSignal;
  /** When `signal` aborts, cancel the command (CancelCommand) too. @default false */
  readonly cancel?: boolean;
  /** A line per instance whenever its status changes. */
  readonly onProgress?: (line: string) => void;
  /** Between polls of ListCommandInvocations. @default 5000 */
  readonly pollMilliseconds?: number;
}

export interface InstanceResult {
  readonly instanceId: string;
  /** CommandInvocationStatus: Success, Failed, TimedOut, Cancelled, … */
  readonly status: string;
  readonly statusDetails: string;
}

export interface PatchNowResult {
  readonly commandId: string;
  readonly documentName: string;
  readonly group: string;
  readonly operation: "Install" | "Scan";
  /** The install-override list's location and the ids it names, when the run was limited to some updates. */
  readonly overrideList?: { readonly location: string; readonly ids: string[] };
  /** The command's status: Sent when not followed, Interrupted when following stopped (Ctrl-C). */
  readonly status: string;
  readonly instances: InstanceResult[];
  /** Instances that did not end in Success. */
  readonly failed: number;
  /** The group's compliance after the run: for the updates named, else the whole group. */
  readonly compliance?: UpdateCompliance | ComplianceStatus;
}

/** Refused with the stack's own error class, so the CLI prints it as one line. */
export class PatchNowError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "PatchNowError";
  }
}

// SendCommand's MaxConcurrency and MaxErrors patterns, from AWS's API model (botocore ssm service-2.json).
const MAX_CONCURRENCY = /^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$/;
const MAX_ERRORS = /^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$/;
const ENDED = ["Success", "Cancelled", "Failed", "TimedOut"];

/** Every reason a request cannot run, each naming the option, the value and the rule. */
export function patchNowProblems(stack: PatchNowStack, request: PatchNowRequest): string[] {
  const problems: string[] = [];
  if (!stack.patchGroups.includes(request.group))
    problems.push(
      `--group ${request.group} is not a patch group of stack ${stack.name}: ${stack.patchGroups.join(", ")}`,
    );
  const limited = (request.kbs ?? []).length + (request.cves ?? []).length > 0;
  if (limited) problems.push(...updateQueryProblems(request));
  if (limited && request.operation === "Scan")
    problems.push(
      "--kb/--cve limit an Install: AWS-RunPatchBaseline's Scan ignores an install-override list; use --operation Install",
    );
  const concurrency = request.maxConcurrency ?? "10%";
  if (!MAX_CONCURRENCY.test(concurrency))
    problems.push(`--max-concurrency ${concurrency}: must be a number from 1 or a percentage 1%-100%`);
  const errors = request.maxErrors ?? "1";
  if (!MAX_ERRORS.test(errors))
    problems.push(`--max-errors ${errors}: must be a number from 0 or a percentage 0%-100%`);
  return problems;
}

/** An install-override list in the YAML form AWS-RunPatchBaseline documents: `patches:` with an `id` each. */
export function installOverrideList(ids: readonly string[], comment: string): string {
  return `# ${comment}\n${stringify({ patches: ids.map((id) => ({ id })) })}`;
}

/**
 * The ids to install: the KBs as given, and for each CVE the patches that fix it on the group's
 * instances and are not installed yet (DescribeInstancePatches' CVEIds; the list takes no CVE ids).
 */
async function overrideIds(ssm: SSMClient, group: string, request: PatchNowRequest): Promise<string[]> {
  const ids = new Set(request.kbs ?? []);
  const cves = request.cves ?? [];
  if (cves.length === 0) return [...ids];
  const found = new Set<string>();
  for (const instanceId of await instanceIdsOf(ssm, group))
    for (const patch of await matchingPatches(ssm, instanceId, { cves }))
      for (const cve of cves)
        if ((patch.CVEIds ?? "").split(/[\s,]+/).includes(cve) && patch.KBId) {
          found.add(cve);
          if (["MISSING", "FAILED", "AVAILABLE_SECURITY_UPDATE"].includes(patch.State ?? "")) ids.add(patch.KBId);
        }
  const unknown = cves.filter((c) => !found.has(c));
  if (unknown.length > 0)
    throw new PatchNowError(
      `${unknown.join(", ")}: no instance of ${group} reports a patch for it (DescribeInstancePatches CVEIds); nothing to install`,
    );
  if (ids.size === 0) throw new PatchNowError(`${cves.join(", ")}: already installed on every instance of ${group}`);
  return [...ids].sort();
}

/** Puts the list under the document's override location, named after the run's snapshot id. */
async function putOverrideList(
  s3: S3Client,
  location: string,
  snapshotId: string,
  body: string,
): Promise<{ location: string }> {
  const [, bucket, prefix] = location.match(/^s3:\/\/([^/]+)\/(.*)$/)!;
  const key = `${prefix}${snapshotId}.yaml`;
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: "application/yaml" }));
  return { location: `s3://${bucket}/${key}` };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Every page of the command's invocations. */
async function invocations(ssm: SSMClient, commandId: string): Promise<CommandInvocation[]> {
  const all: CommandInvocation[] = [];
  for await (const page of paginateListCommandInvocations({ client: ssm }, { CommandId: commandId }))
    all.push(...(page.CommandInvocations ?? []));
  return all;
}

const resultOf = (i: CommandInvocation): InstanceResult => ({
  instanceId: i.InstanceId ?? "",
  status: i.Status ?? "Pending",
  statusDetails: i.StatusDetails ?? "",
});

/**
 * Follows the command until it ends or `signal` aborts, reporting each instance's status changes.
 * Returns the command's last status and each instance's last result.
 */
async function follow(ssm: SSMClient, commandId: string, options: PatchNowOptions) {
  const seen = new Map<string, string>();
  let results: InstanceResult[] = [];
  for (;;) {
    const command = (await ssm.send(new ListCommandsCommand({ CommandId: commandId }))).Commands?.[0];
    results = (await invocations(ssm, commandId)).map(resultOf);
    for (const r of results) {
      const line = `${r.instanceId}  ${r.status}${r.statusDetails && r.statusDetails !== r.status ? ` (${r.statusDetails})` : ""}`;
      if (seen.get(r.instanceId) !== line) options.onProgress?.(line);
      seen.set(r.instanceId, line);
    }
    const status = command?.Status ?? "Pending";
    if (ENDED.includes(status)) return { status, results };
    await sleep(options.pollMilliseconds ?? 5000, options.signal);
    if (options.signal?.aborted) return { status: "Interrupted", results };
  }
}

/** Runs the stack's patch-now document on one patch group, and with `wait`, follows it to the end. */
export async function patchNow(
  stack: PatchNowStack,
  request: PatchNowRequest,
  options: PatchNowOptions = {},
): Promise<PatchNowResult> {
  const problems = patchNowProblems(stack, request);
  if (problems.length > 0) throw new PatchNowError(problems.join("\n"));
  const ssm = options.ssm ?? new SSMClient({ region: stack.region });
  const documentName = patchNowDocumentName(stack.environment);
  const operation = request.operation ?? "Install";
  const snapshotId = randomUUID();
  const parameters: Record<string, string[]> = {
    Operation: [operation],
    RebootOption: [request.reboot === "never" ? "NoReboot" : "RebootIfNeeded"],
    SnapshotId: [snapshotId],
  };

  let overrideList: PatchNowResult["overrideList"];
  if ((request.kbs ?? []).length + (request.cves ?? []).length > 0) {
    const content = (await ssm.send(new GetDocumentCommand({ Name: documentName }))).Content ?? "{}";
    const location = overrideLocationOf(content);
    if (!location)
      throw new PatchNowError(
        `${documentName} takes no install-override list: the stack has no patch-log bucket (patching:compliance.logBucket)`,
      );
    const ids = await overrideIds(ssm, request.group, request);
    const comment = `patching patch-now: stack ${stack.name}, group ${request.group}, run ${snapshotId}`;
    const s3 = options.s3 ?? new S3Client({ region: stack.region, forcePathStyle: customEndpoint() });
    const put = await putOverrideList(s3, location, snapshotId, installOverrideList(ids, comment));
    overrideList = { location: put.location, ids };
    parameters.InstallOverrideList = [put.location];
  }

  if (options.signal?.aborted) throw new PatchNowError("interrupted (Ctrl-C) before sending: nothing was sent");
  const sent = await ssm.send(
    new SendCommandCommand({
      DocumentName: documentName,
      Targets: [{ Key: `tag:${stack.patchGroupTagKey}`, Values: [request.group] }],
      Parameters: parameters,
      MaxConcurrency: request.maxConcurrency ?? "10%",
      MaxErrors: request.maxErrors ?? "1",
      Comment: `patching patch-now ${stack.name} ${request.group} ${operation}`.slice(0, 100),
    }),
  );
  const commandId = sent.Command?.CommandId ?? "";
  const base = { commandId, documentName, group: request.group, operation, overrideList };
  if (!options.wait) return { ...base, status: "Sent", instances: [], failed: 0 };

  const { status, results } = await follow(ssm, commandId, options);
  if (status === "Interrupted") {
    if (options.cancel) await ssm.send(new CancelCommandCommand({ CommandId: commandId }));
    return { ...base, status: options.cancel ? "Cancelled" : "Interrupted", instances: results, failed: 0 };
  }
  const compliance = overrideList
    ? await updateCompliance(ssm, { ...stack, patchGroups: [request.group] }, request)
    : await complianceStatus(ssm, { ...stack, patchGroups: [request.group] }, new Date());
  const failed = results.filter((r) => r.status !== "Success").length;
  return { ...base, status, instances: results, failed, compliance };
}

/** A custom S3 endpoint (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL) is addressed path-style, as local stores want. */
const customEndpoint = () => Boolean(process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL);
