import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import { PatchGroupTagKey } from "../names";
import { windowTargetSpecs } from "./windowTargets";
import { runPatchBaseline, WindowTaskType, withTaskDefaults } from "./taskTypes";

export { windowTargetSpecs } from "./windowTargets";
export type { WindowTargetSpec } from "./windowTargets";

export { DEFAULT_NOTIFICATION_EVENTS, runPatchBaseline, TASK_DEFAULTS, taskDocumentParameters } from "./taskTypes";
export type { TaskContext, TaskRegistration, WindowTaskType } from "./taskTypes";

/** An AWS-RunPatchBaseline task of a window, in the terms of RegisterTaskWithMaintenanceWindow. */
export interface WindowTaskArgs {
  /** Scan reports compliance only; Install also installs the approved patches. */
  readonly operation: "Scan" | "Install";
  /** AWS-RunPatchBaselineWithHooks runs the hooks. @default "AWS-RunPatchBaseline" */
  readonly document?: "AWS-RunPatchBaseline" | "AWS-RunPatchBaselineWithHooks";
  /** @default "RebootIfNeeded" */
  readonly rebootOption?: "RebootIfNeeded" | "NoReboot";
  /** Lower runs first. @default 1 */
  readonly priority?: number;
  /** A count or a percentage. @default "10%" */
  readonly maxConcurrency?: string;
  /** A count or a percentage. @default "10%" */
  readonly maxErrors?: string;
  /** @default "CONTINUE_TASK" */
  readonly cutoffBehavior?: "CONTINUE_TASK" | "CANCEL_TASK";
  /** Seconds the command may wait to start on a node. @default 600 */
  readonly timeoutSeconds?: number;
  /** Bucket for command output. @default none */
  readonly outputS3BucketName?: pulumi.Input<string>;
  /** Key prefix for command output, used with a bucket. @default none */
  readonly outputS3KeyPrefix?: string;
  /** Send command output to CloudWatch Logs. @default false */
  readonly cloudWatchOutput?: boolean;
  /** Log group for the output. @default the SSM default group */
  readonly cloudWatchLogGroupName?: string;
  /** Hook documents, for AWS-RunPatchBaselineWithHooks. @default AWS-Noop for each */
  readonly hooks?: { readonly preInstall?: string; readonly postInstall?: string; readonly onExit?: string };
  /** URL of a patch list that replaces the baseline for Install. @default none */
  readonly installOverrideList?: string;
  /** @default "<operation> (<window name>)" */
  readonly comment?: string;
  /** @default "<operation> with <document>" */
  readonly description?: string;
  /** What the task registers: its task type, ARN and invocation parameters. @default runPatchBaseline */
  readonly type?: WindowTaskType;
}

/** SNS settings for command status notifications. */
export interface TaskNotificationArgs {
  readonly topicArn: pulumi.Input<string>;
  /** Role SSM assumes to publish; the window service role may pass it. */
  readonly roleArn: pulumi.Input<string>;
  /** @default ["Failed", "TimedOut", "Cancelled"] */
  readonly events?: readonly string[];
}

