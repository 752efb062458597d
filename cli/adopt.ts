import * as fs from "fs";
import * as path from "path";
import { SSMClient } from "@aws-sdk/client-ssm";
import { adoptEstate, AdoptError, AdoptReport, readEstate } from "../adopt";
import { awsErrorLine } from "../automation/compliance";
import { projectDir } from "../config/stackFile";

export interface AdoptOptions {
  readonly stack: string;
  readonly region?: string;
  readonly importFile?: string;
  readonly force?: boolean;
}

/** The report as an administrator reads it: what was adopted, what was not and why, what the first up changes. */
export function reportText(report: AdoptReport, stack: string, importFile: string): string {
  const line = (n: { kind: string; id: string; name: string; reason?: string }) =>
    `  ${n.kind} ${n.name}${n.id ? ` (${n.id})` : ""}${n.reason ? `: ${n.reason}` : ""}`;
  return [
    `Adopted (${report.adopted.length}):`,
    ...report.adopted.map(line),
    `Not adopted (${report.notAdopted.length}):`,
    ...(report.notAdopted.length ? report.notAdopted.map(line) : ["  none"]),
    `Set the stack's way on the first up (${report.changes.length}):`,
    ...(report.changes.length ? report.changes.map(line) : ["  none"]),
    "Next:",
    `  pulumi stack init ${stack}`,
    `  pulumi import --file ${importFile}    (imports every adopted resource, protected from deletion)`,
    `  pulumi preview -s ${stack}            (should show no replacement; the changes above as updates)`,
  ].join("\n");
}

/** `patching adopt`: read the account, write Pulumi.<stack>.yaml and the import file, print the report. */
export async function adoptCommand(o: AdoptOptions, print: (text: string) => void): Promise<void> {
  const dir = projectDir();
  const stackFile = path.join(dir, `Pulumi.${o.stack}.yaml`);
  const importFile = o.importFile ?? `${o.stack}.import.json`;
  const existing = [stackFile, path.resolve(importFile)].filter((f) => fs.existsSync(f));
  if (existing.length > 0 && !o.force)
    throw new AdoptError(
      `${existing.map((f) => path.basename(f)).join(" and ")} already exist: pass --force to overwrite`,
    );
  const client = new SSMClient(o.region ? { region: o.region } : {});
  let region: string;
  let estate;
  try {
    region = await client.config.region();
    estate = await readEstate(client);
  } catch (e) {
    const err = e as Error;
    if (/region is missing/i.test(err.message))
      throw new AdoptError("no AWS region: pass --region, or set AWS_REGION or a profile's region");
    throw new AdoptError(awsErrorLine(err));
  }
  const adoption = await adoptEstate(o.stack, region, estate, importFile);
  fs.writeFileSync(stackFile, adoption.stackFile);
  fs.writeFileSync(importFile, `${JSON.stringify(adoption.importFile, null, 2)}\n`);
  print(`wrote ${path.basename(stackFile)} and ${importFile}`);
  print(reportText(adoption.report, o.stack, importFile));
}
