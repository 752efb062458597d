import { baselineConfig, note } from "./baselines";
import { Estate } from "./read";
import { AdoptedConfig, QUICK_SETUP } from "./report";
import { patchGroupTagKeyOf, windowConfig } from "./windows";

export type { AdoptNote, AdoptReport, AdoptedConfig } from "./report";

/**
 * The stack config that declares exactly what the account has, in our schema, and the report of
 * everything left out or set the stack's way. AWS-owned baselines are referenced, never adopted.
 */
export function adoptedConfig(estate: Estate): AdoptedConfig {
  const result: AdoptedConfig = { config: {}, report: { adopted: [], notAdopted: [], changes: [] }, taskIds: {} };
  const { report } = result;
  const baselines: Record<string, unknown> = {};
  for (const b of estate.baselines) {
    if (QUICK_SETUP.test(b.Name ?? "")) {
      report.notAdopted.push(note("baseline", b, "created by Quick Setup, which manages it"));
      continue;
    }
    baselines[b.Name!] = baselineConfig(b, estate, report);
    report.adopted.push({ kind: "baseline", id: b.BaselineId!, name: b.Name! });
  }
  const adopted = estate.baselines.filter((b) => b.Name! in baselines);
  const owner = (id: string) =>
    estate.baselines.some((b) => b.BaselineId === id) ? "a baseline Quick Setup manages" : "an AWS-owned baseline";
  for (const m of estate.patchGroups) {
    const id = m.BaselineIdentity?.BaselineId ?? "";
    const entry = { kind: "patch group", id: `${m.PatchGroup},${id}`, name: m.PatchGroup! };
    if (adopted.some((b) => b.BaselineId === id)) report.adopted.push(entry);
    else
      report.notAdopted.push({
        ...entry,
        reason: `uses ${m.BaselineIdentity?.BaselineName ?? id}, ${owner(id)}: referenced, not adopted; it keeps working`,
      });
  }
  for (const os of new Set(adopted.map((b) => b.OperatingSystem!))) {
    const id = estate.defaults[os];
    if (id && !adopted.some((b) => b.BaselineId === id))
      report.notAdopted.push({
        kind: "default baseline",
        id,
        name: os,
        reason: `${owner(id)}: referenced, not adopted; it stays ${os}'s default`,
      });
  }
  const tagKey = patchGroupTagKeyOf(estate);
  const windows: Record<string, unknown> = {};
  for (const w of estate.windows) {
    const config = windowConfig(w, tagKey, result);
    if (config) windows[w.window.Name!] = config;
  }
  const served = new Set(Object.values(baselines).flatMap((b) => (b as { patchGroups?: string[] }).patchGroups ?? []));
  const unserved = Object.values(windows).flatMap((w) =>
    ((w as { patchGroups?: string[] }).patchGroups ?? []).filter((g) => !served.has(g)),
  );
  Object.assign(result.config, {
    ...(tagKey !== "Patch Group" ? { patchGroupTagKey: tagKey } : {}),
    ...(unserved.length > 0 ? { allowDefaultBaselineFallback: true } : {}),
    baselines,
    maintenanceWindows: windows,
  });
  return result;
}
