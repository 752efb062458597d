import { strict as assert } from "assert";
import { ConfigError, parseStackConfig } from "../../config/load";
import { rawConfigFromStackFile } from "../../config/stackConfig";
import { RecordedResource, runUnderMocks } from "../../offline/recordingRuntime";
import { declarePatchingStack } from "../../program";

/** Builds a stack from its Pulumi.<stack>.yaml under mocks. */
export async function buildStackFile(stack: string) {
  const { raw, region } = rawConfigFromStackFile(stack);
  return runUnderMocks(declarePatchingStack, stack, raw, region);
}

/** Builds the program from plain config values under mocks. */
export function buildConfig(raw: Record<string, unknown>, stack = "unit") {
  return runUnderMocks(declarePatchingStack, stack, raw);
}

export function ofType(resources: RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((r) => r.type === type);
}

export function named(resources: RecordedResource[], name: string): RecordedResource {
  const found = resources.filter((r) => r.name === name);
  if (found.length !== 1)
    throw new Error(
      `expected one resource named ${name}, found ${found.length}: ${resources.map((r) => r.name).join(", ")}`,
    );
  return found[0];
}

/** A minimal valid config other tests vary. */
export function minimalConfig(): Record<string, any> {
  return {
    baselines: {
      "Windows-Test": {
        operatingSystem: "WINDOWS",
        patchGroups: ["Test"],
        approvalRules: [{ classifications: ["SecurityUpdates"], approveAfterDays: 7 }],
      },
    },
    maintenanceWindows: {
      "Patching-Test": {
        schedule: "cron(0 2 ? * SAT *)",
        duration: 2,
        patchGroups: ["Test"],
        tasks: { install: { operation: "Install" } },
      },
    },
  };
}

/** The problems a refused config reports, one line each; fails the test if the config is accepted. */
export function configProblems(raw: Record<string, unknown>, stack = "unit"): string[] {
  try {
    parseStackConfig(raw, stack);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected ConfigError, got ${e}`);
    return [...e.problems];
  }
  assert.fail(`config was accepted: ${JSON.stringify(raw).slice(0, 200)}`);
}
