import type { AwsScope } from "../scope";
import { PolicyDocument, policy, Statement } from "./policies";

/** People's Patch Manager permissions as plain data: PatchViewers and PatchAdministrators, every action written out. */

const PATCH_READ_ACTIONS = [
  "ssm:DescribeAvailablePatches",
  "ssm:DescribeEffectiveInstanceAssociations",
  "ssm:DescribeEffectivePatchesForPatchBaseline",
  "ssm:DescribeInstanceInformation",
  "ssm:DescribeInstancePatchStates",
  "ssm:DescribeInstancePatchStatesForPatchGroup",
  "ssm:DescribeInstancePatches",
  "ssm:DescribeMaintenanceWindowExecutionTaskInvocations",
  "ssm:DescribeMaintenanceWindowExecutionTasks",
  "ssm:DescribeMaintenanceWindowExecutions",
  "ssm:DescribeMaintenanceWindowTargets",
  "ssm:DescribeMaintenanceWindowTasks",
  "ssm:DescribeMaintenanceWindows",
  "ssm:DescribePatchBaselines",
  "ssm:DescribePatchGroupState",
  "ssm:DescribePatchGroups",
  "ssm:DescribePatchProperties",
  "ssm:GetDefaultPatchBaseline",
  "ssm:GetMaintenanceWindow",
  "ssm:GetMaintenanceWindowExecution",
  "ssm:GetMaintenanceWindowExecutionTask",
  "ssm:GetMaintenanceWindowTask",
  "ssm:GetPatchBaseline",
  "ssm:GetPatchBaselineForPatchGroup",
  "ssm:ListComplianceItems",
  "ssm:ListComplianceSummaries",
  "ssm:ListResourceComplianceSummaries",
  "ssm:ListTagsForResource",
];

/** Changes to this stack's baselines, each by resource ARN (Service Authorization Reference: patchbaseline). */
const BASELINE_ACTIONS = [
  "ssm:DeregisterPatchBaselineForPatchGroup",
  "ssm:RegisterPatchBaselineForPatchGroup",
  "ssm:UpdatePatchBaseline",
];

/** Changes to this stack's windows, each by resource ARN (Service Authorization Reference: maintenancewindow). */
const WINDOW_ACTIONS = [
  "ssm:DeregisterTargetFromMaintenanceWindow",
  "ssm:DeregisterTaskFromMaintenanceWindow",
  "ssm:RegisterTargetWithMaintenanceWindow",
  "ssm:UpdateMaintenanceWindow",
  "ssm:UpdateMaintenanceWindowTarget",
];

/** PatchViewers: read compliance and patch state, change nothing. */
export function patchViewersPolicy(): PolicyDocument {
  return policy({ Sid: "ReadPatchState", Effect: "Allow", Action: PATCH_READ_ACTIONS, Resource: "*" });
}

/** What administrators may run now, and on which instances. */
export interface PatchNowAccess {
  /** The stack's patch-now document (PatchNowDocument); none: nothing may be run. */
  readonly documentName?: string;
  /** The stack's patch groups: only instances tagged with one of them. */
  readonly patchGroups: readonly string[];
  /** `Patch Group` or `PatchGroup`, as the stack tags its instances. */
  readonly patchGroupTagKey: string;
  /** Allow baseline and window changes outside `pulumi up` (drift the next `up` reverts). @default false */
  readonly consoleWrites?: boolean;
  /** Where administrators put install-override lists, e.g. `arn:aws:s3:::bucket/prod/patch-now/*`. @default none */
  readonly overrideObjectsArn?: string;
  /** The log bucket's KMS key, which writing an override list needs. @default none (SSE-S3) */
  readonly overrideKmsKeyArn?: string;
}

