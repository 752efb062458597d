import { z } from "zod";
import { IAM_POLICY_ARN, IAM_ROLE_NAME, PATCH_GROUP_TAG_KEYS } from "../limits";
import { oneOf, int, list, patchGroupName, tagsSchema } from "./common";
import { baselineSchema } from "./baselines";
import { complianceSchema } from "./compliance";
import { onboardingSchema } from "./onboarding";
import { quickSetupSchema } from "./quickSetup";
import { windowSchema } from "./windows";

export * from "./baselines";
export * from "./common";
export * from "./compliance";
export * from "./onboarding";
export * from "./quickSetup";
export * from "./windows";

/** AWS managed policies that would hand every managed node the account. */
const BROAD_POLICIES = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

export const instanceRoleSchema = z.strictObject({
  roleName: z
    .string()
    .regex(IAM_ROLE_NAME, "must be an IAM role name of 1-64 characters")
    .optional()
    .describe("Role name, e.g. EC2-SSMCore. @default - a unique generated name"),
  managedPolicyArns: list(
    z
      .string()
      .regex(IAM_POLICY_ARN, "must be an IAM policy ARN")
      .refine(
        (arn) => !BROAD_POLICIES.some((name) => arn.endsWith(`:iam::aws:policy/${name}`)),
        `must not be ${BROAD_POLICIES.join(", ")}: every managed node assumes this role; attach only what its workloads need`,
      ),
    19,
  )
    .default([])
    .describe(
      "Extra managed policies (at most 19 besides AmazonSSMManagedInstanceCore); AdministratorAccess, PowerUserAccess and IAMFullAccess are refused. @default []",
    ),
  permissionsBoundaryArn: z
    .string()
    .regex(IAM_POLICY_ARN, "must be an IAM policy ARN")
    .optional()
    .describe("Permissions boundary for the role. @default none"),
});

/** A stage's success criteria; its defaults are what `patching gate` applies when none is configured. */
export const gateSchema = z.strictObject({
  minCompliantPercent: z
    .number({ error: "must be a number" })
    .min(0, "must be from 0 to 100")
    .max(100, "must be from 0 to 100")
    .default(95)
    .describe("Least compliant share of each patch group's instances, in percent. @default 95"),
  maxFailed: int(0, 1_000_000).default(0).describe("Most instances with failed patches in each group. @default 0"),
  soakHours: int(0, 24 * 60)
    .default(0)
    .describe("Least hours since each group's last Install ended. @default 0"),
});

