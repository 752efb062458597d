import { strict as assert } from "assert";
import { keysAt, RENAMED_KEYS } from "../config/keys";
import { problemsOf } from "./helpers/configCases";
import { minimalConfig } from "./helpers/run";

/** Keys that changed name, and keys mistyped: each message names what to write instead. */
describe("config evolution: renamed keys and near misses", () => {
  const withKey = (change: (c: any) => void) => {
    const config = minimalConfig();
    change(config);
    return problemsOf(config);
  };

  it("a renamed key names its replacement", () => {
    assert.deepEqual(
      withKey((c) => (c.retainOnDelete = false)),
      ["patching:retainOnDelete was renamed to patching:retainAuditData; rename it in the stack file"],
    );
  });

  it("an unknown key gets the valid key at its path it most likely means, at every depth", () => {
    assert.deepEqual(
      withKey((c) => {
        c.maintenanceWindows["Patching-Test"].duraton = 2;
        c.maintenanceWindows["Patching-Test"].tasks.install.rebootOptions = "NoReboot";
        c.baselines["Windows-Test"].approvalRules[0].clasifications = ["SecurityUpdates"];
        c.Baselines = {};
      }),
      [
        "patching:baselines.Windows-Test.approvalRules[0].clasifications: unknown key; did you mean classifications?",
        "patching:maintenanceWindows.Patching-Test.tasks.install.rebootOptions: unknown key; did you mean rebootOption?",
        "patching:maintenanceWindows.Patching-Test.duraton: unknown key; did you mean duration?",
        "patching:Baselines: unknown key; did you mean baselines?",
      ],
    );
    assert.deepEqual(
      withKey((c) => (c.frobnicate = 1)),
      ["patching:frobnicate: unknown key; check its spelling against the configuration reference (docs/config.md)"],
    );
  });

  it("the table cannot go stale: every old key is unknown now, every new one valid", () => {
    for (const { from, to } of RENAMED_KEYS) {
      const parts = from.split(".");
      assert.ok(!keysAt(parts.slice(0, -1)).includes(parts.at(-1)!), `${from} is a valid key again`);
      if (to) assert.ok(keysAt(to.split(".").slice(0, -1)).includes(to.split(".").at(-1)!), `${to} is not a key`);
    }
    assert.ok(keysAt([]).includes("maintenanceWindows"));
    assert.ok(keysAt(["maintenanceWindows", "any", "tasks", "any"]).includes("timeoutSeconds"));
  });
});
