import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ComplianceConfig } from "../../config/schema";
import { nonComplianceEventPattern } from "./compliancePolicies";
import { TaskNotificationArgs } from "../patching/MaintenanceWindow";
import { Notifications } from "./Notifications";
import { PatchLogBucket } from "./PatchLogBucket";
import { PatchRemediation } from "./PatchRemediation";
import { AwsScope } from "../iam/policies";

export type ComplianceReportingArgs = ComplianceConfig & {
  readonly scope: pulumi.Input<AwsScope>;
  /** Environment name: prefixes and names. */
  readonly environment: string;
  /** Keep the log bucket, the log group and the notifications' key when they are deleted. @default true */
  readonly retainAuditData?: boolean;
  /** Patch groups the scan and inventory associations target. */
  readonly patchGroups: readonly string[];
  /** @default "Patch Group" */
  readonly patchGroupTagKey?: "Patch Group" | "PatchGroup";
  /** @default {} */
  readonly tags?: Record<string, string>;
};

/** AWS allows at most 50 values per association target key, so large fleets get one association per 50 groups. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));
}

/** S3 prefixes of one environment's reports: tasks per operation, the scan association, the data sync. */
export function reportPrefixes(environment: string) {
  return {
    scan: `${environment}/scan/`,
    install: `${environment}/install/`,
    scanAssociation: `${environment}/scan-association/`,
    dataSync: `${environment}/data-sync`,
  };
}

/** The CloudWatch log group of one environment's command output. */
export function commandLogGroupName(environment: string): string {
  return `/aws/ssm/${environment}/patching`;
}

export const SOFTWARE_INVENTORY_PARAMETERS: Record<string, string> = {
  applications: "Enabled",
  awsComponents: "Enabled",
  instanceDetailedInformation: "Enabled",
  networkConfig: "Enabled",
  services: "Enabled",
  windowsRoles: "Enabled",
  windowsUpdates: "Enabled",
};

/**
 * Where patch results go besides the Compliance dashboard: the log bucket and log group, SNS
 * notifications and non-compliance alerts, a scan association between windows, the resource data
 * sync for Athena, software inventory, automatic remediation and the AWS Config rule.
 */
export class ComplianceReporting extends pulumi.ComponentResource {
  public readonly logBucketName?: pulumi.Output<string>;
  public readonly logBucketArn?: pulumi.Output<string>;
  public readonly logGroupName?: string;
  public readonly notification?: TaskNotificationArgs;
  public readonly topicArn?: pulumi.Output<string>;
  public readonly scanAssociationIds: pulumi.Output<string>[] = [];
  public readonly dataSyncName?: pulumi.Output<string>;

