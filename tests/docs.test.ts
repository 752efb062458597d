import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { configReference } from "../config/reference";
import { PROJECT_DIR } from "../config/stackFile";
import { planDocument } from "../cli/plan";
import { withReference } from "../scripts/docs";

const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");

describe("README", () => {
  it("has the configuration reference the schema generates (run npm run docs)", () => {
    assert.equal(readme, withReference(readme));
  });

  it("documents every key with a description", () => {
    const rows = configReference();
    assert.ok(rows.length > 60);
    for (const row of rows) assert.ok(row.description.length > 0, `${row.key} has no description`);
    for (const key of ["schedule", "scheduleTimezone", "scheduleOffset", "duration", "cutoff", "approveAfterDays", "approveUntilDate", "complianceLevel", "operatingSystem", "maxConcurrency", "maxErrors", "rebootOption", "patchGroups"]) {
      assert.ok(rows.some((r) => r.key.endsWith(`.${key}`)), `no key ends in ${key}`);
    }
  });

  it("shows a plan sample that is the current output of plan --stack dev --runs 3", async () => {
    const sample = await planDocument({ stack: "dev", format: "text", runs: 3, weeks: 5, from: "2026-11-30T06:00:00Z" });
    assert.ok(readme.includes(`\`\`\`\n${sample}\`\`\``), "README's plan sample is out of date");
  });

  it("gives a quickstart of two commands: install and plan dev, then the CI test command", () => {
    const quickstart = readme.split("## Quickstart")[1].split("\n## ")[0];
    const commands = /```sh\n([\s\S]*?)```/.exec(quickstart)![1].trim().split("\n");
    assert.deepEqual(commands, ["npm ci && npm run patching -- plan --stack dev", "npm test"]);
    const ci = fs.readFileSync(path.join(PROJECT_DIR, ".ci", "run"), "utf8");
    assert.match(ci, /^npm ci$/m);
    assert.ok(ci.includes("npm test"), ".ci/run runs npm test");
  });
});
