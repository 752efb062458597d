import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describeFailure } from "../automation/errors";
import * as automation from "@pulumi/pulumi/automation";

import { fanOut, fanOutConfig, fanOutStackName, mapBounded, parseTargets } from "../automation/fanout";
import { promotionChanges, rollout, rolloutTable } from "../automation/rollout";
import { FakeOps, baselines } from "./helpers/automation";

describe("automation: staged rollout", () => {
  it("previews, confirms and deploys each stage in order", async () => {
    const ops = new FakeOps();
    const asked: string[] = [];
    const results = await rollout(ops, {
      stages: ["dev", "test", "prod"],
      confirm: async (stage) => (asked.push(stage), true),
    });
    assert.deepEqual(
      ops.calls.map((c) => `${c.op} ${c.stack}`),
      ["preview dev", "up dev", "preview test", "up test", "preview prod", "up prod"],
    );
    assert.deepEqual(asked, ["dev", "test", "prod"]);
    assert.deepEqual(
      results.map((r) => [r.stage, r.status, r.deployed]),
      [
        ["dev", "deployed", { create: 2, same: 5 }],
        ["test", "deployed", { create: 2, same: 5 }],
        ["prod", "deployed", { create: 2, same: 5 }],
      ],
    );
  });

  it("stops at the first failure and reports the later stages as not run", async () => {
    const ops = new FakeOps({ "up test": "AccessDenied: ssm:CreatePatchBaseline" });
    const results = await rollout(ops, { stages: ["dev", "test", "prod"], confirm: async () => true });
    assert.deepEqual(
      results.map((r) => [r.stage, r.status, r.error]),
      [
        ["dev", "deployed", undefined],
        ["test", "failed", "AccessDenied: ssm:CreatePatchBaseline"],
        ["prod", "not run", undefined],
      ],
    );
    assert.ok(!ops.calls.some((c) => c.stack === "prod"));
    const table = rolloutTable(results).split("\n");
    assert.match(table[0], /^ {2}Stage +Status +Preview +Deployed +Promoted approveUntilDate +Time +Error$/);
    assert.match(
      table[2],
      /^ {2}test +failed +create 2, same 5 +— +— +[\d.]+s +AccessDenied: ssm:CreatePatchBaseline$/,
    );
    assert.match(table[3], /^ {2}prod +not run/);
  });

  it("stops when a stage is declined after its preview", async () => {
    const ops = new FakeOps();
    const results = await rollout(ops, { stages: ["dev", "test"], confirm: async (stage) => stage !== "test" });
    assert.deepEqual(
      results.map((r) => r.status),
      ["deployed", "declined"],
    );
    assert.deepEqual(
      ops.calls.map((c) => `${c.op} ${c.stack}`),
      ["preview dev", "up dev", "preview test"],
    );
  });
});

describe("automation: Ctrl-C stops rollout and fan-out before the next stage or target", () => {
  it("rollout: after Ctrl-C during a stage, no later stage starts, and the summary says why", async () => {
    const controller = new AbortController();
    const ops = new FakeOps();
    const results = await rollout(ops, {
      stages: ["dev", "test", "prod"],
      confirm: async () => true,
      onStage: (stage, step) => stage === "dev" && step === "done" && controller.abort(),
      signal: controller.signal,
    });
    assert.deepEqual(
      ops.calls.map((c) => `${c.op} ${c.stack}`),
      ["preview dev", "up dev"],
    );
    assert.deepEqual(
      results.map((r) => [r.stage, r.status, r.error]),
      [
        ["dev", "deployed", undefined],
        ["test", "not run", "interrupted (Ctrl-C) before this stage"],
        ["prod", "not run", "interrupted (Ctrl-C) before this stage"],
      ],
    );
  });

  it("rollout: a signal already aborted runs nothing", async () => {
    const ops = new FakeOps();
    const results = await rollout(ops, { stages: ["dev"], confirm: async () => true, signal: AbortSignal.abort() });
    assert.deepEqual(ops.calls, []);
    assert.deepEqual(
      results.map((r) => r.status),
      ["not run"],
    );
  });

  it("fan-out: targets not yet started are not run once Ctrl-C is pressed", async () => {
    const controller = new AbortController();
    const ops = new FakeOps();
    const results = await fanOut(ops, {
      base: "prod",
      baseConfig: { values: { "aws:region": "eu-west-1" }, secrets: [] },
      targets: parseTargets(["eu-west-1", "eu-west-2", "eu-west-3"]),
      parallel: 1,
      signal: controller.signal,
      onResult: () => controller.abort(),
    });
    assert.deepEqual(
      results.map((r) => [r.stack, r.status]),
      [
        ["prod-eu-west-1", "succeeded"],
        ["prod-eu-west-2", "not run"],
        ["prod-eu-west-3", "not run"],
      ],
    );
    assert.deepEqual(
      ops.calls.map((c) => c.stack),
      ["prod-eu-west-1"],
    );
  });
});

