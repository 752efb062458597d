import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../config/load";
import { PROJECT_DIR, readStackFile, StackFileError } from "../config/stackFile";
import { planStack } from "../plan/plan";
import { configProblems } from "./helpers/run";
import { parse as parseYaml } from "yaml";
import { readYamlFile } from "../config/yamlFile";

/** Stack files that would silently plan something their author did not mean are refused, naming file and stack. */
describe("stack files: what cannot be meant is refused", () => {
  const refused = (text: string): string[] => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-stackfile-"));
    fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.staging.yaml"), text);
    try {
      readStackFile("staging", dir);
    } catch (e) {
      assert.ok(e instanceof StackFileError, String(e));
      return [...e.problems];
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
    return assert.fail("the stack file was accepted");
  };
  const at = "Pulumi.staging.yaml (stack staging)";

  it("an empty file, a YAML list, and config that is not a mapping", () => {
    assert.deepEqual(refused(""), [`${at}: is empty; a stack file is a mapping with a config: block`]);
    assert.deepEqual(refused("- a\n- b\n"), [`${at}: is a YAML list; a stack file is a mapping with a config: block`]);
    assert.deepEqual(refused("config: [1, 2]\n"), [
      `${at}: config must be a mapping of keys such as aws:region, got [1,2]`,
    ]);
  });

  it("a typo in an AWS provider key or in the namespace, a missing or impossible region", () => {
    // The AWS provider's config keys are read from the provider itself (@pulumi/aws config/vars).
    assert.deepEqual(refused("config:\n  aws:regoin: eu-west-1\n  patchng:maintenanceWindows: {}\n"), [
      `${at}: aws:regoin is not a config key of the AWS provider; check its spelling`,
      `${at}: patchng:maintenanceWindows is not in the patching: or aws: namespace; check its spelling (patching:maintenanceWindows)`,
      `${at}: aws:region is missing; name the region the stack deploys to, e.g. eu-central-1`,
    ]);
    assert.deepEqual(refused("config:\n  aws:region: mars-1\n"), [
      `${at}: aws:region = "mars-1" is not an AWS region code such as eu-central-1`,
    ]);
  });

  it("a file that is not YAML: its first problem, with line and column", () => {
    // A key given twice is an error in YAML 1.2 (3.2.1.1, "keys are unique"), and the CLI refuses it too.
    assert.deepEqual(refused("config:\n  aws:region: eu-west-1\n  aws:region: eu-west-2\n"), [
      `${at}: is not valid YAML: duplicated mapping key (line 3, column 3)`,
    ]);
    assert.deepEqual(refused("config:\n  aws:region: [eu-west-1\n"), [
      `${at}: is not valid YAML: unexpected end of the stream within a flow collection (line 3, column 1)`,
    ]);
  });

  it("accepts the provider's other keys, e.g. aws:profile and aws:defaultTags", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-stackfile-"));
    fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.ok.yaml"), "config:\n  aws:region: us-gov-west-1\n  aws:profile: ops\n");
    assert.deepEqual(readStackFile("ok", dir), { "aws:region": "us-gov-west-1", "aws:profile": "ops" });
    fs.rmSync(dir, { recursive: true });
  });
});

/**
 * Project and stack files are read with js-yaml's YAML 1.2 core schema. The `yaml` package, an
 * independent YAML 1.2 implementation, is the oracle: both must read every shipped file alike.
 */
