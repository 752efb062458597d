/** The cloudwatch resources and functions the components use, each from its own module (see index.ts). */
export * from "@pulumi/aws/cloudwatch/eventRule";
export * from "@pulumi/aws/cloudwatch/eventTarget";
export * from "@pulumi/aws/cloudwatch/logGroup";
