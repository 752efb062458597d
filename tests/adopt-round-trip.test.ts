import { strict as assert } from "assert";
import fc from "fast-check";
import { parse } from "yaml";
import { adoptEstate } from "../adopt";
import { ADOPTED_TYPES } from "../adopt/importFile";
import { parseStackConfig } from "../config/load";
import { rawConfigFromStackFile } from "../config/stackConfig";
import { declarePatchingStack } from "../program";
import { RecordedResource, runUnderMocks } from "../offline/recordingRuntime";
import { adoptableConfig } from "./helpers/adoptableConfigs";
import { awsView } from "./helpers/awsView";

/**
 * Adopt, held to a round trip: a stack config → what the program declares → what AWS would return
 * for it (awsView, shaped as AWS's API model documents each read) → adopt → a stack file that
 * declares the same SSM resources (same URNs: type, name, parent) with the same inputs, and an
 * import file naming each of them under its URN's type and name, with its parent.
 */
const REGION = "eu-west-1";

const declare = async (stack: string, raw: Record<string, unknown>) =>
  (await runUnderMocks(declarePatchingStack, stack, raw, REGION)).resources;

/** The adopted SSM resources' inputs by URN; tags are the stack's own (patching:tags and its identity). */
const ssmInputs = (resources: readonly RecordedResource[]) =>
  Object.fromEntries(
    resources
      .filter((r) => ADOPTED_TYPES.includes(r.type))
      .map((r) => {
        const { tags: _tags, ...inputs } = r.inputs;
        return [r.urn, inputs];
      }),
  );

/** The `patching:` keys of a written stack file, as the program reads them. */
const configOf = (stackFile: string) =>
  Object.fromEntries(
    Object.entries(parse(stackFile).config as Record<string, unknown>)
      .filter(([key]) => key.startsWith("patching:"))
      .map(([key, value]) => [key.slice("patching:".length), value]),
  );

async function roundTrip(stack: string, raw: Record<string, unknown>) {
  const before = await declare(stack, raw);
  const adoption = await adoptEstate(stack, REGION, awsView(before));
  const after = await declare(stack, configOf(adoption.stackFile));
  return { before, after, adoption };
}

describe("adopt: a round trip through what AWS returns", () => {
  it("generated stack files: the adopted stack declares the same resources with the same inputs, and imports each", async function () {
    this.timeout(60000); // three stacks under the mock runtime: 6 s here, 11 s on a busy machine
    await fc.assert(
      fc.asyncProperty(adoptableConfig, async (raw) => {
        parseStackConfig(raw, "adopted"); // the generator makes valid stack files only
        const { before, after, adoption } = await roundTrip("adopted", raw);
        assert.deepEqual(ssmInputs(after), ssmInputs(before));
        const declared = before.filter((r) => ADOPTED_TYPES.includes(r.type));
        const imported = adoption.importFile.resources.filter((e) => !e.component);
        assert.deepEqual(
          imported.map((e) => `${e.type}::${e.name}`).sort(),
          declared.map((r) => `${r.type}::${r.name}`).sort(),
        );
        // Every parent is an entry of the file, and is the parent the program declares.
        const byName = new Map(adoption.importFile.resources.map((e) => [e.name, e]));
        for (const r of before.filter((b) => byName.has(b.name))) {
          const parent = before.find((p) => p.urn === r.parent);
          assert.equal(byName.get(r.name)!.parent, parent?.name, r.name);
          if (parent) assert.equal(byName.get(parent.name)?.type, parent.type);
        }
        assert.deepEqual(adoption.report.notAdopted, []);
      }),
      { numRuns: 30, seed: 23 },
    );
  });

  it("the shipped stacks: the same inputs, except the notifications a task gets from the stack itself", async () => {
    for (const stack of ["dev", "test", "prod"]) {
      const { raw } = rawConfigFromStackFile(stack);
      const { before, after, adoption } = await roundTrip(stack, raw);
      const strip = (inputs: Record<string, any>) => {
        const rc = inputs.taskInvocationParameters?.runCommandParameters;
        if (rc) {
          delete rc.notificationConfig;
          delete rc.serviceRoleArn;
        }
        return inputs;
      };
      const [a, b] = [ssmInputs(after), ssmInputs(before)];
      for (const urn of Object.keys(b)) [a[urn], b[urn]].forEach(strip);
      assert.deepEqual(a, b, stack);
      const notified = adoption.report.changes.filter((c) => /notifications come from/.test(c.reason));
      assert.equal(notified.length, stack === "dev" ? 0 : Object.values(b).filter((i) => i.taskArn).length, stack);
    }
  });
});
