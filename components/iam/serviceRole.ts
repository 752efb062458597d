import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import type { AwsScope } from "../scope";
import { PolicyDocument, serviceTrustPolicy } from "./policies";

export interface ServiceRoleArgs {
  /** The service that assumes the role, for this account only, e.g. ssm.amazonaws.com. */
  readonly service: string;
  readonly scope: pulumi.Input<AwsScope>;
  /** The resources the service acts for (`aws:SourceArn`, ArnLike), e.g. an EventBridge rule's ARN. */
  readonly sourceArn: pulumi.Input<string>;
  readonly description: string;
  /** The role's one inline policy. */
  readonly policy: pulumi.Input<PolicyDocument>;
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * A role a service assumes on this account's behalf (`aws:SourceAccount` and `aws:SourceArn`), with exactly one inline
 * policy: `<prefix>-role` and `<prefix>-policy`, children of `parent`.
 */
export function serviceRole(prefix: string, args: ServiceRoleArgs, parent: pulumi.Resource): aws.iam.Role {
  const role = new aws.iam.Role(
    `${prefix}-role`,
    {
      description: args.description,
      assumeRolePolicy: pulumi
        .all([args.scope, args.sourceArn])
        .apply(([s, source]) => JSON.stringify(serviceTrustPolicy(args.service, s.accountId, source))),
      tags: args.tags,
    },
    { parent },
  );
  new aws.iam.RolePolicy(
    `${prefix}-policy`,
    {
      role: role.name,
      policy: pulumi.output(args.policy).apply((doc) => JSON.stringify(doc)),
    },
    { parent },
  );
  return role;
}
