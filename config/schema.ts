import { z } from "zod";
import { DateTime } from "luxon";
import {
  COMPLIANCE_LEVELS, CUTOFF_BEHAVIORS, DOCUMENT_NAME, IAM_POLICY_ARN, IAM_ROLE_NAME, INSTANCE_ID, ISO_DATE, LIMITS,
  MAX_CONCURRENCY, MAX_ERRORS, NO_APPROVAL_DELAY, OPERATING_SYSTEMS, OPERATIONS, PATCH_DOCUMENTS, PATCH_FILTER_KEYS,
  PATCH_GROUP, PATCH_GROUP_TAG_KEYS, REBOOT_OPTIONS, REJECTED_PATCHES_ACTIONS, RESOURCE_NAME, S3_BUCKET_NAME, SOURCE_NAME, TAG_KEY, TAG_VALUE, TARGET_KEY,
  filterKeysFor, isLinux, severityKey, NOTIFICATION_EVENTS, ASSOCIATION_COMPLIANCE_SEVERITIES, LOG_RETENTION_DAYS, KMS_KEY_ARN,
  ORGANIZATION_ID, VPC_ID, SUBNET_ID, ROUTE_TABLE_ID, IPV4_CIDR, IAM_NAME,
} from "./limits";
import { CronSyntaxError, isValidTimezone, parseSchedule, parseWindowDate } from "../schedule/expression";

