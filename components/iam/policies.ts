/**
 * IAM policy documents as plain data, so tests read exactly what AWS will get.
 * Every action is spelled out; no statement grants `*` actions or passes roles freely.
 */
import type { AwsScope } from "../scope";

export interface Statement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: Record<string, string | string[]>;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: Statement[];
}

export const policy = (...statements: Statement[]): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: statements,
});

export function managedPolicyArn(partition: string, name: string): string {
  return `arn:${partition}:iam::aws:policy/${name}`;
}

/** Trust for EC2 instances (the instance profile role). */
export function ec2TrustPolicy(): PolicyDocument {
  return policy({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" });
}

/**
 * Trust for a service, limited to calls it makes on behalf of this account and, through
 * `aws:SourceArn`, of the given resources (IAM User Guide, "The confused deputy problem").
 */
export function serviceTrustPolicy(service: string, accountId: string, sourceArn: string): PolicyDocument {
  return policy({
    Effect: "Allow",
    Principal: { Service: service },
    Action: "sts:AssumeRole",
    Condition: { StringEquals: { "aws:SourceAccount": accountId }, ArnLike: { "aws:SourceArn": sourceArn } },
  });
}

/** Any Systems Manager resource of this account and region: what SSM names as the source when it assumes a role. */
export const ssmSourceArn = (scope: AwsScope) => `arn:${scope.partition}:ssm:${scope.region}:${scope.accountId}:*`;

/** A bucket and the key prefixes under it that instances may write patch output to. */
export interface LogWriteGrant {
  readonly bucketArn: string;
  readonly prefixes: readonly string[];
  /** The bucket's SSE-KMS key, which writers must be able to use. */
  readonly kmsKeyArn?: string;
}

/**
 * Instance role: put objects under exactly the given prefixes, and read the bucket's encryption
 * setting. Not per instance: Run Command writes `<prefix>/<command-id>/<instance-id>/...`, and IAM
 * has no policy variable holding the bare instance id of an EC2 role session (`aws:userid` is
 * `<role-id>:<instance-id>`, `ec2:SourceInstanceARN` a full ARN), nor of a hybrid node's session.
 * A node may therefore overwrite another's object under the same prefix, but never lose it: the
 * bucket is versioned (the old version is kept until noncurrent expiry) and no node may delete.
 */
export function patchLogWritePolicy(grants: readonly LogWriteGrant[]): PolicyDocument {
  const objects = grants.flatMap((g) => g.prefixes.map((p) => `${g.bucketArn}/${p.replace(/\/?$/, "/")}*`));
  const keys = unique(grants.flatMap((g) => g.kmsKeyArn ?? []));
  return policy(
    { Sid: "WritePatchOutput", Effect: "Allow", Action: "s3:PutObject", Resource: unique(objects) },
    {
      Sid: "ReadBucketEncryption",
      Effect: "Allow",
      Action: "s3:GetEncryptionConfiguration",
      Resource: unique(grants.map((g) => g.bucketArn)),
    },
    ...(keys.length > 0
      ? [
          {
            Sid: "EncryptPatchOutput",
            Effect: "Allow" as const,
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: keys,
          },
        ]
      : []),
  );
}

/**
 * Instance role: write Run Command output to the named CloudWatch log groups. The agent creates a
 * group that does not exist yet, unless the stack manages the group itself.
 */
export function logGroupWritePolicy(
  scope: AwsScope,
  logGroupNames: readonly string[],
  stackManagesGroups = false,
): PolicyDocument {
  const groups = unique(logGroupNames).map(
    (n) => `arn:${scope.partition}:logs:${scope.region}:${scope.accountId}:log-group:${n}`,
  );
  return policy(
    ...(stackManagesGroups
      ? []
      : [{ Sid: "CreateGroupIfMissing", Effect: "Allow" as const, Action: "logs:CreateLogGroup", Resource: groups }]),
    {
      Sid: "WriteCommandOutput",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
      Resource: groups.map((g) => `${g}:*`),
    },
  );
}

/** Objects a node reads: patch-now's install-override lists (AWS-RunPatchBaseline fetches them as the node). */
export interface ObjectReadGrant {
  /** e.g. `arn:aws:s3:::bucket/prod/patch-now/*` */
  readonly objectsArn: string;
  readonly kmsKeyArn?: string;
}

/** Node role: get the override lists, and decrypt them when the bucket uses a KMS key. */
export function overrideListReadStatements(reads: readonly ObjectReadGrant[]): Statement[] {
  if (reads.length === 0) return [];
  const keys = unique(reads.flatMap((r) => r.kmsKeyArn ?? []));
  return [
    {
      Sid: "ReadPatchNowOverrideLists",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: unique(reads.map((r) => r.objectsArn)),
    },
    ...(keys.length > 0
      ? [{ Sid: "DecryptPatchNowOverrideLists", Effect: "Allow" as const, Action: "kms:Decrypt", Resource: keys }]
      : []),
  ];
}

/** Everything a managed node may write of patch output (S3 prefixes, log groups) and read, in one document. */
export function patchOutputPolicy(
  scope: AwsScope,
  grants: readonly LogWriteGrant[],
  logGroupNames: readonly string[],
  stackManagesGroups = false,
  reads: readonly ObjectReadGrant[] = [],
): PolicyDocument | undefined {
  const statements = [
    ...(grants.length > 0 ? patchLogWritePolicy(grants).Statement : []),
    ...(logGroupNames.length > 0 ? logGroupWritePolicy(scope, logGroupNames, stackManagesGroups).Statement : []),
    ...overrideListReadStatements(reads),
  ];
  return statements.length > 0 ? policy(...statements) : undefined;
}

export interface WindowRoleNeeds {
  /** Documents the window's tasks send, e.g. AWS-RunPatchBaseline. */
  readonly documents: readonly string[];
  /** Whether any window targets resource groups (needs the group look-ups). */
  readonly resourceGroupTargets: boolean;
  /** Roles the window may hand to SSM, e.g. the SNS notification role. */
  readonly passRoleArns: readonly string[];
}

/** ARN of an SSM document: AWS-owned documents have no account in their ARN. */
export function documentArn(scope: AwsScope, document: string): string {
  if (document.startsWith("arn:")) return document;
  const owner = document.startsWith("AWS-") ? "" : scope.accountId;
  return `arn:${scope.partition}:ssm:${scope.region}:${owner}:document/${document}`;
}

/** SendCommand of exactly these documents, to this account's EC2 instances and managed (hybrid) nodes. */
export function sendDocumentsStatement(sid: string, scope: AwsScope, documents: readonly string[]): Statement {
  const { partition, region, accountId } = scope;
  return {
    Sid: sid,
    Effect: "Allow",
    Action: "ssm:SendCommand",
    Resource: [
      ...unique(documents).map((d) => documentArn(scope, d)),
      `arn:${partition}:ec2:${region}:${accountId}:instance/*`,
      `arn:${partition}:ssm:${region}:${accountId}:managed-instance/*`,
    ],
  };
}

/** Following (and cancelling) the commands sent; these actions take no resource-level scope. */
export function followCommandsStatement(sid = "FollowCommands", extra: readonly string[] = []): Statement {
  return {
    Sid: sid,
    Effect: "Allow",
    Action: [
      ...extra,
      "ssm:CancelCommand",
      "ssm:GetCommandInvocation",
      "ssm:ListCommandInvocations",
      "ssm:ListCommands",
    ].sort(),
    Resource: "*",
  };
}

/** The window service role: send the patch documents to this account's instances, follow the commands, nothing else. */
export function windowServicePolicy(scope: AwsScope, needs: WindowRoleNeeds): PolicyDocument {
  const statements: Statement[] = [
    sendDocumentsStatement("SendPatchDocuments", scope, needs.documents),
    followCommandsStatement(),
  ];
  if (needs.resourceGroupTargets) {
    statements.push({
      Sid: "ResolveResourceGroups",
      Effect: "Allow",
      Action: ["resource-groups:ListGroupResources", "resource-groups:ListGroups", "tag:GetResources"],
      Resource: "*",
    });
  }
  if (needs.passRoleArns.length > 0) {
    statements.push({
      Sid: "PassNotificationRole",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: unique(needs.passRoleArns),
      Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } },
    });
  }
  return policy(...statements);
}

export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
