import { StackOps } from "./workspace";

/** One approval cutoff carried from the previous stage to this one. */
export interface PromotionChange {
  readonly baseline: string;
  readonly rule: number;
  readonly operatingSystem: string;
  /** What the rule approved before: its approveUntilDate, or "N days after release". */
  readonly from: string;
  readonly to: string;
  /** The config path written, e.g. `patching:baselines["Windows-Prod"].approvalRules[0].approveUntilDate`. */
  readonly key: string;
  /** The rule's approveAfterDays, replaced by the cutoff (and restored if the stage does not deploy). */
  readonly replacesAfterDays?: number;
}

type RawRule = { approveUntilDate?: string; approveAfterDays?: number; patchSet?: string };
type RawBaselines = Record<string, { operatingSystem?: string; patchGroups?: string[]; approvalRules?: RawRule[] }>;

/** When each patch group's last Install ended in a stage, for rules that approve by delay. */
export type LastInstall = (patchGroups: readonly string[]) => string | null;

const parseBaselines = (json: string | undefined): RawBaselines => (json ? (JSON.parse(json) as RawBaselines) : {});

/** Rules promote within their class: an OS, and on Windows its OS or APPLICATION patch set, never across. */
const ruleClass = (os: string | undefined, rule: RawRule) =>
  `${os ?? ""}${rule.patchSet === "APPLICATION" ? " APPLICATION" : ""}`;

/** YYYY-MM-DD of an instant minus whole days. */
const daysBefore = (iso: string, days: number) =>
  new Date(Date.parse(iso) - days * 86_400_000).toISOString().slice(0, 10);

/**
 * The patch set each class of the previous stage approved: an approveUntilDate rule its date; an
 * approveAfterDays rule the date up to which it had approved when its groups' last Install ran
 * (that run's end minus the delay). The latest per class.
 */
export function approvedUpTo(previous: RawBaselines, lastInstall: LastInstall): Map<string, string> {
  const cutoffs = new Map<string, string>();
  for (const baseline of Object.values(previous)) {
    for (const rule of baseline.approvalRules ?? []) {
      const installed = rule.approveAfterDays === undefined ? null : lastInstall(baseline.patchGroups ?? []);
      const date = rule.approveUntilDate ?? (installed ? daysBefore(installed, rule.approveAfterDays!) : undefined);
      const cls = ruleClass(baseline.operatingSystem, rule);
      if (date && date > (cutoffs.get(cls) ?? "")) cutoffs.set(cls, date);
    }
  }
  return cutoffs;
}

/**
 * The cutoffs to carry forward: each rule of this stage, by approveUntilDate or by approveAfterDays,
 * approves exactly what the previous stage approved in its class (SCCM: a phased deployment of one
 * update group). A rule by delay becomes a rule by date.
 */
export function promotionChanges(
  previous: RawBaselines,
  next: RawBaselines,
  lastInstall: LastInstall = () => null,
): PromotionChange[] {
  const cutoffs = approvedUpTo(previous, lastInstall);
  return Object.entries(next).flatMap(([name, baseline]) =>
    (baseline.approvalRules ?? []).flatMap((rule, i) => {
      const to = cutoffs.get(ruleClass(baseline.operatingSystem, rule));
      const from =
        rule.approveUntilDate ??
        (rule.approveAfterDays === undefined ? undefined : `${rule.approveAfterDays} days after release`);
      if (!from || !to || rule.approveUntilDate === to) return [];
      const change = {
        baseline: name,
        rule: i,
        operatingSystem: baseline.operatingSystem ?? "",
        from,
        to,
        key: `patching:baselines[${JSON.stringify(name)}].approvalRules[${i}].approveUntilDate`,
      };
      return [rule.approveUntilDate === undefined ? { ...change, replacesAfterDays: rule.approveAfterDays } : change];
    }),
  );
}

/** A promotion written into a stack's config, and how to take it back. */
export interface Promotion {
  readonly changes: PromotionChange[];
  /** Restores the config as it was: for a stage that is declined or fails. */
  readonly undo: () => Promise<void>;
}

const afterDaysKey = (c: PromotionChange) => c.key.replace(/approveUntilDate$/, "approveAfterDays");

/** Writes the previous stage's cutoffs into this stage's config through the workspace (the stack file shows them). */
export async function promote(
  ops: StackOps,
  previous: string,
  next: string,
  lastInstall?: LastInstall,
): Promise<Promotion> {
  const changes = promotionChanges(
    parseBaselines(await ops.getConfig(previous, "patching:baselines")),
    parseBaselines(await ops.getConfig(next, "patching:baselines")),
    lastInstall,
  );
  for (const change of changes) {
    await ops.setConfig(next, change.key, change.to, true);
    if (change.replacesAfterDays !== undefined) await ops.removeConfig(next, afterDaysKey(change), true);
  }
  const undo = async () => {
    for (const change of changes) {
      if (change.replacesAfterDays === undefined) await ops.setConfig(next, change.key, change.from, true);
      else {
        await ops.setConfig(next, afterDaysKey(change), String(change.replacesAfterDays), true);
        await ops.removeConfig(next, change.key, true);
      }
    }
  };
  return { changes, undo };
}
