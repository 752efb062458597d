import { strict as assert } from "assert";
import { hookWarnings, keyPath, parseStackConfig, readRawConfig } from "../config/load";
import { listStacks } from "../config/stackFile";
import { rawConfigFromStackFile } from "../config/stackConfig";
import { minimalConfig } from "./helpers/run";
import { problemsOf, win, task, rule, invalidCases } from "./helpers/configCases";

describe("config: the three stacks", () => {
  for (const stack of listStacks()) {
    it(`Pulumi.${stack}.yaml is valid`, () => {
      const { raw } = rawConfigFromStackFile(stack);
      const config = parseStackConfig(raw, stack);
      assert.equal(config.environment, stack);
      assert.ok(Object.keys(config.maintenanceWindows).length >= 1);
    });
  }

  it("lists the stacks in promotion order", () => {
    // Other stack files (a staging at stage 25, say) fall between them by their own patching:stage.
    assert.deepEqual(
      listStacks().filter((s) => ["dev", "test", "prod"].includes(s)),
      ["dev", "test", "prod"],
    );
  });

  it("dev reproduces the walkthrough exactly", () => {
    const config = parseStackConfig(rawConfigFromStackFile("dev").raw, "dev");
    assert.equal(config.instanceRole.roleName, "EC2-SSMCore");
    assert.deepEqual(Object.keys(config.baselines), ["Windows-Test"]);
    assert.equal(config.baselines["Windows-Test"].operatingSystem, "WINDOWS");
    assert.deepEqual(config.baselines["Windows-Test"].patchGroups, ["Test"]);
    const window = config.maintenanceWindows["Patching-Test"];
    assert.deepEqual(
      {
        schedule: window.schedule,
        tz: window.scheduleTimezone,
        duration: window.duration,
        groups: window.patchGroups,
        ops: Object.values(window.tasks).map((t) => t.operation),
      },
      { schedule: "cron(0 2 ? * SAT *)", tz: "UTC", duration: 2, groups: ["Test"], ops: ["Install"] },
    );
  });

  it("approves later in each stage: dev before test before prod", () => {
    const minDays = (stack: string) => {
      const config = parseStackConfig(rawConfigFromStackFile(stack).raw, stack);
      return Math.min(
        ...Object.values(config.baselines).flatMap((b) => b.approvalRules.map((r) => r.approveAfterDays ?? 0)),
      );
    };
    assert.ok(
      minDays("dev") < minDays("test") && minDays("test") < minDays("prod"),
      `${minDays("dev")} < ${minDays("test")} < ${minDays("prod")}`,
    );
  });
});

describe("config: defaults", () => {
  it("fills in AWS's and our defaults", () => {
    const config = parseStackConfig(minimalConfig(), "unit");
    const window = config.maintenanceWindows["Patching-Test"];
    assert.equal(window.scheduleTimezone, "UTC");
    assert.equal(window.cutoff, 1);
    assert.equal(window.enabled, true);
    assert.deepEqual(window.tasks.install, {
      operation: "Install",
      document: "AWS-RunPatchBaseline",
      rebootOption: "RebootIfNeeded",
      priority: 1,
      maxConcurrency: "10%",
      maxErrors: "10%",
      cutoffBehavior: "CONTINUE_TASK",
      timeoutSeconds: 600,
    });
    assert.equal(config.patchGroupTagKey, "Patch Group");
    assert.equal(config.baselines["Windows-Test"].rejectedPatchesAction, "ALLOW_AS_DEPENDENCY");
    assert.equal(config.baselines["Windows-Test"].approvalRules[0].complianceLevel, "UNSPECIFIED");
  });

  it("gives a one-hour window a cutoff of 0", () => {
    const raw = minimalConfig();
    win(raw).duration = 1;
    assert.equal(parseStackConfig(raw, "unit").maintenanceWindows["Patching-Test"].cutoff, 0);
  });

  it("accepts a window group without a baseline when the fallback is allowed", () => {
    const raw = minimalConfig();
    win(raw).patchGroups = ["Test", "Orphans"];
    raw.allowDefaultBaselineFallback = true;
    assert.deepEqual(parseStackConfig(raw, "unit").maintenanceWindows["Patching-Test"].patchGroups, [
      "Test",
      "Orphans",
    ]);
  });

  it("accepts another account's hook document once its account is trusted, and this account's by name", () => {
    const raw = minimalConfig();
    task(raw).document = "AWS-RunPatchBaselineWithHooks";
    task(raw).hooks = {
      preInstall: "arn:aws:ssm:us-east-1:444455556666:document/Drain",
      postInstall: "Local-Check",
      trustedAccounts: ["444455556666"],
    };
    assert.equal(
      parseStackConfig(raw, "unit").maintenanceWindows["Patching-Test"].tasks.install.hooks?.preInstall,
      "arn:aws:ssm:us-east-1:444455556666:document/Drain",
    );
  });
});

describe("config: refused values name the key, the value and the rule", () => {
  for (const [what, mutate, prefix, rule] of invalidCases) {
    it(what, () => {
      const raw = minimalConfig();
      mutate(raw);
      const problems = problemsOf(raw);
      const match = problems.find((p) => p.startsWith(prefix));
      assert.ok(match, `no problem starts with ${prefix}:\n${problems.join("\n")}`);
      assert.match(match, rule);
    });
  }

  it("reports every problem at once, one line each", () => {
    const raw = minimalConfig();
    task(raw).maxConcurrency = "0";
    rule(raw).approveAfterDays = 999;
    win(raw).scheduleTimezone = "Mars/Olympus";
    const problems = problemsOf(raw);
    assert.equal(problems.length, 3, problems.join("\n"));
    assert.ok(problems.every((p) => p.startsWith("patching:")));
  });

  it("formats key paths the way Pulumi names config keys", () => {
    assert.equal(keyPath(["maintenanceWindows", "prod-sat", "cutoff"]), "patching:maintenanceWindows.prod-sat.cutoff");
    assert.equal(
      keyPath(["baselines", "W", "approvalRules", 2, "complianceLevel"]),
      "patching:baselines.W.approvalRules[2].complianceLevel",
    );
    assert.equal(keyPath(["tags", "Patch Group"]), 'patching:tags["Patch Group"]');
  });

  it("reads structured values from the engine's JSON and leaves string keys alone", () => {
    const raw = readRawConfig({
      "patching:patchGroupTagKey": "PatchGroup",
      "patching:allowDefaultBaselineFallback": "true",
      "patching:baselines": JSON.stringify({ A: 1 }),
      "aws:region": "eu-west-1",
    });
    assert.deepEqual(raw, { patchGroupTagKey: "PatchGroup", allowDefaultBaselineFallback: true, baselines: { A: 1 } });
  });

  it("warns, naming the key, of a hook that is the account's own document: its parameters are not known offline", () => {
    const raw = rawConfigFromStackFile("dev").raw as any;
    const install = raw.maintenanceWindows["Patching-Test"].tasks;
    const name = Object.keys(install)[0];
    install[name] = {
      ...install[name],
      document: "AWS-RunPatchBaselineWithHooks",
      hooks: { preInstall: "Drain-Node", onExit: "AWS-Noop" },
    };
    assert.deepEqual(hookWarnings(parseStackConfig(raw, "dev")), [
      `patching:maintenanceWindows.Patching-Test.tasks.${name}.hooks.preInstall = "Drain-Node": a hook runs with no parameters; give every parameter of Drain-Node a default, or the install fails at the hook.`,
    ]);
  });
});
