import * as pulumi from "@pulumi/pulumi";
import { servedPatchGroups, StackConfig } from "../config/load";
import { ComplianceReporting } from "../components/compliance/ComplianceReporting";
import { reportPrefixes } from "../components/compliance/reportLocations";
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
import { unique } from "../components/iam/policies";
import { patchOutputPolicyJson, resolveTask } from "./outputs";
import { currentScope, stackTags } from "../components/scope";
import { WindowServiceRole } from "../components/iam/WindowServiceRole";

/** The validated stack config, less what only validation and the plan read. */
export type PatchingStackArgs = Omit<StackConfig, "fleetEstimate" | "allowDefaultBaselineFallback" | "stage">;

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
    // A root PatchingStack knows its baselines' type chain now; under another parent, ask the engine.
    const formerParent = (component: PatchBaseline) =>
      opts?.parent ? { urn: component.urn } : { typeChain: "patching:index:PatchingStack$patching:ssm:PatchBaseline" };
    const parent = { parent: this };
    const tags = stackTags(args.environment, args.tags);
    const scope = currentScope(parent);

    this.compliance = new ComplianceReporting(
      `${name}-compliance`,
      {
        ...args.compliance,
        scope,
        environment: args.environment,
        retainAuditData: args.retainAuditData,
        patchGroups: servedPatchGroups(args),
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

    const outputPolicy = patchOutputPolicyJson({
      scope,
      tasks: allTasks,
      ownBucketName: this.compliance.logBucketName,
      ownBucketKmsKeyArn: args.compliance.logBucket.kmsKeyArn,
      ownLogGroupName: this.compliance.logGroupName,
      scanAssociationPrefix:
        this.compliance.scanAssociationIds.length > 0 ? reportPrefixes(args.environment).scanAssociation : undefined,
      patchNowPrefix: args.onboarding.adminPolicies.enabled ? reportPrefixes(args.environment).patchNow : undefined,
    });

    this.instanceRole = new InstanceRole(
      `${name}-instance`,
      {
        scope,
        roleName: args.instanceRole.roleName,
        managedPolicyArns: args.instanceRole.managedPolicyArns,
        permissionsBoundaryArn: args.instanceRole.permissionsBoundaryArn,
        outputPolicy,
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
        adminPolicies: {
          ...args.onboarding.adminPolicies,
          patchGroups: servedPatchGroups(args),
          overrideBucketName: this.compliance.logBucketName,
          overrideKmsKeyArn: args.compliance.logBucket.kmsKeyArn,
        },
        scope,
        environment: args.environment,
        patchGroupTagKey: args.patchGroupTagKey,
        instanceProfileName: this.instanceRole.instanceProfileName,
        outputPolicy,
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
                : { name: `${name}-${baselineName}-group-${formerSuffix}`, parent: formerParent(component) },
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
          parent: formerParent(component),
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
