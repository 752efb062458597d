import { z } from "zod";
import { PATCH_POLICY_DEFAULTS as D } from "../../components/patching/QuickSetupPatchPolicy";
import { AWS_REGION, LIMITS, MAX_CONCURRENCY, MAX_ERRORS, REBOOT_OPTIONS } from "../limits";
import { oneOf, text, list, associationSchedule, enabled } from "./common";

export const quickSetupSchema = z
  .strictObject({
    enabled: enabled("Deploy patching across an AWS Organization with a Quick Setup patch policy (StackSets)."),
    policyName: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1-64 letters, digits, _ or -")
      .default(D.policyName)
      .describe(`Patch policy name. @default ${D.policyName}`),
    operation: oneOf(["Scan", "ScanAndInstall"] as const)
      .default(D.operation)
      .describe(`Scan only, or scan and install. @default ${D.operation}`),
    scanSchedule: associationSchedule.default(D.scanSchedule).describe(`When to scan. @default ${D.scanSchedule}`),
    installSchedule: associationSchedule
      .optional()
      .describe("When to install; required for ScanAndInstall. @default none"),
    rebootOption: oneOf(REBOOT_OPTIONS)
      .default(D.rebootOption)
      .describe(`Reboot after installing. @default ${D.rebootOption}`),
    baselines: oneOf(["stack", "default"] as const)
      .default("stack")
      .describe("stack: this stack's baselines, one per OS; default: AWS's default baselines. @default stack"),
    targetOrganizationalUnits: list(
      z
        .string()
        .regex(
          /^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/,
          "must be an organizational unit id ou-… or root id r-…",
        ),
      50,
    )
      .default([])
      .describe("OUs (or the root) to deploy to. Give these or targetAccounts. @default []"),
    targetAccounts: list(z.string().regex(/^\d{12}$/, "must be a 12-digit account id"), 50)
      .default([])
      .describe("Accounts to deploy to. @default []"),
    targetRegions: list(z.string().regex(AWS_REGION, "must be an AWS region such as eu-west-1"), 30)
      .default([])
      .describe("Regions to deploy to (at least one when enabled). @default []"),
    targetTagKey: text(1, LIMITS.tagKey)
      .optional()
      .describe("Patch only instances with this tag (with targetTagValue). @default all instances"),
    targetTagValue: text(1, LIMITS.tagValue).optional().describe("Tag value for targetTagKey. @default none"),
    rateControlConcurrency: z
      .string()
      .regex(MAX_CONCURRENCY, "must be a count from 1 or a percentage 1%-100%")
      .default(D.rateControlConcurrency)
      .describe(`Instances patched at once per account and region. @default ${D.rateControlConcurrency}`),
    rateControlErrorThreshold: z
      .string()
      .regex(MAX_ERRORS, "must be a count from 0 or a percentage 0%-100%")
      .default(D.rateControlErrorThreshold)
      .describe(`Errors after which patching stops. @default ${D.rateControlErrorThreshold}`),
  })
  .superRefine((q, ctx) => {
    if (!q.enabled) return;
    const issue = (path: string, input: unknown, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], input, message });
    if (q.targetOrganizationalUnits.length > 0 === q.targetAccounts.length > 0)
      issue(
        "targetOrganizationalUnits",
        q.targetOrganizationalUnits,
        "give exactly one of targetOrganizationalUnits or targetAccounts",
      );
    if (q.targetRegions.length === 0) issue("targetRegions", q.targetRegions, "name at least one region");
    if (q.operation === "ScanAndInstall" && !q.installSchedule)
      issue("installSchedule", undefined, "required when operation is ScanAndInstall");
    if ((q.targetTagKey === undefined) !== (q.targetTagValue === undefined))
      issue("targetTagKey", q.targetTagKey, "targetTagKey and targetTagValue go together");
  });
export type QuickSetupConfig = z.output<typeof quickSetupSchema>;