/**
 * The stack config schema: the single source of truth for the shape, defaults and AWS limits
 * of every `patching:*` key. Each `.describe()` text is the key's documentation.
 */

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(", ")}` });
const int = (min: number, max: number) =>
  z.number({ error: "must be a number" }).int("must be a whole number").min(min, `must be from ${min} to ${max}`).max(max, `must be from ${min} to ${max}`);
const text = (min: number, max: number) =>
  z.string({ error: "must be a string" }).min(min, `must be ${min}-${max} characters`).max(max, `must be ${min}-${max} characters`);
const resourceName = z.string({ error: "must be a string" }).regex(RESOURCE_NAME, "must be 3-128 characters of letters, digits, _ - .");
const list = <T extends z.ZodType>(item: T, max: number) =>
  z.array(item, { error: "must be a list" }).max(max, `must have at most ${max} entries`);
const isoDate = z.string({ error: "must be a string" }).regex(ISO_DATE, "must be a date YYYY-MM-DD")
  .refine((v) => DateTime.fromISO(v).isValid, "must be a real calendar date");
const isoTimestamp = z.string({ error: "must be a string" })
  .refine((v) => parseWindowDate(v) !== undefined, "must be an ISO-8601 timestamp, e.g. 2026-01-01T00:00:00Z");
/** RFC 3339, as the provider requires for an activation's expirationDate: a date, a time and a zone. */
const rfc3339 = z.string({ error: "must be a string" }).refine(
  (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && parseWindowDate(v) !== undefined,
  "must be an RFC 3339 timestamp with a time and zone, e.g. 2026-01-01T00:00:00Z",
);
const TAG_CHARACTERS = "must use only letters, digits, spaces and _ . : / = + - @ (AWS's tag pattern)";

export const patchGroupName = text(1, LIMITS.patchGroupLength).regex(PATCH_GROUP, TAG_CHARACTERS);

export const tagsSchema = z.record(
  text(1, LIMITS.tagKey).regex(TAG_KEY, TAG_CHARACTERS).refine((k) => !k.toLowerCase().startsWith("aws:"), "tag keys must not start with aws:"),
  text(0, LIMITS.tagValue).regex(TAG_VALUE, TAG_CHARACTERS),
).refine((t) => Object.keys(t).length <= LIMITS.tagsPerResource - 5, `must have at most ${LIMITS.tagsPerResource - 5} tags (5 are reserved for the stack's own)`);

const filterSchema = z.strictObject({
  key: oneOf(PATCH_FILTER_KEYS).describe("Patch property, e.g. PRODUCT, CLASSIFICATION, MSRC_SEVERITY."),
  values: z.array(text(1, LIMITS.filterValueLength), { error: "must be a list" })
    .min(1, `must have 1-${LIMITS.filterValues} values`).max(LIMITS.filterValues, `must have 1-${LIMITS.filterValues} values`)
    .describe("1-20 values of 1-64 characters; * matches all."),
});
export type PatchFilterConfig = z.output<typeof filterSchema>;

const stringList = (max: number, itemMax: number) => list(text(1, itemMax), max);

export const approvalRuleSchema = z.strictObject({
  products: stringList(LIMITS.filterValues, LIMITS.filterValueLength).optional().describe("PRODUCT filter values, e.g. WindowsServer2022, AmazonLinux2023. @default all products"),
  classifications: stringList(LIMITS.filterValues, LIMITS.filterValueLength).optional().describe("CLASSIFICATION filter values, e.g. CriticalUpdates, SecurityUpdates, Security. @default all classifications"),
  severities: stringList(LIMITS.filterValues, LIMITS.filterValueLength).optional().describe("Severity values: MSRC_SEVERITY on Windows, SEVERITY on Linux, PRIORITY on Debian/Ubuntu. @default all severities"),
  patchSet: oneOf(["OS", "APPLICATION"] as const).optional().describe("Windows only: OS patches or Microsoft application patches. @default OS"),
  productFamilies: stringList(LIMITS.filterValues, LIMITS.filterValueLength).optional().describe("Windows only: PRODUCT_FAMILY values for application rules, e.g. Office. @default none"),
  filters: list(filterSchema, LIMITS.filtersPerRule).default([]).describe("Further raw patch filters {key, values}. @default []"),
  approveAfterDays: int(0, LIMITS.approveAfterDays).optional().describe("Days after release before a patch is approved (0-360). Give this or approveUntilDate; neither on Ubuntu/Debian. @default none"),
  approveUntilDate: isoDate.optional().describe("Approve patches released up to this date (YYYY-MM-DD); the cutoff `rollout --promote` carries forward. @default none"),
  complianceLevel: oneOf(COMPLIANCE_LEVELS).default("UNSPECIFIED").describe("Severity reported when a patch of this rule is missing. @default UNSPECIFIED"),
  enableNonSecurity: z.boolean({ error: "must be true or false" }).optional().describe("Linux only: also install non-security updates from the repositories. @default false"),
});
export type ApprovalRuleConfig = z.output<typeof approvalRuleSchema>;

const sourceSchema = z.strictObject({
  name: z.string().regex(SOURCE_NAME, "must be 3-50 characters of letters, digits, _ - .").describe("Repository name (3-50 letters, digits, _ - .)."),
  products: z.array(text(1, 128)).min(1, "must have 1-20 products").max(LIMITS.sourceProducts, "must have 1-20 products").describe("Products the repository serves, e.g. AmazonLinux2023."),
  configuration: text(1, LIMITS.sourceConfiguration).describe("The yum/apt repository configuration text (1-1024)."),
});

export const baselineSchema = z.strictObject({
  operatingSystem: oneOf(OPERATING_SYSTEMS).describe("Operating system the baseline applies to (AWS enum)."),
  description: text(1, LIMITS.baselineDescription).optional().describe("Baseline description (1-1024). @default - generated from the rules"),
  patchGroups: list(patchGroupName, 1000).default([]).describe("Patch groups (SCCM: collections) this baseline serves. @default []"),
  defaultForOperatingSystem: z.boolean({ error: "must be true or false" }).default(false).describe("Register as the account's default baseline for its OS. @default false"),
  globalFilters: list(filterSchema, LIMITS.globalFilters).default([]).describe("Filters every patch must pass before any rule applies (at most 4). @default []"),
  approvalRules: list(approvalRuleSchema, LIMITS.approvalRules).default([]).describe("Up to 10 approval rules (SCCM: automatic deployment rules). @default []"),
  approvedPatches: list(text(1, LIMITS.patchNameLength), LIMITS.patchList).default([]).describe("Patches always approved, e.g. KB5031364 (at most 50). @default []"),
  approvedPatchesComplianceLevel: oneOf(COMPLIANCE_LEVELS).default("UNSPECIFIED").describe("Compliance level of the approved patches. @default UNSPECIFIED"),
  approvedPatchesEnableNonSecurity: z.boolean().optional().describe("Linux only: approved patches may come from non-security repositories. @default false"),
  rejectedPatches: list(text(1, LIMITS.patchNameLength), LIMITS.patchList).default([]).describe("Patches never installed (at most 50). @default []"),
  rejectedPatchesAction: oneOf(REJECTED_PATCHES_ACTIONS).default("ALLOW_AS_DEPENDENCY").describe("BLOCK also refuses rejected patches needed as dependencies. @default ALLOW_AS_DEPENDENCY"),
  sources: list(sourceSchema, LIMITS.sources).default([]).describe("Linux only: alternative package repositories {name, products, configuration}. @default []"),
}).superRefine((baseline, ctx) => {
  const os = baseline.operatingSystem;
  const allowed = filterKeysFor(os);
  const linux = isLinux(os);
  const issue = (path: (string | number)[], input: unknown, message: string) => ctx.addIssue({ code: "custom", path, input, message });

  baseline.globalFilters.forEach((f, i) => {
    if (!allowed.includes(f.key)) issue(["globalFilters", i, "key"], f.key, `is not a filter key for ${os}; use one of ${allowed.join(", ")}`);
  });
  baseline.approvalRules.forEach((rule, i) => {
    const at = (field: string) => ["approvalRules", i, field];
    const keys = ruleFilters(os, rule).map((f) => f.key);
    if (keys.length > LIMITS.filtersPerRule) issue(at("filters"), keys.length, `AWS takes at most ${LIMITS.filtersPerRule} patch filters per rule (PatchFilterGroup.PatchFilters), shorthands included; this rule has ${keys.length}: ${keys.join(", ")}`);
    keys.forEach((key, k) => {
      if (keys.indexOf(key) !== k) issue(at("filters"), key, `filter key ${key} is given twice in one rule`);
    });
    for (const [field, key] of Object.entries(shorthandKeys(os))) {
      const value = rule[field as keyof typeof rule];
      if (value !== undefined && !allowed.includes(key)) issue(at(field), value, `becomes a ${key} filter, which ${os} baselines do not take; use one of ${allowed.join(", ")}`);
    }
    rule.filters.forEach((f, k) => {
      if (!allowed.includes(f.key)) issue(["approvalRules", i, "filters", k, "key"], f.key, `is not a filter key for ${os}; use one of ${allowed.join(", ")}`);
    });
    if (!linux && rule.enableNonSecurity !== undefined) issue(at("enableNonSecurity"), rule.enableNonSecurity, `enableNonSecurity applies to Linux baselines only, not ${os}`);
    const delays = [rule.approveAfterDays, rule.approveUntilDate].filter((v) => v !== undefined).length;
    if (NO_APPROVAL_DELAY.includes(os)) {
      if (delays > 0) issue(at(rule.approveAfterDays !== undefined ? "approveAfterDays" : "approveUntilDate"), rule.approveAfterDays ?? rule.approveUntilDate, `${os} baselines take no approval delay; remove it`);
    } else if (delays !== 1) {
      issue(at("approveAfterDays"), rule.approveAfterDays, `give exactly one of approveAfterDays (0-360) or approveUntilDate (YYYY-MM-DD)${delays === 2 ? ", not both" : ""}`);
    }
  });
  if (!linux && baseline.sources.length > 0) issue(["sources"], baseline.sources.length, `sources apply to Linux baselines only, not ${os}`);
  if (!linux && baseline.approvedPatchesEnableNonSecurity !== undefined) issue(["approvedPatchesEnableNonSecurity"], baseline.approvedPatchesEnableNonSecurity, `applies to Linux baselines only, not ${os}`);
});
export type BaselineConfig = z.output<typeof baselineSchema>;

/** The filter key each rule shorthand becomes on an operating system. */
function shorthandKeys(os: BaselineConfig["operatingSystem"]) {
  return { patchSet: "PATCH_SET", productFamilies: "PRODUCT_FAMILY", products: "PRODUCT", classifications: "CLASSIFICATION", severities: severityKey(os) } as const;
}

/**
 * The AWS patch filters one approval rule stands for, in a stable order. A rule without any is
 * declared as AWS's console declares "all products", PRODUCT=*: the provider requires a filter.
 */
export function ruleFilters(os: BaselineConfig["operatingSystem"], rule: ApprovalRuleConfig): PatchFilterConfig[] {
  const filters: PatchFilterConfig[] = [];
  for (const [field, key] of Object.entries(shorthandKeys(os))) {
    const value = rule[field as keyof ReturnType<typeof shorthandKeys>];
    if (value !== undefined) filters.push({ key, values: typeof value === "string" ? [value] : value });
  }
  const all = [...filters, ...rule.filters];
  return all.length > 0 ? all : [{ key: "PRODUCT", values: ["*"] }];
}

/** The account of a document given by ARN (arn:aws:ssm:<region>:<account>:document/<name>); a bare name is this account's or AWS's. */
const documentAccount = (document: string) => /^arn:[\w-]+:ssm:[\w-]*:(\d{12}):document\//.exec(document)?.[1];

const HOOKS = ["preInstall", "postInstall", "onExit"] as const;
const hooksSchema = z.strictObject({
  preInstall: z.string().regex(DOCUMENT_NAME, "must be an SSM document name or ARN").optional().describe("Document run before installing (PreInstallHookDocName). @default AWS-Noop"),
  postInstall: z.string().regex(DOCUMENT_NAME, "must be an SSM document name or ARN").optional().describe("Document run after installing, before reboot (PostInstallHookDocName). @default AWS-Noop"),
  onExit: z.string().regex(DOCUMENT_NAME, "must be an SSM document name or ARN").optional().describe("Document run after the reboot (OnExitHookDocName). @default AWS-Noop"),
  trustedAccounts: list(z.string().regex(/^\d{12}$/, "must be a 12-digit account id"), 10).default([])
    .describe("Accounts whose shared hook documents (given by ARN) may run; a hook runs as SYSTEM/root during installs. @default [] (this account's and AWS's documents only)"),
}).superRefine((hooks, ctx) => {
  for (const hook of HOOKS) {
    const account = hooks[hook] ? documentAccount(hooks[hook]) : undefined;
    if (account && !hooks.trustedAccounts.includes(account)) {
      ctx.addIssue({ code: "custom", path: [hook], input: hooks[hook], message: `is a document of account ${account}, and runs as SYSTEM/root on every node it patches; add ${account} to hooks.trustedAccounts to allow it` });
    }
  }
});

export const taskSchema = z.strictObject({
  operation: oneOf(OPERATIONS).describe("Scan reports compliance only; Install also installs approved patches."),
  document: oneOf(PATCH_DOCUMENTS).default("AWS-RunPatchBaseline").describe("AWS-RunPatchBaseline, or AWS-RunPatchBaselineWithHooks for hooks. @default AWS-RunPatchBaseline"),
  rebootOption: oneOf(REBOOT_OPTIONS).default("RebootIfNeeded").describe("RebootIfNeeded or NoReboot. @default RebootIfNeeded"),
  priority: int(0, 1_000_000).default(1).describe("Lower runs first within the window. @default 1"),
  maxConcurrency: z.string({ error: "must be a string such as \"10\" or \"10%\"" }).regex(MAX_CONCURRENCY, "must be a count from 1 or a percentage 1%-100%").default("10%").describe("Instances patched at once (count or %). @default 10%"),
  maxErrors: z.string({ error: "must be a string such as \"1\" or \"10%\"" }).regex(MAX_ERRORS, "must be a count from 0 or a percentage 0%-100%").default("10%").describe("Errors after which the task stops (count or %). @default 10%"),
  cutoffBehavior: oneOf(CUTOFF_BEHAVIORS).default("CONTINUE_TASK").describe("What happens to a running task at the cutoff. @default CONTINUE_TASK"),
  timeoutSeconds: int(LIMITS.timeoutSeconds[0], LIMITS.timeoutSeconds[1]).default(600).describe("Seconds the command may wait to start on an instance (30-2592000). @default 600"),
  outputS3BucketName: z.string().regex(S3_BUCKET_NAME, "must be an S3 bucket name (3-63 lower-case letters, digits, . -)").optional().describe("Bucket for command output. @default the stack's patch-log bucket when compliance.logBucket is enabled, else none"),
  outputS3KeyPrefix: text(1, 500).optional().describe("Key prefix for command output. @default <environment>/<operation>/ when a bucket is set"),
  cloudWatchOutput: z.boolean({ error: "must be true or false" }).optional().describe("Send command output to CloudWatch Logs. @default true when compliance.logGroup is enabled, else false"),
  cloudWatchLogGroupName: text(1, 512).regex(/^[.\-_/#A-Za-z0-9]+$/, "must be a CloudWatch log group name").optional().describe("Log group for output. @default the stack's log group, /aws/ssm/<environment>/patching"),
  hooks: hooksSchema.optional().describe("Hook documents; needs document AWS-RunPatchBaselineWithHooks. @default none"),
  installOverrideList: z.string().regex(/^(https|s3):\/\/\S+$/, "must be an https:// or s3:// URL").optional().describe("URL of a patch list that replaces the baseline for Install. @default none"),
  comment: text(1, LIMITS.comment).optional().describe("Command comment shown in Run Command history (at most 100). @default none"),
}).superRefine((task, ctx) => {
  if (task.hooks && task.document !== "AWS-RunPatchBaselineWithHooks") {
    ctx.addIssue({ code: "custom", path: ["hooks"], input: task.hooks, message: "hooks need document AWS-RunPatchBaselineWithHooks" });
  }
});
export type TaskConfig = z.output<typeof taskSchema>;

const targetsSchema = z.strictObject({
  tags: z.record(text(1, LIMITS.tagKey).regex(TARGET_KEY, TAG_CHARACTERS), list(text(1, LIMITS.tagValue).regex(TAG_VALUE, TAG_CHARACTERS), LIMITS.targetValues).min(1, "must have at least one value"))
    .refine((t) => Object.keys(t).length <= LIMITS.targetKeys, `must have at most ${LIMITS.targetKeys} tag keys`)
    .optional().describe("Instances carrying all of these tags (key → accepted values, at most 5 keys, 50 values each). @default none"),
  instanceIds: list(z.string().regex(INSTANCE_ID, "must be an instance id i-… or managed instance id mi-…"), LIMITS.targetValues).optional().describe("Explicit instance ids (at most 50). @default none"),
  resourceGroups: list(text(1, 300), LIMITS.targetValues).optional().describe("AWS resource group names (at most 50). @default none"),
});

export const windowSchema = z.strictObject({
  description: text(1, LIMITS.windowDescription).optional().describe("Window description (1-128). @default - generated"),
  schedule: text(1, LIMITS.scheduleLength).superRefine((value, ctx) => {
    try {
      parseSchedule(value);
    } catch (e) {
      if (!(e instanceof CronSyntaxError)) throw e;
      ctx.addIssue({ code: "custom", input: value, message: e.message });
    }
  }).describe("cron(min hour dom month dow year), rate(n hours|days) or at(...). Patch Tuesday: cron(0 2 ? * TUE#2 *)."),
  scheduleTimezone: z.string().refine(isValidTimezone, "must be an IANA time zone such as Europe/Berlin").default("UTC").describe("IANA time zone the schedule is read in. @default UTC"),
  scheduleOffset: int(1, LIMITS.scheduleOffset).optional().describe("Days to wait after the cron date (1-6), cron only. @default none"),
  duration: int(1, LIMITS.duration).describe("Window length in hours (1-24)."),
  cutoff: int(0, LIMITS.cutoff).optional().describe("Hours before the end when no new task starts (0-23, < duration). @default 1, or 0 for a 1-hour window"),
  startDate: isoTimestamp.optional().describe("ISO-8601 time before which the window never runs. @default none"),
  endDate: isoTimestamp.optional().describe("ISO-8601 time after which the window never runs. @default none"),
  enabled: z.boolean({ error: "must be true or false" }).default(true).describe("Whether the window runs at all. @default true"),
  patchGroups: list(patchGroupName, LIMITS.targetValues).default([]).describe("Patch groups this window patches (at most 50). @default []"),
  targets: targetsSchema.default({}).describe("Further targets by tags, instance ids or resource groups. @default none"),
  tasks: z.record(resourceName, taskSchema).refine((t) => Object.keys(t).length >= 1 && Object.keys(t).length <= LIMITS.tasksPerWindow, `must have 1-${LIMITS.tasksPerWindow} tasks`)
    .describe("Tasks by name, e.g. scan and install."),
}).transform((w) => ({ ...w, cutoff: w.cutoff ?? (w.duration > 1 ? 1 : 0) })).superRefine((window, ctx) => {
  const issue = (path: string, input: unknown, message: string) => ctx.addIssue({ code: "custom", path: [path], input, message });
  if (window.cutoff >= window.duration) issue("cutoff", window.cutoff, `must be smaller than duration ${window.duration}`);
  if (window.scheduleOffset !== undefined && !window.schedule.trim().startsWith("cron(")) issue("scheduleOffset", window.scheduleOffset, "applies to cron schedules only");
  const start = window.startDate ? parseWindowDate(window.startDate) : undefined;
  const end = window.endDate ? parseWindowDate(window.endDate) : undefined;
  if (start && end && end <= start) issue("endDate", window.endDate, `must be after startDate ${window.startDate}`);
  const t = window.targets;
  if (window.patchGroups.length === 0 && !t.tags && !t.instanceIds?.length && !t.resourceGroups?.length) {
    issue("patchGroups", window.patchGroups, "a window needs at least one patch group or other target");
  }
});
export type WindowConfig = z.output<typeof windowSchema>;

const kmsKeyArn = z.string().regex(KMS_KEY_ARN, "must be a KMS key or alias ARN");
/** State Manager schedules: rate(n minutes|hours|days), at least 30 minutes, or cron with 5 or 6 fields. */
const associationSchedule = text(1, 256).superRefine((value, ctx) => {
  const rate = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(value);
  if (rate && Number(rate[1]) < 1) {
    ctx.addIssue({ code: "custom", input: value, message: "the rate value must be a whole number from 1" });
    return;
  }
  if (rate) {
    if (rate[2].startsWith("minute") && Number(rate[1]) < 30) ctx.addIssue({ code: "custom", input: value, message: "State Manager runs at most every 30 minutes" });
    return;
  }
  const cron = /^cron\((.*)\)$/.exec(value);
  if (!cron) {
    ctx.addIssue({ code: "custom", input: value, message: "must be rate(n minutes|hours|days) or cron(...)" });
    return;
  }
  const fields = cron[1].trim().split(/\s+/);
  try {
    parseSchedule(`cron(${fields.length === 5 ? `${cron[1]} *` : cron[1]})`);
  } catch (e) {
    if (!(e instanceof CronSyntaxError)) throw e;
    ctx.addIssue({ code: "custom", input: value, message: e.message });
  }
});
const enabled = (what: string, byDefault = false) =>
  z.boolean({ error: "must be true or false" }).default(byDefault).describe(`${what} @default ${byDefault}`);

export const complianceSchema = z.strictObject({
  logBucket: z.strictObject({
    enabled: enabled("Create (or use) the patch-log bucket for task output, scan output and the data sync."),
    bucketName: z.string().regex(S3_BUCKET_NAME, "must be an S3 bucket name (3-63 lower-case letters, digits, . -)").optional()
      .describe("Use this existing bucket instead of creating one; its owner manages its policy. @default - a new encrypted bucket"),
    kmsKeyArn: kmsKeyArn.optional().describe("Encrypt with this KMS key (SSE-KMS) instead of SSE-S3. @default SSE-S3"),
    expireAfterDays: int(1, 3650).default(365).describe("Days after which logs (and old versions) expire (1-3650). @default 365"),
  }).default({ enabled: false, expireAfterDays: 365 }).describe("S3 bucket for patch logs and reports; kept on delete unless patching:retainAuditData is false. @default disabled"),
  logGroup: z.strictObject({
    enabled: enabled("Create a CloudWatch log group for window task output."),
    retentionInDays: z.number().refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), `must be one of ${LOG_RETENTION_DAYS.join(", ")}`).default(90)
      .describe("Days CloudWatch keeps command output. @default 90"),
    kmsKeyArn: kmsKeyArn.optional().describe("Encrypt the log group with this KMS key. @default CloudWatch's own encryption"),
  }).default({ enabled: false, retentionInDays: 90 }).describe("CloudWatch Logs for window task output. @default disabled"),
  notifications: z.strictObject({
    enabled: enabled("Create the KMS-encrypted SNS topic, command notifications and non-compliance alerts."),
    emails: list(z.email("must be an email address"), 20).default([]).describe("Email addresses subscribed to the topic (each must confirm). @default []"),
    events: list(oneOf(NOTIFICATION_EVENTS), 6).min(1, "must have at least one event").default(["Failed", "TimedOut", "Cancelled"])
      .describe("Command statuses that notify. @default [Failed, TimedOut, Cancelled]"),
    nonComplianceAlerts: z.boolean({ error: "must be true or false" }).default(true).describe("Alert when an instance turns patch non-compliant (EventBridge). @default true"),
  }).default({ enabled: false, emails: [], events: ["Failed", "TimedOut", "Cancelled"], nonComplianceAlerts: true }).describe("SNS notifications. @default disabled"),
  scanAssociation: z.strictObject({
    enabled: enabled("Scan all patch groups between windows with a State Manager association."),
    schedule: associationSchedule.default("rate(1 day)").describe("rate(...) or cron(...) of the scan. @default rate(1 day)"),
    complianceSeverity: oneOf(ASSOCIATION_COMPLIANCE_SEVERITIES).default("HIGH").describe("Severity of the association's own compliance. @default HIGH"),
    maxConcurrency: z.string().regex(MAX_CONCURRENCY, "must be a count from 1 or a percentage 1%-100%").default("10%").describe("Instances scanned at once. @default 10%"),
    maxErrors: z.string().regex(MAX_ERRORS, "must be a count from 0 or a percentage 0%-100%").default("10%").describe("Errors after which the scan stops. @default 10%"),
  }).default({ enabled: false, schedule: "rate(1 day)", complianceSeverity: "HIGH", maxConcurrency: "10%", maxErrors: "10%" }).describe("Fresh compliance between windows (Scan only). @default disabled"),
  dataSync: z.strictObject({
    enabled: enabled("Sync inventory and compliance to the log bucket for Athena (resource data sync)."),
    organizationId: z.string().regex(ORGANIZATION_ID, "must be an AWS Organizations id o-…").optional()
      .describe("Let every account of this organization sync into the bucket (central reporting). @default this account only"),
  }).default({ enabled: false }).describe("SSM resource data sync to S3. @default disabled"),
  inventory: z.strictObject({
    enabled: enabled("Gather software inventory (applications, Windows updates) with AWS-GatherSoftwareInventory."),
    schedule: associationSchedule.default("rate(1 day)").describe("rate(...) or cron(...) of the inventory. @default rate(1 day)"),
  }).default({ enabled: false, schedule: "rate(1 day)" }).describe("Software inventory (SCCM: hardware/software inventory). @default disabled"),
  remediation: z.strictObject({
    enabled: enabled("Start the stack's runbook on instances that turn non-compliant."),
    operation: oneOf(OPERATIONS).default("Scan").describe("Scan re-checks; Install patches outside the windows. @default Scan"),
    allowInstallOutsideWindows: z.boolean({ error: "must be true or false" }).default(false).describe("Must be true for operation Install. @default false"),
  }).default({ enabled: false, operation: "Scan", allowInstallOutsideWindows: false }).describe("Automatic remediation of non-compliance. @default disabled"),
  awsConfigRule: z.strictObject({
    enabled: enabled("Add the managed AWS Config rule EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK (needs an existing configuration recorder)."),
  }).default({ enabled: false }).describe("AWS Config history of patch compliance. @default disabled"),
}).superRefine((c, ctx) => {
  const issue = (path: (string | number)[], input: unknown, message: string) => ctx.addIssue({ code: "custom", path, input, message });
  if (c.remediation.operation === "Install" && !c.remediation.allowInstallOutsideWindows) {
    issue(["remediation", "operation"], "Install", "installs outside maintenance windows need remediation.allowInstallOutsideWindows: true");
  }
  if (c.dataSync.enabled && !c.logBucket.enabled) issue(["dataSync", "enabled"], true, "the data sync writes to the log bucket; enable compliance.logBucket");
  if (c.dataSync.enabled && c.logBucket.bucketName) issue(["dataSync", "enabled"], true, "the data sync needs the bucket policy this stack writes; use the stack's own bucket (remove logBucket.bucketName)");
  if (c.dataSync.organizationId && !c.dataSync.enabled) issue(["dataSync", "organizationId"], c.dataSync.organizationId, "applies only with dataSync.enabled");
  if (c.notifications.emails.length > 0 && !c.notifications.enabled) issue(["notifications", "emails"], c.notifications.emails, "applies only with notifications.enabled");
});
export type ComplianceConfig = z.output<typeof complianceSchema>;

const iamNames = (what: string) => list(z.string().regex(IAM_NAME, `must be an IAM ${what} name`), 10).default([]);

/** A WSUS server address: http(s)://host[:port], nothing else, so it is safe inside a PowerShell string. */
export const wsusUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return ["http:", "https:"].includes(url.protocol) && url.hostname !== "" && !url.username && !url.password
      && (url.pathname === "/" || url.pathname === "") && !url.search && !url.hash && !value.endsWith("/") && !/['"`$\s]/.test(value);
  } catch {
    return false;
  }
}, "must be http(s)://host or http(s)://host:port, e.g. https://wsus.corp.example.com:8531");

