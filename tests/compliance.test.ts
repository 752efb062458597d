import { strict as assert } from "assert";
import { RecordedResource } from "../offline/recordingRuntime";
import { buildConfig, buildStackFile, named, ofType } from "./helpers/run";
import { ACCOUNT, BUCKET, policyOf, fullCompliance } from "./helpers/compliance";

describe("compliance: patch-log bucket", () => {
  let resources: RecordedResource[];
  before(async () => {
    resources = (await buildConfig(fullCompliance(), "qa")).resources;
  });

  it("is private, owner-enforced, SSE-S3 encrypted, versioned and expires old logs", () => {
    assert.deepEqual(named(resources, "patching-compliance-logs-public-access").inputs, {
      bucket: "patching-compliance-logs-bucket-id",
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    assert.deepEqual(named(resources, "patching-compliance-logs-ownership").inputs.rule, {
      objectOwnership: "BucketOwnerEnforced",
    });
    assert.deepEqual(named(resources, "patching-compliance-logs-encryption").inputs.rules, [
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
    ]);
    assert.deepEqual(named(resources, "patching-compliance-logs-versioning").inputs.versioningConfiguration, {
      status: "Enabled",
    });
    assert.deepEqual(named(resources, "patching-compliance-logs-lifecycle").inputs.rules, [
      {
        id: "expire-patch-logs",
        status: "Enabled",
        filter: {},
        expiration: { days: 120 },
        noncurrentVersionExpiration: { noncurrentDays: 120 },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      },
    ]);
    assert.equal(named(resources, "patching-compliance-logs-bucket").inputs.forceDestroy, false);
  });

  it("denies non-TLS access and lets only this account's resource data sync write, under the stack's prefix", () => {
    const bucketArn = `arn:aws:s3:::${BUCKET}`;
    const statements = policyOf(named(resources, "patching-compliance-logs-policy")).Statement;
    assert.equal(statements[0].Resource[0], bucketArn);
    assert.deepEqual(statements, [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": false } },
      },
      {
        Sid: "DataSyncBucketCheck",
        Effect: "Allow",
        Principal: { Service: "ssm.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: bucketArn,
        Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
      },
      {
        Sid: "DataSyncDelivery",
        Effect: "Allow",
        Principal: { Service: "ssm.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${bucketArn}/qa/data-sync/*/accountid=${ACCOUNT}/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": ACCOUNT } },
      },
    ]);
  });

  it("lets an organization's accounts sync when asked, on its organization id", async () => {
    const raw = fullCompliance({ dataSync: { enabled: true, organizationId: "o-abc123def456" } });
    const statements = policyOf(
      named((await buildConfig(raw, "qa")).resources, "patching-compliance-logs-policy"),
    ).Statement;
    assert.deepEqual(statements[2].Condition, {
      StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceOrgID": "o-abc123def456" },
    });
    assert.match(statements[2].Resource, /\/qa\/data-sync\/\*$/);
  });

  it("uses SSE-KMS with a bucket key when given a key, and lets instances use that key", async () => {
    const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const { resources: withKey } = await buildConfig(
      fullCompliance({ logBucket: { enabled: true, kmsKeyArn: key } }),
      "qa",
    );
    assert.deepEqual(named(withKey, "patching-compliance-logs-encryption").inputs.rules, [
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key }, bucketKeyEnabled: true },
    ]);
    assert.deepEqual(policyOf(named(withKey, "patching-instance-patch-output")).Statement[2], {
      Sid: "EncryptPatchOutput",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: [key],
    });
    assert.equal(named(withKey, "patching-compliance-data-sync").inputs.s3Destination.kmsKeyArn, key);
  });

  it("writes scan and install output under separate prefixes, and the instance role may write exactly those", () => {
    const task = named(resources, "patching-Patching-Test-install").inputs.taskInvocationParameters
      .runCommandParameters;
    assert.equal(task.outputS3Bucket, `${BUCKET}`);
    assert.equal(task.outputS3KeyPrefix, "qa/install/");
    assert.deepEqual(policyOf(named(resources, "patching-instance-patch-output")).Statement.slice(0, 2), [
      {
        Sid: "WritePatchOutput",
        Effect: "Allow",
        Action: "s3:PutObject",
        Resource: [`arn:aws:s3:::${BUCKET}/qa/install/*`, `arn:aws:s3:::${BUCKET}/qa/scan-association/*`],
      },
      {
        Sid: "ReadBucketEncryption",
        Effect: "Allow",
        Action: "s3:GetEncryptionConfiguration",
        Resource: [`arn:aws:s3:::${BUCKET}`],
      },
    ]);
  });

  it("is kept on delete by default in any stage, whatever its name, with the key that encrypts the notifications", async () => {
    const audit = [
      "patching-compliance-logs-bucket",
      "patching-compliance-logs-policy",
      "patching-compliance-logs-versioning",
      "patching-compliance-command-output",
      "patching-compliance-notifications-key",
    ];
    const notifying = (extra: Record<string, unknown>, stack: string) =>
      buildConfig({ ...fullCompliance(), ...extra }, stack);
    for (const stack of ["prod", "production", "qa"]) {
      const kept = (await notifying({}, stack)).resources;
      for (const name of audit) assert.equal(named(kept, name).retainOnDelete, true, `${name} retained in ${stack}`);
    }
    const dropped = (await notifying({ retainAuditData: false }, "sandbox")).resources;
    for (const name of audit)
      assert.equal(named(dropped, name).retainOnDelete, false, `${name} deleted in a stage that says so`);
    assert.equal(
      named((await buildStackFile("prod")).resources, "patching-compliance-logs-bucket").retainOnDelete,
      true,
    );
  });

  it("uses an existing bucket instead of creating one", async () => {
    const raw = fullCompliance({
      logBucket: { enabled: true, bucketName: "org-central-patch-logs" },
      dataSync: { enabled: false },
    });
    const { resources: own } = await buildConfig(raw, "qa");
    assert.equal(ofType(own, "aws:s3/bucket:Bucket").length, 0);
    assert.equal(
      named(own, "patching-Patching-Test-install").inputs.taskInvocationParameters.runCommandParameters.outputS3Bucket,
      "org-central-patch-logs",
    );
    assert.equal(named(own, "patching-compliance-scan").inputs.outputLocation.s3BucketName, "org-central-patch-logs");
  });
});

describe("compliance: CloudWatch Logs output", () => {
  it("creates the stack's log group with its retention and sends task output there", async () => {
    const { resources } = await buildConfig(fullCompliance(), "qa");
    assert.deepEqual(named(resources, "patching-compliance-command-output").inputs, {
      name: "/aws/ssm/qa/patching",
      retentionInDays: 30,
      tags: { ManagedBy: "pulumi", Project: "patching", Environment: "qa" },
    });
    assert.deepEqual(
      named(resources, "patching-Patching-Test-install").inputs.taskInvocationParameters.runCommandParameters
        .cloudwatchConfig,
      {
        cloudwatchOutputEnabled: true,
        cloudwatchLogGroupName: "/aws/ssm/qa/patching",
      },
    );
    const logs = policyOf(named(resources, "patching-instance-patch-output"));
    assert.deepEqual(logs.Statement.slice(2), [
      {
        Sid: "WriteCommandOutput",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
        Resource: [`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/ssm/qa/patching:*`],
      },
    ]);
  });
});
