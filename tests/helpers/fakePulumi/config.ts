/**
 * The stand-in CLI's config handling, as `pulumi config` does it: key paths parsed as
 * resource.ParsePropertyPath, `--path` values typed as config.adjustObjectValue, secrets
 * encrypted with the stack's key (store.ts).
 */
import { Document, isNode, YAMLMap } from "yaml";
import { CliError, Store } from "./store";

/** A config key path (`ns:a["b"].c[0]`) as the CLI parses it (resource.ParsePropertyPath). */
export function parseKeyPath(key: string): (string | number)[] {
  const colon = key.indexOf(":");
  const ns = key.slice(0, colon + 1);
  const segments: (string | number)[] = [];
  const re = /^(?:\.?([A-Za-z_$][\w$-]*)|\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\])/;
  let rest = key.slice(colon + 1);
  while (rest) {
    const m = re.exec(rest);
    if (!m) throw new CliError(`invalid config key path: ${key}`);
    segments.push(m[3] !== undefined ? Number(m[3]) : (m[1] ?? JSON.parse(`"${m[2]}"`)));
    rest = rest.slice(m[0].length);
  }
  return [`${ns}${segments[0]}`, ...segments.slice(1)];
}

/** A plaintext value set with --path, typed as the CLI types it (config.adjustObjectValue). */
const adjust = (value: string): unknown =>
  value === "true" ? true : value === "false" ? false : /^(0|[1-9]\d*)$/.test(value) ? Number(value) : value;

/** Plain values of a stack file's config, secrets decrypted, objects as objects. */
export function readConfig(store: Store, doc: Document): Map<string, { value: unknown; secret: boolean }> {
  const config = doc.get("config") as YAMLMap | undefined;
  const plain = (node: unknown): { value: unknown; secret: boolean } => {
    const value = isNode(node) ? node.toJSON() : node;
    let secret = false;
    const open = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(open);
      if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (Object.keys(o).length === 1 && typeof o.secure === "string") {
          secret = true;
          return store.decrypt(doc, o.secure);
        }
        return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, open(x)]));
      }
      return v;
    };
    return { value: open(value), secret };
  };
  return new Map(
    (config?.items ?? []).map((item) => [String((item.key as { value: unknown }).value), plain(item.value)]),
  );
}

/** The value the engine passes to the program: text, with objects as JSON text. */
export const asText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

export function setValue(store: Store, doc: Document, key: string, value: unknown, secret: boolean, path: boolean) {
  const stored = secret ? { secure: store.encrypt(doc, asText(value)) } : value;
  if (!path) return void doc.setIn(["config", key], doc.createNode(stored));
  const segments = parseKeyPath(key);
  // Missing containers are made as the CLI makes them: a list for a numeric segment, else a map.
  for (let i = 1; i < segments.length; i++) {
    const at = ["config", ...segments.slice(0, i)];
    if (!doc.hasIn(at)) doc.setIn(at, doc.createNode(typeof segments[i] === "number" ? [] : {}));
  }
  doc.setIn(["config", ...segments], doc.createNode(secret ? stored : adjust(String(value))));
}