export const stackConfigSchema = z
  .strictObject({
    environment: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,30}$/, "must be lower-case letters, digits and -, starting with a letter")
      .optional()
      .describe("Environment name used in tags and prefixes. @default the stack name"),
    patchGroupTagKey: oneOf(PATCH_GROUP_TAG_KEYS)
      .default("Patch Group")
      .describe(
        "Tag key that puts instances into patch groups; PatchGroup where instance metadata tags are on. @default Patch Group",
      ),
    stage: z
      .number({ error: "must be a number" })
      .min(0, "must be 0 or more")
      .optional()
      .describe(
        "Where the stack stands in the rollout: plan --all-stacks, the timeline and rollout order stacks by it (dev 10, test 20, prod 30; a staging stack between test and prod takes e.g. 25). @default - after every stack that has one",
      ),
    gate: gateSchema
      .optional()
      .describe(
        "The stage's success criteria (SCCM: phased deployment success criteria), checked by patching gate against live compliance. @default 95% compliant, no failed instance, no soak",
      ),
    retainAuditData: z
      .boolean({ error: "must be true or false" })
      .default(true)
      .describe(
        "Keep the audit data (patch-log bucket, command log group, the notifications' KMS key) when it is removed from the stack or the stack is destroyed. A property of the stage, whatever its name. @default true",
      ),
    allowDefaultBaselineFallback: z
      .boolean({ error: "must be true or false" })
      .default(false)
      .describe(
        "Let windows target patch groups that have no baseline here (they then use the account's default baseline). @default false",
      ),
    tags: tagsSchema.default({}).describe("Tags added to every resource that takes tags. @default {}"),
    instanceRole: instanceRoleSchema
      .prefault({})
      .describe("The EC2 instance role and profile. @default a role with a generated name"),
    baselines: z
      .record(z.string(), baselineSchema)
      .default({})
      .describe("Patch baselines by name (SCCM: software update groups). @default {}"),
    fleetEstimate: z
      .strictObject({
        minutesPerInstance: int(1, 1440)
          .default(30)
          .describe("Assumed minutes to scan, install and reboot one instance. @default 30"),
        instances: z
          .record(patchGroupName, int(0, 1_000_000))
          .default({})
          .describe("Expected instances per patch group, e.g. {Test: 12}. @default {}"),
      })
      .optional()
      .describe(
        "Expected fleet size, so the plan can warn when a window is too short for it at its maxConcurrency. @default none",
      ),
    compliance: complianceSchema
      .prefault({})
      .describe("Compliance reporting, patch logs and notifications; each part switchable. @default all disabled"),
    onboarding: onboardingSchema
      .prefault({})
      .describe(
        "Fleet onboarding: hybrid activation, Default Host Management, tagging, private endpoints, demo fleet, admin policies, WSUS; each switchable. @default all disabled",
      ),
    quickSetupPatchPolicy: quickSetupSchema
      .prefault({})
      .describe(
        "Organization-wide patch policy through Quick Setup, for fleets beyond per-account stacks. @default disabled",
      ),
    maintenanceWindows: z
      .record(z.string(), windowSchema)
      .default({})
      .describe("Maintenance windows by name (SCCM: deployment schedules). @default {}"),
  })
  .superRefine((config, ctx) => {
    const served = new Map<string, Map<string, string>>(); // patch group → OS → baseline
    const defaults = new Map<string, string>();
    for (const [name, baseline] of Object.entries(config.baselines)) {
      baseline.patchGroups.forEach((group, i) => {
        const byOs = served.get(group) ?? new Map<string, string>();
        const other = byOs.get(baseline.operatingSystem);
        if (other) {
          ctx.addIssue({
            code: "custom",
            path: ["baselines", name, "patchGroups", i],
            input: group,
            message: `patch group already has ${baseline.operatingSystem} baseline ${other}; a patch group takes one baseline per operating system`,
          });
        }
        byOs.set(baseline.operatingSystem, name);
        served.set(group, byOs);
      });
      if (baseline.defaultForOperatingSystem) {
        const other = defaults.get(baseline.operatingSystem);
        if (other)
          ctx.addIssue({
            code: "custom",
            path: ["baselines", name, "defaultForOperatingSystem"],
            input: true,
            message: `${other} is already the default ${baseline.operatingSystem} baseline; an OS has one default`,
          });
        defaults.set(baseline.operatingSystem, name);
      }
    }
    const quickSetup = config.quickSetupPatchPolicy;
    if (quickSetup.enabled && quickSetup.baselines === "stack") {
      const byOs = new Map<string, string>();
      for (const [name, baseline] of Object.entries(config.baselines)) {
        const other = byOs.get(baseline.operatingSystem);
        if (other)
          ctx.addIssue({
            code: "custom",
            path: ["quickSetupPatchPolicy", "baselines"],
            input: "stack",
            message: `a patch policy takes one baseline per operating system, but ${other} and ${name} are both ${baseline.operatingSystem}; use "default" or one baseline per OS`,
          });
        byOs.set(baseline.operatingSystem, name);
      }
      if (byOs.size === 0)
        ctx.addIssue({
          code: "custom",
          path: ["quickSetupPatchPolicy", "baselines"],
          input: "stack",
          message: 'this stack has no baselines to select; use "default"',
        });
    }
    const onboarding = config.onboarding;
    if (onboarding.instanceMetadataTags && config.patchGroupTagKey !== "PatchGroup") {
      ctx.addIssue({
        code: "custom",
        path: ["patchGroupTagKey"],
        input: config.patchGroupTagKey,
        message:
          "must be PatchGroup where instance metadata tags are on (onboarding.instanceMetadataTags): tag keys with spaces are not readable there",
      });
    }
    if (config.allowDefaultBaselineFallback) return;
    const unserved = (path: (string | number)[], group: string) => {
      if (!served.has(group)) {
        ctx.addIssue({
          code: "custom",
          path,
          input: group,
          message:
            "no baseline serves this patch group, so it would silently use the AWS default baseline; add it to a baseline's patchGroups or set patching:allowDefaultBaselineFallback",
        });
      }
    };
    for (const [name, window] of Object.entries(config.maintenanceWindows)) {
      window.patchGroups.forEach((group, i) => unserved(["maintenanceWindows", name, "patchGroups", i], group));
    }
    for (const group of Object.keys(onboarding.tagInstances)) unserved(["onboarding", "tagInstances", group], group);
    if (onboarding.hybridActivation.enabled && onboarding.hybridActivation.patchGroup)
      unserved(["onboarding", "hybridActivation", "patchGroup"], onboarding.hybridActivation.patchGroup);
    if (onboarding.demoFleet.enabled)
      unserved(["onboarding", "demoFleet", "patchGroup"], onboarding.demoFleet.patchGroup);
    onboarding.wsus.patchGroups.forEach((group, i) => unserved(["onboarding", "wsus", "patchGroups", i], group));
  });

export type StackConfigInput = z.input<typeof stackConfigSchema>;
export type ParsedConfig = z.output<typeof stackConfigSchema>;
