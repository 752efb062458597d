import * as fs from "fs";
import { SSMClient } from "@aws-sdk/client-ssm";
import { awsErrorLine, ComplianceStatus } from "../automation/compliance";
import { readStatus, stackTarget, statusOf } from "../automation/stackStatus";
import { DEFAULT_GATE, evaluateGate, GateCriteria } from "../automation/gate";
import { updateCompliance, updateQueryProblems } from "../automation/updateCompliance";
import { renderUpdates } from "./updates";
import { esc } from "../text/html";
import { table, TextFormat } from "../text/table";
import { OutputFormat } from "../text/formats";
import { UserError } from "../text/userError";

/** A gate that refused: one line per failing criterion, exit 1. */
export class GateRefusedError extends UserError {
  constructor(lines: string[]) {
    super(lines.join("\n"));
    this.name = "GateRefusedError";
  }
}

const pct = (p: number | null) => (p === null ? "no instances" : `${p}%`);

export function renderStatus(status: ComplianceStatus, format: OutputFormat): string {
  if (format === "json") return `${JSON.stringify(status, null, 2)}\n`;
  if (format === "html") return statusHtml(status);
  const f = format as TextFormat;
  const out = [`Patch compliance: stack ${status.stack} (${status.region}) at ${status.generatedAt}`, ""];
  const rows = status.patchGroups.map((g) => [
    g.name,
    String(g.instances),
    pct(g.compliantPercent),
    String(g.instancesWithMissingPatches),
    String(g.instancesWithFailedPatches),
    String(g.instancesWithInstalledPendingRebootPatches),
    String(g.instancesWithCriticalNonCompliantPatches),
    String(g.instancesWithSecurityNonCompliantPatches),
    g.oldestScan ?? "—",
  ]);
  const header = [
    "Patch group",
    "Instances",
    "Compliant",
    "Missing",
    "Failed",
    "Reboot pending",
    "Critical",
    "Security",
    "Oldest scan",
  ];
  out.push(...table(f, header, rows), "", "Non-compliant instances, worst first:");
  const worst = status.patchGroups.flatMap((g) =>
    g.nonCompliant.map((i) => [
      g.name,
      i.instanceId,
      String(i.missing),
      String(i.failed),
      i.operation ?? "—",
      i.operationEndTime ?? "—",
    ]),
  );
  out.push(
    ...(worst.length
      ? table(f, ["Patch group", "Instance", "Missing", "Failed", "Last operation", "Ended"], worst)
      : ["  none"]),
  );
  return `${out.join("\n")}\n`;
}

/** One page a change board reads without JavaScript: a bar per group, then the non-compliant instances. */
function statusHtml(status: ComplianceStatus): string {
  const bars = status.patchGroups
    .map((g) => {
      const width = g.compliantPercent ?? 0;
      return `<tr><th>${esc(g.name)}</th><td><div class="bar"><div style="width:${width}%"></div></div></td><td>${esc(pct(g.compliantPercent))} of ${g.instances}</td><td>${g.instancesWithFailedPatches} failed</td></tr>`;
    })
    .join("\n");
  const rows = status.patchGroups
    .flatMap((g) =>
      g.nonCompliant.map(
        (i) =>
          `<tr><td>${esc(g.name)}</td><td>${esc(i.instanceId)}</td><td>${i.missing}</td><td>${i.failed}</td><td>${esc(i.operation ?? "—")}</td><td>${esc(i.operationEndTime ?? "—")}</td></tr>`,
      ),
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Patch compliance: ${esc(status.stack)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{padding:.3em .8em;text-align:left}
.bar{width:300px;height:1em;background:#f3c4c4}.bar div{height:100%;background:#3c9a5f}</style></head>
<body><h1>Patch compliance: stack ${esc(status.stack)} (${esc(status.region)})</h1><p>As of ${esc(status.generatedAt)}.</p>
<table>${bars}</table>
<h2>Non-compliant instances, worst first</h2>
${rows ? `<table><tr><th>Patch group</th><th>Instance</th><th>Missing</th><th>Failed</th><th>Last operation</th><th>Ended</th></tr>\n${rows}</table>` : "<p>None.</p>"}
</body></html>
`;
}

export async function statusCommand(o: {
  stack: string;
  format: OutputFormat;
  out?: string;
  kb?: string[];
  cve?: string[];
  group?: string;
}): Promise<void> {
  const text = o.kb || o.cve ? await updatesText(o) : renderStatus(await readStatus(o.stack), o.format);
  if (o.out) fs.writeFileSync(o.out, text);
  else process.stdout.write(text);
}

export async function gateCommand(o: {
  stack: string;
  minCompliant?: number;
  maxFailed?: number;
  soakHours?: number;
  json?: boolean;
}): Promise<void> {
  const target = stackTarget(o.stack);
  const configured = target.gate ?? DEFAULT_GATE;
  const criteria: GateCriteria = {
    minCompliantPercent: o.minCompliant ?? configured.minCompliantPercent,
    maxFailed: o.maxFailed ?? configured.maxFailed,
    soakHours: o.soakHours ?? configured.soakHours,
  };
  const result = evaluateGate(await statusOf(target), criteria, new Date());
  if (o.json) process.stdout.write(`${JSON.stringify({ stack: o.stack, criteria, ...result }, null, 2)}\n`);
  if (!result.passed) throw new GateRefusedError(result.failures);
  if (!o.json) {
    process.stdout.write(
      `gate passed: every patch group of ${o.stack} is at least ${criteria.minCompliantPercent}% compliant, at most ${criteria.maxFailed} failed, soaked ${criteria.soakHours} h\n`,
    );
  }
}

/** `status --kb/--cve [--group]`: each instance's state for those updates, in the stack's groups (or one). */
async function updatesText(o: { stack: string; format: OutputFormat; kb?: string[]; cve?: string[]; group?: string }) {
  const query = { kbs: o.kb ?? [], cves: o.cve ?? [] };
  const problems = updateQueryProblems(query);
  if (problems.length > 0) throw new Error(problems.join("; "));
  const target = stackTarget(o.stack);
  if (o.group && !target.patchGroups.includes(o.group))
    throw new Error(`--group ${o.group} is not a patch group of stack ${o.stack}: ${target.patchGroups.join(", ")}`);
  const stack = { ...target, patchGroups: o.group ? [o.group] : target.patchGroups };
  try {
    return renderUpdates(await updateCompliance(new SSMClient({ region: target.region }), stack, query), o.format);
  } catch (e) {
    throw new Error(awsErrorLine(e as Error));
  }
}
