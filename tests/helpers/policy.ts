import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { RecordedResource } from "../../offline/recordingRuntime";
import { PATCH_GOVERNANCE_POLICIES } from "../../policy/rules";

/** One violation a rule reported. */
export interface Violation {
  readonly policy: string;
  readonly level: string;
  readonly message: string;
  readonly name?: string;
}

type Policy = ResourceValidationPolicy | StackValidationPolicy;

/** A policy's config as the engine hands it over: its schema's defaults, then the pack's config. */
export function policyConfig(policy: Policy, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const defaults = Object.fromEntries(
    Object.entries(policy.configSchema?.properties ?? {}).map(([k, v]) => [k, (v as { default?: unknown }).default]),
  );
  return { ...defaults, ...overrides };
}

/**
 * Recorded resources as the engine hands them to a policy pack (@pulumi/policy server.js): type,
 * props (the inputs), urn, name, opts, and each input's property dependencies, which the SDK sent
 * with the registration (RegisterResourceRequest.propertyDependencies) and the mocks recorded.
 */
export function asPolicyResources(recorded: readonly RecordedResource[]): PolicyResource[] {
  const resources: PolicyResource[] = recorded.map((r) => ({
    type: r.type,
    props: r.inputs,
    urn: r.urn,
    name: r.name,
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [...r.aliases],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [...r.additionalSecretOutputs],
    },
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  })) as unknown as PolicyResource[];
  // The mock monitor names a dependency by its own URN form (only the nearest parent's type in the
  // type chain), so dependencies are matched by what both forms end with: the type and the name.
  const key = (urn: string) => {
    const [, , chain, name] = urn.split("::");
    return `${chain.split("$").pop()}::${name}`;
  };
  const byUrn = new Map(resources.map((r) => [key(r.urn), r]));
  recorded.forEach((r, i) => {
    const me = resources[i];
    for (const [property, urns] of Object.entries(r.propertyDependencies)) {
      const from = urns.flatMap((urn) => byUrn.get(key(urn)) ?? []);
      if (from.length > 0) me.propertyDependencies[property] = from;
    }
    me.dependencies.push(...new Set(Object.values(me.propertyDependencies).flat()));
  });
  return resources;
}

/** Runs every rule of the pack over a stack's resources as the engine would, collecting violations. */
export async function runPack(
  resources: readonly PolicyResource[],
  config: Record<string, Record<string, unknown>> = {},
  policies: readonly Policy[] = PATCH_GOVERNANCE_POLICIES,
): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const policy of policies) {
    const getConfig = <T>() => policyConfig(policy, config[policy.name]) as T;
    const level = policy.enforcementLevel ?? "advisory";
    const report = (name?: string) => (message: string, urn?: string) =>
      violations.push({
        policy: policy.name,
        level,
        message,
        name: urn ? resources.find((r) => r.urn === urn)?.name : name,
      });
    if ("validateStack" in policy) {
      await policy.validateStack(
        { resources: [...resources], stackTags: new Map(), getConfig, notApplicable: notApplicable },
        report(),
      );
      continue;
    }
    const checks = [policy.validateResource ?? []].flat();
    for (const r of resources)
      for (const check of checks)
        await check({ ...r, stackTags: new Map(), getConfig, notApplicable } as never, report(r.name));
  }
  return violations;
}

function notApplicable(): never {
  throw new Error("not applicable");
}
