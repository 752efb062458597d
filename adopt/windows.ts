import { GetMaintenanceWindowTaskResult, MaintenanceWindowTarget } from "@aws-sdk/client-ssm";
import { isDeepStrictEqual } from "util";
import { nameSuffix } from "../components/names";
import { TASK_DEFAULTS, windowTargetSpecs } from "../components/patching/MaintenanceWindow";
import { PATCH_DOCUMENTS } from "../config/limits";
import { Estate, WindowEstate } from "./read";
import { AdoptedConfig, QUICK_SETUP, when } from "./report";

/** The tag key the account's windows put patch groups under. */
export function patchGroupTagKeyOf(estate: Estate): "Patch Group" | "PatchGroup" {
  const keys = estate.windows.flatMap((w) => w.targets.flatMap((t) => (t.Targets ?? []).map((x) => x.Key)));
  return keys.includes("tag:PatchGroup") && !keys.includes("tag:Patch Group") ? "PatchGroup" : "Patch Group";
}

type Targets = { tags?: Record<string, string[]>; instanceIds?: string[]; resourceGroups?: string[] };

/** A registration in our terms: its kind (the program's suffix) and what it adds to the window's config. */
function targetKind(
  t: MaintenanceWindowTarget,
  tagKey: string,
): { kind: string; patchGroups?: string[]; targets?: Targets } | undefined {
  const targets = t.Targets ?? [];
  const only = targets.length === 1 ? targets[0] : undefined;
  if (t.ResourceType === "INSTANCE" && only?.Key === `tag:${tagKey}`)
    return { kind: "patch-groups", patchGroups: [...(only.Values ?? [])] };
  if (t.ResourceType === "INSTANCE" && targets.length > 0 && targets.every((x) => x.Key?.startsWith("tag:")))
    return {
      kind: "tags",
      targets: { tags: Object.fromEntries(targets.map((x) => [x.Key!.slice(4), [...(x.Values ?? [])]])) },
    };
  if (t.ResourceType === "INSTANCE" && only?.Key === "InstanceIds")
    return { kind: "instances", targets: { instanceIds: [...(only.Values ?? [])] } };
  if (t.ResourceType === "RESOURCE_GROUP" && only?.Key === "resource-groups:Name" && only.Values?.length === 1)
    return { kind: `rg-${nameSuffix(only.Values[0])}`, targets: { resourceGroups: [only.Values[0]] } };
  return undefined;
}

