/**
 * AWS limits and enums from the SSM API model, in one place so that validation,
 * components and documentation agree.
 */

export const OPERATING_SYSTEMS = [
  "WINDOWS",
  "AMAZON_LINUX",
  "AMAZON_LINUX_2",
  "AMAZON_LINUX_2022",
  "AMAZON_LINUX_2023",
  "UBUNTU",
  "REDHAT_ENTERPRISE_LINUX",
  "SUSE",
  "CENTOS",
  "ORACLE_LINUX",
  "DEBIAN",
  "MACOS",
  "RASPBIAN",
  "ROCKY_LINUX",
  "ALMA_LINUX",
] as const;
export type OperatingSystem = (typeof OPERATING_SYSTEMS)[number];

export const COMPLIANCE_LEVELS = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNSPECIFIED"] as const;
export type ComplianceLevel = (typeof COMPLIANCE_LEVELS)[number];

export const PATCH_FILTER_KEYS = [
  "ARCH", "ADVISORY_ID", "BUGZILLA_ID", "PATCH_SET", "PRODUCT", "PRODUCT_FAMILY", "CLASSIFICATION", "CVE_ID", "EPOCH",
  "MSRC_SEVERITY", "NAME", "PATCH_ID", "SECTION", "PRIORITY", "REPOSITORY", "RELEASE", "SEVERITY", "SECURITY", "VERSION",
] as const;
export type PatchFilterKey = (typeof PATCH_FILTER_KEYS)[number];

/** Operating systems whose rules take no approval delay (approveAfterDays/approveUntilDate). */
export const NO_APPROVAL_DELAY: readonly OperatingSystem[] = ["UBUNTU", "DEBIAN", "RASPBIAN"];

/** The severity filter key of an OS: MSRC_SEVERITY on Windows, PRIORITY on Debian-family, SEVERITY elsewhere. */
export function severityKey(os: OperatingSystem): PatchFilterKey {
  if (os === "WINDOWS") return "MSRC_SEVERITY";
  return NO_APPROVAL_DELAY.includes(os) ? "PRIORITY" : "SEVERITY";
}

/** Filter keys a baseline of this OS accepts in approval rules and global filters (DescribePatchProperties). */
export function filterKeysFor(os: OperatingSystem): readonly PatchFilterKey[] {
  switch (os) {
    case "WINDOWS":
      return ["PATCH_SET", "PRODUCT", "PRODUCT_FAMILY", "CLASSIFICATION", "MSRC_SEVERITY", "PATCH_ID"];
    case "UBUNTU":
    case "DEBIAN":
    case "RASPBIAN":
      return ["PRODUCT", "PRIORITY", "SECTION"];
    case "MACOS":
      return ["PRODUCT", "CLASSIFICATION"];
    default:
      return ["PRODUCT", "CLASSIFICATION", "SEVERITY"];
  }
}

export const isLinux = (os: OperatingSystem): boolean => os !== "WINDOWS" && os !== "MACOS";

export const REJECTED_PATCHES_ACTIONS = ["ALLOW_AS_DEPENDENCY", "BLOCK"] as const;
export const OPERATIONS = ["Scan", "Install"] as const;
export type Operation = (typeof OPERATIONS)[number];
export const REBOOT_OPTIONS = ["RebootIfNeeded", "NoReboot"] as const;
export const CUTOFF_BEHAVIORS = ["CONTINUE_TASK", "CANCEL_TASK"] as const;
export const PATCH_DOCUMENTS = ["AWS-RunPatchBaseline", "AWS-RunPatchBaselineWithHooks"] as const;
export const PATCH_GROUP_TAG_KEYS = ["Patch Group", "PatchGroup"] as const;

/** Name pattern of baselines, windows, window targets and tasks. */
export const RESOURCE_NAME = /^[a-zA-Z0-9_\-.]{3,128}$/;
export const SOURCE_NAME = /^[a-zA-Z0-9_\-.]{3,50}$/;
export const MAX_CONCURRENCY = /^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$/;
export const MAX_ERRORS = /^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$/;
/** Tag values: letters, spaces, digits and _ . : / = + - @ (also used for patch group names). */
export const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const INSTANCE_ID = /^(i|mi)-[0-9a-f]{8,17}$/;
export const S3_BUCKET_NAME = /^(?!xn--)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
export const DOCUMENT_NAME = /^[a-zA-Z0-9_\-.:/]{3,128}$/;
export const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
export const IAM_POLICY_ARN = /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/[\w+=,.@\/-]{1,128}$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const LIMITS = {
  baselineDescription: 1024,
  windowDescription: 128,
  globalFilters: 4,
  approvalRules: 10,
  filtersPerRule: 10,
  filterValues: 20,
  filterValueLength: 64,
  patchList: 50,
  patchNameLength: 100,
  sources: 20,
  sourceProducts: 20,
  sourceConfiguration: 1024,
  patchGroupLength: 256,
  approveAfterDays: 360,
  scheduleLength: 256,
  duration: 24,
  cutoff: 23,
  scheduleOffset: 6,
  targetKeys: 5,
  targetValues: 50,
  tasksPerWindow: 20,
  timeoutSeconds: [30, 2592000],
  comment: 100,
  tagKey: 128,
  tagValue: 256,
  tagsPerResource: 50,
} as const;

export const NOTIFICATION_EVENTS = ["All", "InProgress", "Success", "TimedOut", "Cancelled", "Failed"] as const;
export const ASSOCIATION_COMPLIANCE_SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNSPECIFIED"] as const;
/** Retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;
export const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/+=,.@-]+$/;
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
export const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;
export const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;
export const ROUTE_TABLE_ID = /^rtb-[0-9a-f]{8,17}$/;
export const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(1[6-9]|2[0-8])$/;
export const IAM_NAME = /^[\w+=,.@-]{1,128}$/;
/** An activation expires at most 30 days after it is created (CreateActivation). */
export const ACTIVATION_MAX_DAYS = 30;