describe("automation: promotion of approveUntilDate", () => {
  it("carries each OS's latest cutoff to the next stage's rules of that OS", () => {
    const changes = promotionChanges(
      {
        "Windows-QA": baselines("WINDOWS", ["2026-11-10", "2026-11-12"]),
        "AL-QA": baselines("AMAZON_LINUX_2023", ["2026-11-20"]),
      },
      {
        "Windows-Prod": baselines("WINDOWS", ["2026-10-13"]),
        "AL-Prod": baselines("AMAZON_LINUX_2023", ["2026-11-20"]),
        Ubuntu: { operatingSystem: "UBUNTU", approvalRules: [{}] },
      },
    );
    assert.deepEqual(changes, [
      {
        baseline: "Windows-Prod",
        rule: 0,
        operatingSystem: "WINDOWS",
        from: "2026-10-13",
        to: "2026-11-12",
        key: 'patching:baselines["Windows-Prod"].approvalRules[0].approveUntilDate',
      },
    ]);
  });

  it("writes the cutoff into the next stack's config through the workspace before previewing it", async () => {
    const ops = new FakeOps();
    ops.config.set("test", { "patching:baselines": { "Windows-QA": baselines("WINDOWS", ["2026-11-10"]) } });
    ops.config.set("prod", { "patching:baselines": { "Windows-Prod": baselines("WINDOWS", ["2026-10-13"]) } });
    const results = await rollout(ops, { stages: ["test", "prod"], promote: true, confirm: async () => true });
    assert.deepEqual(
      ops.calls.map((c) => `${c.op} ${c.stack}`),
      [
        "preview test",
        "up test",
        'setConfig patching:baselines["Windows-Prod"].approvalRules[0].approveUntilDate=2026-11-10 (path) prod',
        "preview prod",
        "up prod",
      ],
    );
    assert.equal(
      (ops.config.get("prod")!["patching:baselines"] as any)["Windows-Prod"].approvalRules[0].approveUntilDate,
      "2026-11-10",
    );
    assert.deepEqual(
      results[1].promoted.map((p) => `${p.from}→${p.to}`),
      ["2026-10-13→2026-11-10"],
    );
    assert.match(rolloutTable(results), /Windows-Prod\[0\] 2026-10-13→2026-11-10/);
  });
});

