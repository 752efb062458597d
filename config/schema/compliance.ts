import { z } from "zod";
import { COMPLIANCE_DEFAULTS as D } from "../../components/compliance/parts";
import {
  MAX_CONCURRENCY,
  MAX_ERRORS,
  OPERATIONS,
  S3_BUCKET_NAME,
  NOTIFICATION_EVENTS,
  ASSOCIATION_COMPLIANCE_SEVERITIES,
  LOG_RETENTION_DAYS,
  ORGANIZATION_ID,
} from "../limits";
import { oneOf, int, list, kmsKeyArn, associationSchedule, enabled, emailAddress } from "./common";

export const complianceSchema = z
  .strictObject({
    logBucket: z
      .strictObject({
        enabled: enabled("Create (or use) the patch-log bucket for task output, scan output and the data sync."),
        bucketName: z
          .string()
          .regex(S3_BUCKET_NAME, "must be an S3 bucket name (3-63 lower-case letters, digits, . -)")
          .optional()
          .describe(
            "Use this existing bucket instead of creating one; its owner manages its policy. @default - a new encrypted bucket",
          ),
        kmsKeyArn: kmsKeyArn
          .optional()
          .describe("Encrypt with this KMS key (SSE-KMS) instead of SSE-S3. @default SSE-S3"),
        expireAfterDays: int(1, 3650)
          .default(D.expireAfterDays)
          .describe(`Days after which logs (and old versions) expire (1-3650). @default ${D.expireAfterDays}`),
      })
      .prefault({})
      .describe(
        "S3 bucket for patch logs and reports; kept on delete unless patching:retainAuditData is false. @default disabled",
      ),
    logGroup: z
      .strictObject({
        enabled: enabled("Create a CloudWatch log group for window task output."),
        retentionInDays: z
          .number()
          .refine(
            (n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n),
            `must be one of ${LOG_RETENTION_DAYS.join(", ")}`,
          )
          .default(D.retentionInDays)
          .describe("Days CloudWatch keeps command output. @default 90"),
        kmsKeyArn: kmsKeyArn
          .optional()
          .describe("Encrypt the log group with this KMS key. @default CloudWatch's own encryption"),
      })
      .prefault({})
      .describe("CloudWatch Logs for window task output. @default disabled"),
    notifications: z
      .strictObject({
        enabled: enabled("Create the KMS-encrypted SNS topic, command notifications and non-compliance alerts."),
        emails: list(emailAddress, 20)
          .default([])
          .describe("Email addresses subscribed to the topic (each must confirm). @default []"),
        events: list(oneOf(NOTIFICATION_EVENTS), 6)
          .min(1, "must have at least one event")
          .default([...D.notificationEvents])
          .describe(`Command statuses that notify. @default [${D.notificationEvents.join(", ")}]`),
        nonComplianceAlerts: z
          .boolean({ error: "must be true or false" })
          .default(true)
          .describe("Alert when an instance turns patch non-compliant (EventBridge). @default true"),
      })
      .prefault({})
      .describe("SNS notifications. @default disabled"),
    scanAssociation: z
      .strictObject({
        enabled: enabled("Scan all patch groups between windows with a State Manager association."),
        schedule: associationSchedule
          .default(D.schedule)
          .describe(`rate(...) or cron(...) of the scan. @default ${D.schedule}`),
        complianceSeverity: oneOf(ASSOCIATION_COMPLIANCE_SEVERITIES)
          .default(D.complianceSeverity)
          .describe(`Severity of the association's own compliance. @default ${D.complianceSeverity}`),
        maxConcurrency: z
          .string()
          .regex(MAX_CONCURRENCY, "must be a count from 1 or a percentage 1%-100%")
          .default(D.maxConcurrency)
          .describe(`Instances scanned at once. @default ${D.maxConcurrency}`),
        maxErrors: z
          .string()
          .regex(MAX_ERRORS, "must be a count from 0 or a percentage 0%-100%")
          .default(D.maxErrors)
          .describe(`Errors after which the scan stops. @default ${D.maxErrors}`),
      })
      .prefault({})
      .describe("Fresh compliance between windows (Scan only). @default disabled"),
    dataSync: z
      .strictObject({
        enabled: enabled("Sync inventory and compliance to the log bucket for Athena (resource data sync)."),
        organizationId: z
          .string()
          .regex(ORGANIZATION_ID, "must be an AWS Organizations id o-…")
          .optional()
          .describe(
            "Let every account of this organization sync into the bucket (central reporting). @default this account only",
          ),
      })
      .prefault({})
      .describe("SSM resource data sync to S3. @default disabled"),
    inventory: z
      .strictObject({
        enabled: enabled("Gather software inventory (applications, Windows updates) with AWS-GatherSoftwareInventory."),
        schedule: associationSchedule
          .default(D.schedule)
          .describe(`rate(...) or cron(...) of the inventory. @default ${D.schedule}`),
      })
      .prefault({})
      .describe("Software inventory (SCCM: hardware/software inventory). @default disabled"),
    remediation: z
      .strictObject({
        enabled: enabled("Start the stack's runbook on instances that turn non-compliant."),
        operation: oneOf(OPERATIONS)
          .default(D.remediationOperation)
          .describe(`Scan re-checks; Install patches outside the windows. @default ${D.remediationOperation}`),
        allowInstallOutsideWindows: z
          .boolean({ error: "must be true or false" })
          .default(false)
          .describe("Must be true for operation Install. @default false"),
      })
      .prefault({})
      .describe("Automatic remediation of non-compliance. @default disabled"),
    awsConfigRule: z
      .strictObject({
        enabled: enabled(
          "Add the managed AWS Config rule EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK (needs an existing configuration recorder).",
        ),
      })
      .prefault({})
      .describe("AWS Config history of patch compliance. @default disabled"),
  })
  .superRefine((c, ctx) => {
    const issue = (path: (string | number)[], input: unknown, message: string) =>
      ctx.addIssue({ code: "custom", path, input, message });
    if (c.remediation.operation === "Install" && !c.remediation.allowInstallOutsideWindows) {
      issue(
        ["remediation", "operation"],
        "Install",
        "installs outside maintenance windows need remediation.allowInstallOutsideWindows: true",
      );
    }
    if (c.dataSync.enabled && !c.logBucket.enabled)
      issue(["dataSync", "enabled"], true, "the data sync writes to the log bucket; enable compliance.logBucket");
    if (c.dataSync.enabled && c.logBucket.bucketName)
      issue(
        ["dataSync", "enabled"],
        true,
        "the data sync needs the bucket policy this stack writes; use the stack's own bucket (remove logBucket.bucketName)",
      );
    if (c.dataSync.organizationId && !c.dataSync.enabled)
      issue(["dataSync", "organizationId"], c.dataSync.organizationId, "applies only with dataSync.enabled");
    if (c.notifications.emails.length > 0 && !c.notifications.enabled)
      issue(["notifications", "emails"], c.notifications.emails, "applies only with notifications.enabled");
  });
export type ComplianceConfig = z.output<typeof complianceSchema>;