describe("YAML files are read as YAML 1.2's core schema", () => {
  const shipped = fs
    .readdirSync(PROJECT_DIR)
    .filter((f) => /^Pulumi(\..+)?\.yaml$/.test(f))
    .map((f) => path.join(PROJECT_DIR, f));

  it("every shipped Pulumi.yaml and stack file reads as the yaml package reads it", () => {
    assert.ok(shipped.length >= 4, shipped.join(", "));
    for (const file of shipped) assert.deepEqual(readYamlFile(file), parseYaml(fs.readFileSync(file, "utf8")), file);
  });

  it("dates, yes/no and octal-looking values stay what YAML 1.2 says, as in the yaml package", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-yaml-"));
    const text = "a: 2026-12-29\nb: yes\nc: on\nd: 0o17\ne: 017\nf: ~\ng: 1e3\nh: '010'\n";
    fs.writeFileSync(path.join(dir, "x.yaml"), text);
    try {
      const read = readYamlFile(path.join(dir, "x.yaml"));
      assert.deepEqual(read, { a: "2026-12-29", b: "yes", c: "on", d: 15, e: 17, f: null, g: 1000, h: "010" });
      assert.deepEqual(read, parseYaml(text));
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});

describe("config problems: every one, in sentences, naming the file", () => {
  it("a bad window name does not hide the problems of the window it names", () => {
    const problems = configProblems({
      baselines: {
        "Windows-Test": { operatingSystem: "WINDOWS", patchGroups: ["Test"], approvalRules: [{ approveAfterDays: 1 }] },
      },
      maintenanceWindows: { ab: { schedule: "cron(0 2 ? * SAT *)", duration: 30, patchGroups: ["Test"] } },
    });
    assert.deepEqual(problems, [
      'patching:maintenanceWindows.ab = "ab": must be 3-128 characters of letters, digits, _ - .',
      "patching:maintenanceWindows.ab.duration = 30: must be from 1 to 24",
      "patching:maintenanceWindows.ab.tasks = (missing): is required",
    ]);
  });

  it("a window's cutoff is checked though one of its tasks is wrong (duration 1, maxConcurrency 150%)", () => {
    const problems = configProblems({
      baselines: {
        "Windows-Test": { operatingSystem: "WINDOWS", patchGroups: ["Test"], approvalRules: [{ approveAfterDays: 1 }] },
      },
      maintenanceWindows: {
        "Patching-Test": {
          schedule: "cron(0 2 ? * SAT *)",
          duration: 1,
          cutoff: 1,
          patchGroups: ["Test"],
          tasks: { install: { operation: "Install", maxConcurrency: "150%" } },
        },
      },
    });
    assert.deepEqual(problems, [
      'patching:maintenanceWindows.Patching-Test.tasks.install.maxConcurrency = "150%": must be a count from 1 or a percentage 1%-100%',
      "patching:maintenanceWindows.Patching-Test.cutoff = 1: must be smaller than duration 1",
    ]);
  });

  it("the plan reports the file's own problems and the schema's together", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-both-"));
    fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    const config =
      "config:\n  aws:regoin: eu-west-1\n  aws:region: eu-west-1\n  patching:maintenanceWindows:\n    ab: {}\n";
    fs.writeFileSync(path.join(dir, "Pulumi.both.yaml"), config);
    try {
      await assert.rejects(planStack("both", { dir }), (e: Error) => {
        assert.ok(e instanceof ConfigError);
        assert.deepEqual(e.problems.slice(0, 2), [
          "Pulumi.both.yaml (stack both): aws:regoin is not a config key of the AWS provider; check its spelling",
          'Pulumi.both.yaml (stack both): patching:maintenanceWindows.ab = "ab": must be 3-128 characters of letters, digits, _ - .',
        ]);
        return true;
      });
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it("says what a value must be instead of the validator's 'expected record, received string'", () => {
    assert.deepEqual(configProblems({ maintenanceWindows: "none" }), [
      'patching:maintenanceWindows = "none": must be a mapping of names to settings',
    ]);
  });

  it("names the stack file and stack of every problem the plan meets", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-broken-"));
    fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    const config = "config:\n  aws:region: eu-west-1\n  patching:maintenanceWindows:\n    ab: {}\n";
    fs.writeFileSync(path.join(dir, "Pulumi.broken.yaml"), config);
    try {
      await assert.rejects(planStack("broken", { dir }), (e: Error) => {
        assert.ok(e instanceof ConfigError);
        assert.deepEqual(e.problems.slice(0, 2), [
          'Pulumi.broken.yaml (stack broken): patching:maintenanceWindows.ab = "ab": must be 3-128 characters of letters, digits, _ - .',
          "Pulumi.broken.yaml (stack broken): patching:maintenanceWindows.ab.schedule = (missing): is required",
        ]);
        return true;
      });
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});
