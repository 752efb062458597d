/**
 * The package another Node program installs: what `npm pack` ships, the `exports` it declares
 * (https://nodejs.org/api/packages.html#package-entry-points), and examples/embed compiled against
 * those exports only and run through the real Automation API against the stand-in pulumi CLI.
 */
import { strict as assert } from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../config/stackFile";
import { ensureBuilt } from "./helpers/build";
import { FakePulumi, installFakePulumi } from "./helpers/pulumiCli";

const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8"));

describe("package: an installable library and a `patching` command", function () {
  this.timeout(180000);

  /** What `npm pack` ships, packed once: the tarball, its file list and sizes. */
  let packed: { filename: string; files: { path: string }[]; size: number; unpackedSize: number };
  let packDir: string;
  before(() => {
    ensureBuilt();
    packDir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-pack-"));
    [packed] = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", packDir], {
        cwd: PROJECT_DIR,
        encoding: "utf8",
      }),
    ) as [typeof packed];
  });
  after(() => fs.rmSync(packDir, { recursive: true, force: true }));

  it("is publishable: not private, the example stacks named one by one, so no stray stack file ships", () => {
    assert.equal(pkg.private, undefined);
    assert.deepEqual(
      packed.files
        .map((f) => f.path)
        .filter((f) => /^Pulumi\./.test(f))
        .sort(),
      ["Pulumi.dev.yaml", "Pulumi.prod.yaml", "Pulumi.test.yaml", "Pulumi.yaml"],
    );
    assert.ok(!pkg.files.some((f: string) => f.includes("*")), "no glob that a user's own file could match");
    // README: "about 490 KB packed, 2.3 MB unpacked"; a doubling would be worth a look.
    assert.ok(packed.size < 920_000 && packed.unpackedSize < 4_400_000, JSON.stringify(packed.size));
  });

  it("ships the compiled library, its types, the command and the stack files; no tests", () => {
    const files = packed.files.map((f) => f.path);
    const targets = Object.values(pkg.exports as Record<string, string | Record<string, string>>).flatMap((e) =>
      typeof e === "string" ? [e] : Object.values(e),
    );
    for (const file of [...targets.map((t) => t.replace(/^\.\//, "")), pkg.bin.patching, "Pulumi.yaml"])
      assert.ok(files.includes(file), `${file} is not in the package`);
    for (const stack of ["dev", "test", "prod"]) assert.ok(files.includes(`Pulumi.${stack}.yaml`));
    for (const file of ["policy/PulumiPolicy.yaml", "policy/package.json", "policy/pack.js", "bin/policy/index.js"])
      assert.ok(files.includes(file), `${file}: node_modules/patching/policy is a pack the pulumi CLI runs`);
    assert.deepEqual(
      files.filter((f) => /^(tests|examples|bench|scripts)\//.test(f) || (f.endsWith(".ts") && !f.endsWith(".d.ts"))),
      [],
    ); // A declaration naming @pulumi/aws itself makes a consumer's tsc read all of its 4,000 files
    // (15 s without skipLibCheck, against 8 s when each names its own module).
    assert.deepEqual(
      files.filter(
        (f) =>
          f.endsWith(".d.ts") &&
          /from "@pulumi\/aws"|import\("@pulumi\/aws"\)/.test(fs.readFileSync(path.join(PROJECT_DIR, f), "utf8")),
      ),
      [],
    );
  });

  /** Runs the built command and lists the files Node loaded for it (require.cache at exit). */
  const runBuilt = (args: string[]): { out: string; loaded: string[] } => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-loaded-"));
    const probe = path.join(dir, "probe.js");
    const list = path.join(dir, "loaded.json");
    fs.writeFileSync(
      probe,
      `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache))));`,
    );
    try {
      const out = execFileSync(process.execPath, ["-r", probe, path.join(PROJECT_DIR, pkg.bin.patching), ...args], {
        encoding: "utf8",
      });
      const loaded = (JSON.parse(fs.readFileSync(list, "utf8")) as string[])
        .filter((f) => f !== probe)
        .map((f) => path.relative(PROJECT_DIR, f).split(path.sep).join("/"));
      return { out, loaded };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it("runs `patching --help` from the built command, one file, needing none of Pulumi", () => {
    const { out, loaded } = runBuilt(["--help"]);
    assert.match(out, /^Usage: patching \[options\] \[command\]/);
    for (const command of ["plan", "rollout", "fanout", "outputs", "status", "gate"])
      assert.match(out, new RegExp(`\\n  ${command}\\b`));
    assert.deepEqual(loaded, [pkg.bin.patching]);
  });

  it("plans from the built command, loading no index of @pulumi/aws and no second YAML parser", () => {
    // The index of @pulumi/aws loads every service module and a service's index its mixins; the
    // `yaml` package is only for `activation rotate` (js-yaml is the SDK's own).
    const { out, loaded } = runBuilt(["plan", "--stack", "dev", "--format", "json"]);
    assert.equal(JSON.parse(out).stack, "dev");
    assert.deepEqual(
      loaded.filter((f) => /^node_modules\/@pulumi\/aws\/([a-z0-9]+\/)?index\.js$|^node_modules\/yaml\//.test(f)),
      [],
    );
    assert.ok(loaded.includes("node_modules/@pulumi/aws/ssm/patchBaseline.js"), "the plan declares a PatchBaseline");
    assert.deepEqual(
      loaded.filter((f) => f.startsWith("bin/")),
      [pkg.bin.patching],
    );
  });

  describe("installed in a user's own directory", function () {
    // Known flake of the test double, not of the product: now and then the SDK's in-process runtime
    // gets "14 UNAVAILABLE: No connection established" from the stand-in engine's resource monitor.
    // Each test starts from a fresh workspace, so one retry is safe; a real failure fails twice.
    this.retries(1);
    let fake: FakePulumi;
    let consumer: string;
    let workDir: string;
    beforeEach(() => {
      fake = installFakePulumi();
      consumer = fs.mkdtempSync(path.join(os.tmpdir(), "patching-consumer-"));
      workDir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-embed-"));
      for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.test.yaml"])
        fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(workDir, file));
    });
    afterEach(() => {
      fake.remove();
      for (const dir of [consumer, workDir]) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("examples/embed compiles strictly (no skipLibCheck) against the packed tarball with only its declared dependencies, and rolls out dev then test through the real LocalWorkspace", () => {
      const modules = path.join(consumer, "node_modules");
      fs.mkdirSync(path.join(modules, "@types"), { recursive: true });
      execFileSync("tar", ["-xzf", path.join(packDir, packed.filename), "-C", modules]);
      fs.renameSync(path.join(modules, "package"), path.join(modules, "patching"));
      // What `npm install` of the tarball gives: its dependencies (without @types/luxon among them,
      // tsc fails with TS7016 on three files), plus the consumer's own Node types.
      for (const name of [...Object.keys(pkg.dependencies), "@types/node"]) {
        fs.mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
        fs.symlinkSync(path.join(PROJECT_DIR, "node_modules", name), path.join(modules, name));
      }
      // The example as a user's program, beside one that imports the components' types too.
      fs.copyFileSync(path.join(PROJECT_DIR, "examples/embed/index.ts"), path.join(consumer, "index.ts"));
      fs.writeFileSync(
        path.join(consumer, "components.ts"),
        'import { PatchBaseline } from "patching/components";\nexport const used = [PatchBaseline];\n',
      );
      const strict = { strict: true, module: "node16", moduleResolution: "node16", target: "es2022" };
      fs.writeFileSync(
        path.join(consumer, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: { ...strict, types: ["node"], outDir: "bin" },
          files: ["index.ts", "components.ts"],
        }),
      );
      const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", consumer], {
        encoding: "utf8",
      });
      assert.equal(tsc.status, 0, tsc.stdout);

      const run = spawnSync(process.execPath, [path.join(consumer, "bin/index.js"), workDir], {
        cwd: consumer,
        encoding: "utf8",
      });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^\s*Stage\s+Status/m);
      assert.match(run.stdout, /^\s*dev\s+deployed\s+create \d+\s+create \d+/m);
      assert.match(run.stdout, /^\s*test\s+deployed\s+create \d+\s+create \d+/m);
      assert.match(run.stderr, /\[test\] up\n[\s\S]*✓ created aws:ssm\/patchBaseline:PatchBaseline/);
      const ups = fake.invocations().filter((i) => i.argv[0] === "up");
      assert.deepEqual(
        ups.map((i) => i.argv[i.argv.indexOf("--stack") + 1]),
        ["dev", "test"],
      );
    });
  });
});
