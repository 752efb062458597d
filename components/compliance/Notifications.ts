import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import { notificationKeyPolicy, notificationPublishPolicy, notificationTopicPolicy } from "./compliancePolicies";
import type { AwsScope } from "../scope";
import { ssmSourceArn } from "../iam/policies";
import { serviceRole } from "../iam/serviceRole";

export interface NotificationsArgs {
  readonly scope: pulumi.Input<AwsScope>;
  /** Email addresses subscribed to the topic; each confirms by mail. @default [] */
  readonly emails?: readonly string[];
  /** KMS alias of the topic key; aliases are unique per account and region. @default alias/<name> */
  readonly keyAlias?: string;
  /** Keep the key when it is deleted: without it, encrypted messages and audit copies cannot be read. @default false */
  readonly retainKey?: boolean;
  /** EventBridge rule allowed to publish (the non-compliance rule). @default none */
  readonly nonComplianceRule?: aws.cloudwatch.EventRule;
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * The stack's SNS topic, encrypted with its own KMS key, with email subscriptions, the role SSM
 * assumes to publish command notifications, and (optionally) the non-compliance rule as a publisher.
 */
export class Notifications extends pulumi.ComponentResource {
  public readonly key: aws.kms.Key;
  public readonly topic: aws.sns.Topic;
  public readonly publishRole: aws.iam.Role;
  public readonly topicArn: pulumi.Output<string>;
  public readonly publishRoleArn: pulumi.Output<string>;

  constructor(name: string, args: NotificationsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:sns:Notifications", name, {}, opts);
    const parent = { parent: this };
    const scope = pulumi.output(args.scope);

    this.key = new aws.kms.Key(
      `${name}-key`,
      {
        description: "Encrypts the patching notifications topic",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: scope.apply((s) => JSON.stringify(notificationKeyPolicy(s))),
        tags: args.tags,
      },
      { ...parent, retainOnDelete: args.retainKey ?? false },
    );
    new aws.kms.Alias(
      `${name}-key-alias`,
      { name: args.keyAlias ?? `alias/${name}`, targetKeyId: this.key.keyId },
      parent,
    );

    this.topic = new aws.sns.Topic(`${name}-topic`, { kmsMasterKeyId: this.key.arn, tags: args.tags }, parent);
    new aws.sns.TopicPolicy(
      `${name}-topic-policy`,
      {
        arn: this.topic.arn,
        policy: pulumi
          .all([this.topic.arn, scope, args.nonComplianceRule?.arn])
          .apply(([topicArn, s, ruleArn]) => JSON.stringify(notificationTopicPolicy(topicArn, s, ruleArn))),
      },
      parent,
    );
    for (const email of args.emails ?? []) {
      new aws.sns.TopicSubscription(
        `${name}-email-${email.replace(/[^A-Za-z0-9]+/g, "-")}`,
        { topic: this.topic.arn, protocol: "email", endpoint: email },
        parent,
      );
    }

    this.publishRole = serviceRole(
      `${name}-publish`,
      {
        service: "ssm.amazonaws.com",
        scope: args.scope,
        sourceArn: scope.apply(ssmSourceArn),
        description: "Assumed by Systems Manager to send patch command notifications",
        policy: pulumi
          .all([this.topic.arn, this.key.arn])
          .apply(([topicArn, keyArn]) => notificationPublishPolicy(topicArn, keyArn)),
        tags: args.tags,
      },
      this,
    );

    if (args.nonComplianceRule) {
      new aws.cloudwatch.EventTarget(
        `${name}-non-compliance`,
        { rule: args.nonComplianceRule.name, arn: this.topic.arn },
        parent,
      );
    }

    this.topicArn = this.topic.arn;
    this.publishRoleArn = this.publishRole.arn;
    this.registerOutputs({ topicArn: this.topicArn, publishRoleArn: this.publishRoleArn });
  }
}
