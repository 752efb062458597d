/** The s3 resources and functions the components use, each from its own module (see index.ts). */
export * from "@pulumi/aws/s3/bucket";
export * from "@pulumi/aws/s3/bucketLifecycleConfiguration";
export * from "@pulumi/aws/s3/bucketOwnershipControls";
export * from "@pulumi/aws/s3/bucketPolicy";
export * from "@pulumi/aws/s3/bucketPublicAccessBlock";
export * from "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration";
export * from "@pulumi/aws/s3/bucketVersioning";
