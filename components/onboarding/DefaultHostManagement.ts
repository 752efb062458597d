import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import type { AwsScope } from "../scope";
import { managedPolicyArn, serviceTrustPolicy, ssmSourceArn } from "../iam/policies";

export interface DefaultHostManagementArgs {
  readonly scope: pulumi.Input<AwsScope>;
  /** Name of the role SSM assumes for every EC2 instance of the region. @default - generated */
  readonly roleName?: string;
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/** The service setting ID of Default Host Management Configuration in this region. */
export function dhmcSettingId(scope: AwsScope): string {
  return `arn:${scope.partition}:ssm:${scope.region}:${scope.accountId}:servicesetting/ssm/managed-instance/default-ec2-instance-management-role`;
}

/**
 * Default Host Management Configuration: EC2 instances (IMDSv2, SSM Agent 3.2.582.0 or later)
 * become managed nodes without an instance profile, through a role SSM assumes for them.
 */
export class DefaultHostManagement extends pulumi.ComponentResource {
  public readonly role: aws.iam.Role;
  public readonly roleName: pulumi.Output<string>;

  constructor(name: string, args: DefaultHostManagementArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:ssm:DefaultHostManagement", name, {}, opts);
    const parent = { parent: this };
    const scope = pulumi.output(args.scope);

    this.role = new aws.iam.Role(
      `${name}-role`,
      {
        name: args.roleName,
        description: "Default Host Management Configuration: makes EC2 instances managed nodes",
        assumeRolePolicy: scope.apply((s) =>
          JSON.stringify(serviceTrustPolicy("ssm.amazonaws.com", s.accountId, ssmSourceArn(s))),
        ),
        tags: args.tags,
      },
      parent,
    );
    const policy = new aws.iam.RolePolicyAttachment(
      `${name}-policy`,
      {
        role: this.role.name,
        policyArn: scope.apply((s) => managedPolicyArn(s.partition, "AmazonSSMManagedEC2InstanceDefaultPolicy")),
      },
      parent,
    );
    new aws.ssm.ServiceSetting(
      `${name}-setting`,
      {
        settingId: scope.apply(dhmcSettingId),
        settingValue: this.role.name,
      },
      { ...parent, dependsOn: [policy] },
    );

    this.roleName = this.role.name;
    this.registerOutputs({ roleName: this.roleName });
  }
}
