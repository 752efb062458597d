import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { TaskConfig, WindowConfig } from "../../config/schema";
import { formerSuffixes, nameSuffix } from "../names";

/** A window task with its output locations resolved by the stack. */
export type WindowTaskArgs = Omit<TaskConfig, "outputS3BucketName"> & {
  /** Bucket for command output. @default none */
  readonly outputS3BucketName?: pulumi.Input<string>;
};

/** SNS settings for command status notifications. */
export interface TaskNotificationArgs {
  readonly topicArn: pulumi.Input<string>;
  /** Role SSM assumes to publish; the window service role may pass it. */
  readonly roleArn: pulumi.Input<string>;
  /** @default ["Failed", "TimedOut", "Cancelled"] */
  readonly events?: readonly string[];
}

export type MaintenanceWindowArgs = Omit<WindowConfig, "tasks"> & {
  /** The window's name in AWS, e.g. `Patching-Test`. */
  readonly windowName: string;
  /** Tag key patch groups are read from. @default "Patch Group" */
  readonly patchGroupTagKey?: "Patch Group" | "PatchGroup";
  /** The least-privilege role the tasks run under (not the service-linked role). */
  readonly serviceRoleArn: pulumi.Input<string>;
  readonly tasks: Record<string, WindowTaskArgs>;
  /** Command notifications for every task. @default none */
  readonly notification?: TaskNotificationArgs;
  /** @default {} */
  readonly tags?: Record<string, string>;
};

/** One target registration; separate registrations are a union, keys inside one are all required. */
export interface WindowTargetSpec {
  readonly suffix: string;
  /** The suffix the first release gave this target, where it differs: an alias keeps its URN. */
  readonly formerSuffix?: string;
  readonly resourceType: "INSTANCE" | "RESOURCE_GROUP";
  readonly description: string;
  readonly targets: { key: string; values: string[] }[];
}

/** The target registrations a window needs: patch groups, tags, instance ids, one per resource group. */
export function windowTargetSpecs(args: Pick<MaintenanceWindowArgs, "patchGroups" | "targets" | "patchGroupTagKey">): WindowTargetSpec[] {
  const specs: WindowTargetSpec[] = [];
  const tagKey = args.patchGroupTagKey ?? "Patch Group";
  if (args.patchGroups.length > 0) {
    specs.push({ suffix: "patch-groups", resourceType: "INSTANCE", description: `Patch groups ${args.patchGroups.join(", ")}`, targets: [{ key: `tag:${tagKey}`, values: [...args.patchGroups] }] });
  }
  const { tags, instanceIds, resourceGroups } = args.targets;
  if (tags && Object.keys(tags).length > 0) {
    specs.push({ suffix: "tags", resourceType: "INSTANCE", description: "Instances with matching tags", targets: Object.entries(tags).map(([key, values]) => ({ key: `tag:${key}`, values: [...values] })) });
  }
  if (instanceIds && instanceIds.length > 0) {
    specs.push({ suffix: "instances", resourceType: "INSTANCE", description: "Listed instances", targets: [{ key: "InstanceIds", values: [...instanceIds] }] });
  }
  const former = formerSuffixes(resourceGroups ?? []);
  for (const group of resourceGroups ?? []) {
    const formerSuffix = former.has(group) && former.get(group) !== nameSuffix(group) ? `rg-${former.get(group)}` : undefined;
    specs.push({ suffix: `rg-${nameSuffix(group)}`, formerSuffix, resourceType: "RESOURCE_GROUP", description: `Resource group ${group}`, targets: [{ key: "resource-groups:Name", values: [group] }] });
  }
  return specs;
}

