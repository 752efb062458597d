import * as pulumi from "@pulumi/pulumi";
import { StackConfig } from "../config/load";
import { TaskConfig } from "../config/schema";
import { ComplianceReporting } from "../components/compliance/ComplianceReporting";
import { commandLogGroupName, reportPrefixes } from "../components/compliance/reportLocations";
import { FleetOnboarding } from "../components/onboarding/FleetOnboarding";
import { InstanceRole } from "../components/iam/InstanceRole";
import {
  MaintenanceWindow,
  TASK_DEFAULTS,
  WindowTaskArgs,
  windowTargetSpecs,
} from "../components/patching/MaintenanceWindow";
import { formerSuffixes } from "../components/names";
import { PatchBaseline } from "../components/patching/PatchBaseline";
import { baselineArgs } from "./baselineArgs";
import { registerDefaultBaseline, registerPatchGroup } from "../components/patching/registrations";
import { QuickSetupPatchPolicy } from "../components/patching/QuickSetupPatchPolicy";
import { LogWriteGrant, unique } from "../components/iam/policies";
import { currentScope, stackTags } from "../components/scope";
import { WindowServiceRole } from "../components/iam/WindowServiceRole";

export type PatchingStackArgs = StackConfig;

export interface PatchGroupSummary {
  readonly baseline: string;
  readonly baselineId: pulumi.Output<string>;
  readonly operatingSystem: string;
}

export interface WindowSummary {
  readonly windowId: pulumi.Output<string>;
  readonly schedule: string;
  readonly scheduleTimezone: string;
  readonly scheduleOffset?: number;
  readonly targets: string[];
  readonly tasks: string[];
}

/** Where a stack's reports go unless a task says otherwise. */
export interface OutputDefaults {
  /** The stack's log bucket, when it has one. */
  readonly bucketName?: pulumi.Input<string>;
  /** The stack's log group, when it has one. */
  readonly logGroupName?: string;
}

/**
 * Fills in each task's output locations from the stack's defaults: the log bucket under
 * `<environment>/<operation>/` (scan and install logs never mix), and the log group.
 */
export function resolveTask(task: TaskConfig, environment: string, defaults: OutputDefaults = {}): WindowTaskArgs {
  const bucket = task.outputS3BucketName ?? defaults.bucketName;
  const cloudWatch = task.cloudWatchOutput ?? defaults.logGroupName !== undefined;
  return {
    ...task,
    outputS3BucketName: bucket,
    outputS3KeyPrefix: bucket
      ? (task.outputS3KeyPrefix ?? reportPrefixes(environment)[task.operation === "Scan" ? "scan" : "install"])
      : undefined,
    cloudWatchOutput: cloudWatch,
    cloudWatchLogGroupName: cloudWatch
      ? (task.cloudWatchLogGroupName ?? defaults.logGroupName ?? commandLogGroupName(environment))
      : undefined,
  };
}

/**
 * The whole Patch Manager stack of one environment: compliance reporting, the instance role and
 * profile, the window service role, fleet onboarding, baselines with their patch groups, the
 * optional Quick Setup patch policy, and the maintenance windows with targets and tasks.
 */
export class PatchingStack extends pulumi.ComponentResource {
  public readonly compliance: ComplianceReporting;
  public readonly instanceRole: InstanceRole;
  public readonly windowServiceRole: WindowServiceRole;
  public readonly onboarding: FleetOnboarding;
  public readonly baselines: Record<string, PatchBaseline>;
  public readonly windows: Record<string, MaintenanceWindow>;
  /** Patch group → the baselines serving it, one per OS. */
  public readonly patchGroups: Record<string, PatchGroupSummary[]>;
  /** Window → schedule, targets and tasks. */
  public readonly windowSummary: Record<string, WindowSummary>;