/** The parameters of a patch task, and what the stack would declare differently. */
function taskConfig(
  windowName: string,
  t: GetMaintenanceWindowTaskResult,
  all: string[],
  changes: (r: string) => void,
) {
  const rc = t.TaskInvocationParameters?.RunCommand ?? {};
  const params = rc.Parameters ?? {};
  const param = (key: string) => params[key]?.[0];
  const operation = param("Operation");
  const document = t.TaskArn as (typeof PATCH_DOCUMENTS)[number];
  const hooks = Object.fromEntries(
    [
      ["preInstall", "PreInstallHookDocName"],
      ["postInstall", "PostInstallHookDocName"],
      ["onExit", "OnExitHookDocName"],
    ].flatMap(([field, key]) => (param(key) && param(key) !== "AWS-Noop" ? [[field, param(key)]] : [])),
  );
  const known = ["Operation", "RebootOption", "SnapshotId", "InstallOverrideList"];
  if (document === "AWS-RunPatchBaselineWithHooks")
    known.push("PreInstallHookDocName", "PostInstallHookDocName", "OnExitHookDocName");
  for (const key of Object.keys(params).filter((k) => !known.includes(k)))
    changes(`parameter ${key} is not one the stack declares; the first up removes it`);
  if (param("SnapshotId") !== "{{WINDOW_EXECUTION_ID}}")
    changes("SnapshotId becomes {{WINDOW_EXECUTION_ID}}: one baseline snapshot per window execution");
  if (!param("RebootOption")) changes("RebootOption RebootIfNeeded (the document's default) is declared");
  const targeted = (t.Targets ?? []).find((x) => x.Key === "WindowTargetIds")?.Values ?? [];
  if (!isDeepStrictEqual([...targeted].sort(), [...all].sort()))
    changes("it runs on every target of the window the stack declares");
  changes(
    `it runs under the stack's least-privilege window service role (now ${t.ServiceRoleArn ?? "the service-linked role"})`,
  );
  if (rc.NotificationConfig?.NotificationArn) changes("its notifications come from patching:compliance.notifications");
  if ((rc.DocumentVersion ?? "$DEFAULT") !== "$DEFAULT")
    changes(`document version ${rc.DocumentVersion} becomes $DEFAULT`);
  if (!t.CutoffBehavior) changes(`cutoff behaviour ${TASK_DEFAULTS.cutoffBehavior} is declared`);
  if (rc.TimeoutSeconds === undefined) changes(`timeout ${TASK_DEFAULTS.timeoutSeconds} s is declared`);
  if (!rc.Comment) changes("it gets a comment");
  if (!t.Description) changes("it gets a description");
  const cloudWatch = rc.CloudWatchOutputConfig;
  return {
    operation,
    ...when(document !== TASK_DEFAULTS.document, { document }),
    ...when(Boolean(param("RebootOption")) && param("RebootOption") !== TASK_DEFAULTS.rebootOption, {
      rebootOption: param("RebootOption"),
    }),
    ...when(t.Priority !== undefined && t.Priority !== TASK_DEFAULTS.priority, { priority: t.Priority }),
    ...when(Boolean(t.MaxConcurrency) && t.MaxConcurrency !== TASK_DEFAULTS.maxConcurrency, {
      maxConcurrency: t.MaxConcurrency,
    }),
    ...when(Boolean(t.MaxErrors) && t.MaxErrors !== TASK_DEFAULTS.maxErrors, { maxErrors: t.MaxErrors }),
    ...when(Boolean(t.CutoffBehavior) && t.CutoffBehavior !== TASK_DEFAULTS.cutoffBehavior, {
      cutoffBehavior: t.CutoffBehavior,
    }),
    ...when(rc.TimeoutSeconds !== undefined && rc.TimeoutSeconds !== TASK_DEFAULTS.timeoutSeconds, {
      timeoutSeconds: rc.TimeoutSeconds,
    }),
    ...when(Boolean(rc.OutputS3BucketName), { outputS3BucketName: rc.OutputS3BucketName }),
    ...when(Boolean(rc.OutputS3BucketName && rc.OutputS3KeyPrefix), { outputS3KeyPrefix: rc.OutputS3KeyPrefix }),
    ...when(Boolean(cloudWatch?.CloudWatchOutputEnabled), { cloudWatchOutput: true }),
    ...when(Boolean(cloudWatch?.CloudWatchOutputEnabled && cloudWatch.CloudWatchLogGroupName), {
      cloudWatchLogGroupName: cloudWatch?.CloudWatchLogGroupName,
    }),
    ...when(Object.keys(hooks).length > 0, { hooks }),
    ...when(Boolean(param("InstallOverrideList")), { installOverrideList: param("InstallOverrideList") }),
    ...when(Boolean(rc.Comment) && rc.Comment !== `${operation} (${windowName})`.slice(0, 100), {
      comment: rc.Comment,
    }),
    ...when(Boolean(t.Description) && t.Description !== `${operation} with ${document}`, {
      description: t.Description,
    }),
  };
}

