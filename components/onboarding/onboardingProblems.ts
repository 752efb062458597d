import type { FleetOnboardingArgs } from "./FleetOnboarding";

/** A part enabled without what it cannot work without: where, the value there, and the rule. */
export interface OnboardingProblem {
  readonly path: (string | number)[];
  readonly input: unknown;
  readonly rule: string;
}

/**
 * Parts enabled without what they cannot work without: refused, never silently skipped. The config
 * schema reports these same problems under their config keys.
 */
export function onboardingProblems(args: Omit<FleetOnboardingArgs, "scope" | "environment" | "instanceProfileName">) {
  const problems: OnboardingProblem[] = [];
  const a = args.hybridActivation;
  if (a?.enabled && !a.patchGroup)
    problems.push({
      path: ["hybridActivation", "patchGroup"],
      input: undefined,
      rule: "required when the activation is enabled",
    });
  if (a?.enabled && !a.expirationDate)
    problems.push({
      path: ["hybridActivation", "expirationDate"],
      input: undefined,
      rule: "required when the activation is enabled: an explicit ISO-8601 time at most 30 days ahead",
    });
  if (args.wsus?.enabled && !args.wsus.serverUrl)
    problems.push({ path: ["wsus", "serverUrl"], input: undefined, rule: "required when WSUS is enabled" });
  if (args.demoFleet?.enabled && !args.privateEndpoints?.enabled)
    problems.push({
      path: ["demoFleet", "enabled"],
      input: true,
      rule: "the demo fleet runs in the private subnets of privateEndpoints; enable onboarding.privateEndpoints",
    });
  return problems;
}
