import * as pulumi from "@pulumi/pulumi";
import * as aws from "./aws";

/** What a stack's ARNs are built from: partition, region and account, resolved once. */
export interface AwsScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/** Partition, region and account of the provider the resources deploy with, looked up once per stack. */
export function currentScope(opts?: pulumi.InvokeOutputOptions): pulumi.Output<AwsScope> {
  return pulumi
    .all([aws.getPartitionOutput({}, opts), aws.getRegionOutput({}, opts), aws.getCallerIdentityOutput({}, opts)])
    .apply(([p, r, id]) => ({ partition: p.partition, region: r.region, accountId: id.accountId }));
}

/** The tags that tell this stack's resources from another stack's, e.g. in IAM conditions. */
export function stackIdentityTags(environment: string): Record<string, string> {
  return { Project: "patching", Environment: environment };
}

/** Tags every taggable resource of the stack carries, so cost and audit reports can find them. */
export function stackTags(environment: string, extra: Record<string, string>): Record<string, string> {
  return { ...extra, ManagedBy: "pulumi", ...stackIdentityTags(environment) };
}
