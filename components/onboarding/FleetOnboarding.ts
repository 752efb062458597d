import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import { DefaultHostManagement } from "./DefaultHostManagement";
import { DemoFleet, DemoFleetArgs } from "./DemoFleet";
import { HybridActivation, HybridActivationArgs } from "./HybridActivation";
import { wsusScript } from "./onboardingPolicies";
import { PatchAdminPolicies, PatchAdminPoliciesArgs } from "../iam/PatchAdminPolicies";
import { PatchNowDocument, patchNowDocumentName, PatchNowHooks } from "../patching/PatchNowDocument";
import { reportPrefixes } from "../compliance/reportLocations";
import { stackIdentityTags } from "../scope";
import { PatchGroupTags } from "./PatchGroupTags";
import { onboardingProblems } from "./onboardingProblems";

export { onboardingProblems } from "./onboardingProblems";
import type { AwsScope } from "../scope";
import { PrivateSsmEndpoints, PrivateSsmEndpointsArgs } from "./PrivateSsmEndpoints";
import { DEFAULT_PATCH_GROUP_TAG_KEY, PatchGroupTagKey } from "../names";

type Part<T = object> = { readonly enabled: boolean } & T;

export interface FleetOnboardingArgs {
  readonly scope: pulumi.Input<AwsScope>;
  /** Environment name: activation and association names. */
  readonly environment: string;
  /** @default "Patch Group" */
  readonly patchGroupTagKey?: PatchGroupTagKey;
  /** The instance profile the demo fleet uses. */
  readonly instanceProfileName: pulumi.Input<string>;
  /** Patch-output write policy for the on-premises servers' role. @default none */
  readonly outputPolicy?: pulumi.Input<string>;
  /** On-premises servers; patchGroup and expirationDate are required when enabled. @default disabled */
  readonly hybridActivation?: Part<
    Partial<Pick<HybridActivationArgs, "patchGroup" | "expirationDate" | "registrationLimit" | "description">>
  >;
  /** Default Host Management Configuration for the region. @default disabled */
  readonly defaultHostManagement?: Part;
  /** Instances read their tags from instance metadata (demo fleet). @default false */
  readonly instanceMetadataTags?: boolean;
  /** Existing instances to tag into patch groups: {<group>: [instance ids]}. @default {} */
  readonly tagInstances?: Record<string, readonly string[]>;
  /** VPC endpoints for Systems Manager. @default disabled */
  readonly privateEndpoints?: Part<Omit<PrivateSsmEndpointsArgs, "region" | "tags">>;
  /** Demo Windows instances in the endpoints' subnets. @default disabled */
  readonly demoFleet?: Part<Partial<Pick<DemoFleetArgs, "count" | "instanceType">> & { readonly patchGroup: string }>;
  /**
   * PatchAdministrators and PatchViewers, and the patch-now document administrators may run on
   * `patchGroups`. @default disabled
   */
  readonly adminPolicies?: Part<
    Omit<
      PatchAdminPoliciesArgs,
      "scope" | "stackTags" | "tags" | "patchNowDocumentName" | "patchGroupTagKey" | "overrideObjectsArn"
    > & {
      /** The patch-log bucket patch-now's install-override lists come from. @default - none */
      readonly overrideBucketName?: pulumi.Input<string>;
      /** Hooks the patch-now document runs. @default - none (AWS-RunPatchBaseline) */
      readonly patchNowHooks?: PatchNowHooks;
    }
  >;
  /** Point Windows instances of patchGroups at a WSUS server; serverUrl is required when enabled. @default disabled */
  readonly wsus?: Part<{ readonly serverUrl?: string; readonly patchGroups?: readonly string[] }>;
  /** @default {} */
  readonly tags?: Record<string, string>;
}

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
    const problems = onboardingProblems(args);
    if (problems.length > 0)
      throw new Error(problems.map((p) => `FleetOnboarding: ${p.path.join(".")}: ${p.rule}`).join("\n"));
    super("patching:onboarding:FleetOnboarding", name, {}, opts);
    const parent = { parent: this };
    const tagKey = args.patchGroupTagKey ?? DEFAULT_PATCH_GROUP_TAG_KEY;

    const activation = args.hybridActivation;
    if (activation?.enabled && activation.patchGroup && activation.expirationDate) {
      const hybrid = new HybridActivation(
        `${name}-onprem`,
        {
          scope: args.scope,
          activationName: `patching-${args.environment}-onprem`,
          patchGroup: activation.patchGroup,
          patchGroupTagKey: tagKey,
          registrationLimit: activation.registrationLimit,
          expirationDate: activation.expirationDate,
          description: activation.description,
          extraPolicy: args.outputPolicy,
          tags: args.tags,
        },
        parent,
      );
      this.activationId = hybrid.activationId;
      this.activationCode = hybrid.activationCode;
    }

    if (args.defaultHostManagement?.enabled) {
      new DefaultHostManagement(`${name}-dhmc`, { scope: args.scope, tags: args.tags }, parent);
    }

    if (args.tagInstances && Object.keys(args.tagInstances).length > 0) {
      new PatchGroupTags(`${name}-tags`, { instances: args.tagInstances, tagKey }, parent);
    }

    const e = args.privateEndpoints;
    if (e?.enabled) {
      const endpoints = new PrivateSsmEndpoints(
        `${name}-endpoints`,
        {
          ...e,
          region: pulumi.output(args.scope).region,
          tags: args.tags,
        },
        parent,
      );
      this.vpcId = endpoints.vpcId;
      if (args.demoFleet?.enabled) {
        const fleet = new DemoFleet(
          `${name}-demo`,
          {
            count: args.demoFleet.count,
            instanceType: args.demoFleet.instanceType,
            vpcId: endpoints.vpcId,
            subnetIds: endpoints.subnetIds,
            instanceProfileName: args.instanceProfileName,
            patchGroup: args.demoFleet.patchGroup,
            patchGroupTagKey: tagKey,
            instanceMetadataTags: args.instanceMetadataTags,
            tags: args.tags,
          },
          parent,
        );
        this.demoInstanceIds = fleet.instanceIds;
      }
    }

    if (args.adminPolicies?.enabled) {
      const { overrideBucketName, patchNowHooks, ...admins } = args.adminPolicies;
      const overridePrefix = reportPrefixes(args.environment).patchNow;
      const patchNow = new PatchNowDocument(
        `${name}-patch-now`,
        {
          documentName: patchNowDocumentName(args.environment),
          overrideBucketName,
          overridePrefix,
          hooks: patchNowHooks,
          tags: args.tags,
        },
        parent,
      );
      new PatchAdminPolicies(
        `${name}-admins`,
        {
          scope: args.scope,
          stackTags: stackIdentityTags(args.environment),
          ...admins,
          patchNowDocumentName: patchNow.documentName,
          overrideObjectsArn:
            overrideBucketName &&
            pulumi
              .all([args.scope, overrideBucketName])
              .apply(([scope, bucket]) => `arn:${scope.partition}:s3:::${bucket}/${overridePrefix}*`),
          patchGroupTagKey: tagKey,
          tags: args.tags,
        },
        parent,
      );
    }

    if (args.wsus?.enabled && args.wsus.serverUrl) {
      new aws.ssm.Association(
        `${name}-wsus`,
        {
          name: "AWS-RunPowerShellScript",
          associationName: `patching-${args.environment}-wsus`,
          scheduleExpression: "rate(1 day)",
          parameters: { commands: wsusScript(args.wsus.serverUrl) },
          targets: [{ key: `tag:${tagKey}`, values: [...(args.wsus.patchGroups ?? [])] }],
        },
        parent,
      );
    }

    this.registerOutputs({ vpcId: this.vpcId, demoInstanceIds: this.demoInstanceIds });
  }
}
