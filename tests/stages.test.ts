import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { planDocument } from "../cli/plan";
import { listStacks, PROJECT_DIR } from "../config/stackFile";

/**
 * Adding an environment as the README says: a copy of test with `patching:stage: 25`. It stands between
 * test and prod everywhere, without a false ordering warning; a copy left unrenamed is warned about.
 */
describe("stages: a staging stack between test and prod", () => {
  const file = path.join(PROJECT_DIR, "Pulumi.staging.yaml");
  const test = fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.test.yaml"), "utf8");
  const withStaging = async <T>(text: string, run: () => Promise<T>): Promise<T> => {
    fs.writeFileSync(file, text);
    try {
      return await run();
    } finally {
      fs.rmSync(file);
    }
  };
  const plan = async () =>
    JSON.parse(
      await planDocument({ allStacks: true, format: "json", runs: 2, weeks: 3, from: "2026-11-30T06:00:00Z" }),
    );

  it("is ordered by patching:stage in the plan, the timeline and rollout's default stages", async () => {
    const renamed = test
      .replace("patching:stage: 20", "patching:stage: 25")
      .replace("EC2-SSMCore-test", "EC2-SSMCore-staging")
      .replace(/QA-/g, "Staging-")
      .replace("cron(0 3 ? * SUN *)", "cron(0 3 ? * MON *)");
    const json = await withStaging(renamed, async () => {
      assert.deepEqual(listStacks(), ["dev", "test", "staging", "prod"]);
      return plan();
    });
    assert.deepEqual(
      json.stacks.map((s: { stack: string }) => s.stack),
      ["dev", "test", "staging", "prod"],
    );
    assert.deepEqual(
      json.timeline.patchTuesday.stages.map((s: { stack: string }) => s.stack),
      ["dev", "test", "staging", "prod"],
    );
    assert.deepEqual(json.timeline.warnings, []);
  });

  it("warns about names a copied stack file would create twice", async () => {
    const json = await withStaging(test.replace("patching:stage: 20", "patching:stage: 25"), plan);
    const shared = json.timeline.warnings.filter((w: string) => w.startsWith("test and staging both create"));
    assert.ok(
      shared.includes(
        "test and staging both create IAM role EC2-SSMCore-test: pulumi up fails, or they collide, if they deploy to one account.",
      ),
    );
    assert.ok(
      shared.includes(
        "test and staging both create patch group QA-Web (WINDOWS): pulumi up fails, or they collide, if they deploy to one account in eu-west-1.",
      ),
    );
  });
});
