import { strict as assert } from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DateTime } from "luxon";
import { rotateActivation } from "../cli/activation";
import { PROJECT_DIR } from "../config/stackFile";
import { planStack } from "../plan/plan";
import { bundled, bundleEnv } from "./helpers/bundled";
import { withoutFakeClock } from "./helpers/clock";

/** A copy of the project's stack files in a temporary directory, for commands that write them. */
function projectCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-rotate-"));
  for (const file of fs.readdirSync(PROJECT_DIR).filter((f) => /^Pulumi(\..+)?\.yaml$/.test(f)))
    fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(dir, file));
  return dir;
}

describe("activation: monthly rotation", () => {
  it("rotate writes now + 29 days into the stack file, and changes nothing else in it", () => {
    const dir = projectCopy();
    const before = fs.readFileSync(path.join(dir, "Pulumi.prod.yaml"), "utf8");
    const line = rotateActivation({ stack: "prod", dir, now: DateTime.fromISO("2027-02-01T15:30:00Z") });
    const after = fs.readFileSync(path.join(dir, "Pulumi.prod.yaml"), "utf8");
    assert.equal(
      after,
      before.replace('expirationDate: "2026-12-29T00:00:00Z"', 'expirationDate: "2027-03-02T00:00:00Z"'),
    );
    assert.match(
      line,
      /^Pulumi\.prod\.yaml: patching:onboarding\.hybridActivation\.expirationDate 2026-12-29T00:00:00Z → 2027-03-02T00:00:00Z; run pulumi up -s prod/,
    );
    fs.rmSync(dir, { recursive: true });
  });

  it("refuses a stack without an enabled activation, an unknown stack and a date AWS would refuse", () => {
    const dir = projectCopy();
    assert.throws(() => rotateActivation({ stack: "dev", dir }), {
      message: "Pulumi.dev.yaml has no enabled patching:onboarding.hybridActivation to rotate",
    });
    assert.throws(
      () => rotateActivation({ stack: "no-such-stack", dir }),
      /No stack file Pulumi\.no-such-stack\.yaml; known stacks: /,
    );
    assert.throws(() => rotateActivation({ stack: "prod", dir, days: 30 }), {
      message: "--days 30 must be a whole number from 1 to 29",
    });
    fs.rmSync(dir, { recursive: true });
  });

  it("the plan warns 7 days before prod's activation expires, and says how to rotate", async () => {
    const warningsAt = async (iso: string) =>
      (await planStack("prod", { from: DateTime.fromISO(iso) })).warnings.filter((w) => w.includes("expirationDate"));
    assert.deepEqual(await warningsAt("2026-12-21T23:00:00Z"), []);
    assert.deepEqual(await warningsAt("2026-12-22T00:00:00Z"), [
      'patching:onboarding.hybridActivation.expirationDate = "2026-12-29T00:00:00Z": expires in 7 days; rotate it with `npx patching activation rotate --stack prod` and deploy before then',
    ]);
    assert.match(
      (await warningsAt("2027-02-01T00:00:00Z"))[0],
      /has passed, so no more servers can register with the activation; the rest of the stack deploys as usual/,
    );
  });

  it("every shipped stack deploys under a clock set to 2027-02-01 (Debian's faketime)", function () {
    if (spawnSync("faketime", ["--version"]).error) this.skip(); // .ci/run installs it
    this.timeout(60000); // a process that declares three stacks: 5 s here, 10 s on a busy machine
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-faketime-"));
    const script = path.join(dir, "load-stacks.ts");
    const from = (module: string) => JSON.stringify(path.join(PROJECT_DIR, module));
    fs.writeFileSync(
      script,
      `
      import * as pulumi from "@pulumi/pulumi";
      import { loadStackConfig } from ${from("config/load")};
      import { rawConfigFromStackFile } from ${from("config/stackConfig")};
      (async () => {
        for (const stack of ["dev", "test", "prod"]) {
          await pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: () => ({}) }, "patching", stack, false);
          const { raw } = rawConfigFromStackFile(stack);
          pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(raw).map(([k, v]) => ["patching:" + k, typeof v === "string" ? v : JSON.stringify(v)])));
          loadStackConfig();
        }
        console.log(new Date().toISOString().slice(0, 10));
      })().catch((e) => { console.error(e.message); process.exit(1); });`,
    );
    let out: string;
    try {
      out = execFileSync("faketime", ["2027-02-01 12:00:00", process.execPath, ...bundled(script)], {
        cwd: PROJECT_DIR,
        encoding: "utf8",
        env: bundleEnv(withoutFakeClock()),
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(out.trim(), "2027-02-01");
  });
});
