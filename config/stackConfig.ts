import { readRawConfig } from "./load";
import { mergeProjectConfig, readProject } from "./projectConfig";
import { PROJECT_DIR, readStackFile } from "./stackFile";

/**
 * Plain config values of a stack as `pulumi up` hands them to the program: Pulumi.<stack>.yaml merged
 * with Pulumi.yaml's declarations by the CLI's rules (`patching:` keys only; `aws:region` apart).
 * Keys holding a `secure:` value are listed in secretKeys; offline their plaintext is unknown.
 */
export function rawConfigFromStackFile(
  stack: string,
  dir = PROJECT_DIR,
): { raw: Record<string, unknown>; region: string; secretKeys: string[] } {
  const merged = mergeProjectConfig(readProject(dir), stack, readStackFile(stack, dir));
  const texts = Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, v.value]));
  return {
    raw: readRawConfig(texts),
    region: merged["aws:region"]?.value ?? "us-east-1",
    secretKeys: Object.keys(merged).filter((k) => merged[k].secret),
  };
}
