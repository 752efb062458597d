import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { OnboardingConfig } from "../../config/schema";
import { DefaultHostManagement } from "./DefaultHostManagement";
import { DemoFleet } from "./DemoFleet";
import { HybridActivation } from "./HybridActivation";
import { wsusScript } from "./onboardingPolicies";
import { PatchAdminPolicies } from "../iam/PatchAdminPolicies";
import { stackIdentityTags } from "../scope";
import { PatchGroupTags } from "./PatchGroupTags";
import { AwsScope } from "../iam/policies";
import { PrivateSsmEndpoints } from "./PrivateSsmEndpoints";

export type FleetOnboardingArgs = OnboardingConfig & {
  readonly scope: pulumi.Input<AwsScope>;
  readonly environment: string;
  /** @default "Patch Group" */
  readonly patchGroupTagKey?: "Patch Group" | "PatchGroup";
  /** The instance profile the demo fleet uses. */
  readonly instanceProfileName: pulumi.Input<string>;
  /** Patch-output write policy for the on-premises servers' role. @default none */
  readonly outputPolicy?: pulumi.Input<string>;
  /** @default {} */
  readonly tags?: Record<string, string>;
};

/**
 * How servers become managed nodes in their patch groups, and who may run patching: each part
 * switched on by config.
 */
export class FleetOnboarding extends pulumi.ComponentResource {
  public readonly activationId?: pulumi.Output<string>;
  public readonly activationCode?: pulumi.Output<string>;
  public readonly vpcId?: pulumi.Output<string>;
  public readonly demoInstanceIds?: pulumi.Output<string[]>;

  constructor(name: string, args: FleetOnboardingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:onboarding:FleetOnboarding", name, {}, opts);
    const parent = { parent: this };
    const tagKey = args.patchGroupTagKey ?? "Patch Group";

    const activation = args.hybridActivation;
    if (activation.enabled && activation.patchGroup && activation.expirationDate) {
      const hybrid = new HybridActivation(`${name}-onprem`, {
        scope: args.scope,
        activationName: `patching-${args.environment}-onprem`,
        patchGroup: activation.patchGroup,
        patchGroupTagKey: tagKey,
        registrationLimit: activation.registrationLimit,
        expirationDate: activation.expirationDate,
        description: activation.description,
        extraPolicy: args.outputPolicy,
        tags: args.tags,
      }, parent);
      this.activationId = hybrid.activationId;
      this.activationCode = hybrid.activationCode;
    }

    if (args.defaultHostManagement.enabled) {
      new DefaultHostManagement(`${name}-dhmc`, { scope: args.scope, tags: args.tags }, parent);
    }

    if (Object.keys(args.tagInstances).length > 0) {
      new PatchGroupTags(`${name}-tags`, { instances: args.tagInstances, tagKey }, parent);
    }

    const e = args.privateEndpoints;
    if (e.enabled) {
      const endpoints = new PrivateSsmEndpoints(`${name}-endpoints`, {
        ...e,
        region: pulumi.output(args.scope).region,
        tags: args.tags,
      }, parent);
      this.vpcId = endpoints.vpcId;
      if (args.demoFleet.enabled) {
        const fleet = new DemoFleet(`${name}-demo`, {
          count: args.demoFleet.count,
          instanceType: args.demoFleet.instanceType,
          vpcId: endpoints.vpcId,
          subnetIds: endpoints.subnetIds,
          instanceProfileName: args.instanceProfileName,
          patchGroup: args.demoFleet.patchGroup,
          patchGroupTagKey: tagKey,
          instanceMetadataTags: args.instanceMetadataTags,
          tags: args.tags,
        }, parent);
        this.demoInstanceIds = fleet.instanceIds;
      }
    }

    if (args.adminPolicies.enabled) {
      new PatchAdminPolicies(`${name}-admins`, { scope: args.scope, stackTags: stackIdentityTags(args.environment), ...args.adminPolicies, tags: args.tags }, parent);
    }

    if (args.wsus.enabled && args.wsus.serverUrl) {
      new aws.ssm.Association(`${name}-wsus`, {
        name: "AWS-RunPowerShellScript",
        associationName: `patching-${args.environment}-wsus`,
        scheduleExpression: "rate(1 day)",
        parameters: { commands: wsusScript(args.wsus.serverUrl) },
        targets: [{ key: `tag:${tagKey}`, values: [...args.wsus.patchGroups] }],
      }, parent);
    }

    this.registerOutputs({ vpcId: this.vpcId, demoInstanceIds: this.demoInstanceIds });
  }
}
