import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import { patchAdministratorsPolicy, patchViewersPolicy } from "./adminPolicies";
import type { AwsScope } from "../scope";
import { DEFAULT_PATCH_GROUP_TAG_KEY } from "../names";

export interface PatchAdminPoliciesArgs {
  readonly scope: pulumi.Input<AwsScope>;
  /** The tags that mark this stack's baselines and windows: administrators change only those. */
  readonly stackTags: Record<string, string>;
  /** Customer-managed policy names are unique per account. @default "PatchAdministrators" */
  readonly administratorsPolicyName?: string;
  /** @default "PatchViewers" */
  readonly viewersPolicyName?: string;
  /** The stack's patch-now document, the one document administrators may run. @default - none may be run */
  readonly patchNowDocumentName?: pulumi.Input<string>;
  /** Where patch-now puts install-override lists (`arn:…:s3:::bucket/prefix/*`). @default - none may be put */
  readonly overrideObjectsArn?: pulumi.Input<string>;
  /** The KMS key of that bucket. @default - none (SSE-S3) */
  readonly overrideKmsKeyArn?: string;
  /** The stack's patch groups: patch-now reaches only instances tagged with one. @default [] */
  readonly patchGroups?: readonly string[];
  /** @default "Patch Group" */
  readonly patchGroupTagKey?: string;
  /**
   * Let administrators change this stack's baselines and windows outside `pulumi up`: drift, which
   * the next `up` reverts, and a baseline's Sources or a window's targets are powerful. @default false
   */
  readonly consoleWrites?: boolean;
  /** IAM groups that get PatchAdministrators. @default [] */
  readonly administratorGroups?: readonly string[];
  /** IAM roles that get PatchAdministrators. @default [] */
  readonly administratorRoles?: readonly string[];
  /** IAM groups that get PatchViewers. @default [] */
  readonly viewerGroups?: readonly string[];
  /** IAM roles that get PatchViewers. @default [] */
  readonly viewerRoles?: readonly string[];
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/** Patch Manager permissions for people: PatchAdministrators and PatchViewers, attached where configured. */
export class PatchAdminPolicies extends pulumi.ComponentResource {
  public readonly administrators: aws.iam.Policy;
  public readonly viewers: aws.iam.Policy;

  constructor(name: string, args: PatchAdminPoliciesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:iam:PatchAdminPolicies", name, {}, opts);
    const parent = { parent: this };

    this.administrators = new aws.iam.Policy(
      `${name}-administrators`,
      {
        name: args.administratorsPolicyName ?? "PatchAdministrators",
        description: "Run this stack's patch-now document on its patch groups; read compliance; follow commands",
        policy: pulumi
          .all([args.scope, args.patchNowDocumentName, args.overrideObjectsArn])
          .apply(([scope, documentName, overrideObjectsArn]) =>
            JSON.stringify(
              patchAdministratorsPolicy(scope, args.stackTags, {
                documentName,
                overrideObjectsArn,
                overrideKmsKeyArn: args.overrideKmsKeyArn,
                patchGroups: args.patchGroups ?? [],
                patchGroupTagKey: args.patchGroupTagKey ?? DEFAULT_PATCH_GROUP_TAG_KEY,
                consoleWrites: args.consoleWrites,
              }),
            ),
          ),
        tags: args.tags,
      },
      parent,
    );
    this.viewers = new aws.iam.Policy(
      `${name}-viewers`,
      {
        name: args.viewersPolicyName ?? "PatchViewers",
        description: "Read patch compliance and patch state",
        policy: JSON.stringify(patchViewersPolicy()),
        tags: args.tags,
      },
      parent,
    );

    const attach = (
      policy: aws.iam.Policy,
      kind: string,
      groups: readonly string[] = [],
      roles: readonly string[] = [],
    ) => {
      for (const group of groups)
        new aws.iam.GroupPolicyAttachment(`${name}-${kind}-group-${group}`, { group, policyArn: policy.arn }, parent);
      for (const role of roles)
        new aws.iam.RolePolicyAttachment(`${name}-${kind}-role-${role}`, { role, policyArn: policy.arn }, parent);
    };
    attach(this.administrators, "administrators", args.administratorGroups, args.administratorRoles);
    attach(this.viewers, "viewers", args.viewerGroups, args.viewerRoles);

    this.registerOutputs({ administratorsPolicyArn: this.administrators.arn, viewersPolicyArn: this.viewers.arn });
  }
}
