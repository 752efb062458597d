import { PatchFilter, PatchFilterKey } from "@aws-sdk/client-ssm";
import { Estate, WindowEstate } from "../../adopt/read";
import { RecordedResource } from "../../offline/recordingRuntime";

/**
 * What AWS would return from the read calls adopt makes for the SSM resources a program declares:
 * each field as AWS's API model names it (botocore ssm service-2.json: GetPatchBaselineResult,
 * PatchGroupPatchBaselineMapping, GetMaintenanceWindowResult, MaintenanceWindowTarget,
 * GetMaintenanceWindowTaskResult with TaskInvocationParameters.RunCommand), each id the one the
 * mocks gave, and a field the program leaves unset left out, as AWS leaves it out.
 */
const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

type Filter = { key: string; values: string[] };
const awsFilters = (filters: Filter[] = []): PatchFilter[] =>
  filters.map((f) => ({ Key: f.key as PatchFilterKey, Values: [...f.values] }));

export function awsView(resources: readonly RecordedResource[]): Estate {
  const of = (type: string) => resources.filter((r) => r.type === `aws:ssm/${type}`);
  const groups = of("patchGroup:PatchGroup");
  const baselines = of("patchBaseline:PatchBaseline").map((r) => {
    const i = r.inputs;
    return defined({
      BaselineId: r.id,
      Name: i.name,
      OperatingSystem: i.operatingSystem,
      Description: i.description,
      GlobalFilters: { PatchFilters: awsFilters(i.globalFilters) },
      ApprovalRules: {
        PatchRules: (i.approvalRules ?? []).map((rule: any) =>
          defined({
            PatchFilterGroup: { PatchFilters: awsFilters(rule.patchFilters) },
            ComplianceLevel: rule.complianceLevel,
            ApproveAfterDays: rule.approveAfterDays,
            ApproveUntilDate: rule.approveUntilDate,
            EnableNonSecurity: rule.enableNonSecurity,
          }),
        ),
      },
      ApprovedPatches: i.approvedPatches,
      ApprovedPatchesComplianceLevel: i.approvedPatchesComplianceLevel,
      ApprovedPatchesEnableNonSecurity: i.approvedPatchesEnableNonSecurity,
      RejectedPatches: i.rejectedPatches,
      RejectedPatchesAction: i.rejectedPatchesAction,
      Sources: (i.sources ?? []).map((s: any) => ({
        Name: s.name,
        Products: s.products,
        Configuration: s.configuration,
      })),
      PatchGroups: groups.filter((g) => g.inputs.baselineId === r.id).map((g) => g.inputs.patchGroup),
    });
  });
  const patchGroups = groups.map((g) => {
    const baseline = baselines.find((b) => b.BaselineId === g.inputs.baselineId);
    return {
      PatchGroup: g.inputs.patchGroup,
      BaselineIdentity: {
        BaselineId: g.inputs.baselineId,
        BaselineName: baseline?.Name,
        OperatingSystem: baseline?.OperatingSystem,
        DefaultBaseline: false,
      },
    };
  });
  const defaults = Object.fromEntries(
    of("defaultPatchBaseline:DefaultPatchBaseline").map((d) => [d.inputs.operatingSystem, d.inputs.baselineId]),
  );
  const windows: WindowEstate[] = of("maintenanceWindow:MaintenanceWindow").map((w) => {
    const i = w.inputs;
    return {
      window: defined({
        WindowId: w.id,
        Name: i.name,
        Description: i.description,
        Schedule: i.schedule,
        ScheduleTimezone: i.scheduleTimezone,
        ScheduleOffset: i.scheduleOffset,
        Duration: i.duration,
        Cutoff: i.cutoff,
        StartDate: i.startDate,
        EndDate: i.endDate,
        Enabled: i.enabled,
        AllowUnassociatedTargets: i.allowUnassociatedTargets,
      }),
      targets: of("maintenanceWindowTarget:MaintenanceWindowTarget")
        .filter((t) => t.inputs.windowId === w.id)
        .map((t) =>
          defined({
            WindowId: w.id,
            WindowTargetId: t.id,
            ResourceType: t.inputs.resourceType,
            Targets: t.inputs.targets.map((x: Filter) => ({ Key: x.key, Values: [...x.values] })),
            Name: t.inputs.name,
            Description: t.inputs.description,
          }),
        ),
      tasks: of("maintenanceWindowTask:MaintenanceWindowTask")
        .filter((t) => t.inputs.windowId === w.id)
        .map((t) => {
          const ti = t.inputs;
          const rc = ti.taskInvocationParameters.runCommandParameters;
          return defined({
            WindowId: w.id,
            WindowTaskId: t.id,
            Name: ti.name,
            Description: ti.description,
            TaskArn: ti.taskArn,
            TaskType: ti.taskType,
            Priority: ti.priority,
            MaxConcurrency: ti.maxConcurrency,
            MaxErrors: ti.maxErrors,
            CutoffBehavior: ti.cutoffBehavior,
            ServiceRoleArn: ti.serviceRoleArn,
            Targets: ti.targets.map((x: Filter) => ({ Key: x.key, Values: [...x.values] })),
            TaskInvocationParameters: {
              RunCommand: defined({
                Comment: rc.comment,
                DocumentVersion: rc.documentVersion,
                TimeoutSeconds: rc.timeoutSeconds,
                Parameters: Object.fromEntries(rc.parameters.map((p: any) => [p.name, [...p.values]])),
                OutputS3BucketName: rc.outputS3Bucket,
                OutputS3KeyPrefix: rc.outputS3KeyPrefix,
                CloudWatchOutputConfig: rc.cloudwatchConfig
                  ? defined({
                      CloudWatchOutputEnabled: rc.cloudwatchConfig.cloudwatchOutputEnabled,
                      CloudWatchLogGroupName: rc.cloudwatchConfig.cloudwatchLogGroupName,
                    })
                  : undefined,
                ServiceRoleArn: rc.serviceRoleArn,
                NotificationConfig: rc.notificationConfig
                  ? {
                      NotificationArn: rc.notificationConfig.notificationArn,
                      NotificationEvents: rc.notificationConfig.notificationEvents,
                      NotificationType: rc.notificationConfig.notificationType,
                    }
                  : undefined,
              }),
            },
          });
        }),
    };
  });
  return { baselines, patchGroups, defaults, windows } as Estate;
}
