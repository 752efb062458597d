import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planDocument } from "../plan/document";
import { listStacks, PROJECT_DIR } from "../config/stackFile";

/**
 * Adding an environment as the README says: a copy of test with `patching:stage: 25`. It stands between
 * test and prod everywhere, without a false ordering warning; a copy left unrenamed is warned about.
 */
describe("stages: a staging stack between test and prod", () => {
  const test = fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.test.yaml"), "utf8");
  /** The shipped project plus a staging stack file, in a directory of its own: the project is never touched. */
  const withStaging = async <T>(text: string, run: (dir: string) => Promise<T>): Promise<T> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-stages-"));
    for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.test.yaml", "Pulumi.prod.yaml"])
      fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(dir, file));
    fs.writeFileSync(path.join(dir, "Pulumi.staging.yaml"), text);
    try {
      return await run(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const plan = async (dir: string) =>
    JSON.parse(
      await planDocument({ allStacks: true, format: "json", runs: 2, weeks: 3, from: "2026-11-30T06:00:00Z", dir }),
    );

  it("is ordered by patching:stage in the plan, the timeline and rollout's default stages", async () => {
    const renamed = test
      .replace("patching:stage: 20", "patching:stage: 25")
      .replace("EC2-SSMCore-test", "EC2-SSMCore-staging")
      .replace(/QA-/g, "Staging-")
      .replace("cron(0 3 ? * SUN *)", "cron(0 3 ? * MON *)");
    const json = await withStaging(renamed, async (dir) => {
      assert.deepEqual(listStacks(dir), ["dev", "test", "staging", "prod"]);
      return plan(dir);
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
