import { z } from "zod";
import { closest } from "../text/similar";
import { stackConfigSchema } from "./schema";

/**
 * Keys renamed or removed since the first release, by path (`*` stands for any name, as of a
 * window or task). The loader names the replacement instead of calling the old key unknown.
 */
export const RENAMED_KEYS: readonly { readonly from: string; readonly to?: string; readonly removed?: string }[] = [
  { from: "retainOnDelete", to: "retainAuditData" },
];

/** The schema under its optional, default and pipe wrappers. */
function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  const def = schema?._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType } | undefined;
  if (!def) return undefined;
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === "pipe") return unwrap(def.in);
  return schema;
}

/** The keys valid at a config path (names of windows and tasks, and list indexes, walk into their items). */
export function keysAt(path: readonly PropertyKey[]): string[] {
  let schema = unwrap(stackConfigSchema);
  for (const part of path) {
    const def = schema?._zod.def as {
      type: string;
      shape?: Record<string, z.ZodType>;
      valueType?: z.ZodType;
      element?: z.ZodType;
    };
    if (def?.type === "object") schema = unwrap(def.shape![String(part)]);
    else if (def?.type === "record") schema = unwrap(def.valueType);
    else if (def?.type === "array") schema = unwrap(def.element);
    else return [];
  }
  const def = schema?._zod.def as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === "object" ? Object.keys(def.shape!) : [];
}

const matches = (pattern: string, path: readonly PropertyKey[]) => {
  const parts = pattern.split(".");
  return parts.length === path.length && parts.every((p, i) => p === "*" || p === String(path[i]));
};

/**
 * What to say of a key the schema does not know: renamed (to what), removed (why), or the valid key
 * at that path it most likely means.
 */
export function unknownKeyAdvice(path: readonly PropertyKey[], key: string, show: (p: PropertyKey[]) => string) {
  const full = [...path, key];
  const renamed = RENAMED_KEYS.find((r) => matches(r.from, full));
  if (renamed?.to)
    return ` was renamed to ${show([...path, ...renamed.to.split(".").slice(path.length)])}; rename it in the stack file`;
  if (renamed?.removed) return ` was removed: ${renamed.removed}`;
  const meant = closest(key, keysAt(path), 3);
  return meant
    ? `: unknown key; did you mean ${meant}?`
    : ": unknown key; check its spelling against the configuration reference (docs/config.md)";
}
