import * as fs from "fs";
import * as path from "path";
import { CORE_SCHEMA, load, YAMLException } from "js-yaml";

/** A project or stack file that is not YAML, named with the line and column of its first problem. */
export class YamlFileError extends Error {
  constructor(
    readonly file: string,
    /** e.g. "is not valid YAML: duplicated mapping key (line 4, column 3)" */
    readonly detail: string,
  ) {
    super(`${path.basename(file)} ${detail}`);
    this.name = "YamlFileError";
  }
}

/** A YAML mapping as parsed: an object that is not a list. */
export const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Reads a YAML file as YAML 1.2's core schema, as the pulumi CLI reads its project and stack files:
 * `2026-12-29` stays a string, `yes` stays a string, and a key given twice is an error.
 *
 * It uses js-yaml, the parser `@pulumi/pulumi` itself loads at start-up, so reading config adds no
 * parser to each plan and `pulumi up` (the `yaml` package took about 30 ms to load and warm up).
 * The `yaml` package stays for what only it does: editing a file while keeping its comments.
 */
export function readYamlFile(file: string): unknown {
  try {
    return load(fs.readFileSync(file, "utf8"), { schema: CORE_SCHEMA });
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
    const where = e.mark ? ` (line ${e.mark.line + 1}, column ${e.mark.column + 1})` : "";
    throw new YamlFileError(file, `is not valid YAML: ${e.reason}${where}`);
  }
}