export const onboardingSchema = z.strictObject({
  hybridActivation: z.strictObject({
    enabled: enabled("Create a hybrid activation that registers on-premises servers."),
    patchGroup: patchGroupName.optional().describe("Patch group the registered servers join (tag on the activation). Required when enabled."),
    registrationLimit: int(1, 1000).default(10).describe("Servers that may register with this activation (1-1000). @default 10"),
    expirationDate: rfc3339.optional().describe("When the activation expires: an explicit ISO-8601 time at most 30 days after deployment (checked by pulumi up). Required when enabled."),
    description: text(1, 256).optional().describe("Activation description. @default On-premises servers for patch group <patchGroup>"),
  }).default({ enabled: false, registrationLimit: 10 }).describe("On-premises servers (SCCM: client push to non-AD machines). @default disabled"),
  defaultHostManagement: z.strictObject({
    enabled: enabled("Make every EC2 instance in the region managed without an instance profile (Default Host Management Configuration)."),
  }).default({ enabled: false }).describe("Default Host Management Configuration. @default disabled"),
  instanceMetadataTags: z.boolean({ error: "must be true or false" }).default(false)
    .describe("Instances read their tags from instance metadata; then only the PatchGroup tag key works. @default false"),
  tagInstances: z.record(patchGroupName, list(z.string().regex(/^i-[0-9a-f]{8,17}$/, "must be an EC2 instance id i-…"), 1000)).default({})
    .describe("Existing EC2 instances to tag into patch groups: {<group>: [instance ids]}. @default {}"),
  privateEndpoints: z.strictObject({
    enabled: enabled("Create VPC endpoints so instances without internet reach Systems Manager."),
    vpcId: z.string().regex(VPC_ID, "must be a VPC id vpc-…").optional().describe("Existing VPC. @default - a new VPC"),
    subnetIds: list(z.string().regex(SUBNET_ID, "must be a subnet id subnet-…"), 16).optional().describe("Subnets of the existing VPC for the interface endpoints. Required with vpcId."),
    routeTableIds: list(z.string().regex(ROUTE_TABLE_ID, "must be a route table id rtb-…"), 16).optional().describe("Route tables for the S3 gateway endpoint. @default all route tables of the VPC"),
    newVpcCidr: z.string().regex(IPV4_CIDR, "must be an IPv4 CIDR block /16 to /28, e.g. 10.80.0.0/16").default("10.80.0.0/16").describe("CIDR of the new VPC. @default 10.80.0.0/16"),
    availabilityZones: int(1, 3).default(2).describe("Availability zones of the new VPC. @default 2"),
    natGateway: oneOf(["None", "Single"] as const).default("None").describe("None: isolated private subnets; Single: one NAT gateway so Windows Update is reachable. @default None"),
    includeKms: z.boolean({ error: "must be true or false" }).default(false).describe("Also a kms endpoint. @default false"),
    includeLogs: z.boolean({ error: "must be true or false" }).default(false).describe("Also a logs endpoint (CloudWatch output). @default false"),
  }).default({ enabled: false, newVpcCidr: "10.80.0.0/16", availabilityZones: 2, natGateway: "None", includeKms: false, includeLogs: false })
    .describe("Private network access to Systems Manager. @default disabled"),
  demoFleet: z.strictObject({
    enabled: enabled("Launch Windows Server 2022 instances that reproduce the walkthrough end to end (needs privateEndpoints)."),
    count: int(1, 10).default(2).describe("Instances (1-10). @default 2"),
    instanceType: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type such as t3.medium").default("t3.medium").describe("EC2 instance type. @default t3.medium"),
    patchGroup: patchGroupName.default("Test").describe("Patch group tag of the instances. @default Test"),
  }).default({ enabled: false, count: 2, instanceType: "t3.medium", patchGroup: "Test" }).describe("Demo fleet (dev). @default disabled"),
  adminPolicies: z.strictObject({
    enabled: enabled("Create the PatchAdministrators and PatchViewers managed policies."),
    administratorGroups: iamNames("group").describe("IAM groups that get PatchAdministrators. @default []"),
    administratorRoles: iamNames("role").describe("IAM roles that get PatchAdministrators. @default []"),
    viewerGroups: iamNames("group").describe("IAM groups that get PatchViewers. @default []"),
    viewerRoles: iamNames("role").describe("IAM roles that get PatchViewers. @default []"),
  }).default({ enabled: false, administratorGroups: [], administratorRoles: [], viewerGroups: [], viewerRoles: [] })
    .describe("Patch Manager permissions for people (SCCM: security roles). @default disabled"),
  wsus: z.strictObject({
    enabled: enabled("Point the Windows instances of patchGroups at a WSUS server."),
    serverUrl: wsusUrl.optional().describe("WSUS address, e.g. https://wsus.corp.example.com:8531. Required when enabled."),
    patchGroups: list(patchGroupName, LIMITS.targetValues).default([]).describe("Patch groups whose Windows instances use the WSUS server. @default []"),
  }).default({ enabled: false, patchGroups: [] }).describe("WSUS instead of Windows Update. @default disabled"),
}).superRefine((o, ctx) => {
  const issue = (path: (string | number)[], input: unknown, message: string) => ctx.addIssue({ code: "custom", path, input, message });
  const a = o.hybridActivation;
  if (a.enabled && !a.patchGroup) issue(["hybridActivation", "patchGroup"], undefined, "required when the activation is enabled");
  if (a.enabled && !a.expirationDate) issue(["hybridActivation", "expirationDate"], undefined, "required when the activation is enabled: an explicit ISO-8601 time at most 30 days ahead");
  const seen = new Map<string, string>();
  for (const [group, ids] of Object.entries(o.tagInstances)) {
    ids.forEach((id, i) => {
      const other = seen.get(id);
      if (other && other !== group) issue(["tagInstances", group, i], id, `is already in patch group ${other}; an instance belongs to one patch group`);
      seen.set(id, group);
    });
  }
  const e = o.privateEndpoints;
  if (e.vpcId && !(e.subnetIds?.length)) issue(["privateEndpoints", "subnetIds"], e.subnetIds, "required with vpcId: the subnets for the interface endpoints");
  if (!e.vpcId && (e.subnetIds || e.routeTableIds)) issue(["privateEndpoints", "vpcId"], undefined, "subnetIds and routeTableIds need the vpcId they belong to");
  if (o.demoFleet.enabled && !e.enabled) issue(["demoFleet", "enabled"], true, "the demo fleet runs in the private subnets of privateEndpoints; enable onboarding.privateEndpoints");
  if (o.wsus.enabled && !o.wsus.serverUrl) issue(["wsus", "serverUrl"], undefined, "required when WSUS is enabled");
  if (o.wsus.enabled && o.wsus.patchGroups.length === 0) issue(["wsus", "patchGroups"], [], "name at least one patch group whose Windows instances use WSUS");
});
export type OnboardingConfig = z.output<typeof onboardingSchema>;

