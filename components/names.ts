import { createHash } from "crypto";

/**
 * A Pulumi resource-name suffix for a user-given name (a patch group, a resource group). Names AWS
 * allows may differ only in characters a suffix cannot hold ("Prod Web", "Prod-Web", "Prod.Web" is
 * fine, but "Prod Web" and "Prod/Web" both read "Prod-Web"), so when the readable form loses
 * characters a short hash of the exact name is added, as pulumi-eks does. Names that survive as
 * they are stay unchanged, and so do the URNs built from them.
 */
export function nameSuffix(value: string): string {
  const readable = readableSuffix(value);
  if (readable === value) return value;
  return `${readable}-${createHash("sha256").update(value, "utf8").digest("hex").slice(0, 8)}`;
}

/** The readable part alone: the first release's suffix, which aliases of renamed children name. */
export function readableSuffix(value: string): string {
  return value.replace(/[^A-Za-z0-9_.-]+/g, "-");
}

/**
 * The first-release suffix of each name, where no other name shared it (two that shared one could
 * never have deployed, so neither has anything to carry over).
 */
export function formerSuffixes(values: readonly string[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(readableSuffix(v), (counts.get(readableSuffix(v)) ?? 0) + 1);
  return new Map(values.filter((v) => counts.get(readableSuffix(v)) === 1).map((v) => [v, readableSuffix(v)]));
}

/** The tag keys that put instances into patch groups; `PatchGroup` where instance metadata tags are on. */
export const PATCH_GROUP_TAG_KEYS = ["Patch Group", "PatchGroup"] as const;
export type PatchGroupTagKey = (typeof PATCH_GROUP_TAG_KEYS)[number];
/** @default of every patchGroupTagKey argument. */
export const DEFAULT_PATCH_GROUP_TAG_KEY: PatchGroupTagKey = "Patch Group";
