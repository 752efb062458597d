import { z } from "zod";
import { stackConfigSchema } from "./schema";

/** One documented config key, read off the schema. */
export interface ReferenceRow {
  readonly key: string;
  readonly type: string;
  readonly required: boolean;
  readonly description: string;
  readonly defaultValue: string;
}

type AnySchema = z.core.$ZodType;
/** The parts of zod's internal definition the reference reads. */
interface SchemaDef {
  readonly type: string;
  readonly innerType: AnySchema;
  readonly in: AnySchema;
  readonly element: AnySchema;
  readonly valueType: AnySchema;
  readonly shape: Record<string, AnySchema>;
  readonly entries: Record<string, string>;
}
const def = (s: AnySchema) => (s as unknown as { _zod: { def: SchemaDef } })._zod.def;
const descriptionOf = (s: AnySchema) => (s as unknown as { description?: string }).description;

/** Strips optional/default/pipe wrappers, keeping the outermost description and whether a value is needed. */
function unwrap(schema: AnySchema): { inner: AnySchema; description?: string; required: boolean } {
  let inner = schema;
  let description = descriptionOf(schema);
  let required = true;
  for (;;) {
    const d = def(inner);
    if (d.type === "optional" || d.type === "default" || d.type === "prefault") required = false;
    if (["optional", "default", "prefault", "nullable", "readonly"].includes(d.type)) inner = d.innerType;
    else if (d.type === "pipe") inner = d.in;
    else break;
    description ??= descriptionOf(inner);
  }
  return { inner, description, required };
}

function typeName(schema: AnySchema): string {
  const d = def(schema);
  switch (d.type) {
    case "enum":
      return Object.values(d.entries as Record<string, string>)
        .map((v) => `\`${v}\``)
        .join(" \\| ");
    case "array":
      return `list of ${typeName(unwrap(d.element).inner)}`;
    case "record":
      return `map of ${typeName(unwrap(d.valueType).inner)}`;
    default:
      return d.type;
  }
}

/** Every key path of the stack config, depth first, with type, description and default. */
export function configReference(schema: AnySchema = stackConfigSchema, prefix = "patching:"): ReferenceRow[] {
  const rows: ReferenceRow[] = [];
  const visit = (s: AnySchema, path: string) => {
    const { inner, description = "", required } = unwrap(s);
    const [text, defaultValue = ""] = description.split("@default").map((part) => part.trim().replace(/^- /, ""));
    rows.push({ key: path, type: typeName(inner), required, description: text, defaultValue });
    const d = def(inner);
    const child = (suffix: string) => `${path}${suffix}`;
    if (d.type === "object")
      for (const [k, v] of Object.entries(d.shape as Record<string, AnySchema>)) visit(v, child(`.${k}`));
    if (d.type === "record" && def(unwrap(d.valueType).inner).type === "object")
      visitFields(unwrap(d.valueType).inner, child(".<name>"));
    if (d.type === "array" && def(unwrap(d.element).inner).type === "object")
      visitFields(unwrap(d.element).inner, child("[]"));
  };
  const visitFields = (s: AnySchema, path: string) => {
    for (const [k, v] of Object.entries(def(s).shape as Record<string, AnySchema>)) visit(v, `${path}.${k}`);
  };
  for (const [k, v] of Object.entries(def(unwrap(schema).inner).shape as Record<string, AnySchema>))
    visit(v, `${prefix}${k}`);
  return rows;
}

/** The README's config reference table. */
export function renderReference(rows: ReferenceRow[] = configReference()): string {
  const escape = (text: string) => text.replace(/\|/g, "\\|");
  const lines = [
    "| Key | Type | Required | Default | Description |",
    "|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| \`${r.key}\` | ${r.type} | ${r.required ? "yes" : "no"} | ${r.defaultValue ? `\`${escape(r.defaultValue)}\`` : "—"} | ${escape(r.description)} |`,
    ),
  ];
  return lines.join("\n");
}
