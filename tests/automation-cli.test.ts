import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";

import { patchingProgram, pulumiOnPath, StackOps } from "../automation/workspace";
import { progressLine } from "../automation/progress";
import { DeployContext } from "../cli/deploy";
import { main } from "../cli/main";
import { readStackFile } from "../config/stackFile";
import { RecordedResource, RecordingMocks, resolve, settle } from "../offline/recordingRuntime";
import { FakeOps } from "./helpers/automation";

describe("automation: the patching command with a workspace", () => {
  const context = (ops: StackOps, answer = true) => {
    const printed: string[] = [];
    const progress: string[] = [];
    const ctx: DeployContext = {
      ops,
      print: (t) => printed.push(t),
      progress: (t) => progress.push(t),
      ask: async () => answer,
    };
    return { factory: () => ctx, printed, progress };
  };

  it("rollout --yes deploys every stage and prints the summary table", async () => {
    const ops = new FakeOps();
    const { factory, printed } = context(ops);
    assert.equal(await main(["rollout", "--stages", "dev,test", "--yes"], factory), 0);
    assert.match(printed.join("\n"), /^ {2}Stage +Status[\s\S]*\n {2}dev +deployed[\s\S]*\n {2}test +deployed/);
  });

  it("exits 1 when a stage fails, naming it", async () => {
    const { factory } = context(new FakeOps({ "preview test": "stack test has no config" }));
    const errors: string[] = [];
    const original = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      assert.equal(await main(["rollout", "--stages", "dev,test,prod", "--yes"], factory), 1);
    } finally {
      console.error = original;
    }
    assert.deepEqual(errors, ["patching: rollout stopped at test (failed)"]);
  });

  it("fanout --parallel 2 runs two targets at a time and prints a line per target as it finishes", async () => {
    const ops = new FakeOps({ "up prod-eu-west-2": "stack prod-eu-west-2 failed: AccessDenied" }, 10);
    ops.config.set("prod", { "aws:region": "eu-central-1" });
    const { factory, progress } = context(ops);
    const targets = "eu-west-1,eu-west-2,eu-west-3";
    assert.equal(
      await main(["fanout", "--base", "prod", "--targets", targets, "--parallel", "2", "--yes"], factory),
      1,
    );
    assert.equal(ops.maxInFlight, 2);
    assert.deepEqual(progress.map((line) => line.replace(/ in [\d.]+s/, "")).sort(), [
      "[prod-eu-west-1] succeeded: create 2, same 5",
      "[prod-eu-west-2] failed: stack prod-eu-west-2 failed: AccessDenied",
      "[prod-eu-west-3] succeeded: create 2, same 5",
    ]);
    assert.ok(
      ops.calls.every((c) => c.op !== "up" || c.options?.create === true),
      "targets are created on demand",
    );
  });

  it("up without --yes previews, asks, and does nothing when refused", async () => {
    const ops = new FakeOps();
    const { factory } = context(ops, false);
    const original = console.error;
    console.error = () => undefined;
    try {
      assert.equal(await main(["up", "--stack", "prod"], factory), 1);
    } finally {
      console.error = original;
    }
    assert.deepEqual(
      ops.calls.map((c) => `${c.op} ${c.stack}`),
      ["preview prod"],
    );
  });

  it("outputs masks secrets unless asked, and --json is machine-readable", async () => {
    const { factory, printed } = context(new FakeOps());
    await main(["outputs", "--stack", "prod", "--json"], factory);
    await main(["outputs", "--stack", "prod", "--show-secrets"], factory);
    assert.deepEqual(JSON.parse(printed[0]), { instanceRoleName: "EC2-SSMCore", activationCode: "[secret]" });
    assert.equal(printed[1], "instanceRoleName: EC2-SSMCore\nactivationCode: code-123");
  });

  it("shows progress as one line per finished resource, and engine errors", () => {
    const meta = {
      op: "create",
      type: "aws:ssm/patchBaseline:PatchBaseline",
      urn: "urn:pulumi:dev::patching::patching:index:PatchingStack$aws:ssm/patchBaseline:PatchBaseline::patching-Windows-Test-baseline",
    };
    assert.equal(
      progressLine({ resOutputsEvent: { metadata: meta } } as never),
      "  ✓ created aws:ssm/patchBaseline:PatchBaseline patching-Windows-Test-baseline",
    );
    // A preview's events carry `planning`: they say what would happen.
    assert.equal(
      progressLine({ resOutputsEvent: { metadata: { ...meta, op: "update" }, planning: true } } as never),
      "  ✓ would update aws:ssm/patchBaseline:PatchBaseline patching-Windows-Test-baseline",
    );
    assert.equal(
      progressLine({ resOpFailedEvent: { metadata: meta, status: 1, steps: 1 } } as never),
      "  ✗ create aws:ssm/patchBaseline:PatchBaseline patching-Windows-Test-baseline failed",
    );
    assert.equal(
      progressLine({ diagnosticEvent: { severity: "error", message: "boom\n", color: "never" } } as never),
      "  ! boom",
    );
    assert.equal(progressLine({ resOutputsEvent: { metadata: { ...meta, op: "same" } } } as never), undefined);
  });

  it("without a pulumi CLI, says in one sentence how to install it and exits non-zero", async () => {
    const saved = process.env.PATH;
    const errors: string[] = [];
    const original = console.error;
    process.env.PATH = fs.mkdtempSync(path.join(os.tmpdir(), "no-pulumi-"));
    console.error = (m: string) => errors.push(m);
    try {
      assert.equal(pulumiOnPath(), false);
      for (const command of [
        ["preview", "--stack", "dev"],
        ["up", "--stack", "dev", "--yes"],
        ["outputs", "--stack", "dev"],
        ["rollout", "--yes"],
      ]) {
        assert.equal(await main(command), 1, command.join(" "));
      }
    } finally {
      process.env.PATH = saved;
      console.error = original;
    }
    assert.equal(new Set(errors).size, 1);
    assert.match(
      errors[0],
      /^This command needs the pulumi CLI, which is not on PATH: install it \(curl -fsSL https:\/\/get\.pulumi\.com \| sh, or see https:\/\/www\.pulumi\.com\/docs\/install\/\) and run it again\.$/,
    );
  });
});

describe("automation: the inline program is the program index.ts runs", () => {
  /** Runs a program with a stack file's config under mocks, the way the engine would feed it. */
  async function record(stack: string, run: () => unknown): Promise<RecordedResource[]> {
    const config = readStackFile(stack);
    pulumi.runtime.setAllConfig(
      Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])),
    );
    const mocks = new RecordingMocks(String(config["aws:region"]));
    await mocks.install(stack);
    try {
      await resolve(await run());
      await settle();
    } finally {
      pulumi.runtime.setAllConfig({});
    }
    return mocks.resources
      .map((r) => ({ ...r }))
      .sort((a, b) => `${a.type}${a.name}`.localeCompare(`${b.type}${b.name}`));
  }

  for (const stack of ["dev", "test", "prod"]) {
    it(`declares the same resources with the same inputs as index.ts for ${stack}`, async function () {
      this.timeout(30000);
      const viaIndex = await record(stack, () => {
        const indexPath = require.resolve("../index");
        delete require.cache[indexPath];
        return require(indexPath);
      });
      const viaInline = await record(stack, () => patchingProgram()());
      assert.ok(viaIndex.length > 10);
      assert.deepEqual(viaInline, viaIndex);
    });
  }
});
