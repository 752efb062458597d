import { z } from "zod";
import {
  cutoffRule,
  defaultCutoff,
  TASK_DEFAULTS,
  windowTargetSpecs,
} from "../../components/patching/MaintenanceWindow";
import {
  CUTOFF_BEHAVIORS,
  DOCUMENT_NAME,
  INSTANCE_ID,
  LIMITS,
  MAX_CONCURRENCY,
  MAX_ERRORS,
  OPERATIONS,
  PATCH_DOCUMENTS,
  REBOOT_OPTIONS,
  S3_BUCKET_NAME,
  TAG_VALUE,
  TARGET_KEY,
} from "../limits";
import { isValidTimezone, parseWindowDate } from "../../schedule/expression";
import { oneOf, int, text, list, isoTimestamp, TAG_CHARACTERS, patchGroupName, scheduleFor } from "./common";

/**
 * The account of a document given by ARN (arn:aws:ssm:<region>:<account>:document/<name>); a bare name is this
 * account's or AWS's.
 */
const documentAccount = (document: string) => /^arn:[\w-]+:ssm:[\w-]*:(\d{12}):document\//.exec(document)?.[1];

/** The hook points of AWS-RunPatchBaselineWithHooks, by their config names. */
export const HOOKS = ["preInstall", "postInstall", "onExit"] as const;

/**
 * AWS-owned documents with a parameter that has no default (each document's own parameter list,
 * `aws ssm describe-document --name <document>`). AWS-RunPatchBaselineWithHooks runs a hook through
 * aws:runDocument with no documentParameters, so such a document fails the install at the hook.
 */
export const AWS_DOCUMENTS_WITH_REQUIRED_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  "AWS-RunShellScript": ["commands"],
  "AWS-RunPowerShellScript": ["commands"],
  "AWS-RunRemoteScript": ["sourceType", "sourceInfo", "commandLine"],
  "AWS-RunDocument": ["sourceType", "sourceInfo"],
  "AWS-ConfigureAWSPackage": ["action", "name"],
  "AWS-ApplyPatchBaseline": ["Operation"],
  "AWS-RunPatchBaseline": ["Operation"],
  "AWS-RunPatchBaselineWithHooks": ["Operation"],
  "AWS-RunPatchBaselineAssociation": ["Operation"],
};
export const hooksSchema = z
  .strictObject({
    preInstall: z
      .string()
      .regex(DOCUMENT_NAME, "must be an SSM document name or ARN")
      .optional()
      .describe("Document run before installing (PreInstallHookDocName). @default AWS-Noop"),
    postInstall: z
      .string()
      .regex(DOCUMENT_NAME, "must be an SSM document name or ARN")
      .optional()
      .describe("Document run after installing, before reboot (PostInstallHookDocName). @default AWS-Noop"),
    onExit: z
      .string()
      .regex(DOCUMENT_NAME, "must be an SSM document name or ARN")
      .optional()
      .describe("Document run after the reboot (OnExitHookDocName). @default AWS-Noop"),
    trustedAccounts: list(z.string().regex(/^\d{12}$/, "must be a 12-digit account id"), 10)
      .default([])
      .describe(
        "Accounts whose shared hook documents (given by ARN) may run; a hook runs as SYSTEM/root during installs. @default [] (this account's and AWS's documents only)",
      ),
  })
  .superRefine((hooks, ctx) => {
    for (const hook of HOOKS) {
      const required = hooks[hook] ? AWS_DOCUMENTS_WITH_REQUIRED_PARAMETERS[hooks[hook]] : undefined;
      if (required)
        ctx.addIssue({
          code: "custom",
          path: [hook],
          input: hooks[hook],
          message: `needs ${required.join(", ")}, which a hook cannot pass (AWS-RunPatchBaselineWithHooks runs a hook with no parameters); use a document whose every parameter has a default, such as AWS-Noop`,
        });
      const account = hooks[hook] ? documentAccount(hooks[hook]) : undefined;
      if (account && !hooks.trustedAccounts.includes(account)) {
        ctx.addIssue({
          code: "custom",
          path: [hook],
          input: hooks[hook],
          message: `is a document of account ${account}, and runs as SYSTEM/root on every node it patches; add ${account} to hooks.trustedAccounts to allow it`,
        });
      }
    }
  });