const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;
export const quickSetupSchema = z.strictObject({
  enabled: enabled("Deploy patching across an AWS Organization with a Quick Setup patch policy (StackSets)."),
  policyName: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1-64 letters, digits, _ or -").default("patching").describe("Patch policy name. @default patching"),
  operation: oneOf(["Scan", "ScanAndInstall"] as const).default("Scan").describe("Scan only, or scan and install. @default Scan"),
  scanSchedule: associationSchedule.default("cron(0 1 * * ? *)").describe("When to scan. @default cron(0 1 * * ? *)"),
  installSchedule: associationSchedule.optional().describe("When to install; required for ScanAndInstall. @default none"),
  rebootOption: oneOf(REBOOT_OPTIONS).default("RebootIfNeeded").describe("Reboot after installing. @default RebootIfNeeded"),
  baselines: oneOf(["stack", "default"] as const).default("stack").describe("stack: this stack's baselines, one per OS; default: AWS's default baselines. @default stack"),
  targetOrganizationalUnits: list(z.string().regex(/^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/, "must be an organizational unit id ou-… or root id r-…"), 50).default([])
    .describe("OUs (or the root) to deploy to. Give these or targetAccounts. @default []"),
  targetAccounts: list(z.string().regex(/^\d{12}$/, "must be a 12-digit account id"), 50).default([]).describe("Accounts to deploy to. @default []"),
  targetRegions: list(z.string().regex(AWS_REGION, "must be an AWS region such as eu-west-1"), 30).default([]).describe("Regions to deploy to (at least one when enabled). @default []"),
  targetTagKey: text(1, LIMITS.tagKey).optional().describe("Patch only instances with this tag (with targetTagValue). @default all instances"),
  targetTagValue: text(1, LIMITS.tagValue).optional().describe("Tag value for targetTagKey. @default none"),
  rateControlConcurrency: z.string().regex(MAX_CONCURRENCY, "must be a count from 1 or a percentage 1%-100%").default("10%").describe("Instances patched at once per account and region. @default 10%"),
  rateControlErrorThreshold: z.string().regex(MAX_ERRORS, "must be a count from 0 or a percentage 0%-100%").default("2%").describe("Errors after which patching stops. @default 2%"),
}).superRefine((q, ctx) => {
  if (!q.enabled) return;
  const issue = (path: string, input: unknown, message: string) => ctx.addIssue({ code: "custom", path: [path], input, message });
  if ((q.targetOrganizationalUnits.length > 0) === (q.targetAccounts.length > 0)) issue("targetOrganizationalUnits", q.targetOrganizationalUnits, "give exactly one of targetOrganizationalUnits or targetAccounts");
  if (q.targetRegions.length === 0) issue("targetRegions", q.targetRegions, "name at least one region");
  if (q.operation === "ScanAndInstall" && !q.installSchedule) issue("installSchedule", undefined, "required when operation is ScanAndInstall");
  if ((q.targetTagKey === undefined) !== (q.targetTagValue === undefined)) issue("targetTagKey", q.targetTagKey, "targetTagKey and targetTagValue go together");
});
export type QuickSetupConfig = z.output<typeof quickSetupSchema>;

