import { strict as assert } from "assert";
import fc from "fast-check";
import { ConfigError, keyPath, parseStackConfig, readRawConfig } from "../config/load";
import { LIMITS, MAX_CONCURRENCY, MAX_ERRORS } from "../config/limits";
import { listStacks } from "../config/stackFile";
import { rawConfigFromStackFile } from "../testing/mockRuntime";
import { configProblems, minimalConfig } from "./helpers/run";

const problemsOf = (raw: Record<string, unknown>) => configProblems(raw);

type Mutation = (c: any) => void;
const win = (c: any) => c.maintenanceWindows["Patching-Test"];
const task = (c: any) => win(c).tasks.install;
const base = (c: any) => c.baselines["Windows-Test"];
const rule = (c: any) => base(c).approvalRules[0];

/** Each case: what is wrong, the change, the exact key path and value expected at the start of the message, and the rule text. */
const invalidCases: [string, Mutation, string, RegExp][] = [
  ["cutoff not below duration", (c) => { win(c).cutoff = 3; }, "patching:maintenanceWindows.Patching-Test.cutoff = 3", /smaller than duration 2/],
  ["duration above 24", (c) => { win(c).duration = 25; }, "patching:maintenanceWindows.Patching-Test.duration = 25", /from 1 to 24/],
  ["duration not whole", (c) => { win(c).duration = 1.5; }, "patching:maintenanceWindows.Patching-Test.duration = 1.5", /whole number/],
  ["cron with both day fields", (c) => { win(c).schedule = "cron(0 2 * * SAT *)"; }, 'patching:maintenanceWindows.Patching-Test.schedule = "cron(0 2 * * SAT *)"', /exactly one of day-of-month and day-of-week/],
  ["cron with five fields", (c) => { win(c).schedule = "cron(0 2 ? * SAT)"; }, 'patching:maintenanceWindows.Patching-Test.schedule = "cron(0 2 ? * SAT)"', /6 fields/],
  ["rate in minutes", (c) => { win(c).schedule = "rate(30 minutes)"; }, 'patching:maintenanceWindows.Patching-Test.schedule = "rate(30 minutes)"', /no minutes/],
  ["unknown time zone", (c) => { win(c).scheduleTimezone = "Europe/Atlantis"; }, 'patching:maintenanceWindows.Patching-Test.scheduleTimezone = "Europe/Atlantis"', /IANA time zone/],
  ["scheduleOffset above 6", (c) => { win(c).scheduleOffset = 7; }, "patching:maintenanceWindows.Patching-Test.scheduleOffset = 7", /from 1 to 6/],
  ["scheduleOffset on a rate", (c) => { win(c).schedule = "rate(7 days)"; win(c).scheduleOffset = 2; }, "patching:maintenanceWindows.Patching-Test.scheduleOffset = 2", /cron schedules only/],
  ["end before start", (c) => { win(c).startDate = "2027-01-01T00:00:00Z"; win(c).endDate = "2026-01-01T00:00:00Z"; }, 'patching:maintenanceWindows.Patching-Test.endDate = "2026-01-01T00:00:00Z"', /after startDate/],
  ["window name too short", (c) => { c.maintenanceWindows.ab = win(c); delete c.maintenanceWindows["Patching-Test"]; }, 'patching:maintenanceWindows.ab = "ab"', /3-128 characters/],
  ["window without targets", (c) => { win(c).patchGroups = []; }, "patching:maintenanceWindows.Patching-Test.patchGroups = []", /at least one patch group or other target/],
  ["window without tasks", (c) => { win(c).tasks = {}; }, "patching:maintenanceWindows.Patching-Test.tasks = {}", /1-20 tasks/],
  ["more than 50 patch groups", (c) => { win(c).patchGroups = Array.from({ length: 51 }, (_, i) => `g${i}`); c.allowDefaultBaselineFallback = true; }, "patching:maintenanceWindows.Patching-Test.patchGroups = ", /at most 50/],
  ["six tag keys in targets", (c) => { win(c).targets = { tags: Object.fromEntries(["a", "b", "c", "d", "e", "f"].map((k) => [k, ["x"]])) }; }, "patching:maintenanceWindows.Patching-Test.targets.tags = ", /at most 5 tag keys/],
  ["bad instance id", (c) => { win(c).targets = { instanceIds: ["i-xyz"] }; }, 'patching:maintenanceWindows.Patching-Test.targets.instanceIds[0] = "i-xyz"', /instance id/],
  ["maxConcurrency 0", (c) => { task(c).maxConcurrency = "0"; }, 'patching:maintenanceWindows.Patching-Test.tasks.install.maxConcurrency = "0"', /count from 1 or a percentage/],
  ["maxConcurrency 101%", (c) => { task(c).maxConcurrency = "101%"; }, 'patching:maintenanceWindows.Patching-Test.tasks.install.maxConcurrency = "101%"', /count from 1 or a percentage/],
  ["maxConcurrency as a number", (c) => { task(c).maxConcurrency = 5; }, "patching:maintenanceWindows.Patching-Test.tasks.install.maxConcurrency = 5", /must be a string/],
  ["maxErrors 05", (c) => { task(c).maxErrors = "05"; }, 'patching:maintenanceWindows.Patching-Test.tasks.install.maxErrors = "05"', /count from 0 or a percentage/],
  ["unknown operation", (c) => { task(c).operation = "Patch"; }, 'patching:maintenanceWindows.Patching-Test.tasks.install.operation = "Patch"', /one of Scan, Install/],
  ["unknown reboot option", (c) => { task(c).rebootOption = "Always"; }, 'patching:maintenanceWindows.Patching-Test.tasks.install.rebootOption = "Always"', /one of RebootIfNeeded, NoReboot/],
  ["timeout below 30", (c) => { task(c).timeoutSeconds = 10; }, "patching:maintenanceWindows.Patching-Test.tasks.install.timeoutSeconds = 10", /from 30 to 2592000/],
  ["hooks without the hooks document", (c) => { task(c).hooks = { preInstall: "MyHook" }; }, 'patching:maintenanceWindows.Patching-Test.tasks.install.hooks = {"preInstall":"MyHook","trustedAccounts":[]}', /AWS-RunPatchBaselineWithHooks/],
  ["bad output bucket", (c) => { task(c).outputS3BucketName = "My_Bucket"; }, 'patching:maintenanceWindows.Patching-Test.tasks.install.outputS3BucketName = "My_Bucket"', /S3 bucket name/],
  ["comment over 100", (c) => { task(c).comment = "x".repeat(101); }, "patching:maintenanceWindows.Patching-Test.tasks.install.comment = ", /1-100 characters/],
  ["approveAfterDays above 360", (c) => { rule(c).approveAfterDays = 400; }, "patching:baselines.Windows-Test.approvalRules[0].approveAfterDays = 400", /from 0 to 360/],
  ["both approval delays", (c) => { rule(c).approveUntilDate = "2026-12-01"; }, "patching:baselines.Windows-Test.approvalRules[0].approveAfterDays = 7", /exactly one of approveAfterDays.*not both/],
  ["no approval delay", (c) => { delete rule(c).approveAfterDays; }, "patching:baselines.Windows-Test.approvalRules[0].approveAfterDays = (missing)", /exactly one of approveAfterDays/],
  ["impossible approveUntilDate", (c) => { delete rule(c).approveAfterDays; rule(c).approveUntilDate = "2026-02-30"; }, 'patching:baselines.Windows-Test.approvalRules[0].approveUntilDate = "2026-02-30"', /real calendar date/],
  ["approval delay on Ubuntu", (c) => { base(c).operatingSystem = "UBUNTU"; delete rule(c).classifications; }, "patching:baselines.Windows-Test.approvalRules[0].approveAfterDays = 7", /UBUNTU baselines take no approval delay/],
  ["unknown operating system", (c) => { base(c).operatingSystem = "WINDOWS_2022"; }, 'patching:baselines.Windows-Test.operatingSystem = "WINDOWS_2022"', /one of WINDOWS, AMAZON_LINUX/],
  ["unknown compliance level", (c) => { rule(c).complianceLevel = "SEVERE"; }, 'patching:baselines.Windows-Test.approvalRules[0].complianceLevel = "SEVERE"', /one of CRITICAL, HIGH/],
  ["Linux filter key on Windows", (c) => { rule(c).filters = [{ key: "SEVERITY", values: ["Critical"] }]; }, 'patching:baselines.Windows-Test.approvalRules[0].filters[0].key = "SEVERITY"', /not a filter key for WINDOWS/],
  ["global filter key on Ubuntu", (c) => { base(c).operatingSystem = "UBUNTU"; delete rule(c).approveAfterDays; delete rule(c).classifications; base(c).globalFilters = [{ key: "CLASSIFICATION", values: ["x"] }]; }, 'patching:baselines.Windows-Test.globalFilters[0].key = "CLASSIFICATION"', /not a filter key for UBUNTU/],
  ["five global filters", (c) => { base(c).globalFilters = Array.from({ length: 5 }, () => ({ key: "PRODUCT", values: ["x"] })); }, "patching:baselines.Windows-Test.globalFilters = ", /at most 4/],
  ["eleven approval rules", (c) => { base(c).approvalRules = Array.from({ length: 11 }, () => ({ approveAfterDays: 1 })); }, "patching:baselines.Windows-Test.approvalRules = ", /at most 10/],
  ["21 filter values", (c) => { rule(c).products = Array.from({ length: 21 }, (_, i) => `p${i}`); }, "patching:baselines.Windows-Test.approvalRules[0].products = ", /at most 20/],
  ["filter value over 64", (c) => { rule(c).products = ["x".repeat(65)]; }, "patching:baselines.Windows-Test.approvalRules[0].products[0] = ", /1-64 characters/],
  ["51 rejected patches", (c) => { base(c).rejectedPatches = Array.from({ length: 51 }, (_, i) => `KB${i}`); }, "patching:baselines.Windows-Test.rejectedPatches = ", /at most 50/],
  ["unknown rejected action", (c) => { base(c).rejectedPatchesAction = "DENY"; }, 'patching:baselines.Windows-Test.rejectedPatchesAction = "DENY"', /one of ALLOW_AS_DEPENDENCY, BLOCK/],
  ["enableNonSecurity on Windows", (c) => { rule(c).enableNonSecurity = true; }, "patching:baselines.Windows-Test.approvalRules[0].enableNonSecurity = true", /Linux baselines only/],
  ["sources on Windows", (c) => { base(c).sources = [{ name: "repo", products: ["x"], configuration: "y" }]; }, "patching:baselines.Windows-Test.sources = 1", /Linux baselines only/],
  ["PATCH_SET on Linux", (c) => { base(c).operatingSystem = "AMAZON_LINUX_2023"; rule(c).patchSet = "APPLICATION"; }, 'patching:baselines.Windows-Test.approvalRules[0].patchSet = "APPLICATION"', /becomes a PATCH_SET filter, which AMAZON_LINUX_2023 baselines do not take/],
  // Cases AWS or the provider refuses although an earlier validation accepted them (issue 9).
  // API reference, PatchFilterGroup: PatchFilters "Maximum number of 4 items".
  ["five filters in one rule", (c) => { rule(c).patchSet = "APPLICATION"; rule(c).productFamilies = ["Office"]; rule(c).products = ["Office 2016"]; rule(c).severities = ["Critical"]; }, "patching:baselines.Windows-Test.approvalRules[0].filters = 5", /at most 4 patch filters per rule \(PatchFilterGroup.PatchFilters\), shorthands included; this rule has 5: PATCH_SET, PRODUCT_FAMILY, PRODUCT, CLASSIFICATION, MSRC_SEVERITY/],
  // DescribePatchProperties: macOS takes PRODUCT and CLASSIFICATION; Ubuntu PRODUCT, PRIORITY and SECTION.
  ["severities on macOS", (c) => { base(c).operatingSystem = "MACOS"; delete rule(c).classifications; rule(c).severities = ["Critical"]; }, 'patching:baselines.Windows-Test.approvalRules[0].severities = ["Critical"]', /becomes a SEVERITY filter, which MACOS baselines do not take; use one of PRODUCT, CLASSIFICATION/],
  ["classifications on Ubuntu", (c) => { base(c).operatingSystem = "UBUNTU"; delete rule(c).approveAfterDays; }, 'patching:baselines.Windows-Test.approvalRules[0].classifications = ["SecurityUpdates"]', /becomes a CLASSIFICATION filter, which UBUNTU baselines do not take; use one of PRODUCT, PRIORITY, SECTION/],
  // API reference, Tag: Key and Value match ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$.
  ["tag value with a symbol", (c) => { c.tags = { Owner: "ops ✓" }; }, 'patching:tags.Owner = "ops ✓"', /letters, digits, spaces and _ \. : \/ = \+ - @ \(AWS's tag pattern\)/],
  ["tag value with markup", (c) => { c.tags = { Owner: "<script>" }; }, 'patching:tags.Owner = "<script>"', /AWS's tag pattern/],
  ["tag key with a template", (c) => { c.tags = { "${x}": "a" }; }, 'patching:tags["${x}"] = "${x}"', /AWS's tag pattern/],
  ["tag value with a bidi override", (c) => { c.tags = { Owner: "a\u202eb" }; }, 'patching:tags.Owner = "a\\u202eb"', /AWS's tag pattern/],
  ["target tag key with markup", (c) => { win(c).targets = { tags: { "<Role>": ["web"] } }; }, 'patching:maintenanceWindows.Patching-Test.targets.tags["<Role>"] = "<Role>"', /AWS's tag pattern/],
  // CreateAssociation ScheduleExpression: rate(n unit) with n from 1.
  ["scan every 0 days", (c) => { c.compliance = { scanAssociation: { enabled: true, schedule: "rate(0 days)" } }; }, 'patching:compliance.scanAssociation.schedule = "rate(0 days)"', /whole number from 1/],
  // Day-2 safety (issue 10): a hook document runs as SYSTEM/root during installs; the node role is every node's.
  ["another account's hook document", (c) => { task(c).document = "AWS-RunPatchBaselineWithHooks"; task(c).hooks = { preInstall: "arn:aws:ssm:us-east-1:444455556666:document/Drain" }; }, 'patching:maintenanceWindows.Patching-Test.tasks.install.hooks.preInstall = "arn:aws:ssm:us-east-1:444455556666:document/Drain"', /is a document of account 444455556666, and runs as SYSTEM\/root on every node it patches; add 444455556666 to hooks.trustedAccounts/],
  ["AdministratorAccess on the node role", (c) => { c.instanceRole = { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }; }, 'patching:instanceRole.managedPolicyArns[0] = "arn:aws:iam::aws:policy/AdministratorAccess"', /must not be AdministratorAccess, PowerUserAccess, IAMFullAccess: every managed node assumes this role/],
  ["PowerUserAccess on the node role", (c) => { c.instanceRole = { managedPolicyArns: ["arn:aws:iam::aws:policy/PowerUserAccess"] }; }, 'patching:instanceRole.managedPolicyArns[0] = "arn:aws:iam::aws:policy/PowerUserAccess"', /must not be AdministratorAccess/],
  ["IAMFullAccess on the node role", (c) => { c.instanceRole = { managedPolicyArns: ["arn:aws-us-gov:iam::aws:policy/IAMFullAccess"] }; }, 'patching:instanceRole.managedPolicyArns[0] = "arn:aws-us-gov:iam::aws:policy/IAMFullAccess"', /must not be AdministratorAccess/],
  // CreateMaintenanceWindow ScheduleTimezone: "in Internet Assigned Numbers Authority (IANA) format".
  ["an offset, not a zone", (c) => { win(c).scheduleTimezone = "UTC+2"; }, 'patching:maintenanceWindows.Patching-Test.scheduleTimezone = "UTC+2"', /IANA time zone/],
  ["a zone in the wrong case", (c) => { win(c).scheduleTimezone = "europe/berlin"; }, 'patching:maintenanceWindows.Patching-Test.scheduleTimezone = "europe/berlin"', /IANA time zone/],
  ["duplicate filter key in a rule", (c) => { rule(c).filters = [{ key: "CLASSIFICATION", values: ["Updates"] }]; }, 'patching:baselines.Windows-Test.approvalRules[0].filters = "CLASSIFICATION"', /given twice/],
  ["two Windows baselines for one group", (c) => { c.baselines["Windows-Other"] = JSON.parse(JSON.stringify(base(c))); }, 'patching:baselines.Windows-Other.patchGroups[0] = "Test"', /one baseline per operating system/],
  ["two defaults for one OS", (c) => { base(c).defaultForOperatingSystem = true; c.baselines["Windows-B"] = { ...JSON.parse(JSON.stringify(base(c))), patchGroups: [] }; }, "patching:baselines.Windows-B.defaultForOperatingSystem = true", /already the default WINDOWS baseline/],
  ["window group with no baseline", (c) => { win(c).patchGroups = ["Test", "Orphans"]; }, 'patching:maintenanceWindows.Patching-Test.patchGroups[1] = "Orphans"', /silently use the AWS default baseline/],
  ["patch group name too long", (c) => { base(c).patchGroups = ["g".repeat(257)]; }, "patching:baselines.Windows-Test.patchGroups[0] = ", /1-256 characters/],
  ["patch group tag key", (c) => { c.patchGroupTagKey = "patch group"; }, 'patching:patchGroupTagKey = "patch group"', /one of Patch Group, PatchGroup/],
  ["role name too long", (c) => { c.instanceRole = { roleName: "r".repeat(65) }; }, "patching:instanceRole.roleName = ", /IAM role name/],
  ["tag key with aws: prefix", (c) => { c.tags = { "aws:owner": "me" }; }, 'patching:tags["aws:owner"] = "aws:owner"', /must not start with aws:/],
  ["misspelt top-level key", (c) => { c.maintenanceWindow = {}; }, "patching:maintenanceWindow: unknown key", /check its spelling/],
  ["misspelt task key", (c) => { task(c).maxConcurency = "5"; }, "patching:maintenanceWindows.Patching-Test.tasks.install.maxConcurency: unknown key", /spelling/],
];

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
    assert.deepEqual(listStacks().slice(0, 3), ["dev", "test", "prod"]);
  });

  it("dev reproduces the walkthrough exactly", () => {
    const config = parseStackConfig(rawConfigFromStackFile("dev").raw, "dev");
    assert.equal(config.instanceRole.roleName, "EC2-SSMCore");
    assert.deepEqual(Object.keys(config.baselines), ["Windows-Test"]);
    assert.equal(config.baselines["Windows-Test"].operatingSystem, "WINDOWS");
    assert.deepEqual(config.baselines["Windows-Test"].patchGroups, ["Test"]);
    const window = config.maintenanceWindows["Patching-Test"];
    assert.deepEqual(
      { schedule: window.schedule, tz: window.scheduleTimezone, duration: window.duration, groups: window.patchGroups, ops: Object.values(window.tasks).map((t) => t.operation) },
      { schedule: "cron(0 2 ? * SAT *)", tz: "UTC", duration: 2, groups: ["Test"], ops: ["Install"] },
    );
  });

  it("approves later in each stage: dev before test before prod", () => {
    const minDays = (stack: string) => {
      const config = parseStackConfig(rawConfigFromStackFile(stack).raw, stack);
      return Math.min(...Object.values(config.baselines).flatMap((b) => b.approvalRules.map((r) => r.approveAfterDays ?? 0)));
    };
    assert.ok(minDays("dev") < minDays("test") && minDays("test") < minDays("prod"), `${minDays("dev")} < ${minDays("test")} < ${minDays("prod")}`);
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
      operation: "Install", document: "AWS-RunPatchBaseline", rebootOption: "RebootIfNeeded", priority: 1, maxConcurrency: "10%",
      maxErrors: "10%", cutoffBehavior: "CONTINUE_TASK", timeoutSeconds: 600,
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
    assert.deepEqual(parseStackConfig(raw, "unit").maintenanceWindows["Patching-Test"].patchGroups, ["Test", "Orphans"]);
  });

  it("accepts another account's hook document once its account is trusted, and this account's by name", () => {
    const raw = minimalConfig();
    task(raw).document = "AWS-RunPatchBaselineWithHooks";
    task(raw).hooks = { preInstall: "arn:aws:ssm:us-east-1:444455556666:document/Drain", postInstall: "Local-Check", trustedAccounts: ["444455556666"] };
    assert.equal(parseStackConfig(raw, "unit").maintenanceWindows["Patching-Test"].tasks.install.hooks?.preInstall, "arn:aws:ssm:us-east-1:444455556666:document/Drain");
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
    assert.equal(keyPath(["baselines", "W", "approvalRules", 2, "complianceLevel"]), "patching:baselines.W.approvalRules[2].complianceLevel");
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
});

describe("config: property tests against AWS's limits", () => {
  const withTask = (patch: Record<string, unknown>) => {
    const raw = minimalConfig();
    Object.assign(task(raw), patch);
    return raw;
  };
  const accepted = (raw: Record<string, unknown>) => {
    try {
      parseStackConfig(raw, "unit");
      return true;
    } catch (e) {
      if (e instanceof ConfigError) return false;
      throw e;
    }
  };

  it("accepts a duration/cutoff pair exactly when AWS does", () => {
    fc.assert(fc.property(fc.integer({ min: -2, max: 30 }), fc.integer({ min: -2, max: 30 }), (duration, cutoff) => {
      const raw = minimalConfig();
      Object.assign(win(raw), { duration, cutoff });
      const aws = duration >= 1 && duration <= LIMITS.duration && cutoff >= 0 && cutoff <= LIMITS.cutoff && cutoff < duration;
      return accepted(raw) === aws;
    }), { numRuns: 300 });
  });

  it("accepts maxConcurrency and maxErrors exactly when AWS's patterns do", () => {
    const rateControl = fc.oneof(fc.nat({ max: 150 }).map(String), fc.nat({ max: 150 }).map((n) => `${n}%`), fc.string({ maxLength: 4 }));
    fc.assert(fc.property(rateControl, rateControl, (maxConcurrency, maxErrors) => {
      const aws = MAX_CONCURRENCY.test(maxConcurrency) && MAX_ERRORS.test(maxErrors);
      return accepted(withTask({ maxConcurrency, maxErrors })) === aws;
    }), { numRuns: 300 });
  });

  it("accepts approveAfterDays exactly in 0-360", () => {
    fc.assert(fc.property(fc.integer({ min: -50, max: 500 }), (days) => {
      const raw = minimalConfig();
      rule(raw).approveAfterDays = days;
      return accepted(raw) === (days >= 0 && days <= LIMITS.approveAfterDays);
    }), { numRuns: 200 });
  });

  it("accepts names exactly when they match AWS's name pattern", () => {
    fc.assert(fc.property(fc.string({ minLength: 0, maxLength: 140 }), (name) => {
      const raw = minimalConfig();
      raw.maintenanceWindows = { [name]: win(raw) };
      return accepted(raw) === /^[a-zA-Z0-9_\-.]{3,128}$/.test(name);
    }), { numRuns: 200 });
  });
});
