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
import type { AwsScope } from "../components/scope";
import { OutputDefaults, patchOutputPolicyJson, resolveTask } from "./outputs";
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

  /** The Quick Setup patch policy, when enabled. */
  public readonly quickSetup?: QuickSetupPatchPolicy;

  constructor(name: string, args: PatchingStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:index:PatchingStack", name, {}, opts);
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
    const windowTasks = resolveWindowTasks(args, {
      bucketName: this.compliance.logBucketName,
      logGroupName: this.compliance.logGroupName,
    });
    const allTasks = Object.values(windowTasks).flatMap((tasks) => Object.values(tasks));
    const outputPolicy = stackOutputPolicy(args, scope, this.compliance, allTasks);

    this.instanceRole = new InstanceRole(
      `${name}-instance`,
      { ...args.instanceRole, scope, outputPolicy, tags },
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

    ({ baselines: this.baselines, patchGroups: this.patchGroups } = this.declareBaselines(name, args, tags, opts));
    this.quickSetup = this.declareQuickSetup(name, args, scope, tags);
    ({ windows: this.windows, windowSummary: this.windowSummary } = this.declareWindows(name, args, windowTasks, tags));

    this.registerOutputs({
      patchGroups: this.patchGroups,
      windows: this.windowSummary,
      instanceRoleName: this.instanceRole.roleName,
      instanceProfileName: this.instanceRole.instanceProfileName,
      windowServiceRoleArn: this.windowServiceRole.roleArn,
      baselineIds: Object.fromEntries(Object.entries(this.baselines).map(([n, b]) => [n, b.baselineId])),
    });
  }

  /** The Quick Setup patch policy over the stack's baselines, when enabled. */
  private declareQuickSetup(
    name: string,
    args: PatchingStackArgs,
    scope: pulumi.Output<AwsScope>,
    tags: Record<string, string>,
  ): QuickSetupPatchPolicy | undefined {
    if (!args.quickSetupPatchPolicy.enabled) return undefined;
    return new QuickSetupPatchPolicy(
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
      { parent: this },
    );
  }

  /** Each baseline, its patch groups' registrations and its OS default, keyed so renames keep URNs. */
  private declareBaselines(
    name: string,
    args: PatchingStackArgs,
    tags: Record<string, string>,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    // A root PatchingStack knows its baselines' type chain now; under another parent, ask the engine.
    const formerParent = (component: PatchBaseline) =>
      opts?.parent ? { urn: component.urn } : { typeChain: "patching:index:PatchingStack$patching:ssm:PatchBaseline" };
    const parent = { parent: this };
    const baselines: Record<string, PatchBaseline> = {};
    const patchGroups: Record<string, PatchGroupSummary[]> = {};
    for (const [baselineName, baseline] of Object.entries(args.baselines)) {
      const component = new PatchBaseline(
        `${name}-${baselineName}`,
        baselineArgs(baselineName, baseline, tags),
        parent,
      );
      baselines[baselineName] = component;
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
        (patchGroups[group] ??= []).push({
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

    return { baselines, patchGroups };
  }

  /** Each window with its targets and tasks, and the summary the stack exports. */
  private declareWindows(
    name: string,
    args: PatchingStackArgs,
    windowTasks: Record<string, Record<string, WindowTaskArgs>>,
    tags: Record<string, string>,
  ) {
    const parent = { parent: this };
    const windows: Record<string, MaintenanceWindow> = {};
    const windowSummary: Record<string, WindowSummary> = {};
    for (const [windowName, window] of Object.entries(args.maintenanceWindows)) {
      windows[windowName] = new MaintenanceWindow(
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
      windowSummary[windowName] = {
        windowId: windows[windowName].windowId,
        schedule: window.schedule,
        scheduleTimezone: window.scheduleTimezone,
        scheduleOffset: window.scheduleOffset,
        targets: windowTargetSpecs({ ...window, patchGroupTagKey: args.patchGroupTagKey }).flatMap((s) =>
          s.targets.map((t) => `${t.key}=${t.values.join(",")}`),
        ),
        tasks: Object.entries(window.tasks).map(([taskName, t]) => `${taskName}: ${t.operation}`),
      };
    }

    return { windows, windowSummary };
  }
}

/** Each window's tasks with their output locations filled in from the stack's defaults. */
function resolveWindowTasks(args: PatchingStackArgs, defaults: OutputDefaults) {
  return Object.fromEntries(
    Object.entries(args.maintenanceWindows).map(([windowName, w]) => [
      windowName,
      Object.fromEntries(
        Object.entries(w.tasks).map(([taskName, task]) => [taskName, resolveTask(task, args.environment, defaults)]),
      ),
    ]),
  ) as Record<string, Record<string, WindowTaskArgs>>;
}

/** The one write (and read) policy of the stack's managed nodes, from its tasks and its own locations. */
function stackOutputPolicy(
  args: PatchingStackArgs,
  scope: pulumi.Output<AwsScope>,
  compliance: ComplianceReporting,
  tasks: WindowTaskArgs[],
) {
  const prefixes = reportPrefixes(args.environment);
  return patchOutputPolicyJson({
    scope,
    tasks,
    ownBucketName: compliance.logBucketName,
    ownBucketKmsKeyArn: args.compliance.logBucket.kmsKeyArn,
    ownLogGroupName: compliance.logGroupName,
    scanAssociationPrefix: compliance.scanAssociationIds.length > 0 ? prefixes.scanAssociation : undefined,
    patchNowPrefix: args.onboarding.adminPolicies.enabled ? prefixes.patchNow : undefined,
  });
}
