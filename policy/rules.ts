/**
 * The patch-governance rules of the CrossGuard pack, as plain policy objects (policy/index.ts only
 * wraps them in a PolicyPack), so they are tested by calling `validateResource`/`validateStack`
 * with the arguments the engine passes. Each works on the raw `aws:ssm/*`, IAM and S3 resources of
 * any Pulumi program. Where a rule is one of this project's own, it calls the same pure check.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  approvalRules,
  oneBaselinePerOs,
  scheduleReference,
  scheduleUndocumentedForms,
  windowCutoff,
} from "./rules/aws";
import {
  approvalDelayFloor,
  installedGroupsHaveBaselines,
  noRebootingAssociation,
  rateControl,
  scanBeforeInstall,
} from "./rules/rollout";
import {
  auditDataProtected,
  noDownloadedScripts,
  patchLogBucket,
  trustedHooks,
  windowRolePassRole,
} from "./rules/security";

export {
  approvalDelayFloor,
  approvalRules,
  auditDataProtected,
  installedGroupsHaveBaselines,
  noDownloadedScripts,
  noRebootingAssociation,
  oneBaselinePerOs,
  patchLogBucket,
  rateControl,
  scanBeforeInstall,
  scheduleReference,
  scheduleUndocumentedForms,
  trustedHooks,
  windowCutoff,
  windowRolePassRole,
};

/** Every rule of the pack, in the order the docs list them. */
export const PATCH_GOVERNANCE_POLICIES: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  windowCutoff,
  scheduleReference,
  scheduleUndocumentedForms,
  approvalRules,
  oneBaselinePerOs,
  approvalDelayFloor,
  scanBeforeInstall,
  rateControl,
  noRebootingAssociation,
  trustedHooks,
  noDownloadedScripts,
  patchLogBucket,
  auditDataProtected,
  windowRolePassRole,
  installedGroupsHaveBaselines,
];
