import { strict as assert } from "assert";
import { MaintenanceWindow } from "../components";
import { WindowTaskType } from "../components/patching/MaintenanceWindow";
import { declare } from "./helpers/components";
import { named } from "./helpers/run";

/**
 * The task-type extension point: a task's `type` says what it registers (RegisterTaskWithMaintenanceWindow's
 * TaskType, TaskArn, TaskInvocationParameters); the window gives every task its role, targets and rate control.
 */
describe("window task types", () => {
  const window = (tasks: ConstructorParameters<typeof MaintenanceWindow>[1]["tasks"]) =>
    declare(
      () =>
        new MaintenanceWindow("w", {
          windowName: "Patching-Test",
          schedule: "cron(0 2 ? * SAT *)",
          duration: 2,
          patchGroups: ["Test"],
          serviceRoleArn: "arn:aws:iam::123456789012:role/window",
          tasks,
        }),
    );

  it("another kind of task registers through its type, with the window's role, targets and rate control", async () => {
    const restartService: WindowTaskType = {
      register: (task, { windowName }) => ({
        description: `Restart IIS after ${task.operation} (${windowName})`,
        taskType: "AUTOMATION",
        taskArn: "AWS-RestartEC2Instance",
        taskInvocationParameters: {
          automationParameters: {
            documentVersion: "$DEFAULT",
            parameters: [{ name: "InstanceId", values: ["{{RESOURCE_ID}}"] }],
          },
        },
      }),
    };
    const resources = await window({
      restart: { operation: "Install", type: restartService, priority: 5, maxErrors: "0" },
    });
    const task = named(resources, "w-restart").inputs;
    assert.deepEqual(
      [
        task.taskType,
        task.taskArn,
        task.description,
        task.serviceRoleArn,
        task.priority,
        task.maxErrors,
        task.maxConcurrency,
      ],
      [
        "AUTOMATION",
        "AWS-RestartEC2Instance",
        "Restart IIS after Install (Patching-Test)",
        "arn:aws:iam::123456789012:role/window",
        5,
        "0",
        "10%",
      ],
    );
    assert.deepEqual(task.targets, [{ key: "WindowTargetIds", values: [named(resources, "w-patch-groups").id] }]);
    assert.deepEqual(task.taskInvocationParameters.automationParameters.parameters, [
      { name: "InstanceId", values: ["{{RESOURCE_ID}}"] },
    ]);
  });

  it("by default a task runs AWS-RunPatchBaseline through Run Command", async () => {
    const task = named(await window({ scan: { operation: "Scan" } }), "w-scan").inputs;
    assert.deepEqual(
      [task.taskType, task.taskArn, task.description],
      ["RUN_COMMAND", "AWS-RunPatchBaseline", "Scan with AWS-RunPatchBaseline"],
    );
    assert.deepEqual(task.taskInvocationParameters.runCommandParameters.parameters, [
      { name: "Operation", values: ["Scan"] },
      { name: "RebootOption", values: ["RebootIfNeeded"] },
      { name: "SnapshotId", values: ["{{WINDOW_EXECUTION_ID}}"] },
    ]);
  });
});
