import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { configReference } from "../config/reference";
import { PROJECT_DIR } from "../config/stackFile";
import { GENERATED_PAGES } from "../scripts/docs";

const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");

describe("README and docs/", () => {
  it("docs/ holds the configuration reference and plan sample the code generates (run npm run docs)", async () => {
    for (const [page, generate] of Object.entries(GENERATED_PAGES)) {
      const text = fs.readFileSync(path.join(PROJECT_DIR, page), "utf8");
      assert.equal(text, await generate(text), `${page} is stale: run npm run docs`);
    }
  });

  it("the README leads: at most 15 KB, the two set-up commands on its first screen, then the SCCM table, links to every page in docs/", () => {
    assert.ok(Buffer.byteLength(readme) <= 15 * 1024, `README.md is ${Buffer.byteLength(readme)} bytes`);
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings.slice(0, 2), ["Quickstart", "SCCM → Patch Manager"]);
    // A first screen: 25 lines of a 100-column terminal, with prose wrapped for reading.
    const firstScreen = readme.split("\n").slice(0, 25).join("\n");
    assert.match(firstScreen, /npm ci && npx patching plan --stack dev\nnpm test\n/);
    const prose = readme.split("\n").filter((l) => !l.startsWith("|") && !l.startsWith("#"));
    assert.deepEqual(
      prose.filter((l) => [...l].length > 100),
      [],
    );
    for (const page of fs.readdirSync(path.join(PROJECT_DIR, "docs")))
      assert.ok(readme.includes(`(docs/${page})`), page);
  });

  it("documents every key with a description", () => {
    const rows = configReference();
    assert.ok(rows.length > 60);
    for (const row of rows) assert.ok(row.description.length > 0, `${row.key} has no description`);
    for (const key of [
      "schedule",
      "scheduleTimezone",
      "scheduleOffset",
      "duration",
      "cutoff",
      "approveAfterDays",
      "approveUntilDate",
      "complianceLevel",
      "operatingSystem",
      "maxConcurrency",
      "maxErrors",
      "rebootOption",
      "patchGroups",
    ]) {
      assert.ok(
        rows.some((r) => r.key.endsWith(`.${key}`)),
        `no key ends in ${key}`,
      );
    }
  });

  it("gives a quickstart of two commands: install and plan dev, then the CI test command", () => {
    const quickstart = readme.split("## Quickstart")[1].split("\n## ")[0];
    const commands = /```sh\n([\s\S]*?)```/.exec(quickstart)![1].trim().split("\n");
    assert.deepEqual(commands, ["npm ci && npx patching plan --stack dev", "npm test"]);
    assert.equal(
      JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")).bin.patching,
      "bin/cli/main.js",
    );
    const ci = fs.readFileSync(path.join(PROJECT_DIR, ".ci", "run"), "utf8");
    assert.match(ci, /^npm ci$/m);
    assert.ok(ci.includes("npm test"), ".ci/run runs npm test");
  });
});
