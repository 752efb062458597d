import { PolicyPack } from "@pulumi/policy";
import { PATCH_GOVERNANCE_POLICIES } from "./rules";

/**
 * The patch-governance policy pack: `pulumi preview --policy-pack <this directory>` runs it against
 * any program's resources. The rules are plain objects in rules.ts, tested without the engine.
 */
new PolicyPack("patch-governance", {
  description:
    "AWS Systems Manager Patch Manager governance: AWS's rules, approval delays, rate control, reboots, hooks and audit data.",
  policies: PATCH_GOVERNANCE_POLICIES,
});
