/** One line of the adoption report: what, its id, and why. */
export interface AdoptNote {
  readonly kind: string;
  readonly id: string;
  readonly name: string;
  readonly reason: string;
}

export interface AdoptReport {
  /** Resources the stack file declares and the import file names. */
  readonly adopted: Omit<AdoptNote, "reason">[];
  /** Left in AWS, outside the stack, and why. */
  readonly notAdopted: AdoptNote[];
  /** What the first `pulumi up` will change on an adopted resource: settings the stack sets its own way. */
  readonly changes: AdoptNote[];
}

export interface AdoptedConfig {
  /** The `patching:` keys of the stack file, without the prefix. */
  readonly config: Record<string, unknown>;
  readonly report: AdoptReport;
  /** Window name → task key → WindowTaskId, for the import file. */
  readonly taskIds: Record<string, Record<string, string>>;
}

/** What Quick Setup creates and manages itself: never adopted, so two tools never own one resource. */
export const QUICK_SETUP = /^(aws-quicksetup|quicksetup)/i;

/** The fields of a config object that apply: `...when(condition, { key: value })`. */
export const when = <T>(condition: boolean, value: T): T | object => (condition ? value : {});
