import { assertBuildIsCurrent } from "./buildCheck";
import { runPatchingProgram } from "./program";

/**
 * `pulumi up -s <env>` runs this, compiled to bin/index.js: validate the stack's config, build
 * the stack, export its summary. The Automation API's inline program runs the very same function.
 */
assertBuildIsCurrent(__dirname);
export = runPatchingProgram();
