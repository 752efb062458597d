import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import { DataSyncAccess, patchLogBucketPolicy } from "./compliancePolicies";
import type { AwsScope } from "../scope";

/** Days patch logs are kept unless the stack says otherwise. */
export const DEFAULT_EXPIRE_AFTER_DAYS = 365;

export interface PatchLogBucketArgs {
  readonly scope: pulumi.Input<AwsScope>;
  /** SSE-KMS key; SSE-S3 when absent. @default SSE-S3 */
  readonly kmsKeyArn?: string;
  /** Days after which current and noncurrent objects expire. @default 365 */
  readonly expireAfterDays?: number;
  /** Let SSM resource data sync write under this prefix. @default no data sync */
  readonly dataSync?: DataSyncAccess;
  /** Keep the bucket and its settings when the stack is destroyed (audit data). @default false */
  readonly retainOnDelete?: boolean;
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * The patch-log bucket: encrypted, versioned, private (public access blocked, bucket owner
 * enforced), TLS only, expiring old logs; writable by resource data sync when asked.
 */
export class PatchLogBucket extends pulumi.ComponentResource {
  public readonly bucket: aws.s3.Bucket;
  public readonly bucketName: pulumi.Output<string>;
  public readonly bucketArn: pulumi.Output<string>;

  constructor(name: string, args: PatchLogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:s3:PatchLogBucket", name, {}, opts);
    const child = { parent: this, retainOnDelete: args.retainOnDelete ?? false };

    this.bucket = new aws.s3.Bucket(`${name}-bucket`, { forceDestroy: false, tags: args.tags }, child);
    const bucket = this.bucket.id;

    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      {
        bucket,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      child,
    );
    new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } },
      child,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket,
        rules: [
          {
            applyServerSideEncryptionByDefault: args.kmsKeyArn
              ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn }
              : { sseAlgorithm: "AES256" },
            bucketKeyEnabled: args.kmsKeyArn ? true : undefined,
          },
        ],
      },
      child,
    );
    const versioning = new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket, versioningConfiguration: { status: "Enabled" } },
      child,
    );
    const days = args.expireAfterDays ?? DEFAULT_EXPIRE_AFTER_DAYS;
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket,
        rules: [
          {
            id: "expire-patch-logs",
            status: "Enabled",
            filter: {},
            expiration: { days },
            noncurrentVersionExpiration: { noncurrentDays: days },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
        ],
      },
      { ...child, dependsOn: [versioning] },
    );
    new aws.s3.BucketPolicy(
      `${name}-policy`,
      {
        bucket,
        policy: pulumi
          .all([this.bucket.arn, args.scope])
          .apply(([arn, scope]) => JSON.stringify(patchLogBucketPolicy(arn, scope, args.dataSync))),
      },
      { ...child, dependsOn: [publicAccess] },
    );

    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
  }
}
