import type * as aws from "../aws";
import type { TaskNotificationArgs, WindowTaskArgs } from "./MaintenanceWindow";

/** Defaults of a window task, written once: the config schema documents and applies these. */
export const TASK_DEFAULTS = {
  document: "AWS-RunPatchBaseline",
  rebootOption: "RebootIfNeeded",
  priority: 1,
  maxConcurrency: "10%",
  maxErrors: "10%",
  cutoffBehavior: "CONTINUE_TASK",
  timeoutSeconds: 600,
} as const;

/** A task with every default filled in: a field given as undefined takes its default. */
export const withTaskDefaults = (given: WindowTaskArgs) => ({
  ...TASK_DEFAULTS,
  ...(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<WindowTaskArgs>),
  operation: given.operation,
});

/** What every window task registers besides what the window gives all of them (role, targets, rate control). */
export interface TaskRegistration {
  readonly description: string;
  /** RegisterTaskWithMaintenanceWindow's TaskType. */
  readonly taskType: "RUN_COMMAND" | "AUTOMATION" | "LAMBDA" | "STEP_FUNCTIONS";
  readonly taskArn: string;
  readonly taskInvocationParameters: aws.ssm.MaintenanceWindowTaskArgs["taskInvocationParameters"];
}

/** What a task type knows of the window it runs in. */
export interface TaskContext {
  readonly windowName: string;
  /** Command notifications for every task. @default none */
  readonly notification?: TaskNotificationArgs;
}

/**
 * A kind of window task: how a task's args become its registration. Another kind (the stack's own
 * command document, an adopted task's document) is another value of this type, given as the task's
 * `type`; the window component stays as it is.
 */
export interface WindowTaskType {
  register(task: WindowTaskArgs, context: TaskContext): TaskRegistration;
}

/**
 * AWS-RunPatchBaseline(WithHooks) parameters of a task. One snapshot per window execution keeps Scan and Install
 * consistent.
 */
export function taskDocumentParameters(
  task: Pick<WindowTaskArgs, "operation" | "rebootOption" | "hooks" | "installOverrideList" | "document">,
): { name: string; values: string[] }[] {
  const params = [
    { name: "Operation", values: [task.operation] },
    { name: "RebootOption", values: [task.rebootOption ?? TASK_DEFAULTS.rebootOption] },
    { name: "SnapshotId", values: ["{{WINDOW_EXECUTION_ID}}"] },
  ];
  if (task.installOverrideList) params.push({ name: "InstallOverrideList", values: [task.installOverrideList] });
  if ((task.document ?? TASK_DEFAULTS.document) === "AWS-RunPatchBaselineWithHooks") {
    params.push(
      { name: "PreInstallHookDocName", values: [task.hooks?.preInstall ?? "AWS-Noop"] },
      { name: "PostInstallHookDocName", values: [task.hooks?.postInstall ?? "AWS-Noop"] },
      { name: "OnExitHookDocName", values: [task.hooks?.onExit ?? "AWS-Noop"] },
    );
  }
  return params;
}

export const DEFAULT_NOTIFICATION_EVENTS = ["Failed", "TimedOut", "Cancelled"] as const;

/** AWS-RunPatchBaseline (or WithHooks) through Run Command: Scan or Install, with the task's output and hooks. */
export const runPatchBaseline: WindowTaskType = {
  register(given, { windowName, notification }) {
    const task = withTaskDefaults(given);
    return {
      description: task.description ?? `${task.operation} with ${task.document}`,
      taskType: "RUN_COMMAND",
      taskArn: task.document,
      taskInvocationParameters: {
        runCommandParameters: {
          comment: task.comment ?? `${task.operation} (${windowName})`.slice(0, 100),
          documentVersion: "$DEFAULT",
          timeoutSeconds: task.timeoutSeconds,
          parameters: taskDocumentParameters(task),
          outputS3Bucket: task.outputS3BucketName,
          outputS3KeyPrefix: task.outputS3BucketName ? task.outputS3KeyPrefix : undefined,
          cloudwatchConfig: task.cloudWatchOutput
            ? { cloudwatchOutputEnabled: true, cloudwatchLogGroupName: task.cloudWatchLogGroupName }
            : undefined,
          serviceRoleArn: notification?.roleArn,
          notificationConfig: notification
            ? {
                notificationArn: notification.topicArn,
                notificationEvents: [...(notification.events ?? DEFAULT_NOTIFICATION_EVENTS)],
                notificationType: "Command",
              }
            : undefined,
        },
      },
    };
  },
};
