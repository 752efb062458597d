import { RecordedResource } from "../../offline/recordingRuntime";
import { configProblems, minimalConfig } from "./run";

export const ACCOUNT = "123456789012";
export const policyOf = (r: RecordedResource, field = "policy") => JSON.parse(r.inputs[field]);

export function withOnboarding(
  onboarding: Record<string, unknown>,
  patch: (raw: any) => void = () => undefined,
): Record<string, any> {
  const raw: Record<string, any> = { ...minimalConfig(), onboarding };
  patch(raw);
  return raw;
}

export const problemsOf = (raw: Record<string, unknown>) => configProblems(raw).join("\n");

export const ACTIVATION = {
  enabled: true,
  patchGroup: "Test",
  registrationLimit: 25,
  expirationDate: "2026-12-20T00:00:00Z",
};
