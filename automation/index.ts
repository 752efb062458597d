/**
 * The patching library for other Node programs: the inline program, typed stack operations
 * through the Pulumi Automation API, the staged rollout and the multi-account fan-out.
 *
 *   import { up } from "patching/automation";
 *   await up("dev", { backendUrl: "file:///srv/pulumi", passphrase, onEvent: (e) => log(e) });
 */
import { automationOps, OperationOptions, OperationResult, WorkspaceOptions } from "./workspace";

export type StackOperationOptions = OperationOptions & WorkspaceOptions;

export function preview(stackName: string, options: StackOperationOptions = {}): Promise<OperationResult> {
  return automationOps(options).preview(stackName, options);
}

export function up(stackName: string, options: StackOperationOptions = {}): Promise<OperationResult> {
  return automationOps(options).up(stackName, options);
}

export function refresh(stackName: string, options: StackOperationOptions = {}): Promise<OperationResult> {
  return automationOps(options).refresh(stackName, options);
}

export function destroy(stackName: string, options: StackOperationOptions = {}): Promise<OperationResult> {
  return automationOps(options).destroy(stackName, options);
}

export function outputs(stackName: string, options: WorkspaceOptions = {}) {
  return automationOps(options).outputs(stackName);
}

export { patchingProgram, automationOps, pulumiOnPath, PulumiCliMissingError } from "./workspace";
export type { OperationOptions, OperationResult, StackConfigValues, StackOps, WorkspaceOptions } from "./workspace";
export { StackOperationError, UnknownStackError } from "./errors";
export { forceInterrupt, InterruptedBeforeStartError, MINIMUM_CLI_VERSION, PulumiCliTooOldError } from "./pulumiCli";
export { describeChanges, rollout, rolloutTable } from "./rollout";
export { promote, promotionChanges } from "./promotion";
export { complianceStatus, patchGroupStatus } from "./compliance";
export type { ComplianceStatus, PatchGroupStatus } from "./compliance";
export { evaluateGate, DEFAULT_GATE } from "./gate";
export type { GateCriteria, GateResult } from "./gate";
export type { PromotionChange, RolloutOptions, StageResult } from "./rollout";
export { progressLine } from "./progress";
export { fanOut, fanOutConfig, fanOutStackName, fanOutTable, parseTargets } from "./fanout";
export type { FanOutOptions, FanOutResult, FanOutTarget } from "./fanout";
export { updateCompliance, updateQueryProblems } from "./updateCompliance";
export type { GroupUpdates, InstanceUpdates, UpdateCompliance, UpdateQuery, UpdateState } from "./updateCompliance";
export { patchNow, patchNowProblems, installOverrideList, PatchNowError } from "./patchNow";
export type { InstanceResult, PatchNowOptions, PatchNowRequest, PatchNowResult, PatchNowStack } from "./patchNow";
export { readStatus, stackGate, stackLastInstall, stackTarget } from "./stackStatus";
