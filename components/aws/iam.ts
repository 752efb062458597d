/** The iam resources and functions the components use, each from its own module (see index.ts). */
export * from "@pulumi/aws/iam/groupPolicyAttachment";
export * from "@pulumi/aws/iam/instanceProfile";
export * from "@pulumi/aws/iam/policy";
export * from "@pulumi/aws/iam/role";
export * from "@pulumi/aws/iam/rolePolicy";
export * from "@pulumi/aws/iam/rolePolicyAttachment";