/** One window's config, or undefined when it is not Patch Manager's; every task and target accounted for. */
export function windowConfig(
  w: WindowEstate,
  tagKey: string,
  result: AdoptedConfig,
): Record<string, unknown> | undefined {
  const { report } = result;
  const windowName = w.window.Name ?? "";
  const at = (kind: string, id: string, name: string, reason: string) => ({ kind, id, name, reason });
  const patchTasks = w.tasks.filter(
    (t) => t.TaskType === "RUN_COMMAND" && (PATCH_DOCUMENTS as readonly string[]).includes(t.TaskArn ?? ""),
  );
  for (const t of w.tasks.filter((t) => !patchTasks.includes(t)))
    report.notAdopted.push(
      at(
        "task",
        `${w.window.WindowId}/${t.WindowTaskId}`,
        `${windowName}/${t.Name ?? ""}`,
        `a ${t.TaskType} task running ${t.TaskArn}, not AWS-RunPatchBaseline: not Patch Manager's; it stays in AWS, outside the stack`,
      ),
    );
  if (QUICK_SETUP.test(windowName)) {
    report.notAdopted.push(at("window", w.window.WindowId!, windowName, "created by Quick Setup, which manages it"));
    return undefined;
  }
  if (patchTasks.length === 0) {
    report.notAdopted.push(
      at("window", w.window.WindowId!, windowName, "runs no AWS-RunPatchBaseline task: not a patching window"),
    );
    return undefined;
  }
  let patchGroups: string[] = [];
  const targets: Targets = {};
  const names: Record<string, { name?: string; description?: string }> = {};
  const adoptedTargets: string[] = [];
  for (const t of w.targets) {
    const mapped = targetKind(t, tagKey);
    const taken = mapped && (mapped.kind === "patch-groups" ? patchGroups.length > 0 : mapped.kind in names);
    const id = `${w.window.WindowId}/${t.WindowTargetId}`;
    if (!mapped || taken) {
      report.notAdopted.push(
        at(
          "target",
          id,
          `${windowName}/${t.Name ?? ""}`,
          `targets ${JSON.stringify(t.Targets)}, which the stack cannot declare beside the window's other targets`,
        ),
      );
      continue;
    }
    if (mapped.patchGroups) patchGroups = mapped.patchGroups;
    if (mapped.targets?.tags) targets.tags = mapped.targets.tags;
    if (mapped.targets?.instanceIds) targets.instanceIds = mapped.targets.instanceIds;
    if (mapped.targets?.resourceGroups) (targets.resourceGroups ??= []).push(...mapped.targets.resourceGroups);
    names[mapped.kind] = {
      ...(t.Name ? { name: t.Name } : {}),
      ...(t.Description ? { description: t.Description } : {}),
    };
    if (!t.Name)
      report.changes.push(at("target", id, windowName, `has no name; the stack names it ${windowName}-${mapped.kind}`));
    if (t.OwnerInformation)
      report.changes.push(
        at("target", id, windowName, "its owner information is not declared; the first up clears it"),
      );
    adoptedTargets.push(t.WindowTargetId!);
    report.adopted.push({ kind: "target", id, name: `${windowName}/${t.Name ?? mapped.kind}` });
  }
  const specs = windowTargetSpecs({ patchGroups, targets, patchGroupTagKey: tagKey as never });
  const targetNames = Object.fromEntries(
    specs.flatMap((spec) => {
      const given = names[spec.suffix] ?? {};
      const differs = {
        ...(given.name && given.name !== `${windowName}-${spec.suffix}` ? { name: given.name } : {}),
        ...(given.description && given.description !== spec.description ? { description: given.description } : {}),
      };
      return Object.keys(differs).length > 0 ? [[spec.suffix, differs]] : [];
    }),
  );
  const tasks: Record<string, unknown> = {};
  const ids: Record<string, string> = {};
  for (const t of patchTasks) {
    const key = t.Name ?? `task-${(t.WindowTaskId ?? "").slice(0, 8)}`;
    const id = `${w.window.WindowId}/${t.WindowTaskId}`;
    const changes = (reason: string) => report.changes.push(at("task", id, `${windowName}/${key}`, reason));
    if (!t.Name) changes(`has no name; the stack names it ${key}`);
    tasks[key] = taskConfig(windowName, t, adoptedTargets, changes);
    ids[key] = t.WindowTaskId!;
    report.adopted.push({ kind: "task", id, name: `${windowName}/${key}` });
  }
  result.taskIds[windowName] = ids;
  const win = w.window;
  const windowChange = (reason: string) => report.changes.push(at("window", win.WindowId!, windowName, reason));
  if (!win.Description) windowChange("has no description; the stack gives it one");
  if (!win.ScheduleTimezone) windowChange("has no time zone; the stack declares UTC, which AWS uses for it");
  if (win.AllowUnassociatedTargets) windowChange("allows unregistered targets; the stack turns that off");
  report.adopted.push({ kind: "window", id: win.WindowId!, name: windowName });
  return {
    ...when(Boolean(win.Description), { description: win.Description }),
    schedule: win.Schedule,
    ...when(Boolean(win.ScheduleTimezone), { scheduleTimezone: win.ScheduleTimezone }),
    ...when(win.ScheduleOffset !== undefined, { scheduleOffset: win.ScheduleOffset }),
    duration: win.Duration,
    cutoff: win.Cutoff,
    ...when(Boolean(win.StartDate), { startDate: win.StartDate }),
    ...when(Boolean(win.EndDate), { endDate: win.EndDate }),
    ...when(win.Enabled === false, { enabled: false }),
    ...when(patchGroups.length > 0, { patchGroups }),
    ...when(Object.keys(targets).length > 0, { targets }),
    ...when(Object.keys(targetNames).length > 0, { targetNames }),
    tasks,
  };
}
