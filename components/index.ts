/**
 * The components, for any Pulumi program: each with its own args, none reading config.
 *
 *   import { PatchBaseline, MaintenanceWindow } from "patching/components";
 *
 * Only the components and the types their args name are exported; their helpers are internal.
 */
export { ComplianceReporting } from "./compliance/ComplianceReporting";
export type { ComplianceReportingArgs } from "./compliance/ComplianceReporting";
export { Notifications } from "./compliance/Notifications";
export type { NotificationsArgs } from "./compliance/Notifications";
export { PatchLogBucket } from "./compliance/PatchLogBucket";
export type { PatchLogBucketArgs } from "./compliance/PatchLogBucket";
export { PatchRemediation } from "./compliance/PatchRemediation";
export type { PatchRemediationArgs } from "./compliance/PatchRemediation";
export { InstanceRole } from "./iam/InstanceRole";
export type { InstanceRoleArgs } from "./iam/InstanceRole";
export { PatchAdminPolicies } from "./iam/PatchAdminPolicies";
export type { PatchAdminPoliciesArgs } from "./iam/PatchAdminPolicies";
export { WindowServiceRole } from "./iam/WindowServiceRole";
export type { WindowServiceRoleArgs } from "./iam/WindowServiceRole";
export type { AwsScope } from "./scope";
export { DefaultHostManagement } from "./onboarding/DefaultHostManagement";
export type { DefaultHostManagementArgs } from "./onboarding/DefaultHostManagement";
export { DemoFleet } from "./onboarding/DemoFleet";
export type { DemoFleetArgs } from "./onboarding/DemoFleet";
export { FleetOnboarding } from "./onboarding/FleetOnboarding";
export type { FleetOnboardingArgs } from "./onboarding/FleetOnboarding";
export { HybridActivation } from "./onboarding/HybridActivation";
export type { HybridActivationArgs } from "./onboarding/HybridActivation";
export { PatchGroupTags } from "./onboarding/PatchGroupTags";
export type { PatchGroupTagsArgs } from "./onboarding/PatchGroupTags";
export { PrivateSsmEndpoints } from "./onboarding/PrivateSsmEndpoints";
export type { PrivateSsmEndpointsArgs } from "./onboarding/PrivateSsmEndpoints";
export { MaintenanceWindow } from "./patching/MaintenanceWindow";
export type { MaintenanceWindowArgs, TaskNotificationArgs, WindowTaskArgs } from "./patching/MaintenanceWindow";
export { PatchBaseline } from "./patching/PatchBaseline";
export type { ApprovalRule, PatchBaselineArgs, PatchFilter } from "./patching/PatchBaseline";
export { PatchNowDocument } from "./patching/PatchNowDocument";
export type { PatchNowDocumentArgs, PatchNowHooks } from "./patching/PatchNowDocument";
export { QuickSetupPatchPolicy } from "./patching/QuickSetupPatchPolicy";
export type { QuickSetupPatchPolicyArgs } from "./patching/QuickSetupPatchPolicy";
