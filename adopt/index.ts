import { SSMClient } from "@aws-sdk/client-ssm";
import { stringify } from "yaml";
import { ConfigError } from "../config/load";
import { declarePatchingStack } from "../program";
import { runUnderMocks } from "../offline/recordingRuntime";
import { importFile, ImportFile } from "./importFile";
import { Estate, readEstate } from "./read";
import { AdoptReport, adoptedConfig } from "./stackConfig";
import { UserError } from "../text/userError";

/**
 * Adopt (SCCM: taking over an existing site): bring a console-built Patch Manager setup under a
 * stack, as a stack file in our schema and a `pulumi import --file` document naming each resource
 * exactly as the program declares it, so that import followed by preview replaces nothing.
 */

export interface Adoption {
  /** The stack file's text, `Pulumi.<stack>.yaml`. */
  readonly stackFile: string;
  readonly importFile: ImportFile;
  readonly report: AdoptReport;
}

/** Refused with this class: the CLI prints its message as it is. */
export class AdoptError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "AdoptError";
  }
}

/** The adoption of an estate already read: pure but for running the program under the offline runtime. */
export async function adoptEstate(
  stack: string,
  region: string,
  estate: Estate,
  importFileName = `${stack}.import.json`,
): Promise<Adoption> {
  const { config, report, taskIds } = adoptedConfig(estate);
  if (Object.keys(config.baselines as object).length + Object.keys(config.maintenanceWindows as object).length === 0)
    throw new AdoptError(
      `no patch baseline of this account and no patching window in ${region}: nothing to adopt; start from npx patching init`,
    );
  let resources;
  try {
    resources = (await runUnderMocks(declarePatchingStack, stack, config, region)).resources;
  } catch (e) {
    if (e instanceof ConfigError)
      throw new AdoptError(`the account has settings the stack's schema refuses:\n${e.problems.join("\n")}`);
    throw e;
  }
  const { file, created } = importFile(resources, estate, taskIds);
  for (const r of created)
    report.changes.push({
      kind: "new",
      id: "",
      name: r.name,
      reason: `${r.type}: not in the account; the first up creates it`,
    });
  const header = [
    `# Adopted by patching adopt from ${region}: ${report.adopted.length} resources, listed in the import file.`,
    `# Next: pulumi stack init ${stack}, pulumi import --file ${importFileName}, then pulumi preview.`,
  ];
  const stackFile = `${header.join("\n")}\n${stringify({
    config: Object.fromEntries([
      ["aws:region", region],
      ...Object.entries(config).map(([key, value]) => [`patching:${key}`, value]),
    ]),
  })}`;
  return { stackFile, importFile: file, report };
}

/** Reads the account (standard credential chain, AWS_ENDPOINT_URL_SSM) and adopts what it holds. */
export async function adopt(stack: string, region: string, client = new SSMClient({ region })): Promise<Adoption> {
  return adoptEstate(stack, region, await readEstate(client));
}

export { readEstate } from "./read";
export type { Estate, WindowEstate } from "./read";
export type { AdoptNote, AdoptReport } from "./stackConfig";
export type { ImportEntry, ImportFile } from "./importFile";
