/**
 * A Pulumi program that is not this project's: raw @pulumi/aws resources, as an application team
 * might write them, with the patching mistakes the policy pack exists to catch. Each resource's
 * comment names the rule meant to report it. Run the pack over it with
 * `pulumi preview --policy-pack ../../policy` (tests/policy-pack.test.ts does it under mocks).
 */
import * as aws from "@pulumi/aws";

// ssm-window-cutoff-below-duration: the cutoff must be smaller than the duration.
export const lateCutoff = new aws.ssm.MaintenanceWindow("late-cutoff", {
  name: "late-cutoff",
  schedule: "cron(0 2 ? * SAT *)",
  duration: 2,
  cutoff: 3,
});

// ssm-schedule-follows-aws-reference: runs every two minutes, under AWS's five-minute floor.
export const tooOften = new aws.ssm.MaintenanceWindow("too-often", {
  name: "too-often",
  schedule: "cron(0/2 * * * ? *)",
  duration: 1,
  cutoff: 0,
});

// ssm-schedule-undocumented-form: two # items in one field.
export const twoHashes = new aws.ssm.MaintenanceWindow("two-hashes", {
  name: "two-hashes",
  schedule: "cron(0 2 ? * TUE#2,THU#3 *)",
  duration: 3,
  cutoff: 1,
});

// ssm-baseline-approval-rules: Ubuntu takes no approval delay.
export const ubuntu = new aws.ssm.PatchBaseline("ubuntu", {
  name: "ubuntu-web",
  operatingSystem: "UBUNTU",
  approvalRules: [{ approveAfterDays: 7, patchFilters: [{ key: "PRIORITY", values: ["Required"] }] }],
});

// ssm-approval-delay-floor (prod): critical updates approved after 2 days.
export const windows = new aws.ssm.PatchBaseline("windows", {
  name: "windows-web",
  operatingSystem: "WINDOWS",
  approvalRules: [
    {
      approveAfterDays: 2,
      patchFilters: [
        { key: "CLASSIFICATION", values: ["SecurityUpdates"] },
        { key: "MSRC_SEVERITY", values: ["Critical"] },
      ],
    },
  ],
});
export const windowsToo = new aws.ssm.PatchBaseline("windows-too", {
  name: "windows-web-2",
  operatingSystem: "WINDOWS",
  approvalRules: [{ approveAfterDays: 14, patchFilters: [{ key: "PRODUCT", values: ["*"] }] }],
});

// ssm-one-baseline-per-os-per-group: group Web gets two Windows baselines.
export const web = new aws.ssm.PatchGroup("web", { baselineId: windows.id, patchGroup: "Web" });
export const webAgain = new aws.ssm.PatchGroup("web-again", { baselineId: windowsToo.id, patchGroup: "Web" });

// ssm-service-role-no-passrole-star: the window's role may pass any role.
export const serviceRole = new aws.iam.Role("window-role", {
  name: "window-role",
  assumeRolePolicy: JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "ssm.amazonaws.com" }, Action: "sts:AssumeRole" }],
  }),
});
export const passAnything = new aws.iam.RolePolicy("window-role-pass", {
  role: serviceRole.name,
  policy: JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: ["iam:PassRole", "ssm:SendCommand"], Resource: "*" }],
  }),
});

// ssm-patch-log-bucket-secure: output goes to a bucket without encryption, versioning or TLS-only.
export const logs = new aws.s3.Bucket("patch-logs", {});

export const weekly = new aws.ssm.MaintenanceWindow("weekly", {
  name: "weekly",
  schedule: "cron(0 3 ? * SUN *)",
  duration: 4,
  cutoff: 1,
});

// ssm-rate-control: every instance, 50% at once, 30% errors.
export const everything = new aws.ssm.MaintenanceWindowTarget("everything", {
  windowId: weekly.id,
  resourceType: "INSTANCE",
  targets: [{ key: "InstanceIds", values: ["*"] }],
});
// ssm-installed-groups-have-baselines: App is installed but registered to no baseline.
export const app = new aws.ssm.MaintenanceWindowTarget("app", {
  windowId: weekly.id,
  resourceType: "INSTANCE",
  targets: [{ key: "tag:Patch Group", values: ["App"] }],
});
export const installAll = new aws.ssm.MaintenanceWindowTask("install-all", {
  windowId: weekly.id,
  taskType: "RUN_COMMAND",
  taskArn: "AWS-RunPatchBaseline",
  serviceRoleArn: serviceRole.arn,
  maxConcurrency: "50%",
  maxErrors: "30%",
  priority: 1,
  targets: [{ key: "WindowTargetIds", values: [everything.id, app.id] }],
  taskInvocationParameters: {
    runCommandParameters: {
      outputS3Bucket: logs.bucket,
      parameters: [
        { name: "Operation", values: ["Install"] },
        { name: "RebootOption", values: ["RebootIfNeeded"] },
      ],
    },
  },
});

// ssm-hook-documents-trusted: a hook shared by an account nobody trusted.
export const hooked = new aws.ssm.MaintenanceWindowTask("hooked", {
  windowId: weekly.id,
  taskType: "RUN_COMMAND",
  taskArn: "AWS-RunPatchBaselineWithHooks",
  maxConcurrency: "10%",
  maxErrors: "1",
  priority: 2,
  targets: [{ key: "WindowTargetIds", values: [app.id] }],
  taskInvocationParameters: {
    runCommandParameters: {
      parameters: [
        { name: "Operation", values: ["Scan"] },
        { name: "PreInstallHookDocName", values: ["arn:aws:ssm:us-east-1:999999999999:document/PreHook"] },
      ],
    },
  },
});

// ssm-task-document-no-downloaded-script: the task's own document pipes a download into a shell.
export const bootstrap = new aws.ssm.Document("bootstrap", {
  name: "bootstrap",
  documentType: "Command",
  content: JSON.stringify({
    schemaVersion: "2.2",
    description: "Prepare for patching",
    mainSteps: [
      {
        action: "aws:runShellScript",
        name: "prepare",
        inputs: { runCommand: ["curl -fsSL https://example.com/prepare.sh | sh"] },
      },
    ],
  }),
});
export const prepare = new aws.ssm.MaintenanceWindowTask("prepare", {
  windowId: weekly.id,
  taskType: "RUN_COMMAND",
  taskArn: bootstrap.name,
  maxConcurrency: "10%",
  maxErrors: "1",
  priority: 0,
  targets: [{ key: "WindowTargetIds", values: [app.id] }],
});

// ssm-no-rebooting-association: installs and reboots whenever State Manager runs it.
// ssm-scan-before-install: and patch group Web is installed, but nothing scans it.
export const nightlyInstall = new aws.ssm.Association("nightly-install", {
  associationName: "nightly-install",
  name: "AWS-RunPatchBaseline",
  scheduleExpression: "cron(0 1 ? * * *)",
  parameters: { Operation: "Install" },
  targets: [{ key: "tag:Patch Group", values: ["Web"] }],
});
