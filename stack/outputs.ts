import * as pulumi from "@pulumi/pulumi";
import { commandLogGroupName, reportPrefixes } from "../components/compliance/reportLocations";
import { LogWriteGrant, patchOutputPolicy, unique } from "../components/iam/policies";
import type { AwsScope } from "../components/scope";
import { WindowTaskArgs } from "../components/patching/MaintenanceWindow";
import { TaskConfig } from "../config/schema";

/** Where a stack's reports go unless a task says otherwise. */
export interface OutputDefaults {
  /** The stack's log bucket, when it has one. */
  readonly bucketName?: pulumi.Input<string>;
  /** The stack's log group, when it has one. */
  readonly logGroupName?: string;
}

/**
 * Fills in each task's output locations from the stack's defaults: the log bucket under
 * `<environment>/<operation>/` (scan and install logs never mix), and the log group.
 */
export function resolveTask(task: TaskConfig, environment: string, defaults: OutputDefaults = {}): WindowTaskArgs {
  const bucket = task.outputS3BucketName ?? defaults.bucketName;
  const cloudWatch = task.cloudWatchOutput ?? defaults.logGroupName !== undefined;
  return {
    ...task,
    outputS3BucketName: bucket,
    outputS3KeyPrefix: bucket
      ? (task.outputS3KeyPrefix ?? reportPrefixes(environment)[task.operation === "Scan" ? "scan" : "install"])
      : undefined,
    cloudWatchOutput: cloudWatch,
    cloudWatchLogGroupName: cloudWatch
      ? (task.cloudWatchLogGroupName ?? defaults.logGroupName ?? commandLogGroupName(environment))
      : undefined,
  };
}

/** What the stack's patch output needs granted: the tasks' locations, and its own bucket and log group. */
export interface PatchOutputLocations {
  readonly scope: pulumi.Input<AwsScope>;
  readonly tasks: readonly WindowTaskArgs[];
  /** The stack's log bucket, whose key writers must be able to use. @default none */
  readonly ownBucketName?: pulumi.Input<string>;
  readonly ownBucketKmsKeyArn?: string;
  /** The stack's log group: instances need not create it. @default none */
  readonly ownLogGroupName?: string;
  /** Where the scan association writes into the stack's bucket. @default none */
  readonly scanAssociationPrefix?: string;
  /** Where patch-now's install-override lists are, in the stack's bucket: nodes read them. @default none */
  readonly patchNowPrefix?: string;
}

/**
 * The one write policy every managed node of the stack gets (EC2 instances and on-premises servers
 * alike): put objects under exactly the output prefixes, write to exactly the output log groups.
 * Built once here, from the locations, and handed to each role that needs it.
 */
export function patchOutputPolicyJson(locations: PatchOutputLocations): pulumi.Output<string> | undefined {
  const { tasks, ownBucketName } = locations;
  const writes = tasks.flatMap((t) =>
    t.outputS3BucketName === undefined ? [] : [{ bucket: t.outputS3BucketName, prefix: t.outputS3KeyPrefix! }],
  );
  if (ownBucketName && locations.scanAssociationPrefix) {
    writes.push({ bucket: ownBucketName, prefix: locations.scanAssociationPrefix });
  }
  const logGroups = unique(tasks.flatMap((t) => t.cloudWatchLogGroupName ?? []));
  const reads = ownBucketName && locations.patchNowPrefix ? [locations.patchNowPrefix] : [];
  if (writes.length === 0 && logGroups.length === 0 && reads.length === 0) return undefined;
  const logGroupsManaged = tasks.every(
    (t) => t.cloudWatchLogGroupName === undefined || t.cloudWatchLogGroupName === locations.ownLogGroupName,
  );
  return pulumi
    .all([locations.scope, pulumi.output(ownBucketName), pulumi.all(writes.map((w) => w.bucket))])
    .apply(([s, ownBucket, buckets]) => {
      const grants = groupPrefixes(
        writes.map((w, i) => ({
          bucketArn: `arn:${s.partition}:s3:::${buckets[i]}`,
          prefix: w.prefix,
          kmsKeyArn: buckets[i] === ownBucket ? locations.ownBucketKmsKeyArn : undefined,
        })),
      );
      const overrides = reads.map((prefix) => ({
        objectsArn: `arn:${s.partition}:s3:::${ownBucket}/${prefix}*`,
        kmsKeyArn: locations.ownBucketKmsKeyArn,
      }));
      return JSON.stringify(patchOutputPolicy(s, grants, logGroups, logGroupsManaged, overrides));
    });
}

/** Merges prefixes per bucket, so each bucket gets one grant. */
function groupPrefixes(writes: { bucketArn: string; prefix: string; kmsKeyArn?: string }[]): LogWriteGrant[] {
  const byBucket = new Map<string, LogWriteGrant>();
  for (const w of writes) {
    const grant = byBucket.get(w.bucketArn);
    byBucket.set(w.bucketArn, {
      bucketArn: w.bucketArn,
      prefixes: unique([...(grant?.prefixes ?? []), w.prefix]),
      kmsKeyArn: grant?.kmsKeyArn ?? w.kmsKeyArn,
    });
  }
  return [...byBucket.values()];
}
