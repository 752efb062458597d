import { gateSchema } from "../config/schema";
import { ComplianceStatus } from "./compliance";

/** A stage's success criteria (SCCM: a phased deployment's success criteria). */
export interface GateCriteria {
  /** Least compliant share of each group's instances, in percent. */
  readonly minCompliantPercent: number;
  /** Most instances with failed patches in each group. */
  readonly maxFailed: number;
  /** Least hours since each group's last successful Install ended. */
  readonly soakHours: number;
}

/** The schema's defaults: 95% compliant, no failed instance, no soak. */
export const DEFAULT_GATE: GateCriteria = gateSchema.parse({});

export interface GateResult {
  readonly passed: boolean;
  /** One line per failing criterion of a group, with the numbers. */
  readonly failures: string[];
}

/** Whether every patch group of a stage meets all three criteria at `now`. */
export function evaluateGate(status: ComplianceStatus, criteria: GateCriteria, now: Date): GateResult {
  const failures: string[] = [];
  for (const g of status.patchGroups) {
    const at = `${status.stack} ${g.name}`;
    if (g.compliantPercent === null) {
      failures.push(`${at}: no instance reports patch state, so nothing shows the group patched`);
      continue;
    }
    if (g.compliantPercent < criteria.minCompliantPercent) {
      failures.push(
        `${at}: ${g.compliantPercent}% compliant (${g.compliant} of ${g.instances}), needs at least ${criteria.minCompliantPercent}%`,
      );
    }
    if (g.instancesWithFailedPatches > criteria.maxFailed) {
      failures.push(
        `${at}: ${g.instancesWithFailedPatches} instances with failed patches, at most ${criteria.maxFailed}`,
      );
    }
    if (criteria.soakHours > 0) {
      if (!g.lastInstallEnd)
        failures.push(`${at}: no successful Install has ended yet; the soak needs ${criteria.soakHours} h`);
      else {
        const hours = Math.floor((now.getTime() - Date.parse(g.lastInstallEnd)) / 3_600_000);
        if (hours < criteria.soakHours) {
          failures.push(
            `${at}: the last successful Install ended ${g.lastInstallEnd}, ${hours} h ago; the soak needs ${criteria.soakHours} h`,
          );
        }
      }
    }
  }
  return { passed: failures.length === 0, failures };
}
