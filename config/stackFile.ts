import * as fs from "fs";
import * as path from "path";
import { AWS_REGION } from "./limits";
import { isMapping, readYamlFile, YamlFileError } from "./yamlFile";
import { UserError } from "../text/userError";

/**
 * This package's own directory, from the sources or from bin/: its example stacks (`patching init`
 * copies them) and its tests. Commands and library calls work on the user's directory instead.
 */
export const PROJECT_DIR = findProjectDir(__dirname);

/** A directory that is not a project `patching` may work on. */
export class ProjectDirError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "ProjectDirError";
  }
}

/**
 * The project directory a command or library call works on: `dir`, or the current directory, as
 * the pulumi CLI works on its current directory (or `--cwd`). It must hold a Pulumi.yaml, and is
 * never inside node_modules, so nothing of an installed package is read as, or rewritten as, the
 * user's own.
 */
export function projectDir(dir = process.cwd()): string {
  const resolved = path.resolve(dir);
  if (resolved.split(path.sep).includes("node_modules"))
    throw new ProjectDirError(
      `${resolved} is inside node_modules: patching works on your own project's directory; run it there or pass --cwd <dir>`,
    );
  if (!fs.existsSync(path.join(resolved, "Pulumi.yaml")))
    throw new ProjectDirError(
      `${resolved} has no Pulumi.yaml: run patching in your project's directory, pass --cwd <dir>, or start a project there with npx patching init`,
    );
  return resolved;
}

function findProjectDir(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, "..");
  }
}

/**
 * Stacks that have a Pulumi.<stack>.yaml file, in stage order: each file's `patching:stage` (a number;
 * dev, test and prod ship with 10, 20 and 30, so a staging stack takes e.g. 25); files without one
 * last, by name. Two files with the same stage are refused.
 */
export function listStacks(dir?: string): string[] {
  dir = projectDir(dir);
  const stacks = fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined);
  const stage = new Map(stacks.map((s) => [s, declaredStage(path.join(dir, `Pulumi.${s}.yaml`))]));
  // Two stacks at one stage have no order a rollout could follow: refused, naming both files.
  const clashes = stacks.flatMap((a, i) =>
    stacks
      .slice(i + 1)
      .filter((b) => stage.get(a) === stage.get(b) && stage.get(a) !== Number.MAX_SAFE_INTEGER)
      .map(
        (b) =>
          `Pulumi.${a}.yaml and Pulumi.${b}.yaml both set patching:stage: ${stage.get(a)}; give each stack its own stage (dev 10, test 20, prod 30)`,
      ),
  );
  if (clashes.length > 0) throw new StackFileError(clashes);
  return stacks.sort((a, b) => stage.get(a)! - stage.get(b)! || a.localeCompare(b));
}

/** A stack file's `patching:stage`, read without validating the rest; files without one come last. */
function declaredStage(file: string): number {
  try {
    const stage = (readYamlFile(file) as { config?: Record<string, unknown> } | null)?.config?.["patching:stage"];
    return typeof stage === "number" ? stage : Number.MAX_SAFE_INTEGER;
  } catch {
    return Number.MAX_SAFE_INTEGER;
  }
}

/** A stack file that cannot be what its author meant: every problem, one line each, naming the file and stack. */
export class StackFileError extends UserError {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "StackFileError";
  }
}

/** The AWS provider's own config keys (@pulumi/aws config/vars), so `aws:regoin` is caught as a typo. */
function awsProviderKeys(): Set<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- read for its key names only
  return new Set(Object.keys(require("@pulumi/aws/config/vars")));
}

/** How a problem names its stack file, e.g. under `plan --all-stacks`: "Pulumi.dev.yaml (stack dev)". */
export const stackFileLabel = (stack: string) => `Pulumi.${stack}.yaml (stack ${stack})`;

/** What is wrong with a parsed stack file: its shape, its namespaces, the provider keys and the region. */
export function stackFileProblems(stack: string, doc: unknown, namespace = "patching"): string[] {
  const at = stackFileLabel(stack);
  if (doc === null || doc === undefined) return [`${at}: is empty; a stack file is a mapping with a config: block`];
  if (!isMapping(doc))
    return [
      `${at}: is a YAML ${Array.isArray(doc) ? "list" : "value"}; a stack file is a mapping with a config: block`,
    ];
  if (!isMapping(doc.config))
    return [
      `${at}: config must be a mapping of keys such as aws:region, got ${JSON.stringify(doc.config) ?? "nothing"}`,
    ];
  const problems: string[] = [];
  const provider = awsProviderKeys();
  for (const key of Object.keys(doc.config)) {
    const [ns, name] = key.includes(":") ? key.split(":", 2) : ["", key];
    if (ns === "aws" && !provider.has(name))
      problems.push(`${at}: ${key} is not a config key of the AWS provider; check its spelling`);
    else if (ns !== "aws" && ns !== namespace) {
      problems.push(
        `${at}: ${key} is not in the ${namespace}: or aws: namespace; check its spelling (${namespace}:${name})`,
      );
    }
  }
  const region = doc.config["aws:region"];
  if (region === undefined)
    problems.push(`${at}: aws:region is missing; name the region the stack deploys to, e.g. eu-central-1`);
  else if (typeof region !== "string" || !AWS_REGION.test(region)) {
    problems.push(`${at}: aws:region = ${JSON.stringify(region)} is not an AWS region code such as eu-central-1`);
  }
  return problems;
}

/** The `config:` block of Pulumi.<stack>.yaml, as written; a file that cannot be meant is refused. */
export function readStackFile(stack: string, dir?: string): Record<string, unknown> {
  const { config, problems } = inspectStackFile(stack, dir);
  if (problems.length > 0) throw new StackFileError(problems);
  return config!;
}

/**
 * A stack file's `config:` block and its file-level problems (namespaces, provider keys, region),
 * so a caller can report them beside the schema's in one run. No config when the file has no
 * usable `config:` mapping at all.
 */
export function inspectStackFile(
  stack: string,
  dir?: string,
): { config: Record<string, unknown> | undefined; problems: string[] } {
  dir = projectDir(dir);
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    throw new Error(`No stack file ${path.basename(file)}; known stacks: ${listStacks(dir).join(", ") || "none"}`);
  }
  let doc: unknown;
  try {
    doc = readYamlFile(file);
  } catch (e) {
    if (e instanceof YamlFileError) throw new StackFileError([`${stackFileLabel(stack)}: ${e.detail}`]);
    throw e;
  }
  const problems = stackFileProblems(stack, doc);
  const config = isMapping(doc) && isMapping(doc.config) ? (doc.config as Record<string, unknown>) : undefined;
  return { config, problems };
}
