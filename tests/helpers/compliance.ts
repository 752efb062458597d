import { generatedName, RecordedResource } from "../../offline/recordingRuntime";
import { minimalConfig } from "./run";

export const ACCOUNT = "123456789012";
/** Physical names the mocks generate, as AWS auto-naming would. */
export const BUCKET = generatedName("patching-compliance-logs-bucket").toLowerCase();
export const RULE = generatedName("patching-compliance-non-compliant");
export const RUNBOOK = generatedName("patching-compliance-remediation-runbook");
export const policyOf = (r: RecordedResource, field = "policy") => JSON.parse(r.inputs[field]);

/** The minimal stack with every compliance part switched on (remediation scans). */
export function fullCompliance(patch: Record<string, unknown> = {}): Record<string, any> {
  return {
    ...minimalConfig(),
    compliance: {
      logBucket: { enabled: true, expireAfterDays: 120 },
      logGroup: { enabled: true, retentionInDays: 30 },
      notifications: { enabled: true, emails: ["ops@example.com"] },
      scanAssociation: {
        enabled: true,
        schedule: "rate(12 hours)",
        complianceSeverity: "CRITICAL",
        maxConcurrency: "25%",
        maxErrors: "5",
      },
      dataSync: { enabled: true },
      inventory: { enabled: true },
      remediation: { enabled: true },
      awsConfigRule: { enabled: true },
      ...patch,
    },
  };
}
