import { strict as assert } from "assert";
import { GateResult } from "../automation/gate";
import { rollout, rolloutTable } from "../automation/rollout";
import { rawConfigFromStackFile } from "../config/stackConfig";
import { FakeOps } from "./helpers/automation";

const refused: GateResult = { passed: false, failures: ["dev Test: 80% compliant (8 of 10), needs at least 95%"] };
const passed: GateResult = { passed: true, failures: [] };

/** Test and prod as shipped: rules that approve by delay, Windows OS and application rules apart. */
function stages(fail: Record<string, string> = {}) {
  const ops = new FakeOps(fail);
  const windows = (days: number, app: Record<string, unknown>) => ({
    operatingSystem: "WINDOWS",
    patchGroups: ["Web"],
    approvalRules: [
      { classifications: ["SecurityUpdates"], approveAfterDays: days },
      { patchSet: "APPLICATION", ...app },
    ],
  });
  ops.config.set("test", { "patching:baselines": { "Windows-QA": windows(3, { approveUntilDate: "2026-11-01" }) } });
  ops.config.set("prod", { "patching:baselines": { "Windows-Prod": windows(6, { approveAfterDays: 6 }) } });
  return ops;
}
const prodRules = (ops: FakeOps) =>
  (ops.config.get("prod")!["patching:baselines"] as any)["Windows-Prod"].approvalRules;

describe("rollout: success gates between stages", () => {
  it("a refused gate stops the rollout before the next stage, naming the criterion; later stages do not run", async () => {
    const ops = new FakeOps();
    const results = await rollout(ops, {
      stages: ["dev", "test", "prod"],
      confirm: async () => true,
      gate: async (stage) => (stage === "dev" ? refused : passed),
    });
    assert.deepEqual(
      results.map((r) => [r.stage, r.status, r.error ?? ""]),
      [
        ["dev", "deployed", ""],
        ["test", "gated", "dev Test: 80% compliant (8 of 10), needs at least 95%"],
        ["prod", "not run", ""],
      ],
    );
    assert.deepEqual(
      ops.calls.map((c) => `${c.op} ${c.stack}`),
      ["preview dev", "up dev"],
    );
  });

  it("--force skips the gates and says so in the summary", async () => {
    const results = await rollout(new FakeOps(), {
      stages: ["dev", "test"],
      confirm: async () => true,
      force: true,
      gate: async () => refused,
    });
    assert.deepEqual(
      results.map((r) => r.status),
      ["deployed", "deployed"],
    );
    assert.match(rolloutTable(results), /test\s+deployed \(gate skipped: --force\)/);
  });
});

describe("rollout: promotion of the patch set the previous stage approved", () => {
  it("a rule by delay promotes the date test had approved at its last install; OS and application rules apart", async () => {
    const ops = stages();
    await rollout(ops, {
      stages: ["test", "prod"],
      promote: true,
      confirm: async () => true,
      // test's Web group last installed on 6 December at 04:00; its rule waits 3 days: approved up to 3 December.
      lastInstall: async () => (groups) => (groups.includes("Web") ? "2026-12-06T04:00:00Z" : null),
    });
    assert.deepEqual(prodRules(ops), [
      { classifications: ["SecurityUpdates"], approveUntilDate: "2026-12-03" },
      { patchSet: "APPLICATION", approveUntilDate: "2026-11-01" },
    ]);
  });

  it("a declined or failed stage leaves its stack file as it was", async () => {
    const ops = stages();
    const before = JSON.stringify(prodRules(ops));
    const declined = await rollout(ops, {
      stages: ["test", "prod"],
      promote: true,
      confirm: async (stage) => stage !== "prod",
      lastInstall: async () => () => "2026-12-06T04:00:00Z",
    });
    assert.deepEqual(
      declined.map((r) => r.status),
      ["deployed", "declined"],
    );
    assert.equal(JSON.stringify(prodRules(ops)), before);

    const failing = stages({ "up prod": "AccessDenied" });
    const failed = await rollout(failing, {
      stages: ["test", "prod"],
      promote: true,
      confirm: async () => true,
      lastInstall: async () => () => "2026-12-06T04:00:00Z",
    });
    assert.deepEqual(
      failed.map((r) => r.status),
      ["deployed", "failed"],
    );
    assert.equal(JSON.stringify(prodRules(failing)), before);
  });
});

describe("rollout: the shipped stacks", () => {
  it("--promote moves prod's cutoff forward to what test approved at its last install", async () => {
    const ops = new FakeOps();
    for (const stack of ["test", "prod"]) {
      ops.config.set(stack, {
        "patching:baselines": rawConfigFromStackFile(stack).raw.baselines as Record<string, unknown>,
      });
    }
    const [, prod] = await rollout(ops, {
      stages: ["test", "prod"],
      promote: true,
      confirm: async () => true,
      lastInstall: async () => () => "2026-12-13T05:00:00Z", // test's Sunday window after December's Patch Tuesday
    });
    assert.deepEqual(
      prod.promoted.map((p) => `${p.baseline}[${p.rule}] ${p.from}→${p.to}`),
      ["Windows-Prod[0] 6 days after release→2026-12-10", "AL2023-Prod[0] 6 days after release→2026-12-10"],
    );
  });
});