export interface MaintenanceWindowArgs {
  /** The window's name in AWS, e.g. `Patching-Test`. */
  readonly windowName: string;
  /** @default "Patching window <windowName>" */
  readonly description?: string;
  /** cron(...), rate(...) or at(...), as CreateMaintenanceWindow takes it. */
  readonly schedule: string;
  /** IANA time zone. @default "UTC" */
  readonly scheduleTimezone?: string;
  /** Days after the cron date, 1-6. @default none */
  readonly scheduleOffset?: number;
  /** Hours, 1-24. */
  readonly duration: number;
  /** Hours before the end when no new task starts; smaller than duration. @default 1, or 0 for a 1-hour window */
  readonly cutoff?: number;
  /** @default none */
  readonly startDate?: string;
  /** @default none */
  readonly endDate?: string;
  /** @default true */
  readonly enabled?: boolean;
  /** Patch groups, through the patch group tag. @default [] */
  readonly patchGroups?: readonly string[];
  /** Further targets. @default none */
  readonly targets?: {
    readonly tags?: Record<string, readonly string[]>;
    readonly instanceIds?: readonly string[];
    readonly resourceGroups?: readonly string[];
  };
  /** Tag key patch groups are read from. @default "Patch Group" */
  readonly patchGroupTagKey?: PatchGroupTagKey;
  /** AWS name and description per target kind (patch-groups, tags, instances, rg-<group>). @default generated */
  readonly targetNames?: Readonly<Record<string, { readonly name?: string; readonly description?: string }>>;
  /** The least-privilege role the tasks run under (not the service-linked role). */
  readonly serviceRoleArn: pulumi.Input<string>;
  readonly tasks: Record<string, WindowTaskArgs>;
  /** Command notifications for every task. @default none */
  readonly notification?: TaskNotificationArgs;
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/** The cutoff AWS's console suggests: an hour, unless the window is an hour long. */
export const defaultCutoff = (duration: number) => (duration > 1 ? 1 : 0);

/** CreateMaintenanceWindow: "Cutoff" must be smaller than "Duration" (hours); undefined when it is. */
export const cutoffRule = (cutoff: number, duration: number): string | undefined =>
  cutoff < duration ? undefined : `must be smaller than duration ${duration}`;
export const cutoffProblem = (cutoff: number, duration: number): string | undefined =>
  cutoffRule(cutoff, duration) && `cutoff = ${cutoff} ${cutoffRule(cutoff, duration)}`;

/** The invariants CreateMaintenanceWindow holds a window to, checked before anything is declared. */
export function windowProblems(args: MaintenanceWindowArgs): string[] {
  const at = `MaintenanceWindow ${args.windowName}`;
  const problems: string[] = [];
  const cutoff = cutoffProblem(args.cutoff ?? defaultCutoff(args.duration), args.duration);
  if (cutoff) problems.push(`${at}: ${cutoff}`);
  if (windowTargetSpecs(args).length === 0)
    problems.push(`${at}: no patch group or other target; give patchGroups or targets`);
  if (Object.keys(args.tasks).length === 0) problems.push(`${at}: tasks = {}: give at least one task`);
  return problems;
}

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
    const problems = windowProblems(args);
    if (problems.length > 0) throw new Error(problems.join("\n"));
    super("patching:ssm:MaintenanceWindow", name, {}, opts);
    const parent = { parent: this };

    this.window = new aws.ssm.MaintenanceWindow(
      `${name}-window`,
      {
        name: args.windowName,
        description: args.description ?? `Patching window ${args.windowName}`,
        schedule: args.schedule,
        scheduleTimezone: args.scheduleTimezone ?? "UTC",
        scheduleOffset: args.scheduleOffset,
        duration: args.duration,
        cutoff: args.cutoff ?? defaultCutoff(args.duration),
        startDate: args.startDate,
        endDate: args.endDate,
        enabled: args.enabled ?? true,
        allowUnassociatedTargets: false,
        tags: args.tags,
      },
      parent,
    );

    this.targets = windowTargetSpecs(args).map(
      (spec) =>
        new aws.ssm.MaintenanceWindowTarget(
          `${name}-${spec.suffix}`,
          {
            windowId: this.window.id,
            name: args.targetNames?.[spec.suffix]?.name ?? `${args.windowName}-${spec.suffix}`.slice(0, 128),
            description: args.targetNames?.[spec.suffix]?.description ?? spec.description.slice(0, 128),
            resourceType: spec.resourceType,
            targets: spec.targets,
          },
          { ...parent, aliases: spec.formerSuffix ? [{ name: `${name}-${spec.formerSuffix}` }] : [] },
        ),
    );
    const targetIds = this.targets.map((t) => t.id);

    this.tasks = Object.entries(args.tasks).map(([taskName, given]) => {
      const task = withTaskDefaults(given);
      const registration = (given.type ?? runPatchBaseline).register(given, {
        windowName: args.windowName,
        notification: args.notification,
      });
      return new aws.ssm.MaintenanceWindowTask(
        `${name}-${taskName}`,
        {
          windowId: this.window.id,
          name: taskName,
          ...registration,
          serviceRoleArn: args.serviceRoleArn,
          priority: task.priority,
          maxConcurrency: task.maxConcurrency,
          maxErrors: task.maxErrors,
          cutoffBehavior: task.cutoffBehavior,
          targets: [{ key: "WindowTargetIds", values: targetIds }],
        },
        parent,
      );
    });

    this.windowId = this.window.id;
    this.registerOutputs({ windowId: this.windowId });
  }
}
