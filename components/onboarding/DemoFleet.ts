import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import { DEFAULT_PATCH_GROUP_TAG_KEY, PatchGroupTagKey } from "../names";

/** Public SSM parameter with the latest Windows Server 2022 AMI of the region. */
export const WINDOWS_2022_AMI_PARAMETER = "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base";

export interface DemoFleetArgs {
  /** @default 2 */
  readonly count?: number;
  /** @default "t3.medium" */
  readonly instanceType?: string;
  readonly vpcId: pulumi.Input<string>;
  /** Private subnets the instances are spread over. */
  readonly subnetIds: pulumi.Input<string[]>;
  readonly instanceProfileName: pulumi.Input<string>;
  /** @default "Test" */
  readonly patchGroup?: string;
  /** @default "Patch Group" */
  readonly patchGroupTagKey?: PatchGroupTagKey;
  /** Expose tags in instance metadata. @default false */
  readonly instanceMetadataTags?: boolean;
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * The walkthrough's fleet: Windows Server 2022 instances from the latest public AMI, in private
 * subnets, with the instance profile, IMDSv2 required, an encrypted root volume, and the patch group tag.
 */
export class DemoFleet extends pulumi.ComponentResource {
  public readonly instances: aws.ec2.Instance[];
  public readonly instanceIds: pulumi.Output<string[]>;

  constructor(name: string, args: DemoFleetArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:ec2:DemoFleet", name, {}, opts);
    const parent = { parent: this };
    const ami = aws.ssm.getParameterOutput({ name: WINDOWS_2022_AMI_PARAMETER }, parent).value;

    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: "Demo fleet: no inbound; outbound HTTP/HTTPS for Systems Manager and Windows Update",
        egress: [
          {
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrBlocks: ["0.0.0.0/0"],
            description: "HTTPS: Systems Manager endpoints, S3, Windows Update",
          },
          {
            protocol: "tcp",
            fromPort: 80,
            toPort: 80,
            cidrBlocks: ["0.0.0.0/0"],
            description: "HTTP: Windows Update downloads",
          },
        ],
        tags: args.tags,
      },
      parent,
    );

    const subnets = pulumi.output(args.subnetIds);
    this.instances = Array.from(
      { length: args.count ?? 2 },
      (_, i) =>
        new aws.ec2.Instance(
          `${name}-${i + 1}`,
          {
            ami,
            instanceType: args.instanceType ?? "t3.medium",
            subnetId: subnets.apply((ids) => ids[i % ids.length]),
            vpcSecurityGroupIds: [securityGroup.id],
            iamInstanceProfile: args.instanceProfileName,
            associatePublicIpAddress: false,
            metadataOptions: {
              httpEndpoint: "enabled",
              httpTokens: "required",
              instanceMetadataTags: args.instanceMetadataTags ? "enabled" : "disabled",
            },
            rootBlockDevice: { encrypted: true, volumeType: "gp3", volumeSize: 50 },
            tags: {
              ...args.tags,
              Name: `${name}-${i + 1}`,
              [args.patchGroupTagKey ?? DEFAULT_PATCH_GROUP_TAG_KEY]: args.patchGroup ?? "Test",
            },
          },
          parent,
        ),
    );

    this.instanceIds = pulumi.all(this.instances.map((instance) => instance.id));
    this.registerOutputs({ instanceIds: this.instanceIds });
  }
}
