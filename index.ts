import { loadStackConfig } from "./config/load";
import { patchingProgram } from "./program";

/** `pulumi up -s <env>`: validate the stack's config, build the stack, export its summary. */
const outputs = patchingProgram(loadStackConfig());

export const environment = outputs.environment;
export const instanceRoleName = outputs.instanceRoleName;
export const instanceProfileName = outputs.instanceProfileName;
export const windowServiceRoleArn = outputs.windowServiceRoleArn;
export const patchGroups = outputs.patchGroups;
export const maintenanceWindows = outputs.maintenanceWindows;
export const patchLogBucket = outputs.patchLogBucket;
export const commandLogGroup = outputs.commandLogGroup;
export const notificationTopicArn = outputs.notificationTopicArn;
export const scanAssociationIds = outputs.scanAssociationIds;
export const dataSyncName = outputs.dataSyncName;
export const activationId = outputs.activationId;
export const activationCode = outputs.activationCode;
export const vpcId = outputs.vpcId;
export const demoInstanceIds = outputs.demoInstanceIds;
