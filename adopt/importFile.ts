import { isDeepStrictEqual } from "util";
import { RecordedResource } from "../offline/recordingRuntime";
import { Estate } from "./read";

/** One entry of a `pulumi import --file` document (the SDK's automation ImportResource). */
export interface ImportEntry {
  readonly type: string;
  readonly name: string;
  readonly id?: string;
  /** Another entry's name: the parent the program declares. */
  readonly parent?: string;
  /** An empty component created as a parent, as the program's own components are. */
  readonly component?: boolean;
}

/** `pulumi import --file`'s document: parents named in the same file need no entry in nameTable (CLI 3.94.0+). */
export interface ImportFile {
  readonly nameTable: Record<string, string>;
  readonly resources: ImportEntry[];
}

const T = {
  baseline: "aws:ssm/patchBaseline:PatchBaseline",
  patchGroup: "aws:ssm/patchGroup:PatchGroup",
  defaultBaseline: "aws:ssm/defaultPatchBaseline:DefaultPatchBaseline",
  window: "aws:ssm/maintenanceWindow:MaintenanceWindow",
  target: "aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget",
  task: "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask",
};
/** The resource types adopt imports: Patch Manager's own. */
export const ADOPTED_TYPES: readonly string[] = Object.values(T);

/**
 * Each SSM resource the program declares for the adopted config, under the exact type, name and
 * parent the program declares, with the provider's import id (pulumi-aws resource docs, "Import"):
 * baseline `pb-…`; patch group `<group>,<baseline id>`; default baseline `<baseline id>`; window
 * `mw-…`; target `<window id>/<window target id>`; task `<window id>/<window task id>`. Declared
 * resources the account does not have are returned as `created`: the first `up` creates them.
 */
export function importFile(
  declared: readonly RecordedResource[],
  estate: Estate,
  taskIds: Record<string, Record<string, string>>,
): { file: ImportFile; created: RecordedResource[] } {
  const baselineByMock = new Map<string, string>();
  const windowByMock = new Map<string, { id: string; name: string }>();
  for (const r of declared) {
    if (r.type === T.baseline) {
      const aws = estate.baselines.find((b) => b.Name === r.inputs.name)?.BaselineId;
      if (aws) baselineByMock.set(r.id!, aws);
    }
    if (r.type === T.window) {
      const aws = estate.windows.find((w) => w.window.Name === r.inputs.name)?.window.WindowId;
      if (aws) windowByMock.set(r.id!, { id: aws, name: r.inputs.name });
    }
  }
  const idOf = (r: RecordedResource): string | undefined => {
    const inputs = r.inputs;
    const window = windowByMock.get(inputs.windowId);
    switch (r.type) {
      case T.baseline:
        return baselineByMock.get(r.id!);
      case T.patchGroup: {
        const baseline = baselineByMock.get(inputs.baselineId);
        return baseline && `${inputs.patchGroup},${baseline}`;
      }
      case T.defaultBaseline:
        return baselineByMock.get(inputs.baselineId);
      case T.window:
        return windowByMock.get(r.id!)?.id;
      case T.target: {
        const registered = estate.windows
          .find((w) => w.window.WindowId === window?.id)
          ?.targets.find(
            (t) =>
              t.ResourceType === inputs.resourceType &&
              isDeepStrictEqual(
                (t.Targets ?? []).map((x) => ({ key: x.Key, values: x.Values })),
                inputs.targets.map((x: { key: string; values: string[] }) => ({ key: x.key, values: x.values })),
              ),
          );
        return registered && `${window!.id}/${registered.WindowTargetId}`;
      }
      case T.task: {
        const task = window && taskIds[window.name]?.[inputs.name];
        return task && `${window.id}/${task}`;
      }
      default:
        return undefined;
    }
  };

  const byUrn = new Map(declared.map((r) => [r.urn, r]));
  const entries = new Map<string, ImportEntry>();
  const parentName = (r: RecordedResource) => (r.parent && byUrn.get(r.parent)?.name) || undefined;
  const addAncestors = (r: RecordedResource) => {
    const parent = r.parent ? byUrn.get(r.parent) : undefined;
    if (!parent || entries.has(parent.urn)) return;
    addAncestors(parent);
    entries.set(parent.urn, {
      type: parent.type,
      name: parent.name,
      ...(parentName(parent) ? { parent: parentName(parent) } : {}),
      component: true,
    });
  };
  const created: RecordedResource[] = [];
  for (const r of declared.filter((d) => ADOPTED_TYPES.includes(d.type))) {
    const id = idOf(r);
    if (!id) {
      created.push(r);
      continue;
    }
    addAncestors(r);
    entries.set(r.urn, { type: r.type, name: r.name, id, ...(parentName(r) ? { parent: parentName(r) } : {}) });
  }
  return { file: { nameTable: {}, resources: [...entries.values()] }, created };
}
