/** Output formats of `patching plan` and `patching status`, apart so that `--help` loads nothing heavy. */
export const OUTPUT_FORMATS = ["text", "md", "json", "html"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
