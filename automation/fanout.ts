import { describeChanges } from "./rollout";
import { table } from "../text/table";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { OperationOptions, StackConfigValues, StackOps } from "./workspace";

/** One account and region a base stack is deployed to. */
export interface FanOutTarget {
  readonly region: string;
  /** 12-digit account id; part of the stack name when given. @default - the credentials' account */
  readonly account?: string;
  /** Role the AWS provider assumes in that account. @default - the credentials themselves */
  readonly roleArn?: string;
}

export interface FanOutResult {
  readonly stack: string;
  readonly target: FanOutTarget;
  /** "not run": interrupted (Ctrl-C) before this target started. */
  readonly status: "succeeded" | "failed" | "not run";
  readonly changes?: Record<string, number>;
  readonly error?: string;
  readonly seconds: number;
}

const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;
const ACCOUNT = /^\d{12}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,64}$/;

/**
 * Parses `region`, `account:region` or `account:region:roleArn` entries, refusing bad ones with
 * the entry and the rule.
 */
export function parseTargets(entries: readonly string[]): FanOutTarget[] {
  return entries.map((entry) => {
    const [first, second, ...rest] = entry.split(":");
    const target: FanOutTarget =
      second === undefined
        ? { region: first }
        : { account: first, region: second, roleArn: rest.length ? rest.join(":") : undefined };
    if (!REGION.test(target.region))
      throw new Error(`fan-out target ${entry}: region ${target.region} is not an AWS region such as eu-west-1`);
    if (target.account !== undefined && !ACCOUNT.test(target.account))
      throw new Error(`fan-out target ${entry}: account ${target.account} is not a 12-digit account id`);
    if (target.roleArn !== undefined && !ROLE_ARN.test(target.roleArn))
      throw new Error(`fan-out target ${entry}: ${target.roleArn} is not an IAM role ARN`);
    if (target.roleArn && target.account && !target.roleArn.includes(`::${target.account}:`))
      throw new Error(`fan-out target ${entry}: the role is not in account ${target.account}`);
    return target;
  });
}

/** `prod-eu-west-1`, or `prod-111122223333-eu-west-1` when the account is given. */
export function fanOutStackName(base: string, target: FanOutTarget): string {
  return [base, target.account, target.region].filter(Boolean).join("-");
}

/**
 * The config a target stack gets on top of the base stack's: its region and assumed role, the
 * base environment name, and IAM names made unique per region. Account-wide IAM policies are
 * created once per account (the first target of each account).
 */
export function fanOutConfig(
  base: string,
  baseConfig: Record<string, unknown>,
  target: FanOutTarget,
  firstInAccount: boolean,
): Record<string, unknown> {
  const config: Record<string, unknown> = {
    ...baseConfig,
    "aws:region": target.region,
    "patching:environment": baseConfig["patching:environment"] ?? base,
  };
  if (target.roleArn) config["aws:assumeRoles"] = [{ roleArn: target.roleArn, sessionName: `patching-${base}` }];
  const role = baseConfig["patching:instanceRole"] as { roleName?: string } | undefined;
  if (role?.roleName)
    config["patching:instanceRole"] = { ...role, roleName: `${role.roleName}-${target.region}`.slice(0, 64) };
  const onboarding = baseConfig["patching:onboarding"] as { adminPolicies?: { enabled?: boolean } } | undefined;
  if (onboarding?.adminPolicies?.enabled && !firstInAccount) {
    config["patching:onboarding"] = { ...onboarding, adminPolicies: { ...onboarding.adminPolicies, enabled: false } };
  }
  return config;
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the input order in the results. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

export interface FanOutOptions {
  /** The base stack whose config every target gets, e.g. "prod". */
  readonly base: string;
  /** The base stack's config, read through the CLI (`readConfig`), so secrets can be re-encrypted per target. */
  readonly baseConfig: StackConfigValues;
  readonly targets: readonly FanOutTarget[];
  /** Stacks deployed at once. @default 4 */
  readonly parallel?: number;
  /** Preview only. @default false */
  readonly previewOnly?: boolean;
  /** Called as each target finishes. */
  readonly onResult?: (result: FanOutResult) => void;
  /** Engine events of each target, for per-resource progress. */
  readonly onEvent?: (stack: string, event: EngineEvent) => void;
  readonly signal?: AbortSignal;
}

/**
 * Deploys (or previews) the base stack to every target, a bounded number at a time; one failure never stops the
 * others, but Ctrl-C (`signal`) does: targets not yet started are reported as not run.
 */
export async function fanOut(ops: StackOps, options: FanOutOptions): Promise<FanOutResult[]> {
  const seenAccounts = new Set<string>();
  const jobs = options.targets.map((target) => {
    const accountKey = target.account ?? "";
    const firstInAccount = !seenAccounts.has(accountKey);
    seenAccounts.add(accountKey);
    return {
      target,
      stack: fanOutStackName(options.base, target),
      config: fanOutConfig(options.base, options.baseConfig.values, target, firstInAccount),
    };
  });
  return mapBounded(jobs, options.parallel ?? 4, async ({ target, stack, config }) => {
    if (options.signal?.aborted) {
      const result: FanOutResult = { stack, target, status: "not run", error: "interrupted (Ctrl-C)", seconds: 0 };
      options.onResult?.(result);
      return result;
    }
    const started = Date.now();
    const seconds = () => Math.round((Date.now() - started) / 100) / 10;
    try {
      const op: OperationOptions = {
        config,
        secrets: options.baseConfig.secrets,
        create: true,
        onEvent: (event) => options.onEvent?.(stack, event),
        signal: options.signal,
      };
      const { changes } = options.previewOnly ? await ops.preview(stack, op) : await ops.up(stack, op);
      const result: FanOutResult = { stack, target, status: "succeeded", changes, seconds: seconds() };
      options.onResult?.(result);
      return result;
    } catch (e) {
      const result: FanOutResult = { stack, target, status: "failed", error: (e as Error).message, seconds: seconds() };
      options.onResult?.(result);
      return result;
    }
  });
}

export function fanOutTable(results: readonly FanOutResult[]): string {
  return table(
    "text",
    ["Stack", "Account", "Region", "Status", "Changes", "Time", "Error"],
    results.map((r) => [
      r.stack,
      r.target.account ?? "—",
      r.target.region,
      r.status,
      describeChanges(r.changes),
      `${r.seconds}s`,
      r.error ?? "",
    ]),
  ).join("\n");
}
