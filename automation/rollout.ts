import { table } from "../text/table";
import { OperationOptions, OperationResult, StackOps } from "./workspace";

/** One approval cutoff carried from the previous stage to this one. */
export interface PromotionChange {
  readonly baseline: string;
  readonly rule: number;
  readonly operatingSystem: string;
  readonly from: string;
  readonly to: string;
  /** The config path written, e.g. `patching:baselines["Windows-Prod"].approvalRules[0].approveUntilDate`. */
  readonly key: string;
}

type RawBaselines = Record<string, { operatingSystem?: string; approvalRules?: { approveUntilDate?: string }[] }>;

const parseBaselines = (json: string | undefined): RawBaselines => (json ? (JSON.parse(json) as RawBaselines) : {});

/**
 * The cutoffs to carry forward: for each operating system, the latest approveUntilDate of the
 * previous stage replaces every approveUntilDate of this stage's baselines of that OS. Prod then
 * approves exactly the patch set test approved (SCCM: a phased deployment of one update group).
 */
export function promotionChanges(previous: RawBaselines, next: RawBaselines): PromotionChange[] {
  const cutoffs = new Map<string, string>();
  for (const baseline of Object.values(previous)) {
    for (const rule of baseline.approvalRules ?? []) {
      const os = baseline.operatingSystem ?? "";
      if (rule.approveUntilDate && rule.approveUntilDate > (cutoffs.get(os) ?? ""))
        cutoffs.set(os, rule.approveUntilDate);
    }
  }
  return Object.entries(next).flatMap(([name, baseline]) =>
    (baseline.approvalRules ?? []).flatMap((rule, i) => {
      const to = cutoffs.get(baseline.operatingSystem ?? "");
      if (!rule.approveUntilDate || !to || rule.approveUntilDate === to) return [];
      return [
        {
          baseline: name,
          rule: i,
          operatingSystem: baseline.operatingSystem ?? "",
          from: rule.approveUntilDate,
          to,
          key: `patching:baselines[${JSON.stringify(name)}].approvalRules[${i}].approveUntilDate`,
        },
      ];
    }),
  );
}

/** Writes the previous stage's cutoffs into this stage's config through the workspace (the stack file shows them). */
export async function promote(ops: StackOps, previous: string, next: string): Promise<PromotionChange[]> {
  const changes = promotionChanges(
    parseBaselines(await ops.getConfig(previous, "patching:baselines")),
    parseBaselines(await ops.getConfig(next, "patching:baselines")),
  );
  for (const change of changes) await ops.setConfig(next, change.key, change.to, true);
  return changes;
}

export type StageStatus = "deployed" | "failed" | "declined" | "not run";

export interface StageResult {
  readonly stage: string;
  readonly status: StageStatus;
  readonly preview?: Record<string, number>;
  readonly deployed?: Record<string, number>;
  readonly promoted: PromotionChange[];
  readonly error?: string;
  readonly seconds: number;
}

export interface RolloutOptions {
  /** Stacks in order, e.g. ["dev", "test", "prod"]. */
  readonly stages: readonly string[];
  /** Carry approveUntilDate cutoffs from each stage to the next before deploying it. @default false */
  readonly promote?: boolean;
  /** Asked after each preview; `--yes` answers true. */
  readonly confirm: (stage: string, preview: OperationResult) => Promise<boolean>;
  /** Progress per stage. @default none */
  readonly onStage?: (stage: string, step: "promote" | "preview" | "up" | "done", detail?: string) => void;
  readonly onEvent?: OperationOptions["onEvent"];
}

/**
 * Staged rollout: for each stage in order, promote (when asked), preview, confirm, up. Stops at
 * the first failure or refusal; later stages are reported as not run.
 */
export async function rollout(ops: StackOps, options: RolloutOptions): Promise<StageResult[]> {
  const results: StageResult[] = [];
  let stopped = false;
  for (const [i, stage] of options.stages.entries()) {
    if (stopped) {
      results.push({ stage, status: "not run", promoted: [], seconds: 0 });
      continue;
    }
    const started = Date.now();
    let promoted: PromotionChange[] = [];
    let preview: Record<string, number> | undefined;
    const seconds = () => Math.round((Date.now() - started) / 100) / 10;
    try {
      if (options.promote && i > 0) {
        options.onStage?.(stage, "promote");
        promoted = await promote(ops, options.stages[i - 1], stage);
      }
      options.onStage?.(stage, "preview");
      const previewResult = await ops.preview(stage, { onEvent: options.onEvent });
      preview = previewResult.changes;
      if (!(await options.confirm(stage, previewResult))) {
        results.push({ stage, status: "declined", preview, promoted, seconds: seconds() });
        stopped = true;
        continue;
      }
      options.onStage?.(stage, "up");
      const deployed = (await ops.up(stage, { onEvent: options.onEvent })).changes;
      results.push({ stage, status: "deployed", preview, deployed, promoted, seconds: seconds() });
      options.onStage?.(stage, "done");
    } catch (e) {
      results.push({ stage, status: "failed", preview, promoted, error: (e as Error).message, seconds: seconds() });
      stopped = true;
    }
  }
  return results;
}

/** Changes as "create 3, update 1, same 20". */
export function describeChanges(changes: Record<string, number> | undefined): string {
  if (!changes) return "—";
  const parts = Object.entries(changes)
    .filter(([, n]) => n > 0)
    .map(([op, n]) => `${op} ${n}`);
  return parts.join(", ") || "no changes";
}

/** The rollout summary table. */
export function rolloutTable(results: readonly StageResult[]): string {
  const rows = results.map((r) => [
    r.stage,
    r.status,
    describeChanges(r.preview),
    describeChanges(r.deployed),
    r.promoted.map((p) => `${p.baseline}[${p.rule}] ${p.from}→${p.to}`).join("; ") || "—",
    `${r.seconds}s`,
    r.error ?? "",
  ]);
  return table(
    "text",
    ["Stage", "Status", "Preview", "Deployed", "Promoted approveUntilDate", "Time", "Error"],
    rows,
  ).join("\n");
}
