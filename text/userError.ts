/**
 * An error written for the person at the terminal: one or more lines naming what is wrong and what
 * to do. The `patching` command prints its message as it is; any other error gets a prefix.
 */
export class UserError extends Error {}
