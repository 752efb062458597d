import { strict as assert } from "assert";
import { KEY_ADMIN_ACTIONS } from "../components/compliance/compliancePolicies";
import { generatedName, RecordedResource } from "../testing/mockRuntime";
import { buildConfig, buildStackFile, configProblems, minimalConfig, named, ofType } from "./helpers/run";

const ACCOUNT = "123456789012";
/** Physical names the mocks generate, as AWS auto-naming would. */
const BUCKET = generatedName("patching-compliance-logs-bucket").toLowerCase();
const RULE = generatedName("patching-compliance-non-compliant");
const RUNBOOK = generatedName("patching-compliance-remediation-runbook");
const policyOf = (r: RecordedResource, field = "policy") => JSON.parse(r.inputs[field]);

/** The minimal stack with every compliance part switched on (remediation scans). */
function fullCompliance(patch: Record<string, unknown> = {}): Record<string, any> {
  return {
    ...minimalConfig(),
    compliance: {
      logBucket: { enabled: true, expireAfterDays: 120 },
      logGroup: { enabled: true, retentionInDays: 30 },
      notifications: { enabled: true, emails: ["ops@example.com"] },
      scanAssociation: { enabled: true, schedule: "rate(12 hours)", complianceSeverity: "CRITICAL", maxConcurrency: "25%", maxErrors: "5" },
      dataSync: { enabled: true },
      inventory: { enabled: true },
      remediation: { enabled: true },
      awsConfigRule: { enabled: true },
      ...patch,
    },
  };
}

