import { PatchingStack } from "./stack/PatchingStack";
import { loadStackConfig, StackConfig } from "./config/load";

/**
 * The one program every entry point runs: `pulumi up` through index.ts, the Automation API's
 * inline program and the offline plan. Config in, stack outputs out.
 */
export function declarePatchingStack(config: StackConfig) {
  const stack = new PatchingStack("patching", config);
  return {
    environment: config.environment,
    instanceRoleName: stack.instanceRole.roleName,
    instanceProfileName: stack.instanceRole.instanceProfileName,
    windowServiceRoleArn: stack.windowServiceRole.roleArn,
    patchGroups: stack.patchGroups,
    maintenanceWindows: stack.windowSummary,
    patchLogBucket: stack.compliance.logBucketName,
    commandLogGroup: stack.compliance.logGroupName,
    notificationTopicArn: stack.compliance.topicArn,
    scanAssociationIds: stack.compliance.scanAssociationIds,
    dataSyncName: stack.compliance.dataSyncName,
    activationId: stack.onboarding.activationId,
    activationCode: stack.onboarding.activationCode,
    vpcId: stack.onboarding.vpcId,
    demoInstanceIds: stack.onboarding.demoInstanceIds,
  };
}

/** What index.ts exports and the Automation API's inline program returns: the running stack's program. */
export function runPatchingProgram() {
  return declarePatchingStack(loadStackConfig());
}
