import * as path from "path";
import { readYamlFile } from "./yamlFile";

/**
 * The pulumi CLI's project-config merge, as `pulumi up` applies it before the program starts
 * (`mergeConfig` and `validateStackConfigValues` in pulumi/pulumi sdk/go/common/workspace/config.go):
 * - a key declared in Pulumi.yaml under `config:` in the project's namespace, with neither `default`
 *   nor `value`, is required in every stack: "Stack 'dev' is missing configuration values ...";
 * - a declared key absent from the stack takes its `default` (or `value`);
 * - an explicitly typed key must hold a value of that type, and a `secret: true` key a `secure:` value.
 * The offline plan and the tests read stack files through this, so they see config exactly as the
 * CLI hands it to the program.
 */

/** A declaration under Pulumi.yaml's `config:`. */
export interface ProjectConfigType {
  readonly type?: "string" | "integer" | "boolean" | "array";
  readonly items?: { readonly type: string };
  readonly description?: string;
  readonly default?: unknown;
  readonly value?: unknown;
  readonly secret?: boolean;
}

export interface Project {
  readonly name: string;
  readonly config?: Record<string, ProjectConfigType | string | number | boolean>;
}

/** One config value as the program receives it: text (JSON for objects), and whether it is secret. */
export interface ConfigValue {
  readonly value: string;
  readonly secret: boolean;
}

/** What stands for a `secure:` value offline, where the stack's key to decrypt it is not at hand. */
export const SECRET_PLACEHOLDER = "[secret]";

export class ProjectConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProjectConfigError";
  }
}

export function readProject(dir: string): Project {
  return readYamlFile(path.join(dir, "Pulumi.yaml")) as Project;
}

/** `'a'`, or `'a' and 'b'`, or `'a', 'b' and 'c'`, sorted, as the CLI lists missing keys. */
function formatMissingKeys(keys: string[]): string {
  if (keys.length === 1) return `'${keys[0]}'`;
  const sorted = [...keys].sort();
  return sorted
    .map((k, i) => (i === sorted.length - 1 ? `and '${k}'` : i === sorted.length - 2 ? `'${k}' ` : `'${k}', `))
    .join("");
}

const isSecure = (v: unknown): v is { secure: string } =>
  typeof v === "object" &&
  v !== null &&
  !Array.isArray(v) &&
  Object.keys(v).length === 1 &&
  typeof (v as { secure?: unknown }).secure === "string";

/** Whether a value holds a `secure:` leaf anywhere, and the value with each such leaf as the placeholder. */
function revealShape(value: unknown): { plain: unknown; secret: boolean } {
  if (isSecure(value)) return { plain: SECRET_PLACEHOLDER, secret: true };
  if (Array.isArray(value)) {
    const parts = value.map(revealShape);
    return { plain: parts.map((p) => p.plain), secret: parts.some((p) => p.secret) };
  }
  if (typeof value === "object" && value !== null) {
    const parts = Object.entries(value).map(([k, v]) => [k, revealShape(v)] as const);
    return { plain: Object.fromEntries(parts.map(([k, p]) => [k, p.plain])), secret: parts.some(([, p]) => p.secret) };
  }
  return { plain: value, secret: false };
}

/** Config text as the CLI passes it: strings as they are, everything else as JSON. */
function asConfigText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** `ValidateConfigValue`: string, integer, boolean, or an array whose items have a type. */
function hasType(type: string, items: ProjectConfigType["items"], value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(typeof value === "string" ? Number(value) : value);
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false";
    case "array":
      return Array.isArray(value) && (!items || value.every((v) => hasType(items.type, undefined, v)));
    default:
      return false;
  }
}

const fullKey = (project: string, key: string) => (key.includes(":") ? key : `${project}:${key}`);

/**
 * Merges a stack file's `config:` block with the project's declarations, as `pulumi up` does, or
 * throws the CLI's own message. Keys come back namespaced (`patching:baselines`).
 */
export function mergeProjectConfig(
  project: Project,
  stack: string,
  stackConfig: Record<string, unknown>,
): Record<string, ConfigValue> {
  const merged: Record<string, ConfigValue> = {};
  for (const [key, value] of Object.entries(stackConfig)) {
    const { plain, secret } = revealShape(value);
    merged[fullKey(project.name, key)] = { value: asConfigText(plain), secret };
  }
  const declared = Object.entries(project.config ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  const missing: string[] = [];
  for (const [key, raw] of declared) {
    // A bare value in Pulumi.yaml is shorthand for { value } (ProjectConfigType unmarshalling).
    const declaration: ProjectConfigType =
      typeof raw === "object" && raw !== null && !Array.isArray(raw) ? raw : { value: raw };
    const name = fullKey(project.name, key);
    const onStack = name in merged;
    const fallback = declaration.default !== undefined ? declaration.default : declaration.value;
    if (!onStack && fallback === undefined && name.startsWith(`${project.name}:`)) {
      missing.push(key);
      continue;
    }
    if (!onStack && fallback !== undefined) merged[name] = { value: asConfigText(fallback), secret: false };
  }
  if (missing.length > 0) {
    throw new ProjectConfigError(
      `Stack '${stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ${formatMissingKeys(missing)}`,
    );
  }
  for (const [key, raw] of declared) {
    if (typeof raw !== "object" || raw === null || !raw.type) continue;
    const name = fullKey(project.name, key);
    const stackValue = stackConfig[name] ?? stackConfig[key];
    if (stackValue === undefined) continue;
    if (raw.secret && !isSecure(stackValue))
      throw new ProjectConfigError(`Stack '${stack}' with configuration key '${key}' must be encrypted as it's secret`);
    if (isSecure(stackValue)) continue; // its type is checked against the decrypted value, which only the CLI has
    if (!hasType(raw.type, raw.items, stackValue)) {
      const typeName = raw.type === "array" && raw.items ? `List<${raw.items.type}>` : raw.type; // InferFullTypeName
      throw new ProjectConfigError(`Stack '${stack}' with configuration key '${key}' must be of type '${typeName}'`);
    }
  }
  return merged;
}
