import { strict as assert } from "assert";
import { KEY_ADMIN_ACTIONS } from "../components/compliance/compliancePolicies";
import { RecordedResource } from "../offline/recordingRuntime";
import { buildConfig, named, ofType } from "./helpers/run";
import { ACCOUNT, RULE, policyOf, fullCompliance } from "./helpers/compliance";

describe("compliance: notifications", () => {
  let resources: RecordedResource[];
  before(async () => {
    resources = (await buildConfig(fullCompliance(), "qa")).resources;
  });

  it("encrypts the topic with its own rotating key that SNS, EventBridge and SSM may use for this account", () => {
    const key = named(resources, "patching-compliance-notifications-key");
    assert.equal(key.inputs.enableKeyRotation, true);
    assert.deepEqual(policyOf(key).Statement, [
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: KEY_ADMIN_ACTIONS,
        Resource: "*",
      },
      {
        Sid: "ServicesEncryptNotifications",
        Effect: "Allow",
        Principal: { Service: ["events.amazonaws.com", "sns.amazonaws.com", "ssm.amazonaws.com"] },
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
      },
    ]);
    assert.equal(
      named(resources, "patching-compliance-notifications-topic").inputs.kmsMasterKeyId,
      "arn:aws:kms:us-east-1:123456789012:patching-compliance-notifications-key",
    );
    assert.equal(
      named(resources, "patching-compliance-notifications-key-alias").inputs.name,
      "alias/patching-qa-notifications",
    );
  });

  it("lets exactly the non-compliance rule publish, and nobody without TLS", () => {
    const topic = "arn:aws:sns:us-east-1:123456789012:patching-compliance-notifications-topic";
    const statements = policyOf(named(resources, "patching-compliance-notifications-topic-policy")).Statement;
    assert.deepEqual(statements.slice(1), [
      {
        Sid: "NonComplianceRulePublishes",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sns:Publish",
        Resource: topic,
        Condition: { ArnEquals: { "aws:SourceArn": `arn:aws:events:us-east-1:${ACCOUNT}:rule/${RULE}` } },
      },
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: "sns:Publish",
        Resource: topic,
        Condition: { Bool: { "aws:SecureTransport": false } },
      },
    ]);
    assert.deepEqual(statements[0].Principal, { AWS: `arn:aws:iam::${ACCOUNT}:root` });
  });

  it("subscribes the configured emails", () => {
    assert.deepEqual(
      ofType(resources, "aws:sns/topicSubscription:TopicSubscription").map((s) => [
        s.inputs.protocol,
        s.inputs.endpoint,
      ]),
      [["email", "ops@example.com"]],
    );
  });

  it("matches patch non-compliance events and sends them to the topic", () => {
    const rule = named(resources, "patching-compliance-non-compliant");
    assert.deepEqual(JSON.parse(rule.inputs.eventPattern), {
      source: ["aws.ssm"],
      "detail-type": ["Configuration Compliance State Change"],
      detail: { "compliance-type": ["Patch"], "compliance-status": ["non_compliant"] },
    });
    assert.deepEqual(named(resources, "patching-compliance-notifications-non-compliance").inputs, {
      rule: RULE,
      arn: "arn:aws:sns:us-east-1:123456789012:patching-compliance-notifications-topic",
    });
  });

  it("sends Failed, TimedOut and Cancelled command notifications through the publishing role, which the window role alone may pass", () => {
    const params = named(resources, "patching-Patching-Test-install").inputs.taskInvocationParameters
      .runCommandParameters;
    const publishRole = "arn:aws:iam:us-east-1:123456789012:patching-compliance-notifications-publish-role";
    assert.deepEqual(params.notificationConfig, {
      notificationArn: "arn:aws:sns:us-east-1:123456789012:patching-compliance-notifications-topic",
      notificationEvents: ["Failed", "TimedOut", "Cancelled"],
      notificationType: "Command",
    });
    assert.equal(params.serviceRoleArn, publishRole);
    const pass = policyOf(named(resources, "patching-window-service-policy")).Statement.filter(
      (s: { Action: string }) => s.Action === "iam:PassRole",
    );
    assert.deepEqual(pass, [
      {
        Sid: "PassNotificationRole",
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: [publishRole],
        Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } },
      },
    ]);
    assert.deepEqual(policyOf(named(resources, "patching-compliance-notifications-publish-policy")).Statement, [
      {
        Sid: "PublishCommandStatus",
        Effect: "Allow",
        Action: "sns:Publish",
        Resource: "arn:aws:sns:us-east-1:123456789012:patching-compliance-notifications-topic",
      },
      {
        Sid: "EncryptForTopic",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: "arn:aws:kms:us-east-1:123456789012:patching-compliance-notifications-key",
      },
    ]);
    assert.deepEqual(
      policyOf(named(resources, "patching-compliance-notifications-publish-role"), "assumeRolePolicy").Statement[0]
        .Condition,
      {
        StringEquals: { "aws:SourceAccount": ACCOUNT },
        ArnLike: { "aws:SourceArn": `arn:aws:ssm:us-east-1:${ACCOUNT}:*` },
      },
    );
  });
});
