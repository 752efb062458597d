import { awsErrorLine, ComplianceStatus } from "../automation/compliance";
import { patchNow, PatchNowError, PatchNowRequest, PatchNowResult, PatchNowStack } from "../automation/patchNow";
import { UpdateCompliance } from "../automation/updateCompliance";
import { stackTarget } from "../automation/stackStatus";
import { table } from "../text/table";
import { renderStatus } from "./status";
import { renderUpdates } from "./updates";

export interface PatchNowCommandOptions {
  readonly stack: string;
  readonly group: string;
  readonly operation: "Install" | "Scan";
  readonly kb?: string[];
  readonly cve?: string[];
  readonly reboot: "if-needed" | "never";
  readonly maxConcurrency: string;
  readonly maxErrors: string;
  readonly wait?: boolean;
  readonly cancel?: boolean;
  readonly yes?: boolean;
  readonly json?: boolean;
}

export interface PatchNowIo {
  readonly print: (text: string) => void;
  readonly progress: (text: string) => void;
  readonly ask: (question: string) => Promise<boolean>;
  readonly signal?: AbortSignal;
  readonly pollMilliseconds?: number;
}

/** A production stack asks first: its stack name or environment starts with "prod". */
export const isProduction = (stack: PatchNowStack) => /^prod/i.test(stack.name) || /^prod/i.test(stack.environment);

/** `patching patch-now`: confirm on production, run, follow with --wait, print each instance and the compliance. */
export async function patchNowCommand(o: PatchNowCommandOptions, io: PatchNowIo): Promise<void> {
  const stack: PatchNowStack = stackTarget(o.stack);
  const request: PatchNowRequest = {
    group: o.group,
    operation: o.operation,
    kbs: o.kb,
    cves: o.cve,
    reboot: o.reboot,
    maxConcurrency: o.maxConcurrency,
    maxErrors: o.maxErrors,
  };
  const what = `${o.operation} on every instance tagged ${stack.patchGroupTagKey}=${o.group} of stack ${stack.name} (${stack.region})${o.reboot === "never" ? ", no reboot" : ", rebooting if needed"}`;
  if (isProduction(stack) && !o.yes && !(await io.ask(`Patch now: ${what}?`)))
    throw new PatchNowError("patch-now not confirmed: nothing was sent");

  let result: PatchNowResult;
  try {
    result = await patchNow(stack, request, {
      wait: o.wait,
      cancel: o.cancel,
      signal: io.signal,
      onProgress: io.progress,
      pollMilliseconds: io.pollMilliseconds,
    });
  } catch (e) {
    if (e instanceof PatchNowError) throw e;
    throw new PatchNowError(awsErrorLine(e as Error));
  }
  io.print(o.json ? JSON.stringify(result, null, 2) : patchNowText(result));
  const verdict = patchNowVerdict(result);
  if (verdict) throw new PatchNowError(verdict);
}

/** Why the run is not a success, for the exit code; undefined when it is (or was only sent). */
export function patchNowVerdict(result: PatchNowResult): string | undefined {
  const id = result.commandId;
  if (result.status === "Sent") return undefined;
  if (result.status === "Interrupted")
    return `stopped following: command ${id} keeps running; follow it with aws ssm list-command-invocations --command-id ${id}, or pass --cancel to cancel on Ctrl-C`;
  if (result.status === "Cancelled") return `command ${id} cancelled`;
  if (result.instances.length === 0) return `command ${id} reached no instance: none is tagged with the group`;
  if (result.failed > 0 || result.status !== "Success")
    return `command ${id} ${result.status}: ${result.failed} of ${result.instances.length} instances did not succeed`;
  return undefined;
}

function patchNowText(result: PatchNowResult): string {
  const lines = [
    `Sent command ${result.commandId}: ${result.documentName}, ${result.operation}, group ${result.group}`,
    ...(result.overrideList
      ? [`  install-override list ${result.overrideList.location}: ${result.overrideList.ids.join(", ")}`]
      : []),
  ];
  if (result.status === "Sent")
    return [
      ...lines,
      `  follow it: aws ssm list-command-invocations --command-id ${result.commandId} (--wait follows it here)`,
    ].join("\n");
  lines.push(
    "",
    ...table(
      "text",
      ["Instance", "Status", "Details"],
      result.instances.map((i) => [i.instanceId, i.status, i.statusDetails]),
    ),
  );
  if (result.compliance) {
    const c = result.compliance;
    lines.push(
      "",
      "updates" in c ? renderUpdates(c as UpdateCompliance, "text") : renderStatus(c as ComplianceStatus, "text"),
    );
  }
  return lines.join("\n").trimEnd();
}
