import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import { nonComplianceEventPattern } from "./compliancePolicies";
import { TaskNotificationArgs } from "../patching/MaintenanceWindow";
import { Notifications } from "./Notifications";
import { PatchLogBucket } from "./PatchLogBucket";
import { PatchRemediation } from "./PatchRemediation";
import { commandLogGroupName, reportPrefixes } from "./reportLocations";
import type { AwsScope } from "../scope";
import { DEFAULT_PATCH_GROUP_TAG_KEY, PatchGroupTagKey } from "../names";
import { chunk, COMPLIANCE_DEFAULTS as D, Part, Parts, partsOf, SOFTWARE_INVENTORY_PARAMETERS } from "./parts";

type Prefixes = ReturnType<typeof reportPrefixes>;

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
    const parts = partsOf(args);
    const retain = args.retainAuditData ?? true;
    const prefixes = reportPrefixes(args.environment);

    ({ name: this.logBucketName, arn: this.logBucketArn } =
      this.declareLogBucket(name, args, parts, prefixes, retain) ?? {});
    if (parts.logGroup.enabled) this.logGroupName = this.declareLogGroup(name, args, parts.logGroup, retain);
    ({ topicArn: this.topicArn, notification: this.notification } = this.declareAlerts(name, args, parts, retain));
    if (parts.scanAssociation.enabled) {
      const scan = parts.scanAssociation;
      this.scanAssociationIds = this.fleetAssociations(name, args, "scan", {
        name: "AWS-RunPatchBaseline",
        scheduleExpression: scan.schedule ?? D.schedule,
        parameters: { Operation: "Scan", RebootOption: "NoReboot" },
        complianceSeverity: scan.complianceSeverity ?? D.complianceSeverity,
        maxConcurrency: scan.maxConcurrency ?? D.maxConcurrency,
        maxErrors: scan.maxErrors ?? D.maxErrors,
        outputLocation: this.logBucketName
          ? { s3BucketName: this.logBucketName, s3KeyPrefix: prefixes.scanAssociation }
          : undefined,
      }).map((association) => association.associationId);
    }
    if (parts.inventory.enabled) {
      this.fleetAssociations(name, args, "inventory", {
        name: "AWS-GatherSoftwareInventory",
        scheduleExpression: parts.inventory.schedule ?? D.schedule,
        parameters: SOFTWARE_INVENTORY_PARAMETERS,
      });
    }
    if (parts.dataSync.enabled && this.logBucketName) {
      this.dataSyncName = this.declareDataSync(
        name,
        args,
        this.logBucketName,
        prefixes.dataSync,
        parts.logBucket.kmsKeyArn,
      );
    }
    if (parts.awsConfigRule.enabled) this.declareConfigRule(name, args);

    this.registerOutputs({
      logBucketName: this.logBucketName,
      logGroupName: this.logGroupName,
      topicArn: this.topicArn,
      dataSyncName: this.dataSyncName,
    });
  }

  /** The patch-log bucket: a new encrypted one, or the one named. */
  private declareLogBucket(
    name: string,
    args: ComplianceReportingArgs,
    parts: Parts,
    prefixes: Prefixes,
    retain: boolean,
  ) {
    const { logBucket, dataSync } = parts;
    if (!logBucket.enabled) return undefined;
    if (logBucket.bucketName) {
      const { partition } = pulumi.output(args.scope);
      return {
        name: pulumi.output(logBucket.bucketName),
        arn: pulumi.interpolate`arn:${partition}:s3:::${logBucket.bucketName}`,
      };
    }
    const bucket = new PatchLogBucket(
      `${name}-logs`,
      {
        scope: args.scope,
        kmsKeyArn: logBucket.kmsKeyArn,
        expireAfterDays: logBucket.expireAfterDays ?? D.expireAfterDays,
        dataSync: dataSync.enabled ? { prefix: prefixes.dataSync, organizationId: dataSync.organizationId } : undefined,
        retainOnDelete: retain,
        tags: args.tags,
      },
      { parent: this },
    );
    return { name: bucket.bucketName, arn: bucket.bucketArn };
  }

  /** The log group for command output; its name, which tasks and the plan know before it exists. */
  private declareLogGroup(name: string, args: ComplianceReportingArgs, logGroup: Parts["logGroup"], retain: boolean) {
    const logGroupName = commandLogGroupName(args.environment);
    new aws.cloudwatch.LogGroup(
      `${name}-command-output`,
      {
        name: logGroupName,
        retentionInDays: logGroup.retentionInDays ?? D.retentionInDays,
        kmsKeyId: logGroup.kmsKeyArn,
        tags: args.tags,
      },
      { parent: this, retainOnDelete: retain },
    );
    return logGroupName;
  }

  /** The non-compliance rule, the notifications that follow it and tasks, and the remediation runbook. */
  private declareAlerts(name: string, args: ComplianceReportingArgs, parts: Parts, retain: boolean) {
    const { notifications, remediation } = parts;
    const alerts = notifications.enabled && (notifications.nonComplianceAlerts ?? true);
    const rule =
      alerts || remediation.enabled
        ? new aws.cloudwatch.EventRule(
            `${name}-non-compliant`,
            {
              description: `Patch compliance of a managed node in ${args.environment} turned NON_COMPLIANT`,
              eventPattern: JSON.stringify(nonComplianceEventPattern()),
              tags: args.tags,
            },
            { parent: this },
          )
        : undefined;
    const topic = notifications.enabled
      ? new Notifications(
          `${name}-notifications`,
          {
            scope: args.scope,
            emails: notifications.emails,
            keyAlias: `alias/patching-${args.environment}-notifications`,
            retainKey: retain,
            nonComplianceRule: alerts ? rule : undefined,
            tags: args.tags,
          },
          { parent: this },
        )
      : undefined;
    if (remediation.enabled) {
      new PatchRemediation(
        `${name}-remediation`,
        { scope: args.scope, nonComplianceRule: rule!, operation: remediation.operation, tags: args.tags },
        { parent: this },
      );
    }
    return {
      topicArn: topic?.topicArn,
      notification: topic && {
        topicArn: topic.topicArn,
        roleArn: topic.publishRoleArn,
        events: notifications.events ?? D.notificationEvents,
      },
    };
  }

  /**
   * An association over the stack's patch groups, one per 50 of them (AWS's limit on a target
   * key's values): `<kind>`, then `<kind>-2`, `<kind>-3`, ….
   */
  private fleetAssociations(
    name: string,
    args: ComplianceReportingArgs,
    kind: "scan" | "inventory",
    inputs: Omit<aws.ssm.AssociationArgs, "associationName" | "targets">,
  ): aws.ssm.Association[] {
    const key = `tag:${args.patchGroupTagKey ?? DEFAULT_PATCH_GROUP_TAG_KEY}`;
    return chunk(args.patchGroups, 50).map((values, i) => {
      const suffix = i === 0 ? "" : `-${i + 1}`;
      return new aws.ssm.Association(
        `${name}-${kind}${suffix}`,
        { ...inputs, associationName: `patching-${args.environment}-${kind}${suffix}`, targets: [{ key, values }] },
        { parent: this },
      );
    });
  }

  /** The resource data sync into the log bucket, for Athena and QuickSight. */
  private declareDataSync(
    name: string,
    args: ComplianceReportingArgs,
    bucketName: pulumi.Output<string>,
    prefix: string,
    kmsKeyArn?: string,
  ) {
    return new aws.ssm.ResourceDataSync(
      `${name}-data-sync`,
      {
        name: `patching-${args.environment}`,
        s3Destination: {
          bucketName,
          region: pulumi.output(args.scope).region,
          prefix,
          syncFormat: "JsonSerDe",
          kmsKeyArn,
        },
      },
      { parent: this },
    ).name;
  }

  /** The managed AWS Config rule over patch compliance (it needs a recorder the account already has). */
  private declareConfigRule(name: string, args: ComplianceReportingArgs) {
    new aws.cfg.Rule(
      `${name}-config-rule`,
      {
        name: `patching-${args.environment}-patch-compliance`,
        description: "Managed instances are patch compliant (needs an existing AWS Config recorder)",
        source: { owner: "AWS", sourceIdentifier: "EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK" },
        scope: { complianceResourceTypes: ["AWS::SSM::PatchCompliance"] },
        tags: args.tags,
      },
      { parent: this },
    );
  }
}