describe("automation: fan-out over accounts and regions", () => {
  const base = {
    "aws:region": "eu-central-1",
    "patching:instanceRole": { roleName: "EC2-SSMCore-prod" },
    "patching:onboarding": { adminPolicies: { enabled: true, administratorGroups: ["patch-administrators"] } },
  };

  it("parses targets and refuses bad ones with the entry and the rule", () => {
    assert.deepEqual(parseTargets(["eu-west-1", "111122223333:us-east-1:arn:aws:iam::111122223333:role/PatchDeploy"]), [
      { region: "eu-west-1" },
      { account: "111122223333", region: "us-east-1", roleArn: "arn:aws:iam::111122223333:role/PatchDeploy" },
    ]);
    assert.throws(() => parseTargets(["eu-west"]), /fan-out target eu-west: region eu-west is not an AWS region/);
    assert.throws(() => parseTargets(["1234:eu-west-1"]), /account 1234 is not a 12-digit account id/);
    assert.throws(
      () => parseTargets(["111122223333:eu-west-1:arn:aws:iam::999988887777:role/X"]),
      /the role is not in account 111122223333/,
    );
  });

  it("gives each target its own stack, region, assumed role and per-region IAM names; account-wide policies once per account", () => {
    const [a, b] = parseTargets([
      "111122223333:eu-west-1:arn:aws:iam::111122223333:role/PatchDeploy",
      "111122223333:us-east-1:arn:aws:iam::111122223333:role/PatchDeploy",
    ]);
    assert.equal(fanOutStackName("prod", a), "prod-111122223333-eu-west-1");
    assert.equal(fanOutStackName("prod", { region: "eu-west-1" }), "prod-eu-west-1");
    const first = fanOutConfig("prod", base, a, true);
    assert.deepEqual(first, {
      ...base,
      "aws:region": "eu-west-1",
      "patching:environment": "prod",
      "aws:assumeRoles": [{ roleArn: "arn:aws:iam::111122223333:role/PatchDeploy", sessionName: "patching-prod" }],
      "patching:instanceRole": { roleName: "EC2-SSMCore-prod-eu-west-1" },
    });
    assert.equal((fanOutConfig("prod", base, b, false)["patching:onboarding"] as any).adminPolicies.enabled, false);
  });

  it("runs at most `parallel` stacks at once, isolates failures and reports every stack", async () => {
    const ops = new FakeOps({ "up prod-eu-west-2": "ExpiredToken" }, 15);
    const targets = parseTargets(["eu-west-1", "eu-west-2", "eu-west-3", "us-east-1", "us-east-2", "us-west-2"]);
    const results = await fanOut(ops, {
      base: "prod",
      baseConfig: { values: base, secrets: [] },
      targets,
      parallel: 2,
    });
    assert.equal(ops.maxInFlight, 2);
    assert.deepEqual(
      results.map((r) => [r.stack, r.status]),
      [
        ["prod-eu-west-1", "succeeded"],
        ["prod-eu-west-2", "failed"],
        ["prod-eu-west-3", "succeeded"],
        ["prod-us-east-1", "succeeded"],
        ["prod-us-east-2", "succeeded"],
        ["prod-us-west-2", "succeeded"],
      ],
    );
    assert.equal(results[1].error, "ExpiredToken");
    assert.equal(
      (ops.calls.find((c) => c.stack === "prod-us-east-1")!.options!.config as Record<string, unknown>)["aws:region"],
      "us-east-1",
    );
  });

  it("keeps results in input order with bounded work", async () => {
    const order: number[] = [];
    const out = await mapBounded([30, 10, 20], 3, async (ms) => {
      await new Promise((r) => setTimeout(r, ms));
      order.push(ms);
      return ms * 2;
    });
    assert.deepEqual(out, [60, 20, 40]);
    assert.deepEqual(order, [10, 20, 30]);
  });
});

describe("automation: a CLI failure in one line", () => {
  it("without an error: line (a crash), the line naming the error and the exit code, the full output in the log", () => {
    // The SDK's own runtime helpers (automation/errors.js createCommandError), as the runner uses them.
    const sdk = automation as unknown as {
      CommandResult: new (stdout: string, stderr: string, code: number) => unknown;
      createCommandError: (result: unknown) => Error;
    };
    const crash = sdk.createCommandError(
      new sdk.CommandResult("", "Error: boom\n    at Object.<anonymous> (engine.js:1:1)\nNode.js v20\n", 1),
    );
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-failure-"));
    try {
      const error = describeFailure(crash, { operation: "preview", stack: "prod", logDir });
      assert.match(
        error.message,
        /^preview of prod failed: the pulumi CLI exited with code 1: Error: boom \(full output: /,
      );
    } finally {
      fs.rmSync(logDir, { recursive: true, force: true });
    }
  });
});
