import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import { commandLogGroupName } from "./reportLocations";
import { nonComplianceEventPattern } from "./compliancePolicies";
import { TaskNotificationArgs } from "../patching/MaintenanceWindow";
import { Notifications } from "./Notifications";
import { DEFAULT_EXPIRE_AFTER_DAYS, PatchLogBucket } from "./PatchLogBucket";
import { PatchRemediation } from "./PatchRemediation";
import { reportPrefixes } from "./reportLocations";
import { AwsScope } from "../iam/policies";
import { DEFAULT_PATCH_GROUP_TAG_KEY, PatchGroupTagKey } from "../names";
import { DEFAULT_NOTIFICATION_EVENTS } from "../patching/taskTypes";

/** Defaults of the compliance parts, written once: the config schema documents and applies these. */
export const COMPLIANCE_DEFAULTS = {
  expireAfterDays: DEFAULT_EXPIRE_AFTER_DAYS,
  retentionInDays: 90,
  notificationEvents: DEFAULT_NOTIFICATION_EVENTS,
  schedule: "rate(1 day)",
  complianceSeverity: "HIGH",
  maxConcurrency: "10%",
  maxErrors: "10%",
  remediationOperation: "Scan",
} as const;

type Part<T = object> = { readonly enabled: boolean } & T;

