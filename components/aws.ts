/**
 * The parts of `@pulumi/aws` this project uses, each from its own module. The package's index
 * loads all of its service modules at once (about 240 ms here, a fifth of every start of the
 * program and of `patching plan`), while one service module loads its resources only when used.
 * Components import `aws` from here; the eslint config refuses a value import of the index.
 */
export * as cfg from "@pulumi/aws/cfg";
export * as cloudwatch from "@pulumi/aws/cloudwatch";
export * as ec2 from "@pulumi/aws/ec2";
export * as iam from "@pulumi/aws/iam";
export * as kms from "@pulumi/aws/kms";
export * as s3 from "@pulumi/aws/s3";
export * as sns from "@pulumi/aws/sns";
export * as ssm from "@pulumi/aws/ssm";
export { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
export { getPartitionOutput } from "@pulumi/aws/getPartition";
export { getRegionOutput } from "@pulumi/aws/getRegion";
