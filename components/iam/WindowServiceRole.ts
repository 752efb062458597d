import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import type { AwsScope } from "../scope";
import { ssmSourceArn, windowServicePolicy } from "./policies";
import { serviceRole } from "./serviceRole";

export interface WindowServiceRoleArgs {
  /** Partition, region and account for ARNs and the trust condition. */
  readonly scope: pulumi.Input<AwsScope>;
  /** Documents the tasks send. @default ["AWS-RunPatchBaseline"] */
  readonly documents?: readonly string[];
  /** Whether windows target resource groups. @default false */
  readonly resourceGroupTargets?: boolean;
  /** The only roles the windows may pass to SSM (e.g. the SNS publishing role). @default [] */
  readonly passRoleArns?: pulumi.Input<pulumi.Input<string>[]>;
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * The role maintenance window tasks run under. Created by the stack instead of relying on the
 * service-linked role, so that what a window may do is written down and reviewable.
 */
export class WindowServiceRole extends pulumi.ComponentResource {
  public readonly role: aws.iam.Role;
  public readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: WindowServiceRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:iam:WindowServiceRole", name, {}, opts);

    this.role = serviceRole(
      name,
      {
        service: "ssm.amazonaws.com",
        scope: args.scope,
        sourceArn: pulumi.output(args.scope).apply(ssmSourceArn),
        description: "Runs Patch Manager maintenance window tasks",
        policy: pulumi.all([args.scope, pulumi.output(args.passRoleArns ?? [])]).apply(([s, passRoleArns]) =>
          windowServicePolicy(s, {
            documents: args.documents ?? ["AWS-RunPatchBaseline"],
            resourceGroupTargets: args.resourceGroupTargets ?? false,
            passRoleArns,
          }),
        ),
        tags: args.tags,
      },
      this,
    );

    this.roleArn = this.role.arn;
    this.registerOutputs({ roleArn: this.roleArn });
  }
}