/** AWS managed policies that would hand every managed node the account. */
const BROAD_POLICIES = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

export const instanceRoleSchema = z.strictObject({
  roleName: z.string().regex(IAM_ROLE_NAME, "must be an IAM role name of 1-64 characters").optional().describe("Role name, e.g. EC2-SSMCore. @default - a unique generated name"),
  managedPolicyArns: list(z.string().regex(IAM_POLICY_ARN, "must be an IAM policy ARN")
    .refine((arn) => !BROAD_POLICIES.some((name) => arn.endsWith(`:iam::aws:policy/${name}`)), `must not be ${BROAD_POLICIES.join(", ")}: every managed node assumes this role; attach only what its workloads need`), 19)
    .default([]).describe("Extra managed policies (at most 19 besides AmazonSSMManagedInstanceCore); AdministratorAccess, PowerUserAccess and IAMFullAccess are refused. @default []"),
  permissionsBoundaryArn: z.string().regex(IAM_POLICY_ARN, "must be an IAM policy ARN").optional().describe("Permissions boundary for the role. @default none"),
});

export const stackConfigSchema = z.strictObject({
  environment: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, "must be lower-case letters, digits and -, starting with a letter").optional().describe("Environment name used in tags and prefixes. @default the stack name"),
  patchGroupTagKey: oneOf(PATCH_GROUP_TAG_KEYS).default("Patch Group").describe("Tag key that puts instances into patch groups; PatchGroup where instance metadata tags are on. @default Patch Group"),
  retainAuditData: z.boolean({ error: "must be true or false" }).default(true)
    .describe("Keep the audit data (patch-log bucket, command log group, the notifications' KMS key) when it is removed from the stack or the stack is destroyed. A property of the stage, whatever its name. @default true"),
  allowDefaultBaselineFallback: z.boolean({ error: "must be true or false" }).default(false).describe("Let windows target patch groups that have no baseline here (they then use the account's default baseline). @default false"),
  tags: tagsSchema.default({}).describe("Tags added to every resource that takes tags. @default {}"),
  instanceRole: instanceRoleSchema.default({ managedPolicyArns: [] }).describe("The EC2 instance role and profile. @default a role with a generated name"),
  baselines: z.record(resourceName, baselineSchema).default({}).describe("Patch baselines by name (SCCM: software update groups). @default {}"),
  fleetEstimate: z.strictObject({
    minutesPerInstance: int(1, 1440).default(30).describe("Assumed minutes to scan, install and reboot one instance. @default 30"),
    instances: z.record(patchGroupName, int(0, 1_000_000)).default({}).describe("Expected instances per patch group, e.g. {Test: 12}. @default {}"),
  }).optional().describe("Expected fleet size, so the plan can warn when a window is too short for it at its maxConcurrency. @default none"),
  compliance: complianceSchema.default(complianceSchema.parse({})).describe("Compliance reporting, patch logs and notifications; each part switchable. @default all disabled"),
  onboarding: onboardingSchema.default(onboardingSchema.parse({})).describe("Fleet onboarding: hybrid activation, Default Host Management, tagging, private endpoints, demo fleet, admin policies, WSUS; each switchable. @default all disabled"),
  quickSetupPatchPolicy: quickSetupSchema.default(quickSetupSchema.parse({})).describe("Organization-wide patch policy through Quick Setup, for fleets beyond per-account stacks. @default disabled"),
  maintenanceWindows: z.record(resourceName, windowSchema).default({}).describe("Maintenance windows by name (SCCM: deployment schedules). @default {}"),
}).superRefine((config, ctx) => {
  const served = new Map<string, Map<string, string>>(); // patch group → OS → baseline
  const defaults = new Map<string, string>();
  for (const [name, baseline] of Object.entries(config.baselines)) {
    baseline.patchGroups.forEach((group, i) => {
      const byOs = served.get(group) ?? new Map<string, string>();
      const other = byOs.get(baseline.operatingSystem);
      if (other) {
        ctx.addIssue({ code: "custom", path: ["baselines", name, "patchGroups", i], input: group, message: `patch group already has ${baseline.operatingSystem} baseline ${other}; a patch group takes one baseline per operating system` });
      }
      byOs.set(baseline.operatingSystem, name);
      served.set(group, byOs);
    });
    if (baseline.defaultForOperatingSystem) {
      const other = defaults.get(baseline.operatingSystem);
      if (other) ctx.addIssue({ code: "custom", path: ["baselines", name, "defaultForOperatingSystem"], input: true, message: `${other} is already the default ${baseline.operatingSystem} baseline; an OS has one default` });
      defaults.set(baseline.operatingSystem, name);
    }
  }
  const quickSetup = config.quickSetupPatchPolicy;
  if (quickSetup.enabled && quickSetup.baselines === "stack") {
    const byOs = new Map<string, string>();
    for (const [name, baseline] of Object.entries(config.baselines)) {
      const other = byOs.get(baseline.operatingSystem);
      if (other) ctx.addIssue({ code: "custom", path: ["quickSetupPatchPolicy", "baselines"], input: "stack", message: `a patch policy takes one baseline per operating system, but ${other} and ${name} are both ${baseline.operatingSystem}; use "default" or one baseline per OS` });
      byOs.set(baseline.operatingSystem, name);
    }
    if (byOs.size === 0) ctx.addIssue({ code: "custom", path: ["quickSetupPatchPolicy", "baselines"], input: "stack", message: "this stack has no baselines to select; use \"default\"" });
  }
  const onboarding = config.onboarding;
  if (onboarding.instanceMetadataTags && config.patchGroupTagKey !== "PatchGroup") {
    ctx.addIssue({ code: "custom", path: ["patchGroupTagKey"], input: config.patchGroupTagKey, message: "must be PatchGroup where instance metadata tags are on (onboarding.instanceMetadataTags): tag keys with spaces are not readable there" });
  }
  if (config.allowDefaultBaselineFallback) return;
  const unserved = (path: (string | number)[], group: string) => {
    if (!served.has(group)) {
      ctx.addIssue({ code: "custom", path, input: group, message: "no baseline serves this patch group, so it would silently use the AWS default baseline; add it to a baseline's patchGroups or set patching:allowDefaultBaselineFallback" });
    }
  };
  for (const [name, window] of Object.entries(config.maintenanceWindows)) {
    window.patchGroups.forEach((group, i) => unserved(["maintenanceWindows", name, "patchGroups", i], group));
  }
  for (const group of Object.keys(onboarding.tagInstances)) unserved(["onboarding", "tagInstances", group], group);
  if (onboarding.hybridActivation.enabled && onboarding.hybridActivation.patchGroup) unserved(["onboarding", "hybridActivation", "patchGroup"], onboarding.hybridActivation.patchGroup);
  if (onboarding.demoFleet.enabled) unserved(["onboarding", "demoFleet", "patchGroup"], onboarding.demoFleet.patchGroup);
  onboarding.wsus.patchGroups.forEach((group, i) => unserved(["onboarding", "wsus", "patchGroups", i], group));
});

export type StackConfigInput = z.input<typeof stackConfigSchema>;
export type ParsedConfig = z.output<typeof stackConfigSchema>;
