import { RecordedResource } from "../../offline/recordingRuntime";

/** What `pulumi up` would do to go from one program's resources to another's, by URN and alias. */
export interface GraphDiff {
  /** Resources found again (by URN or by an alias), with the inputs that changed. */
  readonly kept: { readonly urn: string; readonly resource: RecordedResource; readonly changed: string[] }[];
  readonly created: RecordedResource[];
  /** URNs of the earlier program that nothing in the later one claims. */
  readonly deleted: string[];
}

/** The engine's matching of old and new resources: a new resource's URN or any of its aliases. */
export function engineDiff(
  before: readonly RecordedResource[] | readonly string[],
  after: readonly RecordedResource[],
): GraphDiff {
  const old = new Map<string, RecordedResource | undefined>(
    before.map((r) => (typeof r === "string" ? [r, undefined] : [r.urn, r])),
  );
  const claimed = new Set<string>();
  const kept: GraphDiff["kept"][number][] = [];
  const created: RecordedResource[] = [];
  for (const resource of after) {
    const match = [resource.urn, ...resource.aliases].find((urn) => old.has(urn));
    if (match === undefined) {
      created.push(resource);
      continue;
    }
    claimed.add(match);
    const previous = old.get(match);
    const keys = new Set([...Object.keys(resource.inputs), ...Object.keys(previous?.inputs ?? {})]);
    const changed = previous
      ? [...keys].filter((k) => JSON.stringify(resource.inputs[k]) !== JSON.stringify(previous.inputs[k]))
      : [];
    kept.push({ urn: match, resource, changed });
  }
  return { kept, created, deleted: [...old.keys()].filter((urn) => !claimed.has(urn)) };
}