export interface ComplianceReportingArgs {
  readonly scope: pulumi.Input<AwsScope>;
  /** Environment name: S3 prefixes, log group, association and rule names. */
  readonly environment: string;
  /** Patch groups the scan and inventory associations target. */
  readonly patchGroups: readonly string[];
  /** @default "Patch Group" */
  readonly patchGroupTagKey?: PatchGroupTagKey;
  /** Keep the log bucket, the log group and the notifications' key when they are deleted. @default true */
  readonly retainAuditData?: boolean;
  /** The patch-log bucket: a new encrypted one, or `bucketName` of an existing one. @default disabled */
  readonly logBucket?: Part<{
    readonly bucketName?: string;
    readonly kmsKeyArn?: string;
    /** @default 365 */ readonly expireAfterDays?: number;
  }>;
  /** CloudWatch Logs for command output. @default disabled */
  readonly logGroup?: Part<{ /** @default 90 */ readonly retentionInDays?: number; readonly kmsKeyArn?: string }>;
  /** The encrypted topic, command notifications and non-compliance alerts. @default disabled */
  readonly notifications?: Part<{
    /** @default [] */
    readonly emails?: readonly string[];
    /** @default ["Failed", "TimedOut", "Cancelled"] */
    readonly events?: readonly string[];
    /** @default true */
    readonly nonComplianceAlerts?: boolean;
  }>;
  /** A Scan association between windows. @default disabled */
  readonly scanAssociation?: Part<{
    /** @default "rate(1 day)" */
    readonly schedule?: string;
    /** @default "HIGH" */
    readonly complianceSeverity?: string;
    /** @default "10%" */
    readonly maxConcurrency?: string;
    /** @default "10%" */
    readonly maxErrors?: string;
  }>;
  /** Resource data sync into the log bucket. @default disabled */
  readonly dataSync?: Part<{ readonly organizationId?: string }>;
  /** Software inventory. @default disabled */
  readonly inventory?: Part<{ /** @default "rate(1 day)" */ readonly schedule?: string }>;
  /** The remediation runbook on non-compliance. @default disabled */
  readonly remediation?: Part<{ /** @default "Scan" */ readonly operation?: "Scan" | "Install" }>;
  /** The managed AWS Config rule. @default disabled */
  readonly awsConfigRule?: Part;
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/** A part as given, or disabled. */
const part = <T extends object>(given: Part<T> | undefined): Part<Partial<T>> =>
  given ?? ({ enabled: false } as Part<Partial<T>>);

/** AWS allows at most 50 values per association target key, so large fleets get one association per 50 groups. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));
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
    const D = COMPLIANCE_DEFAULTS;
    const [logBucket, logGroup, notifications, scanAssociation] = [
      part(args.logBucket),
      part(args.logGroup),
      part(args.notifications),
      part(args.scanAssociation),
    ];
    const [dataSync, inventory, remediation, awsConfigRule] = [
      part(args.dataSync),
      part(args.inventory),
      part(args.remediation),
      part(args.awsConfigRule),
    ];
    const prefixes = reportPrefixes(args.environment);
    const scope = pulumi.output(args.scope);

    if (logBucket.enabled) {
      if (logBucket.bucketName) {
        this.logBucketName = pulumi.output(logBucket.bucketName);
        this.logBucketArn = pulumi.interpolate`arn:${scope.partition}:s3:::${logBucket.bucketName}`;
      } else {
        const bucket = new PatchLogBucket(
          `${name}-logs`,
          {
            scope: args.scope,
            kmsKeyArn: logBucket.kmsKeyArn,
            expireAfterDays: logBucket.expireAfterDays ?? D.expireAfterDays,
            dataSync: dataSync.enabled
              ? { prefix: prefixes.dataSync, organizationId: dataSync.organizationId }
              : undefined,
            retainOnDelete: retain,
            tags: args.tags,
          },
          parent,
        );
        this.logBucketName = bucket.bucketName;
        this.logBucketArn = bucket.bucketArn;
      }
    }

    if (logGroup.enabled) {
      this.logGroupName = commandLogGroupName(args.environment);
      new aws.cloudwatch.LogGroup(
        `${name}-command-output`,
        {
          name: this.logGroupName,
          retentionInDays: logGroup.retentionInDays ?? D.retentionInDays,
          kmsKeyId: logGroup.kmsKeyArn,
          tags: args.tags,
        },
        { ...parent, retainOnDelete: retain },
      );
    }

    const wantsRule = (notifications.enabled && (notifications.nonComplianceAlerts ?? true)) || remediation.enabled;
    const rule = wantsRule
      ? new aws.cloudwatch.EventRule(
          `${name}-non-compliant`,
          {
            description: `Patch compliance of a managed node in ${args.environment} turned NON_COMPLIANT`,
            eventPattern: JSON.stringify(nonComplianceEventPattern()),
            tags: args.tags,
          },
          parent,
        )
      : undefined;

    if (notifications.enabled) {
      const topic = new Notifications(
        `${name}-notifications`,
        {
          scope: args.scope,
          emails: notifications.emails,
          keyAlias: `alias/patching-${args.environment}-notifications`,
          retainKey: retain,
          nonComplianceRule: (notifications.nonComplianceAlerts ?? true) ? rule : undefined,
          tags: args.tags,
        },
        parent,
      );
      this.topicArn = topic.topicArn;
      this.notification = {
        topicArn: topic.topicArn,
        roleArn: topic.publishRoleArn,
        events: notifications.events ?? D.notificationEvents,
      };
    }

    if (remediation.enabled) {
      new PatchRemediation(
        `${name}-remediation`,
        { scope: args.scope, nonComplianceRule: rule!, operation: remediation.operation, tags: args.tags },
        parent,
      );
    }

    const groupTargets = chunk(args.patchGroups, 50).map((values) => [
      { key: `tag:${args.patchGroupTagKey ?? DEFAULT_PATCH_GROUP_TAG_KEY}`, values },
    ]);
    if (scanAssociation.enabled) {
      groupTargets.forEach((targets, i) => {
        const association = new aws.ssm.Association(
          `${name}-scan${i === 0 ? "" : `-${i + 1}`}`,
          {
            name: "AWS-RunPatchBaseline",
            associationName: `patching-${args.environment}-scan${i === 0 ? "" : `-${i + 1}`}`,
            scheduleExpression: scanAssociation.schedule ?? D.schedule,
            parameters: { Operation: "Scan", RebootOption: "NoReboot" },
            targets,
            complianceSeverity: scanAssociation.complianceSeverity ?? D.complianceSeverity,
            maxConcurrency: scanAssociation.maxConcurrency ?? D.maxConcurrency,
            maxErrors: scanAssociation.maxErrors ?? D.maxErrors,
            outputLocation: this.logBucketName
              ? { s3BucketName: this.logBucketName, s3KeyPrefix: prefixes.scanAssociation }
              : undefined,
          },
          parent,
        );
        this.scanAssociationIds.push(association.associationId);
      });
    }
    if (inventory.enabled) {
      groupTargets.forEach(
        (targets, i) =>
          new aws.ssm.Association(
            `${name}-inventory${i === 0 ? "" : `-${i + 1}`}`,
            {
              name: "AWS-GatherSoftwareInventory",
              associationName: `patching-${args.environment}-inventory${i === 0 ? "" : `-${i + 1}`}`,
              scheduleExpression: inventory.schedule ?? D.schedule,
              parameters: SOFTWARE_INVENTORY_PARAMETERS,
              targets,
            },
            parent,
          ),
      );
    }

    if (dataSync.enabled && this.logBucketName) {
      const sync = new aws.ssm.ResourceDataSync(
        `${name}-data-sync`,
        {
          name: `patching-${args.environment}`,
          s3Destination: {
            bucketName: this.logBucketName,
            region: scope.region,
            prefix: prefixes.dataSync,
            syncFormat: "JsonSerDe",
            kmsKeyArn: logBucket.kmsKeyArn,
          },
        },
        parent,
      );
      this.dataSyncName = sync.name;
    }

    if (awsConfigRule.enabled) {
      new aws.cfg.Rule(
        `${name}-config-rule`,
        {
          name: `patching-${args.environment}-patch-compliance`,
          description: "Managed instances are patch compliant (needs an existing AWS Config recorder)",
          source: { owner: "AWS", sourceIdentifier: "EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK" },
          scope: { complianceResourceTypes: ["AWS::SSM::PatchCompliance"] },
          tags: args.tags,
        },
        parent,
      );
    }

    this.registerOutputs({
      logBucketName: this.logBucketName,
      logGroupName: this.logGroupName,
      topicArn: this.topicArn,
      dataSyncName: this.dataSyncName,
    });
  }
}
