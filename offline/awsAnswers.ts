import * as pulumi from "@pulumi/pulumi";

/** What the mocks answer for the program's invokes and computed outputs, as AWS would. */

/** The fixed account the offline runs pretend to deploy into. */
export const MOCK_ACCOUNT = "123456789012";
/** What the mocks answer for the latest-AMI parameter. */
export const MOCK_AMI = "ami-0abcdef1234567890";

/** Invokes the program makes; anything else is a new dependency the mocks must learn about, so it throws. */
export function invokeResult(token: string, inputs: Record<string, any>, region: string): Record<string, any> {
  switch (token) {
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
    case "aws:index/getRegion:getRegion":
      return { name: region, region, id: region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        accountId: MOCK_ACCOUNT,
        arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/plan`,
        userId: "AIDAPLAN",
        id: MOCK_ACCOUNT,
      };
    case "aws:ec2/getVpc:getVpc":
      return { id: inputs.id, cidrBlock: "10.0.0.0/16", arn: `arn:aws:ec2:${region}:${MOCK_ACCOUNT}:vpc/${inputs.id}` };
    case "aws:ec2/getRouteTables:getRouteTables":
      return { id: region, ids: [String(inputs.vpcId).replace(/^vpc-/, "rtb-")] };
    case "aws:ssm/getPatchBaselines:getPatchBaselines":
      return {
        id: region,
        baselineIdentities: [
          {
            baselineId: "pb-0123456789abcdef0",
            baselineName: "AWS-DefaultPatchBaseline",
            baselineDescription: "Default Patch Baseline Provided by AWS.",
            defaultBaseline: true,
            operatingSystem: "WINDOWS",
          },
          {
            baselineId: "pb-0123456789abcdef1",
            baselineName: "AWS-AmazonLinux2023DefaultPatchBaseline",
            baselineDescription: "Default Patch Baseline for Amazon Linux 2023 Provided by AWS.",
            defaultBaseline: true,
            operatingSystem: "AMAZON_LINUX_2023",
          },
        ],
      };
    case "aws:ssm/getParameter:getParameter":
      return {
        id: inputs.name,
        name: inputs.name,
        type: "String",
        value: MOCK_AMI,
        version: 1,
        arn: `arn:aws:ssm:${region}::parameter${inputs.name}`,
      };
    default:
      throw new Error(
        `unexpected invoke ${token} ${JSON.stringify(inputs)}: teach plan/mockRuntime.ts what it returns`,
      );
  }
}

/** Outputs AWS computes that the program reads, beyond id, name and arn. */
export function computedOutputs(args: pulumi.runtime.MockResourceArgs, region: string): Record<string, string> {
  switch (args.type) {
    case "aws:s3/bucket:Bucket": {
      const bucket = args.inputs.bucket ?? generatedName(args.name).toLowerCase();
      return { bucket, arn: `arn:aws:s3:::${bucket}` };
    }
    case "aws:cloudwatch/eventRule:EventRule":
      return { arn: `arn:aws:events:${region}:${MOCK_ACCOUNT}:rule/${args.inputs.name ?? generatedName(args.name)}` };
    case "aws:kms/key:Key":
      return { keyId: `${args.name}-key-id` };
    case "aws:ssm/association:Association":
      return { associationId: `${args.name}-association-id` };
    default:
      return {};
  }
}

/** Outputs of components a provider plugin builds (awsx), which the mocks must make up. */
export function remoteComponentOutputs(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
  if (args.type !== "awsx:ec2:Vpc") return {};
  const zones = Array.from({ length: args.inputs.numberOfAvailabilityZones ?? 2 }, (_, i) => i + 1);
  const kinds = (args.inputs.subnetSpecs ?? []).map((s: { type: string }) => s.type);
  const subnets = (kind: string) =>
    kinds.includes(kind)
      ? zones.map((z) => `subnet-${kind.toLowerCase().slice(0, 3)}${String(z).padStart(5, "0")}`)
      : [];
  return {
    vpcId: "vpc-0a1b2c3d4e5f60718",
    isolatedSubnetIds: subnets("Isolated"),
    privateSubnetIds: subnets("Private"),
    publicSubnetIds: subnets("Public"),
  };
}

/** What a registration returns: an id for AWS resources, and the state AWS (or a provider's component) would hold. */
export function mockResource(
  args: pulumi.runtime.MockResourceArgs,
  region: string,
): { id: string | undefined; state: Record<string, any> } {
  if (args.custom === false) return { id: undefined, state: remoteComponentOutputs(args) };
  const name = args.inputs.name ?? generatedName(args.name);
  const service = args.type.split(":")[1]?.split("/")[0] ?? "svc";
  const state = {
    ...args.inputs,
    name,
    arn: `arn:aws:${service}:${region}:${MOCK_ACCOUNT}:${args.name}`,
    ...computedOutputs(args, region),
  };
  return { id: `${args.name}-id`, state };
}

/** The physical name the mocks give a resource declared without one, as AWS auto-naming would. */
export function generatedName(resourceName: string): string {
  let h = 0;
  for (const c of resourceName) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `${resourceName}-${h.toString(16).padStart(7, "0").slice(0, 7)}`;
}