/** AWS-RunPatchBaseline(WithHooks) parameters of a task. One snapshot per window execution keeps Scan and Install consistent. */
export function taskDocumentParameters(task: Pick<TaskConfig, "operation" | "rebootOption" | "hooks" | "installOverrideList" | "document">): { name: string; values: string[] }[] {
  const params = [
    { name: "Operation", values: [task.operation] },
    { name: "RebootOption", values: [task.rebootOption] },
    { name: "SnapshotId", values: ["{{WINDOW_EXECUTION_ID}}"] },
  ];
  if (task.installOverrideList) params.push({ name: "InstallOverrideList", values: [task.installOverrideList] });
  if (task.document === "AWS-RunPatchBaselineWithHooks") {
    params.push(
      { name: "PreInstallHookDocName", values: [task.hooks?.preInstall ?? "AWS-Noop"] },
      { name: "PostInstallHookDocName", values: [task.hooks?.postInstall ?? "AWS-Noop"] },
      { name: "OnExitHookDocName", values: [task.hooks?.onExit ?? "AWS-Noop"] },
    );
  }
  return params;
}

export const DEFAULT_NOTIFICATION_EVENTS = ["Failed", "TimedOut", "Cancelled"] as const;

/**
 * A maintenance window (SCCM: a deployment schedule with its deadline) with its targets and
 * AWS-RunPatchBaseline tasks, running under the stack's own window service role.
 */
export class MaintenanceWindow extends pulumi.ComponentResource {
  public readonly window: aws.ssm.MaintenanceWindow;
  public readonly windowId: pulumi.Output<string>;
  public readonly targets: aws.ssm.MaintenanceWindowTarget[];
  public readonly tasks: aws.ssm.MaintenanceWindowTask[];

  constructor(name: string, args: MaintenanceWindowArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:ssm:MaintenanceWindow", name, {}, opts);
    const parent = { parent: this };

    this.window = new aws.ssm.MaintenanceWindow(`${name}-window`, {
      name: args.windowName,
      description: args.description ?? `Patching window ${args.windowName}`,
      schedule: args.schedule,
      scheduleTimezone: args.scheduleTimezone,
      scheduleOffset: args.scheduleOffset,
      duration: args.duration,
      cutoff: args.cutoff,
      startDate: args.startDate,
      endDate: args.endDate,
      enabled: args.enabled,
      allowUnassociatedTargets: false,
      tags: args.tags,
    }, parent);

    this.targets = windowTargetSpecs(args).map((spec) => new aws.ssm.MaintenanceWindowTarget(`${name}-${spec.suffix}`, {
      windowId: this.window.id,
      name: `${args.windowName}-${spec.suffix}`.slice(0, 128),
      description: spec.description.slice(0, 128),
      resourceType: spec.resourceType,
      targets: spec.targets,
    }, { ...parent, aliases: spec.formerSuffix ? [{ name: `${name}-${spec.formerSuffix}` }] : [] }));
    const targetIds = this.targets.map((t) => t.id);

    this.tasks = Object.entries(args.tasks).map(([taskName, task]) => new aws.ssm.MaintenanceWindowTask(`${name}-${taskName}`, {
      windowId: this.window.id,
      name: taskName,
      description: `${task.operation} with ${task.document}`,
      taskType: "RUN_COMMAND",
      taskArn: task.document,
      serviceRoleArn: args.serviceRoleArn,
      priority: task.priority,
      maxConcurrency: task.maxConcurrency,
      maxErrors: task.maxErrors,
      cutoffBehavior: task.cutoffBehavior,
      targets: [{ key: "WindowTargetIds", values: targetIds }],
      taskInvocationParameters: {
        runCommandParameters: {
          comment: task.comment ?? `${task.operation} (${args.windowName})`.slice(0, 100),
          documentVersion: "$DEFAULT",
          timeoutSeconds: task.timeoutSeconds,
          parameters: taskDocumentParameters(task),
          outputS3Bucket: task.outputS3BucketName,
          outputS3KeyPrefix: task.outputS3BucketName ? task.outputS3KeyPrefix : undefined,
          cloudwatchConfig: task.cloudWatchOutput
            ? { cloudwatchOutputEnabled: true, cloudwatchLogGroupName: task.cloudWatchLogGroupName }
            : undefined,
          serviceRoleArn: args.notification?.roleArn,
          notificationConfig: args.notification
            ? { notificationArn: args.notification.topicArn, notificationEvents: [...(args.notification.events ?? DEFAULT_NOTIFICATION_EVENTS)], notificationType: "Command" }
            : undefined,
        },
      },
    }, parent));

    this.windowId = this.window.id;
    this.registerOutputs({ windowId: this.windowId });
  }
}