export const taskSchema = z
  .strictObject({
    operation: oneOf(OPERATIONS).describe("Scan reports compliance only; Install also installs approved patches."),
    document: oneOf(PATCH_DOCUMENTS)
      .default(TASK_DEFAULTS.document)
      .describe(`AWS-RunPatchBaseline, or AWS-RunPatchBaselineWithHooks for hooks. @default ${TASK_DEFAULTS.document}`),
    rebootOption: oneOf(REBOOT_OPTIONS)
      .default(TASK_DEFAULTS.rebootOption)
      .describe(`RebootIfNeeded or NoReboot. @default ${TASK_DEFAULTS.rebootOption}`),
    priority: int(0, 1_000_000)
      .default(TASK_DEFAULTS.priority)
      .describe(`Lower runs first within the window. @default ${TASK_DEFAULTS.priority}`),
    maxConcurrency: z
      .string({ error: 'must be a string such as "10" or "10%"' })
      .regex(MAX_CONCURRENCY, "must be a count from 1 or a percentage 1%-100%")
      .default(TASK_DEFAULTS.maxConcurrency)
      .describe(`Instances patched at once (count or %). @default ${TASK_DEFAULTS.maxConcurrency}`),
    maxErrors: z
      .string({ error: 'must be a string such as "1" or "10%"' })
      .regex(MAX_ERRORS, "must be a count from 0 or a percentage 0%-100%")
      .default(TASK_DEFAULTS.maxErrors)
      .describe(`Errors after which the task stops (count or %). @default ${TASK_DEFAULTS.maxErrors}`),
    cutoffBehavior: oneOf(CUTOFF_BEHAVIORS)
      .default(TASK_DEFAULTS.cutoffBehavior)
      .describe(`What happens to a running task at the cutoff. @default ${TASK_DEFAULTS.cutoffBehavior}`),
    timeoutSeconds: int(LIMITS.timeoutSeconds[0], LIMITS.timeoutSeconds[1])
      .default(TASK_DEFAULTS.timeoutSeconds)
      .describe(
        `Seconds the command may wait to start on an instance (30-2592000). @default ${TASK_DEFAULTS.timeoutSeconds}`,
      ),
    outputS3BucketName: z
      .string()
      .regex(S3_BUCKET_NAME, "must be an S3 bucket name (3-63 lower-case letters, digits, . -)")
      .optional()
      .describe(
        "Bucket for command output. @default the stack's patch-log bucket when compliance.logBucket is enabled, else none",
      ),
    outputS3KeyPrefix: text(1, 500)
      .optional()
      .describe("Key prefix for command output. @default <environment>/<operation>/ when a bucket is set"),
    cloudWatchOutput: z
      .boolean({ error: "must be true or false" })
      .optional()
      .describe(
        "Send command output to CloudWatch Logs. @default true when compliance.logGroup is enabled, else false",
      ),
    cloudWatchLogGroupName: text(1, 512)
      .regex(/^[.\-_/#A-Za-z0-9]+$/, "must be a CloudWatch log group name")
      .optional()
      .describe("Log group for output. @default the stack's log group, /aws/ssm/<environment>/patching"),
    hooks: hooksSchema
      .optional()
      .describe("Hook documents; needs document AWS-RunPatchBaselineWithHooks. @default none"),
    installOverrideList: z
      .string()
      .regex(/^(https|s3):\/\/\S+$/, "must be an https:// or s3:// URL")
      .optional()
      .describe("URL of a patch list that replaces the baseline for Install. @default none"),
    comment: text(1, LIMITS.comment)
      .optional()
      .describe("Command comment shown in Run Command history (at most 100). @default none"),
    description: text(1, LIMITS.windowDescription)
      .optional()
      .describe("Task description (1-128), e.g. as adopted from the console. @default <operation> with <document>"),
  })
  .superRefine((task, ctx) => {
    if (task.hooks && task.document !== "AWS-RunPatchBaselineWithHooks") {
      ctx.addIssue({
        code: "custom",
        path: ["hooks"],
        input: task.hooks,
        message: "hooks need document AWS-RunPatchBaselineWithHooks",
      });
    }
  });
export type TaskConfig = z.output<typeof taskSchema>;

const targetsSchema = z.strictObject({
  tags: z
    .record(
      text(1, LIMITS.tagKey).regex(TARGET_KEY, TAG_CHARACTERS),
      list(text(1, LIMITS.tagValue).regex(TAG_VALUE, TAG_CHARACTERS), LIMITS.targetValues).min(
        1,
        "must have at least one value",
      ),
    )
    .refine((t) => Object.keys(t).length <= LIMITS.targetKeys, `must have at most ${LIMITS.targetKeys} tag keys`)
    .optional()
    .describe(
      "Instances carrying all of these tags (key → accepted values, at most 5 keys, 50 values each). @default none",
    ),
  instanceIds: list(
    z.string().regex(INSTANCE_ID, "must be an instance id i-… or managed instance id mi-…"),
    LIMITS.targetValues,
  )
    .optional()
    .describe("Explicit instance ids (at most 50). @default none"),
  resourceGroups: list(text(1, 300), LIMITS.targetValues)
    .optional()
    .describe("AWS resource group names (at most 50). @default none"),
});

export const windowSchema = z
  .strictObject({
    description: text(1, LIMITS.windowDescription)
      .optional()
      .describe("Window description (1-128). @default - generated"),
    schedule: scheduleFor("window").describe(
      "cron([sec] min hour dom month dow year), rate(n minutes|hours|days), at least 5 minutes apart, or at(...); see AWS's cron and rate reference. Patch Tuesday: cron(0 2 ? * TUE#2 *).",
    ),
    scheduleTimezone: z
      .string()
      .refine(isValidTimezone, "must be an IANA time zone such as Europe/Berlin")
      .default("UTC")
      .describe("IANA time zone the schedule is read in. @default UTC"),
    scheduleOffset: int(1, LIMITS.scheduleOffset)
      .optional()
      .describe("Days to wait after the cron date (1-6), cron only. @default none"),
    duration: int(1, LIMITS.duration).describe("Window length in hours (1-24)."),
    cutoff: int(0, LIMITS.cutoff)
      .optional()
      .describe(
        "Hours before the end when no new task starts (0-23, < duration). @default 1, or 0 for a 1-hour window",
      ),
    startDate: isoTimestamp.optional().describe("ISO-8601 time before which the window never runs. @default none"),
    endDate: isoTimestamp.optional().describe("ISO-8601 time after which the window never runs. @default none"),
    enabled: z
      .boolean({ error: "must be true or false" })
      .default(true)
      .describe("Whether the window runs at all. @default true"),
    patchGroups: list(patchGroupName, LIMITS.targetValues)
      .default([])
      .describe("Patch groups this window patches (at most 50). @default []"),
    targets: targetsSchema
      .default({})
      .describe("Further targets by tags, instance ids or resource groups. @default none"),
    targetNames: z
      .record(
        z
          .string()
          .regex(/^(patch-groups|tags|instances|rg-.+)$/, "must be patch-groups, tags, instances or rg-<group>"),
        z.strictObject({
          name: text(3, 128)
            .regex(/^[a-zA-Z0-9_\-.]{3,128}$/, "must be 3-128 letters, digits, _ - .")
            .optional()
            .describe("The target's name in AWS (3-128). @default <window>-<kind>"),
          description: text(1, 128).optional().describe("The target's description (1-128). @default generated"),
        }),
      )
      .default({})
      .describe(
        "The AWS name and description of each target registration (patch-groups, tags, instances, rg-<group>), e.g. as adopted from the console. @default <window>-<kind>, generated",
      ),
    tasks: z
      .record(z.string(), taskSchema)
      .refine(
        (t) => Object.keys(t).length >= 1 && Object.keys(t).length <= LIMITS.tasksPerWindow,
        `must have 1-${LIMITS.tasksPerWindow} tasks`,
      )
      .describe("Tasks by name, e.g. scan and install."),
  })
  // Runs even when another key of the window is wrong (a task's maxConcurrency, say), so every
  // problem shows in one run; each check looks only at keys that are themselves valid.
  .superRefine(
    (window, ctx) => {
      const issue = (path: string, input: unknown, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], input, message });
      const whole = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n);
      const cutoff = window.cutoff ?? (whole(window.duration) ? defaultCutoff(window.duration) : undefined);
      const cutoffBroken = whole(window.duration) && whole(cutoff) && cutoffRule(cutoff, window.duration);
      if (cutoffBroken) issue("cutoff", cutoff, cutoffBroken);
      if (
        window.scheduleOffset !== undefined &&
        typeof window.schedule === "string" &&
        !window.schedule.trim().startsWith("cron(")
      )
        issue("scheduleOffset", window.scheduleOffset, "applies to cron schedules only");
      const date = (d: unknown) => (typeof d === "string" ? parseWindowDate(d) : undefined);
      const [start, end] = [date(window.startDate), date(window.endDate)];
      if (start && end && end <= start) issue("endDate", window.endDate, `must be after startDate ${window.startDate}`);
      const t = window.targets ?? {};
      if (
        Array.isArray(window.patchGroups) &&
        window.patchGroups.length === 0 &&
        !t.tags &&
        !t.instanceIds?.length &&
        !t.resourceGroups?.length
      ) {
        issue("patchGroups", window.patchGroups, "a window needs at least one patch group or other target");
      }
      if (Array.isArray(window.patchGroups) && window.targetNames) {
        const kinds = windowTargetSpecs(window).map((spec) => spec.suffix);
        for (const kind of Object.keys(window.targetNames))
          if (!kinds.includes(kind))
            ctx.addIssue({
              code: "custom",
              path: ["targetNames", kind],
              input: kind,
              message: `the window registers no such target; it has ${kinds.join(", ") || "none"}`,
            });
      }
    },
    { when: () => true },
  )
  .transform((w) => ({ ...w, cutoff: w.cutoff ?? defaultCutoff(w.duration) }));
export type WindowConfig = z.output<typeof windowSchema>;
