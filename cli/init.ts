import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR, ProjectDirError } from "../config/stackFile";

/**
 * The Pulumi.yaml of a user's own project that runs the installed package's program. The project
 * is named `patching` because its name is the config namespace (`patching:<key>`).
 */
export const USER_PROJECT_FILE = `name: patching
runtime:
  name: nodejs
  options:
    typescript: false
main: node_modules/patching/bin/index.js
description: AWS Systems Manager Patch Manager as code, one stack per environment.
`;

/** The example stacks the package ships (package.json `files`), never a stack file added to a checkout. */
export const EXAMPLE_STACKS = ["dev", "test", "prod"] as const;

/**
 * \`patching init\`: starts a project in \`dir\` from the package's example stacks (dev, test, prod),
 * refusing to overwrite a file there unless \`force\`. Returns the lines the command prints.
 */
export function initProject(dir: string, force = false): string[] {
  const target = path.resolve(dir);
  if (target.split(path.sep).includes("node_modules"))
    throw new ProjectDirError(`${target} is inside node_modules: run patching init in your own project's directory`);
  const examples = EXAMPLE_STACKS.map((s) => `Pulumi.${s}.yaml`);
  const files = ["Pulumi.yaml", ...examples];
  const existing = files.filter((f) => fs.existsSync(path.join(target, f)));
  if (existing.length > 0 && !force)
    throw new ProjectDirError(`${target} already has ${existing.join(", ")}: pass --force to overwrite them`);
  fs.mkdirSync(target, { recursive: true });
  fs.writeFileSync(path.join(target, "Pulumi.yaml"), USER_PROJECT_FILE);
  for (const file of examples) fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(target, file));
  return [
    `wrote ${files.join(", ")} in ${target}`,
    "next: edit the stack files (role names, patch groups, schedules), then npx patching plan --all-stacks",
  ];
}
