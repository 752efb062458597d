import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import type { AwsScope } from "../scope";
import { ec2TrustPolicy } from "./policies";
import { managedNodeRole } from "./managedNodeRole";

export interface InstanceRoleArgs {
  /** Partition, region and account for ARNs. */
  readonly scope: pulumi.Input<AwsScope>;
  /**
   * Role and instance profile name, e.g. the walkthrough's `EC2-SSMCore`. @default - a unique name generated from the
   * component name
   */
  readonly roleName?: string;
  /** Managed policies attached besides AmazonSSMManagedInstanceCore. @default [] */
  readonly managedPolicyArns?: readonly string[];
  /** Permissions boundary applied to the role. @default none */
  readonly permissionsBoundaryArn?: string;
  /** A policy (JSON) with where instances may write patch output, e.g. the stack's output locations. @default none */
  readonly outputPolicy?: pulumi.Input<string>;
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * The resource name of each managed policy's attachment: `<name>-<policy name>`, as the first
 * release named them. Two policies of one name (e.g. `policy/X` and `policy/service-role/X`) would
 * collide, so those get a hash of their whole ARN too, and the first keeps its old name as an alias.
 */
export function policyAttachmentNames(name: string, arns: readonly string[]) {
  const last = (arn: string) => arn.split("/").pop()!;
  return arns.map((arn, i) => {
    const plain = `${name}-${last(arn)}`;
    const shared = arns.filter((a) => last(a) === last(arn)).length > 1;
    if (!shared) return { arn, resourceName: plain };
    const first = arns.findIndex((a) => last(a) === last(arn)) === i;
    return { arn, resourceName: `${plain}-${hash(arn)}`, ...(first ? { formerName: plain } : {}) };
  });
}

const hash = (value: string) => createHash("sha256").update(value, "utf8").digest("hex").slice(0, 8);

/**
 * The EC2 instance role and profile that make an instance a managed node: trusted by EC2,
 * AmazonSSMManagedInstanceCore, plus write access to exactly the stack's patch-output locations.
 */
export class InstanceRole extends pulumi.ComponentResource {
  public readonly role: aws.iam.Role;
  public readonly instanceProfile: aws.iam.InstanceProfile;
  public readonly roleName: pulumi.Output<string>;
  public readonly roleArn: pulumi.Output<string>;
  public readonly instanceProfileName: pulumi.Output<string>;
  /** The patch-output write policy (JSON), for other roles of managed nodes such as the hybrid activation's. */

  constructor(name: string, args: InstanceRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:iam:InstanceRole", name, {}, opts);
    const parent = { parent: this };

    this.role = managedNodeRole(
      name,
      {
        partition: pulumi.output(args.scope).partition,
        roleName: args.roleName,
        description: "EC2 instances managed by Systems Manager Patch Manager",
        assumeRolePolicy: JSON.stringify(ec2TrustPolicy()),
        permissionsBoundaryArn: args.permissionsBoundaryArn,
        outputPolicy: args.outputPolicy,
        tags: args.tags,
      },
      this,
    ).role;
    for (const { arn, resourceName, formerName } of policyAttachmentNames(name, args.managedPolicyArns ?? [])) {
      new aws.iam.RolePolicyAttachment(
        resourceName,
        { role: this.role.name, policyArn: arn },
        { ...parent, aliases: formerName ? [{ name: formerName }] : [] },
      );
    }

    this.instanceProfile = new aws.iam.InstanceProfile(
      `${name}-profile`,
      {
        name: args.roleName,
        role: this.role.name,
        tags: args.tags,
      },
      parent,
    );

    this.roleName = this.role.name;
    this.roleArn = this.role.arn;
    this.instanceProfileName = this.instanceProfile.name;
    this.registerOutputs({
      roleName: this.roleName,
      roleArn: this.roleArn,
      instanceProfileName: this.instanceProfileName,
    });
  }
}
