/**
 * The parts of `@pulumi/aws` the components use, each loaded from its own module. The package's
 * index loads all of its service modules, and a service's index loads its mixins (cloudwatch's pull
 * in lambda and iam's enums): about 240 ms and 25 ms of every start of the program and of
 * `patching plan`. A component imports `aws` from here, so `aws.ssm.PatchBaseline` reads as usual;
 * a resource not listed yet is a compile error until its module is added to its service's file.
 * The eslint config refuses a value import of `@pulumi/aws` itself.
 *
 * The service indexes also register their classes for deserializing resource references, so without
 * them awsx's Vpc hands back its subnets and route tables as ids, not objects; the components use
 * only its id outputs (`vpcId`, `privateSubnetIds`, `isolatedSubnetIds`).
 */
export * as cfg from "./cfg";
export * as cloudwatch from "./cloudwatch";
export * as ec2 from "./ec2";
export * as iam from "./iam";
export * as kms from "./kms";
export * as s3 from "./s3";
export * as sns from "./sns";
export * as ssm from "./ssm";
export { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
export { getPartitionOutput } from "@pulumi/aws/getPartition";
export { getRegionOutput } from "@pulumi/aws/getRegion";
