import type { AwsScope } from "../scope";
import { PolicyDocument, Statement, followCommandsStatement, policy, sendDocumentsStatement } from "../iam/policies";

/**
 * Resource policies and documents of the compliance reporting, as plain data: the bucket, the
 * notification key and topic, the publishing and remediation roles, the event pattern, the runbook.
 */

const accountRoot = (scope: AwsScope) => `arn:${scope.partition}:iam::${scope.accountId}:root`;

/** Denies the actions on the resources to every request that does not use TLS. */
export function denyInsecureTransport(action: string, resource: string | string[]): Statement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: { AWS: "*" },
    Action: action,
    Resource: resource,
    Condition: { Bool: { "aws:SecureTransport": false } },
  };
}

export interface DataSyncAccess {
  /** S3 prefix of the sync, e.g. `prod/data-sync`. */
  readonly prefix: string;
  /** Let every account of this organization sync into the bucket. */
  readonly organizationId?: string;
}

/** The log bucket's policy: TLS only, and SSM resource data sync writes from this account (or organization) only. */
export function patchLogBucketPolicy(bucketArn: string, scope: AwsScope, dataSync?: DataSyncAccess): PolicyDocument {
  const statements: Statement[] = [denyInsecureTransport("s3:*", [bucketArn, `${bucketArn}/*`])];
  if (dataSync) {
    const who: Record<string, string> = dataSync.organizationId
      ? { "aws:SourceOrgID": dataSync.organizationId }
      : { "aws:SourceAccount": scope.accountId };
    statements.push(
      {
        Sid: "DataSyncBucketCheck",
        Effect: "Allow",
        Principal: { Service: "ssm.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: bucketArn,
        Condition: { StringEquals: who },
      },
      {
        Sid: "DataSyncDelivery",
        Effect: "Allow",
        Principal: { Service: "ssm.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: dataSync.organizationId
          ? `${bucketArn}/${dataSync.prefix}/*`
          : `${bucketArn}/${dataSync.prefix}/*/accountid=${scope.accountId}/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", ...who } },
      },
    );
  }
  return policy(...statements);
}

/** Key administration for the account, written out; the account may also use the key through IAM. */
export const KEY_ADMIN_ACTIONS = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:CreateGrant",
  "kms:Decrypt",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListAliases",
  "kms:ListGrants",
  "kms:ListKeyPolicies",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:RevokeGrant",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
];

/** The notification key: the account administers it; SNS, EventBridge and SSM may use it on this account's behalf. */
export function notificationKeyPolicy(scope: AwsScope): PolicyDocument {
  return policy(
    {
      Sid: "AccountAdministers",
      Effect: "Allow",
      Principal: { AWS: accountRoot(scope) },
      Action: KEY_ADMIN_ACTIONS,
      Resource: "*",
    },
    {
      Sid: "ServicesEncryptNotifications",
      Effect: "Allow",
      Principal: { Service: ["events.amazonaws.com", "sns.amazonaws.com", "ssm.amazonaws.com"] },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": scope.accountId } },
    },
  );
}

/** The topic: the account manages it, exactly the given EventBridge rule may publish, nobody publishes without TLS. */
export function notificationTopicPolicy(topicArn: string, scope: AwsScope, ruleArn?: string): PolicyDocument {
  const statements: Statement[] = [
    {
      Sid: "AccountManagesTopic",
      Effect: "Allow",
      Principal: { AWS: accountRoot(scope) },
      Action: [
        "sns:AddPermission",
        "sns:DeleteTopic",
        "sns:GetTopicAttributes",
        "sns:ListSubscriptionsByTopic",
        "sns:Publish",
        "sns:RemovePermission",
        "sns:SetTopicAttributes",
        "sns:Subscribe",
      ],
      Resource: topicArn,
    },
  ];
  if (ruleArn) {
    statements.push({
      Sid: "NonComplianceRulePublishes",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
    });
  }
  statements.push(denyInsecureTransport("sns:Publish", topicArn));
  return policy(...statements);
}

/** The role SSM assumes to send command notifications: publish to this topic with this key, nothing else. */
export function notificationPublishPolicy(topicArn: string, keyArn: string): PolicyDocument {
  return policy(
    { Sid: "PublishCommandStatus", Effect: "Allow", Action: "sns:Publish", Resource: topicArn },
    { Sid: "EncryptForTopic", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: keyArn },
  );
}

/** EventBridge pattern of a managed node turning patch non-compliant (AWS sends the status in lower case). */
export function nonComplianceEventPattern(): Record<string, unknown> {
  return {
    source: ["aws.ssm"],
    "detail-type": ["Configuration Compliance State Change"],
    detail: { "compliance-type": ["Patch"], "compliance-status": ["non_compliant"] },
  };
}

/** The remediation runbook: AWS-RunPatchBaseline on the one instance named in the event. */
export function remediationRunbook(operation: "Scan" | "Install", automationRoleArn: string): Record<string, unknown> {
  return {
    schemaVersion: "0.3",
    description: `Runs AWS-RunPatchBaseline (${operation}) on one instance that turned patch non-compliant. Started by EventBridge.`,
    assumeRole: "{{ AutomationAssumeRole }}",
    parameters: {
      InstanceId: {
        type: "String",
        description: "The non-compliant managed node.",
        allowedPattern: "^(i|mi)-[0-9a-f]{8,17}$",
      },
      AutomationAssumeRole: { type: "String", description: "Role the runbook runs as.", default: automationRoleArn },
    },
    mainSteps: [
      {
        name: "runPatchBaseline",
        action: "aws:runCommand",
        timeoutSeconds: 7200,
        inputs: {
          DocumentName: "AWS-RunPatchBaseline",
          InstanceIds: ["{{ InstanceId }}"],
          Parameters: {
            Operation: [operation],
            RebootOption: [operation === "Install" ? "RebootIfNeeded" : "NoReboot"],
          },
        },
      },
    ],
  };
}

/** The runbook's role: send AWS-RunPatchBaseline to this account's instances and follow the command. */
export function remediationAutomationPolicy(scope: AwsScope): PolicyDocument {
  return policy(
    sendDocumentsStatement("SendPatchBaseline", scope, ["AWS-RunPatchBaseline"]),
    followCommandsStatement("FollowCommand", ["ssm:DescribeInstanceInformation"]),
  );
}

/** EventBridge's role: start exactly this runbook, handing it exactly its role. */
export function startRemediationPolicy(automationDefinitionArn: string, automationRoleArn: string): PolicyDocument {
  return policy(
    { Sid: "StartRunbook", Effect: "Allow", Action: "ssm:StartAutomationExecution", Resource: automationDefinitionArn },
    {
      Sid: "PassRunbookRole",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: automationRoleArn,
      Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } },
    },
  );
}
