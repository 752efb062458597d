/** The ec2 resources and functions the components use, each from its own module (see index.ts). */
export * from "@pulumi/aws/ec2/getRouteTables";
export * from "@pulumi/aws/ec2/getVpc";
export * from "@pulumi/aws/ec2/instance";
export * from "@pulumi/aws/ec2/securityGroup";
export * from "@pulumi/aws/ec2/tag";
export * from "@pulumi/aws/ec2/vpcEndpoint";