/**
 * PatchAdministrators: run this stack's patch-now document on this stack's instances, read
 * compliance and follow commands; with `consoleWrites`, also change this stack's baselines and
 * windows (those carrying its tags). Deliberately not granted:
 * - SendCommand on AWS-RunPatchBaseline* directly: it takes any hook document (run as root/SYSTEM)
 *   and a BaselineOverride pointing at any repository; the stack's document fixes both;
 * - creating or deleting baselines and windows, or the account's default baseline: the stack owns them;
 * - registering or changing window tasks: IAM cannot limit a task's document or require its service
 *   role, so a task without one runs any document as SYSTEM/root on every node;
 * - tagging: it would let the tags, and so the conditions above, move.
 * CancelCommand is granted on "*": the Service Authorization Reference lists no resource type for
 * it, and an administrator must be able to stop a patch-now (`patch-now --cancel`). It stops
 * commands, never runs one.
 */
export function patchAdministratorsPolicy(
  scope: AwsScope,
  stackTags: Record<string, string>,
  access: PatchNowAccess,
): PolicyDocument {
  const { partition, region, accountId } = scope;
  const tagged = {
    StringEquals: Object.fromEntries(Object.entries(stackTags).map(([k, v]) => [`aws:ResourceTag/${k}`, v])),
  };
  const consoleWrites: Statement[] = access.consoleWrites
    ? [
        {
          Sid: "ChangeThisStacksBaselines",
          Effect: "Allow",
          Action: BASELINE_ACTIONS,
          Resource: `arn:${partition}:ssm:${region}:${accountId}:patchbaseline/*`,
          Condition: tagged,
        },
        {
          Sid: "ChangeThisStacksWindows",
          Effect: "Allow",
          Action: WINDOW_ACTIONS,
          Resource: `arn:${partition}:ssm:${region}:${accountId}:maintenancewindow/*`,
          Condition: tagged,
        },
      ]
    : [];
  // SendCommand is authorised on the document and on every target instance, each by its own statement.
  const patchNow: Statement[] =
    access.documentName && access.patchGroups.length > 0
      ? [
          {
            Sid: "PatchNowDocument",
            Effect: "Allow",
            Action: ["ssm:GetDocument", "ssm:SendCommand"],
            Resource: `arn:${partition}:ssm:${region}:${accountId}:document/${access.documentName}`,
          },
          {
            Sid: "PatchNowThisStacksInstances",
            Effect: "Allow",
            Action: "ssm:SendCommand",
            Resource: [
              `arn:${partition}:ec2:${region}:${accountId}:instance/*`,
              `arn:${partition}:ssm:${region}:${accountId}:managed-instance/*`,
            ],
            Condition: { StringEquals: { [`ssm:resourceTag/${access.patchGroupTagKey}`]: [...access.patchGroups] } },
          },
          ...overrideListWrites(access),
        ]
      : [];
  return policy(
    { Sid: "ReadPatchState", Effect: "Allow", Action: PATCH_READ_ACTIONS, Resource: "*" },
    ...consoleWrites,
    ...patchNow,
    {
      // The Service Authorization Reference lists no resource type for these four: "*" is as far as IAM scopes them.
      Sid: "FollowCommands",
      Effect: "Allow",
      Action: ["ssm:CancelCommand", "ssm:GetCommandInvocation", "ssm:ListCommandInvocations", "ssm:ListCommands"],
      Resource: "*",
    },
  );
}

/** patch-now --kb/--cve: put an install-override list under the stack's patch-now prefix, and nowhere else. */
function overrideListWrites(access: PatchNowAccess): Statement[] {
  if (!access.overrideObjectsArn) return [];
  return [
    { Sid: "WritePatchNowOverrideLists", Effect: "Allow", Action: "s3:PutObject", Resource: access.overrideObjectsArn },
    ...(access.overrideKmsKeyArn
      ? [
          {
            Sid: "EncryptPatchNowOverrideLists",
            Effect: "Allow" as const,
            Action: "kms:GenerateDataKey",
            Resource: access.overrideKmsKeyArn,
          },
        ]
      : []),
  ];
}
