import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/main";
import { USER_PROJECT_FILE } from "../cli/init";
import { listStacks, PROJECT_DIR } from "../config/stackFile";
import { planStack } from "../plan";
import { FROM } from "./helpers/plan";

/**
 * Commands and library calls work on the user's own project directory, as the pulumi CLI works on
 * its current directory (or --cwd): never on the installed package's files, never inside node_modules.
 */
describe("the user's own project directory", function () {
  this.timeout(60000);
  let dir: string;
  let out: string[];
  let err: string[];
  const run = async (...argv: string[]) => {
    const [log, error, write] = [console.log, console.error, process.stdout.write];
    console.error = (line: string) => void err.push(String(line));
    process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      return await main(argv);
    } finally {
      [console.log, console.error, process.stdout.write] = [log, error, write];
    }
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-user-"));
    out = [];
    err = [];
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("`patching init` starts a project from the example stacks, and refuses to overwrite without --force", async () => {
    assert.equal(await run("--cwd", dir, "init"), 0);
    assert.deepEqual(fs.readdirSync(dir).sort(), [
      "Pulumi.dev.yaml",
      "Pulumi.prod.yaml",
      "Pulumi.test.yaml",
      "Pulumi.yaml",
    ]);
    assert.equal(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"), USER_PROJECT_FILE);
    assert.match(USER_PROJECT_FILE, /^main: node_modules\/patching\/bin\/index\.js$/m);
    assert.equal(await run("--cwd", dir, "init"), 1);
    assert.match(err.join("\n"), /already has Pulumi\.yaml, Pulumi\.dev\.yaml, .*: pass --force to overwrite them$/);
    assert.equal(await run("--cwd", dir, "init", "--force"), 0);
    assert.equal(process.cwd(), PROJECT_DIR, "--cwd applies to the command only");
  });

  it("plans the user's Pulumi.site.yaml with --cwd, and names the user's stacks when one is missing", async () => {
    await run("--cwd", dir, "init");
    fs.renameSync(path.join(dir, "Pulumi.dev.yaml"), path.join(dir, "Pulumi.site.yaml"));
    out.length = 0;
    assert.equal(await run("--cwd", dir, "plan", "--stack", "site", "--format", "json", "--from", FROM.toISO()!), 0);
    assert.equal(JSON.parse(out.join("")).stack, "site");
    assert.equal(await run("--cwd", dir, "plan", "--stack", "dev"), 1);
    assert.deepEqual(err, ["patching: No stack file Pulumi.dev.yaml; known stacks: site, test, prod"]);
  });

  it("rotates the activation in the user's stack file, never the package's", async () => {
    await run("--cwd", dir, "init");
    const packaged = fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.prod.yaml"), "utf8");
    assert.equal(await run("--cwd", dir, "activation", "rotate", "--stack", "prod"), 0);
    assert.notEqual(fs.readFileSync(path.join(dir, "Pulumi.prod.yaml"), "utf8"), packaged);
    assert.equal(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.prod.yaml"), "utf8"), packaged);
  });

  it("refuses, in one line, a directory without Pulumi.yaml and one inside node_modules, for the command and the library", async () => {
    assert.equal(await run("--cwd", dir, "plan", "--stack", "site"), 1);
    assert.deepEqual(err, [
      `${dir} has no Pulumi.yaml: run patching in your project's directory, pass --cwd <dir>, or start a project there with npx patching init`,
    ]);
    await assert.rejects(planStack("site", { dir }), { name: "ProjectDirError" });
    const inside = path.join(dir, "node_modules", "patching");
    fs.mkdirSync(inside, { recursive: true });
    fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(inside, "Pulumi.yaml"));
    err.length = 0;
    assert.equal(await run("--cwd", inside, "activation", "rotate", "--stack", "prod"), 1);
    assert.match(err[0], /is inside node_modules: patching works on your own project's directory/);
    assert.equal(await run("--cwd", path.join(dir, "nope"), "plan"), 1);
    assert.match(err[1], /--cwd .*nope: no such directory/);
  });

  it("refuses two stack files at one patching:stage, naming both", async () => {
    await run("--cwd", dir, "init");
    fs.copyFileSync(path.join(dir, "Pulumi.test.yaml"), path.join(dir, "Pulumi.staging.yaml"));
    assert.throws(() => listStacks(dir), {
      message:
        "Pulumi.staging.yaml and Pulumi.test.yaml both set patching:stage: 20; give each stack its own stage (dev 10, test 20, prod 30)",
    });
  });
});
