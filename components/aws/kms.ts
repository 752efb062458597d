/** The kms resources and functions the components use, each from its own module (see index.ts). */
export * from "@pulumi/aws/kms/alias";
export * from "@pulumi/aws/kms/key";
