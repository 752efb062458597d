import {
  GetDefaultPatchBaselineCommand,
  GetMaintenanceWindowCommand,
  GetMaintenanceWindowResult,
  GetMaintenanceWindowTaskCommand,
  GetMaintenanceWindowTaskResult,
  GetPatchBaselineCommand,
  GetPatchBaselineResult,
  MaintenanceWindowTarget,
  paginateDescribeMaintenanceWindows,
  paginateDescribeMaintenanceWindowTargets,
  paginateDescribeMaintenanceWindowTasks,
  paginateDescribePatchBaselines,
  paginateDescribePatchGroups,
  PatchGroupPatchBaselineMapping,
  SSMClient,
} from "@aws-sdk/client-ssm";
import { OPERATING_SYSTEMS } from "../config/limits";

/** A maintenance window as AWS returns it, with its target registrations and its tasks in full. */
export interface WindowEstate {
  readonly window: GetMaintenanceWindowResult;
  readonly targets: MaintenanceWindowTarget[];
  readonly tasks: GetMaintenanceWindowTaskResult[];
}

/** What an account and region hold of Patch Manager, as the API returns it. */
export interface Estate {
  /** Baselines the account owns (OWNER=Self), in full. */
  readonly baselines: GetPatchBaselineResult[];
  /** Every patch group's registration, to the account's baselines and to AWS's. */
  readonly patchGroups: PatchGroupPatchBaselineMapping[];
  /** Operating system → its default baseline's id (or an AWS-owned baseline's ARN). */
  readonly defaults: Record<string, string>;
  readonly windows: WindowEstate[];
}

/** Every page of a paginator, flattened. */
async function all<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}

/**
 * Reads the estate through the documented read-only calls, following every page: the account's
 * baselines (DescribePatchBaselines OWNER=Self, GetPatchBaseline), patch groups, the default
 * baseline per operating system, and each window with its targets and tasks.
 */
export async function readEstate(client: SSMClient): Promise<Estate> {
  const owned = await all(
    paginateDescribePatchBaselines({ client }, { Filters: [{ Key: "OWNER", Values: ["Self"] }] }),
    (p) => p.BaselineIdentities,
  );
  const baselines: GetPatchBaselineResult[] = [];
  for (const b of owned) baselines.push(await client.send(new GetPatchBaselineCommand({ BaselineId: b.BaselineId })));
  const patchGroups = await all(paginateDescribePatchGroups({ client }, {}), (p) => p.Mappings);
  const defaults: Record<string, string> = {};
  for (const os of OPERATING_SYSTEMS) {
    const answer = await client.send(new GetDefaultPatchBaselineCommand({ OperatingSystem: os }));
    if (answer.BaselineId) defaults[os] = answer.BaselineId;
  }
  const identities = await all(paginateDescribeMaintenanceWindows({ client }, {}), (p) => p.WindowIdentities);
  const windows: WindowEstate[] = [];
  for (const { WindowId } of identities) {
    const window = await client.send(new GetMaintenanceWindowCommand({ WindowId }));
    const targets = await all(paginateDescribeMaintenanceWindowTargets({ client }, { WindowId }), (p) => p.Targets);
    const taskIds = await all(paginateDescribeMaintenanceWindowTasks({ client }, { WindowId }), (p) => p.Tasks);
    const tasks: GetMaintenanceWindowTaskResult[] = [];
    for (const t of taskIds)
      tasks.push(await client.send(new GetMaintenanceWindowTaskCommand({ WindowId, WindowTaskId: t.WindowTaskId })));
    windows.push({ window, targets, tasks });
  }
  return { baselines, patchGroups, defaults, windows };
}
