import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import { activationTrustPolicy } from "./onboardingPolicies";
import type { AwsScope } from "../scope";
import { managedNodeRole } from "../iam/managedNodeRole";
import { DEFAULT_PATCH_GROUP_TAG_KEY, PatchGroupTagKey } from "../names";

export interface HybridActivationArgs {
  readonly scope: pulumi.Input<AwsScope>;
  /** Name of the activation. */
  readonly activationName: string;
  /** Patch group the registered servers join, through the activation's tags. */
  readonly patchGroup: string;
  /** @default "Patch Group" */
  readonly patchGroupTagKey?: PatchGroupTagKey;
  /**
   * Servers that may register. Always set: without it the provider replaces the activation on every update. @default
   * 10
   */
  readonly registrationLimit?: number;
  /** Explicit ISO-8601 expiry, at most 30 days after creation; never computed from the clock, so it cannot drift. */
  readonly expirationDate: string;
  /** @default "On-premises servers for patch group <patchGroup>" */
  readonly description?: string;
  /** Extra inline policy for the servers' role (patch-log writes), as JSON. @default none */
  readonly extraPolicy?: pulumi.Input<string>;
  /** Tags of the servers' role. The activation itself carries only the patch group tag. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * Registers on-premises servers as managed nodes: a service role trusted by SSM for this account
 * only, with AmazonSSMManagedInstanceCore, and an activation whose tags put them in their patch group.
 * The activation id and code are secrets, and the code is stored encrypted in the state too.
 */
export class HybridActivation extends pulumi.ComponentResource {
  public readonly activation: aws.ssm.Activation;
  public readonly role: aws.iam.Role;
  public readonly activationId: pulumi.Output<string>;
  public readonly activationCode: pulumi.Output<string>;

  constructor(name: string, args: HybridActivationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:ssm:HybridActivation", name, {}, opts);
    const parent = { parent: this };
    const scope = pulumi.output(args.scope);

    const { role, core } = managedNodeRole(
      name,
      {
        partition: scope.partition,
        description: `On-premises servers registered by activation ${args.activationName}`,
        assumeRolePolicy: scope.apply((s) => JSON.stringify(activationTrustPolicy(s))),
        outputPolicy: args.extraPolicy,
        tags: args.tags,
      },
      this,
    );
    this.role = role;

    this.activation = new aws.ssm.Activation(
      `${name}-activation`,
      {
        name: args.activationName,
        description: args.description ?? `On-premises servers for patch group ${args.patchGroup}`,
        iamRole: this.role.name,
        registrationLimit: args.registrationLimit ?? 10,
        expirationDate: args.expirationDate,
        // Every Activation argument forces a replacement, and a replacement invalidates the code
        // every server still to register holds: so only the patch group tag, never the stack's tags.
        tags: { [args.patchGroupTagKey ?? DEFAULT_PATCH_GROUP_TAG_KEY]: args.patchGroup },
      },
      { ...parent, dependsOn: [core], additionalSecretOutputs: ["activationCode"] },
    );

    this.activationId = pulumi.secret(this.activation.id);
    this.activationCode = pulumi.secret(this.activation.activationCode);
    this.registerOutputs({ activationId: this.activationId, activationCode: this.activationCode });
  }
}
