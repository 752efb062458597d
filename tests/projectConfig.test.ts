import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { assertBuildIsCurrent, staleSources } from "../buildCheck";
import { stackConfigSchema } from "../config/schema";
import {
  mergeProjectConfig,
  Project,
  ProjectConfigError,
  readProject,
  SECRET_PLACEHOLDER,
} from "../config/projectConfig";
import { listStacks, PROJECT_DIR, readStackFile } from "../config/stackFile";

/**
 * Every stack file against the pulumi CLI's project-config merge (pulumi/pulumi
 * sdk/go/common/workspace/config.go: mergeConfig, validateStackConfigValues), the check `pulumi up`
 * makes before the program starts, which the mock runtime never sees.
 */
const project = readProject(PROJECT_DIR);

/** The Pulumi.yaml `config:` block of the first release: 11 keys with a description and no default. */
const FIRST_RELEASE: Project = {
  name: "patching",
  config: Object.fromEntries(
    [
      "environment",
      "patchGroupTagKey",
      "allowDefaultBaselineFallback",
      "tags",
      "instanceRole",
      "baselines",
      "maintenanceWindows",
      "fleetEstimate",
      "compliance",
      "onboarding",
      "quickSetupPatchPolicy",
    ].map((k) => [k, { description: `${k} …` }]),
  ),
};

const mergeError = (p: Project, stack: string, config: Record<string, unknown>) => {
  try {
    mergeProjectConfig(p, stack, config);
  } catch (e) {
    assert.ok(e instanceof ProjectConfigError);
    return e.message;
  }
  return assert.fail("the merge accepted the stack");
};

describe("project config: every stack file passes the pulumi CLI's config merge", () => {
  it("Pulumi.yaml is the nodejs project patching, running the JavaScript npm run build writes", () => {
    const raw = project as Project & { runtime: { name: string; options: { typescript: boolean } }; main: string };
    assert.deepEqual(
      [raw.name, raw.runtime.name, raw.runtime.options.typescript, raw.main],
      ["patching", "nodejs", false, "bin/index.js"],
    );
    const build = JSON.parse(
      fs.readFileSync(path.join(PROJECT_DIR, "tsconfig.build.json"), "utf8").replace(/^\s*\/\/.*$/gm, ""),
    );
    assert.equal(path.join(build.compilerOptions.outDir, "index.js"), raw.main);
    assert.equal(
      JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")).scripts.prepare,
      "npm run build",
    );
  });

  it("a build older than a source it was made from refuses to deploy, naming the file and the fix", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "patching-build-"));
    for (const dir of ["bin", "components"]) fs.mkdirSync(path.join(root, dir));
    for (const file of ["index.ts", "program.ts", "components/PatchBaseline.ts", "bin/index.js"])
      fs.writeFileSync(path.join(root, file), "");
    const touch = (file: string, iso: string) => fs.utimesSync(path.join(root, file), new Date(iso), new Date(iso));
    touch("index.ts", "2026-01-01T00:00:00Z");
    touch("program.ts", "2026-01-01T00:00:00Z");
    touch("bin/index.js", "2026-01-02T00:00:00Z");
    touch("components/PatchBaseline.ts", "2026-01-03T00:00:00Z");
    assert.deepEqual(staleSources(path.join(root, "bin")), ["components/PatchBaseline.ts"]);
    assert.throws(() => assertBuildIsCurrent(path.join(root, "bin")), {
      message: "bin/ is older than components/PatchBaseline.ts: run npm run build, then pulumi up again",
    });
    assert.deepEqual(staleSources(root), [], "running from the sources (ts-node, tests) checks nothing");
    fs.rmSync(root, { recursive: true });
  });

  for (const stack of listStacks()) {
    it(`Pulumi.${stack}.yaml: no required key missing, each typed key of its type`, () => {
      const merged = mergeProjectConfig(project, stack, readStackFile(stack));
      assert.ok(Object.keys(merged).length > 0);
    });

    it(`Pulumi.${stack}.yaml uses only keys the schema owns, and aws: provider keys`, () => {
      for (const key of Object.keys(readStackFile(stack))) {
        const [ns, name] = key.split(":");
        assert.ok(
          ns === "aws" || (ns === "patching" && name in stackConfigSchema.shape),
          `Pulumi.${stack}.yaml: ${key} is not a key of ours`,
        );
      }
    });
  }

  it("refuses the first release's Pulumi.yaml with the CLI's own message, for every shipped stack", () => {
    assert.equal(
      mergeError(FIRST_RELEASE, "dev", readStackFile("dev")),
      "Stack 'dev' is missing configuration values 'allowDefaultBaselineFallback', 'compliance', 'environment', 'fleetEstimate', 'patchGroupTagKey', 'quickSetupPatchPolicy' and 'tags'",
    );
    for (const stack of ["test", "prod"]) {
      assert.equal(
        mergeError(FIRST_RELEASE, stack, readStackFile(stack)),
        `Stack '${stack}' is missing configuration values 'allowDefaultBaselineFallback', 'environment', 'patchGroupTagKey' and 'quickSetupPatchPolicy'`,
      );
    }
  });

  it("a key with a default or value is not required and takes it; other namespaces are never required", () => {
    const p: Project = {
      name: "patching",
      config: { a: { default: 3 }, b: { value: { x: 1 } }, c: "shorthand", "aws:region": { description: "r" } },
    };
    const merged = mergeProjectConfig(p, "s", {});
    assert.deepEqual(merged, {
      "patching:a": { value: "3", secret: false },
      "patching:b": { value: '{"x":1}', secret: false },
      "patching:c": { value: "shorthand", secret: false },
    });
    assert.equal(
      mergeError({ name: "patching", config: { only: {} } }, "s", {}),
      "Stack 's' is missing configuration value 'only'",
    );
  });

  it("an explicitly typed key must hold its type; a secret key must be secure", () => {
    const typed: Project = {
      name: "patching",
      config: {
        n: { type: "integer" },
        l: { type: "array", items: { type: "string" } },
        k: { type: "string", secret: true },
      },
    };
    const ok = { "patching:n": 2, "patching:l": ["a"], "patching:k": { secure: "v1:abc" } };
    mergeProjectConfig(typed, "s", ok);
    assert.equal(
      mergeError(typed, "s", { ...ok, "patching:n": "two" }),
      "Stack 's' with configuration key 'n' must be of type 'integer'",
    );
    assert.equal(
      mergeError(typed, "s", { ...ok, "patching:l": [1] }),
      "Stack 's' with configuration key 'l' must be of type 'List<string>'",
    );
    assert.equal(
      mergeError(typed, "s", { ...ok, "patching:k": "plain" }),
      "Stack 's' with configuration key 'k' must be encrypted as it's secret",
    );
  });

  it("secure: values, alone or nested, reach the program as secrets, never as {secure: ...} text", () => {
    const merged = mergeProjectConfig(project, "s", {
      "patching:environment": { secure: "v1:Zm9v" },
      "patching:onboarding": { wsus: { enabled: true, serverUrl: { secure: "v1:YmFy" } } },
      "patching:tags": { Team: "ops" },
    });
    assert.deepEqual(merged["patching:environment"], { value: SECRET_PLACEHOLDER, secret: true });
    assert.deepEqual(merged["patching:onboarding"], {
      value: `{"wsus":{"enabled":true,"serverUrl":"${SECRET_PLACEHOLDER}"}}`,
      secret: true,
    });
    assert.deepEqual(merged["patching:tags"], { value: '{"Team":"ops"}', secret: false });
  });
});
