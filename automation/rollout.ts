import { table } from "../text/table";
import { GateResult } from "./gate";
import { LastInstall, promote, Promotion, PromotionChange } from "./promotion";
import { OperationOptions, OperationResult, StackOps } from "./workspace";

export { promotionChanges, type PromotionChange } from "./promotion";

export type StageStatus = "deployed" | "failed" | "declined" | "gated" | "not run";

export interface StageResult {
  readonly stage: string;
  readonly status: StageStatus;
  readonly preview?: Record<string, number>;
  readonly deployed?: Record<string, number>;
  readonly promoted: PromotionChange[];
  readonly error?: string;
  /** Set when the previous stage's gate was skipped with --force. */
  readonly gateSkipped?: boolean;
  readonly seconds: number;
}

export interface RolloutOptions {
  /** Stacks in order, e.g. ["dev", "test", "prod"]. */
  readonly stages: readonly string[];
  /** Carry each stage's approved patch set to the next before deploying it. @default false */
  readonly promote?: boolean;
  /**
   * A stage's success criteria against its live compliance, applied before the next stage is promoted
   * or deployed; undefined when the stage states none. `stackGate` applies each stack file's
   * `patching:gate`, as `patching rollout` does. @default no gates
   */
  readonly gate?: (stage: string) => Promise<GateResult | undefined>;
  /** Skip the gates, and say so in the summary. @default false */
  readonly force?: boolean;
  /** When a stage's groups last installed, for promoting by delay (`stackLastInstall`). @default none known */
  readonly lastInstall?: (stage: string) => Promise<LastInstall>;
  /** Asked after each preview; `--yes` answers true. */
  readonly confirm: (stage: string, preview: OperationResult) => Promise<boolean>;
  /** Progress per stage. @default none */
  readonly onStage?: (stage: string, step: "promote" | "preview" | "up" | "done", detail?: string) => void;
  readonly onEvent?: OperationOptions["onEvent"];
  readonly signal?: AbortSignal;
}

/**
 * Staged rollout: for each stage in order, promote (when asked), preview, confirm, up. Stops at
 * the first failure or refusal, or when `signal` aborts (Ctrl-C); later stages are reported as not run.
 */
export async function rollout(ops: StackOps, options: RolloutOptions): Promise<StageResult[]> {
  const results: StageResult[] = [];
  const operation = { onEvent: options.onEvent, signal: options.signal };
  let stopped = false;
  for (const [i, stage] of options.stages.entries()) {
    if (stopped || options.signal?.aborted) {
      const why = options.signal?.aborted ? { error: "interrupted (Ctrl-C) before this stage" } : {};
      results.push({ stage, status: "not run", promoted: [], seconds: 0, ...why });
      stopped = true;
      continue;
    }
    const started = Date.now();
    let promotion: Promotion | undefined;
    let preview: Record<string, number> | undefined;
    const seconds = () => Math.round((Date.now() - started) / 100) / 10;
    try {
      const gate = i > 0 && !options.force ? await options.gate?.(options.stages[i - 1]) : undefined;
      if (gate && !gate.passed) {
        results.push({ stage, status: "gated", promoted: [], error: gate.failures.join("; "), seconds: seconds() });
        stopped = true;
        continue;
      }
      if (options.promote && i > 0) {
        options.onStage?.(stage, "promote");
        const previous = options.stages[i - 1];
        promotion = await promote(ops, previous, stage, await options.lastInstall?.(previous));
      }
      options.onStage?.(stage, "preview");
      const previewResult = await ops.preview(stage, operation);
      preview = previewResult.changes;
      if (!(await options.confirm(stage, previewResult))) {
        await promotion?.undo();
        results.push({ stage, status: "declined", preview, promoted: [], seconds: seconds() });
        stopped = true;
        continue;
      }
      options.onStage?.(stage, "up");
      const deployed = (await ops.up(stage, operation)).changes;
      const skipped = i > 0 && options.force && options.gate ? { gateSkipped: true } : {};
      results.push({
        stage,
        status: "deployed",
        preview,
        deployed,
        promoted: promotion?.changes ?? [],
        seconds: seconds(),
        ...skipped,
      });
      options.onStage?.(stage, "done");
    } catch (e) {
      await promotion?.undo().catch(() => undefined);
      results.push({ stage, status: "failed", preview, promoted: [], error: (e as Error).message, seconds: seconds() });
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
    r.gateSkipped ? `${r.status} (gate skipped: --force)` : r.status,
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
