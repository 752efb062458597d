import * as pulumi from "@pulumi/pulumi";
import { StackConfig } from "../config/load";
import { TaskConfig } from "../config/schema";
import { InstanceRole } from "./InstanceRole";
import { MaintenanceWindow, WindowTaskArgs, windowTargetSpecs } from "./MaintenanceWindow";
import { PatchBaseline } from "./PatchBaseline";
import { LogWriteGrant, unique } from "./policies";
import { currentScope, stackTags } from "./scope";
import { WindowServiceRole } from "./WindowServiceRole";

export type PatchingStackArgs = StackConfig;

export interface PatchGroupSummary {
  readonly baseline: string;
  readonly baselineId: pulumi.Output<string>;
  readonly operatingSystem: string;
}

export interface WindowSummary {
  readonly windowId: pulumi.Output<string>;
  readonly schedule: string;
  readonly scheduleTimezone: string;
  readonly scheduleOffset?: number;
  readonly targets: string[];
  readonly tasks: string[];
}

/** Default S3 key prefix of a task's output: one per stack and operation, so scan and install logs never mix. */
export function defaultOutputPrefix(environment: string, operation: TaskConfig["operation"]): string {
  return `${environment}/${operation.toLowerCase()}/`;
}

/** Default CloudWatch log group for command output of a stack. */
export function defaultLogGroupName(environment: string): string {
  return `/aws/ssm/${environment}/patching`;
}

/** Fills in each task's output locations from the stack's defaults. */
export function resolveTask(task: TaskConfig, environment: string): WindowTaskArgs {
  return {
    ...task,
    outputS3KeyPrefix: task.outputS3BucketName ? task.outputS3KeyPrefix ?? defaultOutputPrefix(environment, task.operation) : undefined,
    cloudWatchLogGroupName: task.cloudWatchOutput ? task.cloudWatchLogGroupName ?? defaultLogGroupName(environment) : undefined,
  };
}

/**
 * The whole Patch Manager stack of one environment: instance role and profile, baselines with
 * their patch groups, the window service role, and the maintenance windows with targets and tasks.
 */
export class PatchingStack extends pulumi.ComponentResource {
  public readonly instanceRole: InstanceRole;
  public readonly windowServiceRole: WindowServiceRole;
  public readonly baselines: Record<string, PatchBaseline>;
  public readonly windows: Record<string, MaintenanceWindow>;
  /** Patch group → the baselines serving it, one per OS. */
  public readonly patchGroups: Record<string, PatchGroupSummary[]>;
  /** Window → schedule, targets and tasks. */
  public readonly windowSummary: Record<string, WindowSummary>;

  constructor(name: string, args: PatchingStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:index:PatchingStack", name, {}, opts);
    const parent = { parent: this };
    const tags = stackTags(args.environment, args.tags);
    const scope = currentScope(parent);

    const windowTasks = Object.fromEntries(Object.entries(args.maintenanceWindows).map(([windowName, w]) => [
      windowName,
      Object.fromEntries(Object.entries(w.tasks).map(([taskName, task]) => [taskName, resolveTask(task, args.environment)])),
    ])) as Record<string, Record<string, WindowTaskArgs>>;
    const allTasks = Object.values(windowTasks).flatMap((tasks) => Object.values(tasks));

    const s3Writes = allTasks.filter((t) => t.outputS3BucketName !== undefined);
    const patchLogWrites: pulumi.Output<LogWriteGrant[]> | undefined = s3Writes.length === 0 ? undefined
      : scope.apply((s) => groupPrefixes(s3Writes.map((t) => ({ bucketArn: `arn:${s.partition}:s3:::${t.outputS3BucketName}`, prefix: t.outputS3KeyPrefix! }))));

    this.instanceRole = new InstanceRole(`${name}-instance`, {
      scope,
      roleName: args.instanceRole.roleName,
      managedPolicyArns: args.instanceRole.managedPolicyArns,
      permissionsBoundaryArn: args.instanceRole.permissionsBoundaryArn,
      patchLogWrites,
      logGroupNames: unique(allTasks.flatMap((t) => t.cloudWatchLogGroupName ?? [])),
      tags,
    }, parent);

    this.windowServiceRole = new WindowServiceRole(`${name}-window-service`, {
      scope,
      documents: unique(allTasks.map((t) => t.document)),
      resourceGroupTargets: Object.values(args.maintenanceWindows).some((w) => (w.targets.resourceGroups ?? []).length > 0),
      tags,
    }, parent);

    this.baselines = {};
    this.patchGroups = {};
    for (const [baselineName, baseline] of Object.entries(args.baselines)) {
      const component = new PatchBaseline(`${name}-${baselineName}`, { ...baseline, baselineName, tags }, parent);
      this.baselines[baselineName] = component;
      for (const group of baseline.patchGroups) {
        (this.patchGroups[group] ??= []).push({ baseline: baselineName, baselineId: component.baselineId, operatingSystem: baseline.operatingSystem });
      }
    }

    this.windows = {};
    this.windowSummary = {};
    for (const [windowName, window] of Object.entries(args.maintenanceWindows)) {
      this.windows[windowName] = new MaintenanceWindow(`${name}-${windowName}`, {
        ...window,
        windowName,
        patchGroupTagKey: args.patchGroupTagKey,
        serviceRoleArn: this.windowServiceRole.roleArn,
        tasks: windowTasks[windowName],
        tags,
      }, parent);
      this.windowSummary[windowName] = {
        windowId: this.windows[windowName].windowId,
        schedule: window.schedule,
        scheduleTimezone: window.scheduleTimezone,
        scheduleOffset: window.scheduleOffset,
        targets: windowTargetSpecs({ ...window, patchGroupTagKey: args.patchGroupTagKey }).flatMap((s) => s.targets.map((t) => `${t.key}=${t.values.join(",")}`)),
        tasks: Object.entries(window.tasks).map(([taskName, t]) => `${taskName}: ${t.operation}`),
      };
    }

    this.registerOutputs({ patchGroups: this.patchGroups, windows: this.windowSummary });
  }
}

/** Merges prefixes per bucket, so each bucket gets one grant. */
function groupPrefixes(writes: { bucketArn: string; prefix: string }[]): LogWriteGrant[] {
  const byBucket = new Map<string, string[]>();
  for (const w of writes) byBucket.set(w.bucketArn, unique([...(byBucket.get(w.bucketArn) ?? []), w.prefix]));
  return [...byBucket].map(([bucketArn, prefixes]) => ({ bucketArn, prefixes }));
}
