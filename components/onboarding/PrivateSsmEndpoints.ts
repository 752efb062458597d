import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";

export interface PrivateSsmEndpointsArgs {
  /** Existing VPC; a new awsx VPC with private subnets when absent. @default - a new VPC */
  readonly vpcId?: string;
  /** Subnets for the interface endpoints (existing VPC). @default - the new VPC's private subnets */
  readonly subnetIds?: readonly string[];
  /** Route tables for the S3 gateway endpoint. @default - every route table of the VPC */
  readonly routeTableIds?: readonly string[];
  /** CIDR of the new VPC. @default "10.80.0.0/16" */
  readonly newVpcCidr?: string;
  /** @default 2 */
  readonly availabilityZones?: number;
  /** "None" makes isolated subnets; "Single" adds one NAT gateway. @default "None" */
  readonly natGateway?: "None" | "Single";
  /** Also a kms endpoint. @default false */
  readonly includeKms?: boolean;
  /** Also a logs endpoint, for CloudWatch output. @default false */
  readonly includeLogs?: boolean;
  readonly region: pulumi.Input<string>;
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * The part of `@pulumi/awsx/ec2` this component uses. awsx's own declarations import the index of
 * @pulumi/aws, which made every compile of the project read 2,700 more declaration files (`npm run
 * build`: 16.8 s against 12.5 s); tests/onboarding-endpoints.test.ts checks awsx's module against it.
 */
export interface AwsxEc2 {
  readonly Vpc: new (
    name: string,
    args: {
      cidrBlock: string;
      numberOfAvailabilityZones: number;
      enableDnsHostnames: boolean;
      enableDnsSupport: boolean;
      subnetSpecs: { type: "Isolated" | "Private" | "Public" }[];
      natGateways: { strategy: "None" | "Single" };
      tags?: Record<string, string>;
    },
    opts: pulumi.ComponentResourceOptions,
  ) => {
    readonly vpcId: pulumi.Output<string>;
    readonly isolatedSubnetIds: pulumi.Output<string[]>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
  };
}

/** Interface endpoints Systems Manager needs, plus the optional ones. */
export function endpointServices(args: Pick<PrivateSsmEndpointsArgs, "includeKms" | "includeLogs">): string[] {
  return [
    "ssm",
    "ssmmessages",
    "ec2messages",
    ...(args.includeKms ? ["kms"] : []),
    ...(args.includeLogs ? ["logs"] : []),
  ];
}

/**
 * Keeps instances without internet access reachable by Systems Manager: interface endpoints for
 * ssm, ssmmessages and ec2messages (and kms, logs), an S3 gateway endpoint for patch downloads and
 * logs, and a security group that admits HTTPS from the VPC only.
 */
export class PrivateSsmEndpoints extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  public readonly subnetIds: pulumi.Output<string[]>;
  public readonly vpcCidr: pulumi.Output<string>;
  public readonly securityGroup: aws.ec2.SecurityGroup;

  constructor(name: string, args: PrivateSsmEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:ec2:PrivateSsmEndpoints", name, {}, opts);
    const parent = { parent: this };

    if (args.vpcId) {
      this.vpcId = pulumi.output(args.vpcId);
      this.subnetIds = pulumi.output([...(args.subnetIds ?? [])]);
      this.vpcCidr = aws.ec2.getVpcOutput({ id: args.vpcId }, parent).cidrBlock;
    } else {
      const isolated = (args.natGateway ?? "None") === "None";
      // Loaded only for a new VPC, and only awsx's ec2 module (about 1 ms): the package's index also loads
      // its classic and ECS modules, about 140 ms more at every start of a program that creates a VPC.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when a VPC is created
      const { Vpc } = require("@pulumi/awsx/ec2") as AwsxEc2;
      const vpc = new Vpc(
        `${name}-vpc`,
        {
          cidrBlock: args.newVpcCidr ?? "10.80.0.0/16",
          numberOfAvailabilityZones: args.availabilityZones ?? 2,
          enableDnsHostnames: true,
          enableDnsSupport: true,
          subnetSpecs: isolated ? [{ type: "Isolated" }] : [{ type: "Private" }, { type: "Public" }],
          natGateways: { strategy: isolated ? "None" : "Single" },
          tags: args.tags,
        },
        parent,
      );
      this.vpcId = vpc.vpcId;
      this.subnetIds = isolated ? vpc.isolatedSubnetIds : vpc.privateSubnetIds;
      this.vpcCidr = pulumi.output(args.newVpcCidr ?? "10.80.0.0/16");
    }

    this.securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: this.vpcId,
        description: "HTTPS from the VPC to the Systems Manager endpoints",
        ingress: [
          {
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrBlocks: [this.vpcCidr],
            description: "HTTPS from the VPC",
          },
        ],
        tags: args.tags,
      },
      parent,
    );

    for (const service of endpointServices(args)) {
      new aws.ec2.VpcEndpoint(
        `${name}-${service}`,
        {
          vpcId: this.vpcId,
          serviceName: pulumi.interpolate`com.amazonaws.${args.region}.${service}`,
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: this.subnetIds,
          securityGroupIds: [this.securityGroup.id],
          tags: args.tags,
        },
        parent,
      );
    }
    const routeTableIds = args.routeTableIds
      ? pulumi.output([...args.routeTableIds])
      : this.vpcId.apply((vpcId) => aws.ec2.getRouteTablesOutput({ vpcId }, parent).ids);
    new aws.ec2.VpcEndpoint(
      `${name}-s3`,
      {
        vpcId: this.vpcId,
        serviceName: pulumi.interpolate`com.amazonaws.${args.region}.s3`,
        vpcEndpointType: "Gateway",
        routeTableIds,
        tags: args.tags,
      },
      parent,
    );

    this.registerOutputs({ vpcId: this.vpcId, subnetIds: this.subnetIds });
  }
}