  constructor(name: string, args: PatchingStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:index:PatchingStack", name, {}, opts);
    const parent = { parent: this };
    const tags = stackTags(args.environment, args.tags);
    const scope = currentScope(parent);

    const servedGroups = unique([
      ...Object.values(args.baselines).flatMap((b) => b.patchGroups),
      ...Object.values(args.maintenanceWindows).flatMap((w) => w.patchGroups),
    ]);
    this.compliance = new ComplianceReporting(
      `${name}-compliance`,
      {
        ...args.compliance,
        scope,
        environment: args.environment,
        retainAuditData: args.retainAuditData,
        patchGroups: servedGroups,
        patchGroupTagKey: args.patchGroupTagKey,
        tags,
      },
      parent,
    );
    const defaults = { bucketName: this.compliance.logBucketName, logGroupName: this.compliance.logGroupName };

    const windowTasks = Object.fromEntries(
      Object.entries(args.maintenanceWindows).map(([windowName, w]) => [
        windowName,
        Object.fromEntries(
          Object.entries(w.tasks).map(([taskName, task]) => [taskName, resolveTask(task, args.environment, defaults)]),
        ),
      ]),
    ) as Record<string, Record<string, WindowTaskArgs>>;
    const allTasks = Object.values(windowTasks).flatMap((tasks) => Object.values(tasks));

    const writes = allTasks.flatMap((t) =>
      t.outputS3BucketName === undefined ? [] : [{ bucket: t.outputS3BucketName, prefix: t.outputS3KeyPrefix! }],
    );
    if (this.compliance.logBucketName && this.compliance.scanAssociationIds.length > 0) {
      writes.push({ bucket: this.compliance.logBucketName, prefix: reportPrefixes(args.environment).scanAssociation });
    }
    const bucketKey = args.compliance.logBucket.kmsKeyArn;
    const patchLogWrites: pulumi.Output<LogWriteGrant[]> | undefined =
      writes.length === 0
        ? undefined
        : pulumi
            .all([scope, pulumi.output(this.compliance.logBucketName), pulumi.all(writes.map((w) => w.bucket))])
            .apply(([s, ownBucket, buckets]) =>
              groupPrefixes(
                writes.map((w, i) => ({
                  bucketArn: `arn:${s.partition}:s3:::${buckets[i]}`,
                  prefix: w.prefix,
                  kmsKeyArn: buckets[i] === ownBucket ? bucketKey : undefined,
                })),
              ),
            );

    this.instanceRole = new InstanceRole(
      `${name}-instance`,
      {
        scope,
        roleName: args.instanceRole.roleName,
        managedPolicyArns: args.instanceRole.managedPolicyArns,
        permissionsBoundaryArn: args.instanceRole.permissionsBoundaryArn,
        patchLogWrites,
        logGroupNames: unique(allTasks.flatMap((t) => t.cloudWatchLogGroupName ?? [])),
        logGroupsManaged: allTasks.every(
          (t) => t.cloudWatchLogGroupName === undefined || t.cloudWatchLogGroupName === this.compliance.logGroupName,
        ),
        tags,
      },
      parent,
    );

    this.windowServiceRole = new WindowServiceRole(
      `${name}-window-service`,
      {
        scope,
        documents: unique(allTasks.map((t) => t.document ?? TASK_DEFAULTS.document)),
        resourceGroupTargets: Object.values(args.maintenanceWindows).some(
          (w) => (w.targets.resourceGroups ?? []).length > 0,
        ),
        passRoleArns: this.compliance.notification ? [this.compliance.notification.roleArn] : [],
        tags,
      },
      parent,
    );

    this.onboarding = new FleetOnboarding(
      `${name}-onboarding`,
      {
        ...args.onboarding,
        scope,
        environment: args.environment,
        patchGroupTagKey: args.patchGroupTagKey,
        instanceProfileName: this.instanceRole.instanceProfileName,
        outputPolicy: this.instanceRole.outputPolicy,
        tags,
      },
      parent,
    );

    this.baselines = {};
    this.patchGroups = {};
    for (const [baselineName, baseline] of Object.entries(args.baselines)) {
      const component = new PatchBaseline(
        `${name}-${baselineName}`,
        baselineArgs(baselineName, baseline, tags),
        parent,
      );
      this.baselines[baselineName] = component;
      const former = formerSuffixes(baseline.patchGroups);
      for (const group of baseline.patchGroups) {
        const formerSuffix = former.get(group);
        registerPatchGroup(
          name,
          {
            patchGroup: group,
            operatingSystem: baseline.operatingSystem,
            baselineId: component.baselineId,
            // The first release registered groups inside the baseline component, named after it.
            formerlyNamed:
              formerSuffix === undefined
                ? undefined
                : { name: `${name}-${baselineName}-group-${formerSuffix}`, parentUrn: component.urn },
          },
          this,
        );
        (this.patchGroups[group] ??= []).push({
          baseline: baselineName,
          baselineId: component.baselineId,
          operatingSystem: baseline.operatingSystem,
        });
      }
      if (baseline.defaultForOperatingSystem) {
        registerDefaultBaseline(name, baseline.operatingSystem, component.baselineId, this, {
          name: `${name}-${baselineName}-default`,
          parentUrn: component.urn,
        });
      }
    }

    if (args.quickSetupPatchPolicy.enabled) {
      new QuickSetupPatchPolicy(
        `${name}-quick-setup`,
        {
          ...args.quickSetupPatchPolicy,
          scope,
          stackBaselines: Object.entries(this.baselines).map(([baselineName, b]) => ({
            operatingSystem: b.operatingSystem,
            baselineId: b.baselineId,
            name: baselineName,
            description: args.baselines[baselineName].description ?? baselineName,
          })),
          tags,
        },
        parent,
      );
    }

    this.windows = {};
    this.windowSummary = {};
    for (const [windowName, window] of Object.entries(args.maintenanceWindows)) {
      this.windows[windowName] = new MaintenanceWindow(
        `${name}-${windowName}`,
        {
          ...window,
          windowName,
          patchGroupTagKey: args.patchGroupTagKey,
          serviceRoleArn: this.windowServiceRole.roleArn,
          tasks: windowTasks[windowName],
          notification: this.compliance.notification,
          tags,
        },
        parent,
      );
      this.windowSummary[windowName] = {
        windowId: this.windows[windowName].windowId,
        schedule: window.schedule,
        scheduleTimezone: window.scheduleTimezone,
        scheduleOffset: window.scheduleOffset,
        targets: windowTargetSpecs({ ...window, patchGroupTagKey: args.patchGroupTagKey }).flatMap((s) =>
          s.targets.map((t) => `${t.key}=${t.values.join(",")}`),
        ),
        tasks: Object.entries(window.tasks).map(([taskName, t]) => `${taskName}: ${t.operation}`),
      };
    }

    this.registerOutputs({ patchGroups: this.patchGroups, windows: this.windowSummary });
  }
}

/** Merges prefixes per bucket, so each bucket gets one grant. */
function groupPrefixes(writes: { bucketArn: string; prefix: string; kmsKeyArn?: string }[]): LogWriteGrant[] {
  const byBucket = new Map<string, LogWriteGrant>();
  for (const w of writes) {
    const grant = byBucket.get(w.bucketArn);
    byBucket.set(w.bucketArn, {
      bucketArn: w.bucketArn,
      prefixes: unique([...(grant?.prefixes ?? []), w.prefix]),
      kmsKeyArn: grant?.kmsKeyArn ?? w.kmsKeyArn,
    });
  }
  return [...byBucket.values()];
}
