/**
 * AWS limits and enums from the SSM API model, in one place so that validation, components and
 * documentation agree. Values the model states are read from `ssm-model.json`, the checked-in
 * extract of AWS's published model (regenerate with `python3 scripts/ssm-model.py`); the test
 * suite holds this file to it.
 */
import model from "./ssm-model.json";
import { operatingSystem, OperatingSystem, OPERATING_SYSTEMS } from "../components/patching/operatingSystems";

type Shape = {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
};
const shape = (name: keyof typeof model.shapes): Shape => model.shapes[name] as Shape;
const max = (name: keyof typeof model.shapes): number => shape(name).max!;
/** A model pattern as a JavaScript RegExp; the model's patterns use Unicode property classes. */
const pattern = (name: keyof typeof model.shapes): RegExp => new RegExp(shape(name).pattern!, "u");

/** Operating systems: one table, components/patching/operatingSystems.ts; the test suite holds it to the model. */
export { OPERATING_SYSTEMS } from "../components/patching/operatingSystems";
export type { OperatingSystem } from "../components/patching/operatingSystems";

/** Enums stay literal here, for their TypeScript types; the test suite holds each to the model's. */

export const COMPLIANCE_LEVELS = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNSPECIFIED"] as const;
export type ComplianceLevel = (typeof COMPLIANCE_LEVELS)[number];

export const PATCH_FILTER_KEYS = [
  "ARCH",
  "ADVISORY_ID",
  "BUGZILLA_ID",
  "PATCH_SET",
  "PRODUCT",
  "PRODUCT_FAMILY",
  "CLASSIFICATION",
  "CVE_ID",
  "EPOCH",
  "MSRC_SEVERITY",
  "NAME",
  "PATCH_ID",
  "SECTION",
  "PRIORITY",
  "REPOSITORY",
  "RELEASE",
  "SEVERITY",
  "SECURITY",
  "VERSION",
] as const;
export type PatchFilterKey = (typeof PATCH_FILTER_KEYS)[number];

/** Operating systems whose rules take no approval delay (approveAfterDays/approveUntilDate). */
export const NO_APPROVAL_DELAY: readonly OperatingSystem[] = OPERATING_SYSTEMS.filter(
  (os) => !operatingSystem(os).approvalDelay,
);

/** The severity filter key of an OS: MSRC_SEVERITY on Windows, PRIORITY on Debian-family, SEVERITY elsewhere. */
export const severityKey = (os: OperatingSystem): PatchFilterKey => operatingSystem(os).severityKey;

/** Filter keys a baseline of this OS accepts in approval rules and global filters (DescribePatchProperties). */
export const filterKeysFor = (os: OperatingSystem): readonly PatchFilterKey[] => operatingSystem(os).filterKeys;

/** An AWS region code such as eu-central-1 or us-gov-west-1. */
export const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;

export const isLinux = (os: OperatingSystem): boolean => operatingSystem(os).linux;

export const REJECTED_PATCHES_ACTIONS = ["ALLOW_AS_DEPENDENCY", "BLOCK"] as const;
export const OPERATIONS = ["Scan", "Install"] as const;
export type Operation = (typeof OPERATIONS)[number];
export const REBOOT_OPTIONS = ["RebootIfNeeded", "NoReboot"] as const;
export const CUTOFF_BEHAVIORS = ["CONTINUE_TASK", "CANCEL_TASK"] as const;
export const PATCH_DOCUMENTS = ["AWS-RunPatchBaseline", "AWS-RunPatchBaselineWithHooks"] as const;
export { PATCH_GROUP_TAG_KEYS } from "../components/names";

/** Name pattern of baselines, windows, window targets and tasks. */
export const RESOURCE_NAME = pattern("BaselineName");
export const SOURCE_NAME = pattern("PatchSourceName");
export const MAX_CONCURRENCY = pattern("MaxConcurrency");
export const MAX_ERRORS = pattern("MaxErrors");
/** Tag keys and values, and patch group names: letters, spaces, digits and _ . : / = + - @. */
export const TAG_VALUE = pattern("TagValue");
export const TAG_KEY = pattern("TagKey");
export const PATCH_GROUP = pattern("PatchGroup");
/** Maintenance window target tag keys (also resource-groups:Name and resource-groups:ResourceTypeFilters). */
export const TARGET_KEY = pattern("TargetKey");
export const INSTANCE_ID = /^(i|mi)-[0-9a-f]{8,17}$/;
export const S3_BUCKET_NAME = /^(?!xn--)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
export const DOCUMENT_NAME = pattern("DocumentARN");
export const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
export const IAM_POLICY_ARN = /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/[\w+=,.@\/-]{1,128}$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const LIMITS = {
  baselineDescription: max("BaselineDescription"),
  windowDescription: max("MaintenanceWindowDescription"),
  globalFilters: max("PatchFilterList"),
  approvalRules: max("PatchRuleList"),
  /** PatchFilterGroup.PatchFilters is a PatchFilterList too: at most 4 filters per rule. */
  filtersPerRule: max("PatchFilterList"),
  filterValues: max("PatchFilterValueList"),
  filterValueLength: max("PatchFilterValue"),
  patchList: max("PatchIdList"),
  patchNameLength: max("PatchId"),
  sources: max("PatchSourceList"),
  sourceProducts: max("PatchSourceProductList"),
  sourceConfiguration: max("PatchSourceConfiguration"),
  patchGroupLength: max("PatchGroup"),
  approveAfterDays: max("ApproveAfterDays"),
  scheduleLength: max("MaintenanceWindowSchedule"),
  duration: max("MaintenanceWindowDurationHours"),
  cutoff: max("MaintenanceWindowCutoff"),
  scheduleOffset: max("MaintenanceWindowOffset"),
  targetKeys: max("Targets"),
  targetValues: max("TargetValues"),
  /** Not in the model: the Systems Manager quota "tasks per maintenance window". */
  tasksPerWindow: 20,
  timeoutSeconds: [shape("TimeoutSeconds").min!, max("TimeoutSeconds")] as const,
  comment: max("Comment"),
  tagKey: max("TagKey"),
  tagValue: max("TagValue"),
  /** Not in the model (TagList allows 1000): the per-resource tag quota AddTagsToResource enforces. */
  tagsPerResource: 50,
  registrationLimit: max("RegistrationLimit"),
  activationDescription: max("ActivationDescription"),
} as const;

export const NOTIFICATION_EVENTS = ["All", "InProgress", "Success", "TimedOut", "Cancelled", "Failed"] as const;
export const ASSOCIATION_COMPLIANCE_SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNSPECIFIED"] as const;
/** Retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
export const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/+=,.@-]+$/;
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
export const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;
export const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;
export const ROUTE_TABLE_ID = /^rtb-[0-9a-f]{8,17}$/;
export const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(1[6-9]|2[0-8])$/;
export const IAM_NAME = /^[\w+=,.@-]{1,128}$/;
/** An activation expires at most 30 days after it is created (CreateActivation). */
export const ACTIVATION_MAX_DAYS = 30;
/** Days a rotated activation lasts: one less than AWS's 30, so a deployment the next day still fits. */
export const ACTIVATION_ROTATION_DAYS = ACTIVATION_MAX_DAYS - 1;
