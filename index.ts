import { runPatchingProgram } from "./program";

/**
 * `pulumi up -s <env>`: validate the stack's config, build the stack, export its summary. The
 * Automation API's inline program runs the very same function.
 */
export = runPatchingProgram();
