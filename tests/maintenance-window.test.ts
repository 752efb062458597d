import { strict as assert } from "assert";
import { MaintenanceWindow } from "../components";
import { minimalConfig, named, ofType } from "./helpers/run";
import { declare } from "./helpers/components";

describe("MaintenanceWindow", () => {
  /** The component on its own: plain args, no stack config anywhere. */
  const build = (patch: (raw: any) => void) => {
    const raw: any = { maintenanceWindows: minimalConfig().maintenanceWindows };
    patch(raw);
    return declare(
      () =>
        new MaintenanceWindow("mw", {
          ...raw.maintenanceWindows["Patching-Test"],
          windowName: "Patching-Test",
          serviceRoleArn: "arn:aws:iam::123456789012:role/mw",
          patchGroupTagKey: "PatchGroup",
        }),
    );
  };

  it("refuses a cutoff not below the duration, no target and no task, naming the window", () => {
    assert.throws(
      () =>
        new MaintenanceWindow("bad", {
          windowName: "Bad",
          schedule: "rate(1 day)",
          duration: 2,
          cutoff: 2,
          serviceRoleArn: "arn",
          tasks: {},
        }),
      {
        message:
          "MaintenanceWindow Bad: cutoff = 2 must be smaller than duration 2\n" +
          "MaintenanceWindow Bad: no patch group or other target; give patchGroups or targets\n" +
          "MaintenanceWindow Bad: tasks = {}: give at least one task",
      },
    );
  });

  it("declares the window with its schedule, timezone, offset, duration and cutoff", async () => {
    const resources = await build((raw) =>
      Object.assign(raw.maintenanceWindows["Patching-Test"], {
        schedule: "cron(0 2 ? * TUE#2 *)",
        scheduleOffset: 4,
        scheduleTimezone: "Europe/Berlin",
        duration: 4,
        cutoff: 1,
        startDate: "2026-12-01T00:00:00Z",
        endDate: "2027-12-31T00:00:00Z",
        enabled: false,
      }),
    );
    assert.deepEqual(named(resources, "mw-window").inputs, {
      name: "Patching-Test",
      description: "Patching window Patching-Test",
      schedule: "cron(0 2 ? * TUE#2 *)",
      scheduleTimezone: "Europe/Berlin",
      scheduleOffset: 4,
      duration: 4,
      cutoff: 1,
      startDate: "2026-12-01T00:00:00Z",
      endDate: "2027-12-31T00:00:00Z",
      enabled: false,
      allowUnassociatedTargets: false,
    });
  });

  it("registers patch groups, tags, instances and resource groups as separate targets", async () => {
    const resources = await build((raw) =>
      Object.assign(raw.maintenanceWindows["Patching-Test"], {
        patchGroups: ["Test"],
        targets: {
          tags: { Role: ["web", "api"] },
          instanceIds: ["i-0123456789abcdef0", "mi-0123456789abcdef0"],
          resourceGroups: ["Finance Servers"],
        },
      }),
    );
    const targets = ofType(resources, "aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget");
    assert.deepEqual(targets.map((t) => [t.name, t.inputs.resourceType, t.inputs.targets]).sort(), [
      ["mw-instances", "INSTANCE", [{ key: "InstanceIds", values: ["i-0123456789abcdef0", "mi-0123456789abcdef0"] }]],
      ["mw-patch-groups", "INSTANCE", [{ key: "tag:PatchGroup", values: ["Test"] }]],
      [
        "mw-rg-Finance-Servers-ec9f5e65",
        "RESOURCE_GROUP",
        [{ key: "resource-groups:Name", values: ["Finance Servers"] }],
      ],
      ["mw-tags", "INSTANCE", [{ key: "tag:Role", values: ["web", "api"] }]],
    ]);
    assert.ok(targets.every((t) => t.inputs.windowId === "mw-window-id"));
    // The space is not kept in the name, so a hash of the exact name is; the first release's name stays an alias.
    assert.deepEqual(named(resources, "mw-rg-Finance-Servers-ec9f5e65").aliases, [
      "urn:pulumi:unit::patching::patching:ssm:MaintenanceWindow$aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget::mw-rg-Finance-Servers",
    ]);
  });

  it("runs AWS-RunPatchBaseline tasks under the given service role against all of its targets", async () => {
    const resources = await build((raw) => {
      raw.maintenanceWindows["Patching-Test"].tasks = {
        scan: {
          operation: "Scan",
          rebootOption: "NoReboot",
          priority: 1,
          maxConcurrency: "50%",
          maxErrors: "0",
          outputS3BucketName: "patch-logs",
          outputS3KeyPrefix: "dev/scan/",
          cloudWatchOutput: true,
          cloudWatchLogGroupName: "/aws/ssm/dev/patching",
        },
        install: {
          operation: "Install",
          priority: 2,
          maxConcurrency: "2",
          maxErrors: "1",
          cutoffBehavior: "CANCEL_TASK",
          timeoutSeconds: 3600,
        },
      };
    });
    assert.equal(ofType(resources, "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask").length, 2);
    const [scan, install] = [named(resources, "mw-scan"), named(resources, "mw-install")];
    assert.deepEqual(
      { ...scan.inputs, taskInvocationParameters: undefined },
      {
        windowId: "mw-window-id",
        name: "scan",
        description: "Scan with AWS-RunPatchBaseline",
        taskType: "RUN_COMMAND",
        taskArn: "AWS-RunPatchBaseline",
        serviceRoleArn: "arn:aws:iam::123456789012:role/mw",
        priority: 1,
        maxConcurrency: "50%",
        maxErrors: "0",
        cutoffBehavior: "CONTINUE_TASK",
        targets: [{ key: "WindowTargetIds", values: ["mw-patch-groups-id"] }],
        taskInvocationParameters: undefined,
      },
    );
    assert.deepEqual(scan.inputs.taskInvocationParameters.runCommandParameters, {
      comment: "Scan (Patching-Test)",
      documentVersion: "$DEFAULT",
      timeoutSeconds: 600,
      parameters: [
        { name: "Operation", values: ["Scan"] },
        { name: "RebootOption", values: ["NoReboot"] },
        { name: "SnapshotId", values: ["{{WINDOW_EXECUTION_ID}}"] },
      ],
      outputS3Bucket: "patch-logs",
      outputS3KeyPrefix: "dev/scan/",
      cloudwatchConfig: { cloudwatchOutputEnabled: true, cloudwatchLogGroupName: "/aws/ssm/dev/patching" },
    });
    assert.deepEqual(
      [install.inputs.priority, install.inputs.maxConcurrency, install.inputs.maxErrors, install.inputs.cutoffBehavior],
      [2, "2", "1", "CANCEL_TASK"],
    );
    assert.equal(install.inputs.taskInvocationParameters.runCommandParameters.timeoutSeconds, 3600);
    assert.equal(install.inputs.taskInvocationParameters.runCommandParameters.outputS3Bucket, undefined);
  });

  it("passes hook documents to AWS-RunPatchBaselineWithHooks, with AWS-Noop for hooks not given", async () => {
    const resources = await build((raw) => {
      raw.maintenanceWindows["Patching-Test"].tasks.install = {
        operation: "Install",
        document: "AWS-RunPatchBaselineWithHooks",
        hooks: { preInstall: "Drain-LoadBalancer", onExit: "Smoke-Test" },
        installOverrideList: "s3://patch-lists/emergency.yaml",
      };
    });
    const task = named(resources, "mw-install");
    assert.equal(task.inputs.taskArn, "AWS-RunPatchBaselineWithHooks");
    assert.deepEqual(task.inputs.taskInvocationParameters.runCommandParameters.parameters, [
      { name: "Operation", values: ["Install"] },
      { name: "RebootOption", values: ["RebootIfNeeded"] },
      { name: "SnapshotId", values: ["{{WINDOW_EXECUTION_ID}}"] },
      { name: "InstallOverrideList", values: ["s3://patch-lists/emergency.yaml"] },
      { name: "PreInstallHookDocName", values: ["Drain-LoadBalancer"] },
      { name: "PostInstallHookDocName", values: ["AWS-Noop"] },
      { name: "OnExitHookDocName", values: ["Smoke-Test"] },
    ]);
  });
});
