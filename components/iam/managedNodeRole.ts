import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import { managedPolicyArn } from "./policies";

export interface ManagedNodeRoleArgs {
  readonly partition: pulumi.Input<string>;
  readonly roleName?: string;
  readonly description: string;
  readonly assumeRolePolicy: pulumi.Input<string>;
  readonly permissionsBoundaryArn?: string;
  /** Where the nodes may write patch output (and read override lists), as JSON. @default none */
  readonly outputPolicy?: pulumi.Input<string>;
  readonly tags?: Record<string, string>;
}

/**
 * The role a managed node runs as, EC2 instance or on-premises server alike: AmazonSSMManagedInstanceCore
 * and the stack's patch-output policy. Its children are named `<name>-role`, `<name>-ssm-core` and
 * `<name>-patch-output` under the calling component, as both components first named them.
 */
export function managedNodeRole(name: string, args: ManagedNodeRoleArgs, parent: pulumi.Resource) {
  const role = new aws.iam.Role(
    `${name}-role`,
    {
      name: args.roleName,
      description: args.description,
      assumeRolePolicy: args.assumeRolePolicy,
      permissionsBoundary: args.permissionsBoundaryArn,
      tags: args.tags,
    },
    { parent },
  );
  const core = new aws.iam.RolePolicyAttachment(
    `${name}-ssm-core`,
    {
      role: role.name,
      policyArn: pulumi.output(args.partition).apply((p) => managedPolicyArn(p, "AmazonSSMManagedInstanceCore")),
    },
    { parent },
  );
  if (args.outputPolicy !== undefined)
    new aws.iam.RolePolicy(`${name}-patch-output`, { role: role.name, policy: args.outputPolicy }, { parent });
  return { role, core };
}
