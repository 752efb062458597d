import { ConfigError, parseStackConfig, readRawConfig, StackConfig } from "./load";
import { mergeProjectConfig, readProject } from "./projectConfig";
import { inspectStackFile, projectDir, StackFileError } from "./stackFile";

/**
 * Plain config values of a stack as `pulumi up` hands them to the program: Pulumi.<stack>.yaml merged
 * with Pulumi.yaml's declarations by the CLI's rules (`patching:` keys only; `aws:region` apart).
 * Keys holding a `secure:` value are listed in secretKeys; offline their plaintext is unknown.
 */
export function rawConfigFromStackFile(
  stack: string,
  dir?: string,
): { raw: Record<string, unknown>; region: string; secretKeys: string[]; fileProblems: string[] } {
  dir = projectDir(dir);
  const { config, problems } = inspectStackFile(stack, dir);
  // A file with no usable config block has nothing more to check; otherwise its file-level problems
  // are returned for the caller to report beside the schema's.
  if (!config) throw new StackFileError(problems);
  const merged = mergeProjectConfig(readProject(dir), stack, config);
  const texts = Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, v.value]));
  return {
    raw: readRawConfig(texts),
    region: merged["aws:region"]?.value ?? "us-east-1",
    secretKeys: Object.keys(merged).filter((k) => merged[k].secret),
    fileProblems: problems,
  };
}

/** A stack file's validated config: the file's own problems and the schema's, in one error. */
export function parseStackFile(stack: string, dir?: string): { config: StackConfig; region: string } {
  const { raw, region, fileProblems } = rawConfigFromStackFile(stack, dir);
  let config: StackConfig;
  try {
    config = parseStackConfig(raw, stack);
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError([...fileProblems, ...e.problems]);
    throw e;
  }
  if (fileProblems.length > 0) throw new StackFileError(fileProblems);
  return { config, region };
}