describe("compliance: patch-log bucket", () => {
  let resources: RecordedResource[];
  before(async () => {
    resources = (await buildConfig(fullCompliance(), "qa")).resources;
  });

  it("is private, owner-enforced, SSE-S3 encrypted, versioned and expires old logs", () => {
    assert.deepEqual(named(resources, "patching-compliance-logs-public-access").inputs, {
      bucket: "patching-compliance-logs-bucket-id", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
    assert.deepEqual(named(resources, "patching-compliance-logs-ownership").inputs.rule, { objectOwnership: "BucketOwnerEnforced" });
    assert.deepEqual(named(resources, "patching-compliance-logs-encryption").inputs.rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    assert.deepEqual(named(resources, "patching-compliance-logs-versioning").inputs.versioningConfiguration, { status: "Enabled" });
    assert.deepEqual(named(resources, "patching-compliance-logs-lifecycle").inputs.rules, [{
      id: "expire-patch-logs", status: "Enabled", filter: {}, expiration: { days: 120 }, noncurrentVersionExpiration: { noncurrentDays: 120 },
      abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    }]);
    assert.equal(named(resources, "patching-compliance-logs-bucket").inputs.forceDestroy, false);
  });

  it("denies non-TLS access and lets only this account's resource data sync write, under the stack's prefix", () => {
    const bucketArn = `arn:aws:s3:::${BUCKET}`;
    const statements = policyOf(named(resources, "patching-compliance-logs-policy")).Statement;
    assert.equal(statements[0].Resource[0], bucketArn);
    assert.deepEqual(statements, [
      { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: { AWS: "*" }, Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": false } } },
      { Sid: "DataSyncBucketCheck", Effect: "Allow", Principal: { Service: "ssm.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: bucketArn, Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } },
      {
        Sid: "DataSyncDelivery", Effect: "Allow", Principal: { Service: "ssm.amazonaws.com" }, Action: "s3:PutObject",
        Resource: `${bucketArn}/qa/data-sync/*/accountid=${ACCOUNT}/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": ACCOUNT } },
      },
    ]);
  });

  it("lets an organization's accounts sync when asked, on its organization id", async () => {
    const raw = fullCompliance({ dataSync: { enabled: true, organizationId: "o-abc123def456" } });
    const statements = policyOf(named((await buildConfig(raw, "qa")).resources, "patching-compliance-logs-policy")).Statement;
    assert.deepEqual(statements[2].Condition, { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceOrgID": "o-abc123def456" } });
    assert.match(statements[2].Resource, /\/qa\/data-sync\/\*$/);
  });

  it("uses SSE-KMS with a bucket key when given a key, and lets instances use that key", async () => {
    const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const { resources: withKey } = await buildConfig(fullCompliance({ logBucket: { enabled: true, kmsKeyArn: key } }), "qa");
    assert.deepEqual(named(withKey, "patching-compliance-logs-encryption").inputs.rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key }, bucketKeyEnabled: true }]);
    assert.deepEqual(policyOf(named(withKey, "patching-instance-patch-output")).Statement[2], { Sid: "EncryptPatchOutput", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [key] });
    assert.equal(named(withKey, "patching-compliance-data-sync").inputs.s3Destination.kmsKeyArn, key);
  });

  it("writes scan and install output under separate prefixes, and the instance role may write exactly those", () => {
    const task = named(resources, "patching-Patching-Test-install").inputs.taskInvocationParameters.runCommandParameters;
    assert.equal(task.outputS3Bucket, `${BUCKET}`);
    assert.equal(task.outputS3KeyPrefix, "qa/install/");
    assert.deepEqual(policyOf(named(resources, "patching-instance-patch-output")).Statement.slice(0, 2), [
      { Sid: "WritePatchOutput", Effect: "Allow", Action: "s3:PutObject", Resource: [`arn:aws:s3:::${BUCKET}/qa/install/*`, `arn:aws:s3:::${BUCKET}/qa/scan-association/*`] },
      { Sid: "ReadBucketEncryption", Effect: "Allow", Action: "s3:GetEncryptionConfiguration", Resource: [`arn:aws:s3:::${BUCKET}`] },
    ]);
  });

  it("is kept on delete by default in any stage, whatever its name, with the key that encrypts the notifications", async () => {
    const audit = ["patching-compliance-logs-bucket", "patching-compliance-logs-policy", "patching-compliance-logs-versioning", "patching-compliance-command-output", "patching-compliance-notifications-key"];
    const notifying = (extra: Record<string, unknown>, stack: string) =>
      buildConfig({ ...fullCompliance(), ...extra }, stack);
    for (const stack of ["prod", "production", "qa"]) {
      const kept = (await notifying({}, stack)).resources;
      for (const name of audit) assert.equal(named(kept, name).retainOnDelete, true, `${name} retained in ${stack}`);
    }
    const dropped = (await notifying({ retainAuditData: false }, "sandbox")).resources;
    for (const name of audit) assert.equal(named(dropped, name).retainOnDelete, false, `${name} deleted in a stage that says so`);
    assert.equal(named((await buildStackFile("prod")).resources, "patching-compliance-logs-bucket").retainOnDelete, true);
  });

  it("uses an existing bucket instead of creating one", async () => {
    const raw = fullCompliance({ logBucket: { enabled: true, bucketName: "org-central-patch-logs" }, dataSync: { enabled: false } });
    const { resources: own } = await buildConfig(raw, "qa");
    assert.equal(ofType(own, "aws:s3/bucket:Bucket").length, 0);
    assert.equal(named(own, "patching-Patching-Test-install").inputs.taskInvocationParameters.runCommandParameters.outputS3Bucket, "org-central-patch-logs");
    assert.equal(named(own, "patching-compliance-scan").inputs.outputLocation.s3BucketName, "org-central-patch-logs");
  });
});

describe("compliance: CloudWatch Logs output", () => {
  it("creates the stack's log group with its retention and sends task output there", async () => {
    const { resources } = await buildConfig(fullCompliance(), "qa");
    assert.deepEqual(named(resources, "patching-compliance-command-output").inputs, {
      name: "/aws/ssm/qa/patching", retentionInDays: 30, tags: { ManagedBy: "pulumi", Project: "patching", Environment: "qa" },
    });
    assert.deepEqual(named(resources, "patching-Patching-Test-install").inputs.taskInvocationParameters.runCommandParameters.cloudwatchConfig, {
      cloudwatchOutputEnabled: true, cloudwatchLogGroupName: "/aws/ssm/qa/patching",
    });
    const logs = policyOf(named(resources, "patching-instance-patch-output"));
    assert.deepEqual(logs.Statement.slice(2), [{
      Sid: "WriteCommandOutput", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
      Resource: [`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/ssm/qa/patching:*`],
    }]);
  });
});

describe("compliance: notifications", () => {
  let resources: RecordedResource[];
  before(async () => {
    resources = (await buildConfig(fullCompliance(), "qa")).resources;
  });

  it("encrypts the topic with its own rotating key that SNS, EventBridge and SSM may use for this account", () => {
    const key = named(resources, "patching-compliance-notifications-key");
    assert.equal(key.inputs.enableKeyRotation, true);
    assert.deepEqual(policyOf(key).Statement, [
      { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: KEY_ADMIN_ACTIONS, Resource: "*" },
      {
        Sid: "ServicesEncryptNotifications", Effect: "Allow", Principal: { Service: ["events.amazonaws.com", "sns.amazonaws.com", "ssm.amazonaws.com"] },
        Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
      },
    ]);
    assert.equal(named(resources, "patching-compliance-notifications-topic").inputs.kmsMasterKeyId, "arn:aws:kms:us-east-1:123456789012:patching-compliance-notifications-key");
    assert.equal(named(resources, "patching-compliance-notifications-key-alias").inputs.name, "alias/patching-qa-notifications");
  });

  it("lets exactly the non-compliance rule publish, and nobody without TLS", () => {
    const topic = "arn:aws:sns:us-east-1:123456789012:patching-compliance-notifications-topic";
    const statements = policyOf(named(resources, "patching-compliance-notifications-topic-policy")).Statement;
    assert.deepEqual(statements.slice(1), [
      {
        Sid: "NonComplianceRulePublishes", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sns:Publish", Resource: topic,
        Condition: { ArnEquals: { "aws:SourceArn": `arn:aws:events:us-east-1:${ACCOUNT}:rule/${RULE}` } },
      },
      { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: { AWS: "*" }, Action: "sns:Publish", Resource: topic, Condition: { Bool: { "aws:SecureTransport": false } } },
    ]);
    assert.deepEqual(statements[0].Principal, { AWS: `arn:aws:iam::${ACCOUNT}:root` });
  });

  it("subscribes the configured emails", () => {
    assert.deepEqual(ofType(resources, "aws:sns/topicSubscription:TopicSubscription").map((s) => [s.inputs.protocol, s.inputs.endpoint]), [["email", "ops@example.com"]]);
  });

  it("matches patch non-compliance events and sends them to the topic", () => {
    const rule = named(resources, "patching-compliance-non-compliant");
    assert.deepEqual(JSON.parse(rule.inputs.eventPattern), {
      source: ["aws.ssm"], "detail-type": ["Configuration Compliance State Change"],
      detail: { "compliance-type": ["Patch"], "compliance-status": ["non_compliant"] },
    });
    assert.deepEqual(named(resources, "patching-compliance-notifications-non-compliance").inputs, {
      rule: RULE, arn: "arn:aws:sns:us-east-1:123456789012:patching-compliance-notifications-topic",
    });
  });

  it("sends Failed, TimedOut and Cancelled command notifications through the publishing role, which the window role alone may pass", () => {
    const params = named(resources, "patching-Patching-Test-install").inputs.taskInvocationParameters.runCommandParameters;
    const publishRole = "arn:aws:iam:us-east-1:123456789012:patching-compliance-notifications-publish-role";
    assert.deepEqual(params.notificationConfig, {
      notificationArn: "arn:aws:sns:us-east-1:123456789012:patching-compliance-notifications-topic", notificationEvents: ["Failed", "TimedOut", "Cancelled"], notificationType: "Command",
    });
    assert.equal(params.serviceRoleArn, publishRole);
    const pass = policyOf(named(resources, "patching-window-service-policy")).Statement.filter((s: { Action: string }) => s.Action === "iam:PassRole");
    assert.deepEqual(pass, [{ Sid: "PassNotificationRole", Effect: "Allow", Action: "iam:PassRole", Resource: [publishRole], Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } } }]);
    assert.deepEqual(policyOf(named(resources, "patching-compliance-notifications-publish-policy")).Statement, [
      { Sid: "PublishCommandStatus", Effect: "Allow", Action: "sns:Publish", Resource: "arn:aws:sns:us-east-1:123456789012:patching-compliance-notifications-topic" },
      { Sid: "EncryptForTopic", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "arn:aws:kms:us-east-1:123456789012:patching-compliance-notifications-key" },
    ]);
    assert.deepEqual(policyOf(named(resources, "patching-compliance-notifications-publish-role"), "assumeRolePolicy").Statement[0].Condition, { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": `arn:aws:ssm:us-east-1:${ACCOUNT}:*` } });
  });
});

describe("compliance: associations, data sync, remediation, AWS Config", () => {
  let resources: RecordedResource[];
  let outputs: Record<string, unknown>;
  before(async () => {
    const built = await buildConfig(fullCompliance(), "qa");
    resources = built.resources;
    outputs = built.outputs as Record<string, unknown>;
  });

  it("scans the patch groups between windows, never installing", () => {
    assert.deepEqual(named(resources, "patching-compliance-scan").inputs, {
      name: "AWS-RunPatchBaseline", associationName: "patching-qa-scan", scheduleExpression: "rate(12 hours)",
      parameters: { Operation: "Scan", RebootOption: "NoReboot" }, targets: [{ key: "tag:Patch Group", values: ["Test"] }],
      complianceSeverity: "CRITICAL", maxConcurrency: "25%", maxErrors: "5",
      outputLocation: { s3BucketName: `${BUCKET}`, s3KeyPrefix: "qa/scan-association/" },
    });
  });

  it("gathers software inventory on the same targets", () => {
    const inventory = named(resources, "patching-compliance-inventory").inputs;
    assert.equal(inventory.name, "AWS-GatherSoftwareInventory");
    assert.deepEqual(inventory.targets, [{ key: "tag:Patch Group", values: ["Test"] }]);
    assert.equal(inventory.parameters.applications, "Enabled");
    assert.equal(inventory.parameters.windowsUpdates, "Enabled");
  });

  it("syncs to S3 as JsonSerDe under the stack's prefix, ready for Athena", () => {
    assert.deepEqual(named(resources, "patching-compliance-data-sync").inputs, {
      name: "patching-qa",
      s3Destination: { bucketName: `${BUCKET}`, region: "us-east-1", prefix: "qa/data-sync", syncFormat: "JsonSerDe" },
    });
  });

  it("remediates with a Scan runbook on the instance named in the event, each step under its own role", () => {
    const runbook = JSON.parse(named(resources, "patching-compliance-remediation-runbook").inputs.content);
    assert.deepEqual(runbook.mainSteps[0].inputs, {
      DocumentName: "AWS-RunPatchBaseline", InstanceIds: ["{{ InstanceId }}"], Parameters: { Operation: ["Scan"], RebootOption: ["NoReboot"] },
    });
    assert.equal(runbook.parameters.AutomationAssumeRole.default, "arn:aws:iam:us-east-1:123456789012:patching-compliance-remediation-automation-role");
    const target = named(resources, "patching-compliance-remediation-target").inputs;
    const definition = `arn:aws:ssm:us-east-1:${ACCOUNT}:automation-definition/${RUNBOOK}`;
    assert.equal(target.arn, `${definition}:$DEFAULT`);
    assert.deepEqual(target.inputTransformer, { inputPaths: { instance: "$.detail.resource-id" }, inputTemplate: '{"InstanceId":[<instance>]}' });
    assert.deepEqual(policyOf(named(resources, "patching-compliance-remediation-events-policy")).Statement, [
      { Sid: "StartRunbook", Effect: "Allow", Action: "ssm:StartAutomationExecution", Resource: `${definition}:*` },
      {
        Sid: "PassRunbookRole", Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam:us-east-1:123456789012:patching-compliance-remediation-automation-role",
        Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } },
      },
    ]);
    assert.deepEqual(policyOf(named(resources, "patching-compliance-remediation-automation-policy")).Statement[0].Resource, [
      "arn:aws:ssm:us-east-1::document/AWS-RunPatchBaseline", `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/*`, `arn:aws:ssm:us-east-1:${ACCOUNT}:managed-instance/*`,
    ]);
    assert.deepEqual(policyOf(named(resources, "patching-compliance-remediation-events-role"), "assumeRolePolicy").Statement[0].Principal, { Service: "events.amazonaws.com" });
  });

  it("installs from the runbook only when installs outside windows are explicitly allowed", async () => {
    const raw = fullCompliance({ remediation: { enabled: true, operation: "Install", allowInstallOutsideWindows: true } });
    const runbook = JSON.parse(named((await buildConfig(raw, "qa")).resources, "patching-compliance-remediation-runbook").inputs.content);
    assert.deepEqual(runbook.mainSteps[0].inputs.Parameters, { Operation: ["Install"], RebootOption: ["RebootIfNeeded"] });
  });

  it("adds the managed AWS Config rule for patch compliance", () => {
    const rule = named(resources, "patching-compliance-config-rule").inputs;
    assert.deepEqual([rule.name, rule.source, rule.scope], [
      "patching-qa-patch-compliance", { owner: "AWS", sourceIdentifier: "EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK" }, { complianceResourceTypes: ["AWS::SSM::PatchCompliance"] },
    ]);
  });

  it("exports the bucket, log group, topic, association and sync", () => {
    assert.deepEqual(
      [outputs.patchLogBucket, outputs.commandLogGroup, outputs.notificationTopicArn, outputs.scanAssociationIds, outputs.dataSyncName],
      [`${BUCKET}`, "/aws/ssm/qa/patching", "arn:aws:sns:us-east-1:123456789012:patching-compliance-notifications-topic", ["patching-compliance-scan-association-id"], "patching-qa"],
    );
  });

  it("declares nothing of it while it is switched off", async () => {
    const { resources: plain } = await buildConfig(minimalConfig(), "qa");
    assert.deepEqual(plain.filter((r) => r.name.startsWith("patching-compliance-") && r.custom), []);
  });

});

describe("compliance: refused settings name the key", () => {
  const problems = (patch: Record<string, unknown>) => configProblems(fullCompliance(patch), "qa").join("\n");

  it("installs from remediation without the explicit permission", () => {
    assert.match(problems({ remediation: { enabled: true, operation: "Install" } }), /^patching:compliance\.remediation\.operation = "Install": installs outside maintenance windows need remediation\.allowInstallOutsideWindows: true$/m);
  });
  it("a data sync without a bucket", () => {
    assert.match(problems({ logBucket: { enabled: false } }), /^patching:compliance\.dataSync\.enabled = true: the data sync writes to the log bucket; enable compliance\.logBucket$/m);
  });
  it("a bad email, retention, schedule or organization id", () => {
    const text = problems({
      notifications: { enabled: true, emails: ["not-an-address"] },
      logGroup: { enabled: true, retentionInDays: 45 },
      scanAssociation: { enabled: true, schedule: "rate(10 minutes)" },
      dataSync: { enabled: true, organizationId: "org-1" },
    });
    assert.match(text, /patching:compliance\.notifications\.emails\[0\] = "not-an-address": must be an email address/);
    assert.match(text, /patching:compliance\.logGroup\.retentionInDays = 45: must be one of 1, 3, 5/);
    assert.match(text, /patching:compliance\.scanAssociation\.schedule = "rate\(10 minutes\)": State Manager runs at most every 30 minutes/);
    assert.match(text, /patching:compliance\.dataSync\.organizationId = "org-1": must be an AWS Organizations id/);
  });
  it("an unknown compliance part", () => {
    assert.match(problems({ athena: { enabled: true } }), /^patching:compliance\.athena: unknown key/m);
  });
});
