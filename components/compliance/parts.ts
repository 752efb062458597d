import type { ComplianceReportingArgs } from "./ComplianceReporting";
import { DEFAULT_EXPIRE_AFTER_DAYS } from "./PatchLogBucket";
import { DEFAULT_NOTIFICATION_EVENTS } from "../patching/taskTypes";

/** Defaults of the compliance parts, written once: the config schema documents and applies these. */
export const COMPLIANCE_DEFAULTS = {
  expireAfterDays: DEFAULT_EXPIRE_AFTER_DAYS,
  retentionInDays: 90,
  notificationEvents: DEFAULT_NOTIFICATION_EVENTS,
  schedule: "rate(1 day)",
  complianceSeverity: "HIGH",
  maxConcurrency: "10%",
  maxErrors: "10%",
  remediationOperation: "Scan",
} as const;

/** One part of the reporting, such as the log bucket: on or off, with its settings. */
export type Part<T = object> = { readonly enabled: boolean } & T;

/** A part as given, or disabled. */
const part = <T extends object>(given: Part<T> | undefined): Part<Partial<T>> =>
  given ?? ({ enabled: false } as Part<Partial<T>>);

const PART_KEYS = [
  "logBucket",
  "logGroup",
  "notifications",
  "scanAssociation",
  "dataSync",
  "inventory",
  "remediation",
  "awsConfigRule",
] as const;

export type Parts = { [K in (typeof PART_KEYS)[number]]: Part<Partial<NonNullable<ComplianceReportingArgs[K]>>> };

/** Every part, disabled where not given. */
export const partsOf = (args: ComplianceReportingArgs): Parts =>
  Object.fromEntries(PART_KEYS.map((key) => [key, part(args[key])])) as Parts;

/** AWS allows at most 50 values per association target key, so large fleets get one association per 50 groups. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));
}

/** What AWS-GatherSoftwareInventory collects: everything it can. */
export const SOFTWARE_INVENTORY_PARAMETERS: Record<string, string> = {
  applications: "Enabled",
  awsComponents: "Enabled",
  instanceDetailedInformation: "Enabled",
  networkConfig: "Enabled",
  services: "Enabled",
  windowsRoles: "Enabled",
  windowsUpdates: "Enabled",
};
