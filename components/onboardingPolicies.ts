import { AwsScope, PolicyDocument, followCommandsStatement, policy, sendDocumentsStatement } from "./policies";

/**
 * Onboarding documents as plain data: the hybrid activation's trust, the administrators' and
 * viewers' policies (every action written out), and the WSUS script.
 */

/** Trust for the hybrid activation role: SSM, for this account's activations only. */
export function activationTrustPolicy(scope: AwsScope): PolicyDocument {
  return policy({
    Effect: "Allow",
    Principal: { Service: "ssm.amazonaws.com" },
    Action: "sts:AssumeRole",
    Condition: {
      StringEquals: { "aws:SourceAccount": scope.accountId },
      ArnLike: { "aws:SourceArn": `arn:${scope.partition}:ssm:${scope.region}:${scope.accountId}:*` },
    },
  });
}

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

const PATCH_MANAGE_ACTIONS = [
  "ssm:AddTagsToResource",
  "ssm:CancelMaintenanceWindowExecution",
  "ssm:CreateMaintenanceWindow",
  "ssm:CreatePatchBaseline",
  "ssm:DeleteMaintenanceWindow",
  "ssm:DeletePatchBaseline",
  "ssm:DeregisterPatchBaselineForPatchGroup",
  "ssm:DeregisterTargetFromMaintenanceWindow",
  "ssm:DeregisterTaskFromMaintenanceWindow",
  "ssm:RegisterDefaultPatchBaseline",
  "ssm:RegisterPatchBaselineForPatchGroup",
  "ssm:RegisterTargetWithMaintenanceWindow",
  "ssm:RegisterTaskWithMaintenanceWindow",
  "ssm:RemoveTagsFromResource",
  "ssm:UpdateMaintenanceWindow",
  "ssm:UpdateMaintenanceWindowTarget",
  "ssm:UpdateMaintenanceWindowTask",
  "ssm:UpdatePatchBaseline",
];

/** PatchViewers: read compliance and patch state, change nothing. */
export function patchViewersPolicy(): PolicyDocument {
  return policy({ Sid: "ReadPatchState", Effect: "Allow", Action: PATCH_READ_ACTIONS, Resource: "*" });
}

/**
 * PatchAdministrators: manage baselines, patch groups, windows and their tasks; run the patch
 * documents now; read compliance; hand windows exactly the stack's window service role.
 */
export function patchAdministratorsPolicy(scope: AwsScope, windowServiceRoleArn: string): PolicyDocument {
  return policy(
    { Sid: "ReadPatchState", Effect: "Allow", Action: PATCH_READ_ACTIONS, Resource: "*" },
    { Sid: "ManageBaselinesAndWindows", Effect: "Allow", Action: PATCH_MANAGE_ACTIONS, Resource: "*" },
    sendDocumentsStatement("RunPatchBaselineNow", scope, ["AWS-RunPatchBaseline", "AWS-RunPatchBaselineWithHooks"]),
    followCommandsStatement(),
    {
      Sid: "PassWindowServiceRole",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: windowServiceRoleArn,
      Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } },
    },
  );
}

/**
 * PowerShell that points Windows Update at a WSUS server through the policy keys Group Policy
 * would set. The URL is validated as http(s)://host[:port], so it cannot break out of the quotes.
 */
export function wsusScript(serverUrl: string): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    "$wu = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate'",
    "if (-not (Test-Path \"$wu\\AU\")) { New-Item -Path \"$wu\\AU\" -Force | Out-Null }",
    `Set-ItemProperty -Path $wu -Name WUServer -Value '${serverUrl}'`,
    `Set-ItemProperty -Path $wu -Name WUStatusServer -Value '${serverUrl}'`,
    "Set-ItemProperty -Path \"$wu\\AU\" -Name UseWUServer -Value 1 -Type DWord",
    "Restart-Service -Name wuauserv",
  ].join("\n");
}