  constructor(name: string, args: ComplianceReportingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:compliance:ComplianceReporting", name, {}, opts);
    const parent = { parent: this };
    const retain = args.retainAuditData ?? true;
    const prefixes = reportPrefixes(args.environment);
    const scope = pulumi.output(args.scope);

    if (args.logBucket.enabled) {
      if (args.logBucket.bucketName) {
        this.logBucketName = pulumi.output(args.logBucket.bucketName);
        this.logBucketArn = pulumi.interpolate`arn:${scope.partition}:s3:::${args.logBucket.bucketName}`;
      } else {
        const bucket = new PatchLogBucket(`${name}-logs`, {
          scope: args.scope,
          kmsKeyArn: args.logBucket.kmsKeyArn,
          expireAfterDays: args.logBucket.expireAfterDays,
          dataSync: args.dataSync.enabled ? { prefix: prefixes.dataSync, organizationId: args.dataSync.organizationId } : undefined,
          retainOnDelete: retain,
          tags: args.tags,
        }, parent);
        this.logBucketName = bucket.bucketName;
        this.logBucketArn = bucket.bucketArn;
      }
    }

    if (args.logGroup.enabled) {
      this.logGroupName = commandLogGroupName(args.environment);
      new aws.cloudwatch.LogGroup(`${name}-command-output`, {
        name: this.logGroupName,
        retentionInDays: args.logGroup.retentionInDays,
        kmsKeyId: args.logGroup.kmsKeyArn,
        tags: args.tags,
      }, { ...parent, retainOnDelete: retain });
    }

    const wantsRule = (args.notifications.enabled && args.notifications.nonComplianceAlerts) || args.remediation.enabled;
    const rule = wantsRule
      ? new aws.cloudwatch.EventRule(`${name}-non-compliant`, {
        description: `Patch compliance of a managed node in ${args.environment} turned NON_COMPLIANT`,
        eventPattern: JSON.stringify(nonComplianceEventPattern()),
        tags: args.tags,
      }, parent)
      : undefined;

    if (args.notifications.enabled) {
      const notifications = new Notifications(`${name}-notifications`, {
        scope: args.scope,
        emails: args.notifications.emails,
        keyAlias: `alias/patching-${args.environment}-notifications`,
        retainKey: retain,
        nonComplianceRule: args.notifications.nonComplianceAlerts ? rule : undefined,
        tags: args.tags,
      }, parent);
      this.topicArn = notifications.topicArn;
      this.notification = { topicArn: notifications.topicArn, roleArn: notifications.publishRoleArn, events: args.notifications.events };
    }

    if (args.remediation.enabled) {
      new PatchRemediation(`${name}-remediation`, { scope: args.scope, nonComplianceRule: rule!, operation: args.remediation.operation, tags: args.tags }, parent);
    }

    const groupTargets = chunk(args.patchGroups, 50).map((values) => [{ key: `tag:${args.patchGroupTagKey ?? "Patch Group"}`, values }]);
    if (args.scanAssociation.enabled) {
      groupTargets.forEach((targets, i) => {
        const association = new aws.ssm.Association(`${name}-scan${i === 0 ? "" : `-${i + 1}`}`, {
          name: "AWS-RunPatchBaseline",
          associationName: `patching-${args.environment}-scan${i === 0 ? "" : `-${i + 1}`}`,
          scheduleExpression: args.scanAssociation.schedule,
          parameters: { Operation: "Scan", RebootOption: "NoReboot" },
          targets,
          complianceSeverity: args.scanAssociation.complianceSeverity,
          maxConcurrency: args.scanAssociation.maxConcurrency,
          maxErrors: args.scanAssociation.maxErrors,
          outputLocation: this.logBucketName ? { s3BucketName: this.logBucketName, s3KeyPrefix: prefixes.scanAssociation } : undefined,
        }, parent);
        this.scanAssociationIds.push(association.associationId);
      });
    }
    if (args.inventory.enabled) {
      groupTargets.forEach((targets, i) => new aws.ssm.Association(`${name}-inventory${i === 0 ? "" : `-${i + 1}`}`, {
        name: "AWS-GatherSoftwareInventory",
        associationName: `patching-${args.environment}-inventory${i === 0 ? "" : `-${i + 1}`}`,
        scheduleExpression: args.inventory.schedule,
        parameters: SOFTWARE_INVENTORY_PARAMETERS,
        targets,
      }, parent));
    }

    if (args.dataSync.enabled && this.logBucketName) {
      const sync = new aws.ssm.ResourceDataSync(`${name}-data-sync`, {
        name: `patching-${args.environment}`,
        s3Destination: {
          bucketName: this.logBucketName,
          region: scope.region,
          prefix: prefixes.dataSync,
          syncFormat: "JsonSerDe",
          kmsKeyArn: args.logBucket.kmsKeyArn,
        },
      }, parent);
      this.dataSyncName = sync.name;
    }

    if (args.awsConfigRule.enabled) {
      new aws.cfg.Rule(`${name}-config-rule`, {
        name: `patching-${args.environment}-patch-compliance`,
        description: "Managed instances are patch compliant (needs an existing AWS Config recorder)",
        source: { owner: "AWS", sourceIdentifier: "EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK" },
        scope: { complianceResourceTypes: ["AWS::SSM::PatchCompliance"] },
        tags: args.tags,
      }, parent);
    }

    this.registerOutputs({ logBucketName: this.logBucketName, logGroupName: this.logGroupName, topicArn: this.topicArn, dataSyncName: this.dataSyncName });
  }
}
