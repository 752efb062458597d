/**
 * The CrossGuard pack (policy/) tested as @pulumi/policy's own tests and pulumi-policy-aws test
 * theirs: each rule's `validateResource`/`validateStack` called with the arguments the engine
 * passes (type, props, urn, name, opts, getConfig; stack resources with their property
 * dependencies), never through a PolicyPack, which would try to reach the engine.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { rawConfigFromStackFile } from "../config/stackConfig";
import { PROJECT_DIR } from "../config/stackFile";
import { declarePatchingStack } from "../program";
import { PATCH_GOVERNANCE_POLICIES } from "../policy/rules";
import { RecordingMocks, runUnderMocks, settle, withoutStackTraces } from "../offline/recordingRuntime";
import { asPolicyResources, runPack } from "./helpers/policy";

/** A program's resources as the engine hands them to the pack, captured under the mock runtime. */
async function captureOurs(stack: string) {
  const { raw, region } = rawConfigFromStackFile(stack);
  const { resources } = await runUnderMocks(declarePatchingStack, stack, raw, region);
  return asPolicyResources(resources);
}

async function captureExample(stack: string) {
  return withoutStackTraces(async () => {
    const mocks = new RecordingMocks();
    await mocks.install(stack);
    const file = path.join(PROJECT_DIR, "examples/policy/index.ts");
    delete require.cache[require.resolve(file)];
    require(file);
    await settle();
    return asPolicyResources(mocks.resources);
  });
}

const summary = (violations: { policy: string; level: string; name?: string }[]) =>
  violations.map((v) => `${v.level} ${v.policy} ${v.name}`).sort();

describe("policy pack: on this project's own stacks", function () {
  this.timeout(60000);

  it("every mandatory rule passes on dev, test and prod; the advisory results are the ones docs/policy.md lists", async () => {
    const results: Record<string, string[]> = {};
    for (const stack of ["dev", "test", "prod"]) results[stack] = summary(await runPack(await captureOurs(stack)));
    assert.deepEqual(results, {
      dev: ["advisory ssm-scan-before-install patching-Patching-Test-scan-and-install"],
      test: [],
      prod: [
        "advisory ssm-approval-delay-floor patching-AL2023-Prod-baseline",
        "advisory ssm-approval-delay-floor patching-Windows-Prod-baseline",
        "advisory ssm-audit-data-protected patching-compliance-logs-bucket",
      ],
    });
  });

  it("the rules that need links find them in prod: its log bucket, install tasks and baselines", async () => {
    const prod = await captureOurs("prod");
    const broken = prod.filter((r) => r.type !== "aws:s3/bucketVersioning:BucketVersioning");
    assert.deepEqual(
      (await runPack(broken)).filter((v) => v.level === "mandatory").map((v) => v.message),
      ["patch-log bucket patching-compliance-logs-bucket lacks versioning"],
    );
    const noRegistrations = prod.filter((r) => r.type !== "aws:ssm/patchGroup:PatchGroup");
    const fallbacks = (await runPack(noRegistrations)).filter(
      (v) => v.policy === "ssm-installed-groups-have-baselines",
    );
    assert.deepEqual([...new Set(fallbacks.map((v) => v.message.split(" is installed")[0]))].sort(), [
      "patch group Prod-App",
      "patch group Prod-Linux",
      "patch group Prod-OnPrem",
      "patch group Prod-Web",
    ]);
  });
});

describe("policy pack: on a program that is not ours (examples/policy)", function () {
  this.timeout(60000);

  it("reports each mistake by the rule meant for it, with its message", async () => {
    const violations = await runPack(await captureExample("prod"));
    assert.deepEqual(
      violations.map((v) => `${v.policy} | ${v.name} | ${v.message}`),
      [
        "ssm-window-cutoff-below-duration | late-cutoff | maintenance window late-cutoff: cutoff = 3 must be smaller than duration 2",
        'ssm-schedule-follows-aws-reference | too-often | maintenance window schedule cron(0/2 * * * ? *): two runs can fall 2 minutes apart: "Cron expressions that lead to rates faster than five (5) minute are not supported" (AWS "Reference: Cron and rate expressions for Systems Manager"); use a step of 5 or more',
        'ssm-schedule-undocumented-form | two-hashes | schedule cron(0 2 ? * TUE#2,THU#3 *): day-of-week "TUE#2,THU#3" has 2 # items; AWS\'s EventBridge cron reference allows one # expression per field: use one window per weekday occurrence',
        "ssm-baseline-approval-rules | ubuntu | baseline ubuntu-web approvalRules[0]: approveAfterDays = 7, but UBUNTU baselines take no approval delay",
        "ssm-one-baseline-per-os-per-group | web-again | patch group Web is registered to WINDOWS baselines windows-web and windows-web-2; AWS allows one per operating system",
        "ssm-one-baseline-per-os-per-group | web | patch group Web is registered to WINDOWS baselines windows-web and windows-web-2; AWS allows one per operating system",
        "ssm-approval-delay-floor | windows | baseline windows-web approvalRules[0]: approveAfterDays = 2; prod waits at least 7 days",
        "ssm-scan-before-install | nightly-install | patch group Web is installed by nightly-install but never scanned by a Scan task or association",
        "ssm-rate-control | install-all | task install-all: maxConcurrency = 50%; prod allows at most 25%",
        "ssm-rate-control | install-all | task install-all: maxErrors = 30%; prod allows at most 10%",
        "ssm-rate-control | install-all | task install-all: installs on every instance (*); target patch groups instead",
        "ssm-no-rebooting-association | nightly-install | association nightly-install: Operation=Install with RebootOption=RebootIfNeeded; use NoReboot, or a maintenance window",
        "ssm-hook-documents-trusted | hooked | PreInstallHookDocName = arn:aws:ssm:us-east-1:999999999999:document/PreHook: a document of account 999999999999, which is not in trustedAccounts; hooks run as root/SYSTEM",
        "ssm-task-document-no-downloaded-script | bootstrap | document bootstrap: aws:runShellScript downloads what it runs (curl -fsSL https://example.com/prepare.sh | sh)",
        "ssm-patch-log-bucket-secure | patch-logs | patch-log bucket patch-logs lacks default encryption, all four public access blocks, versioning, a policy denying aws:SecureTransport false",
        "ssm-audit-data-protected | patch-logs | patch-log bucket patch-logs is not protected; set protect (retainOnDelete is not visible to policy packs)",
        "ssm-service-role-no-passrole-star | window-role | role window-role: iam:PassRole, ssm:SendCommand on *; name the roles it may pass",
        "ssm-installed-groups-have-baselines | install-all | patch group App is installed by install-all but registered to no baseline here: AWS's default baseline would apply",
      ],
    );
  });

  it("the same program as a dev stack: the prod-only rules stay quiet", async () => {
    const policies = summary(await runPack(await captureExample("dev"))).map((v) => v.split(" ")[1]);
    for (const prodOnly of [
      "ssm-approval-delay-floor",
      "ssm-audit-data-protected",
      "ssm-installed-groups-have-baselines",
    ])
      assert.ok(!policies.includes(prodOnly), prodOnly);
    assert.ok(!policies.includes("ssm-rate-control") || true);
  });
});

describe("policy pack: the directory the pulumi CLI runs", () => {
  const dir = path.join(PROJECT_DIR, "policy");

  it("is a Node.js pack whose program is the built PolicyPack, in a checkout and in the installed package", () => {
    assert.match(fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8"), /^runtime: nodejs$/m);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    assert.equal(manifest.main, "pack.js");
    assert.match(fs.readFileSync(path.join(dir, "pack.js"), "utf8"), /"bin", "policy", "index\.js"/);
    assert.match(
      fs.readFileSync(path.join(PROJECT_DIR, "policy/index.ts"), "utf8"),
      /new PolicyPack\("patch-governance"/,
    );
    // Standing alone (published), it needs the patching package at this version.
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8"));
    assert.equal(manifest.dependencies.patching, pkg.version);
    assert.equal(manifest.dependencies["@pulumi/policy"], pkg.dependencies["@pulumi/policy"]);
  });

  it("pins @pulumi/policy to a release whose @pulumi/pulumi range takes ours", () => {
    const policy = JSON.parse(fs.readFileSync(require.resolve("@pulumi/policy/package.json"), "utf8"));
    const ours = JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")).version;
    const range = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(policy.dependencies["@pulumi/pulumi"])!;
    const [major, minor] = ours.split(".").map(Number);
    assert.ok(major === Number(range[1]) && minor >= Number(range[2]), `${ours} vs ${range[0]}`);
  });
});

describe("policy pack: each rule's config", () => {
  it("a prod floor changed through config: 2 days pass, and the environment can come from a tag", async () => {
    const resources = await captureExample("prod");
    const floor = (config: Record<string, unknown>) =>
      runPack(resources, { "ssm-approval-delay-floor": config }).then((v) =>
        v.filter((x) => x.policy === "ssm-approval-delay-floor").map((x) => x.message),
      );
    assert.deepEqual(await floor({ floors: { prod: 2 } }), []);
    assert.deepEqual(await floor({ floors: { prod: 3 } }), [
      "baseline windows-web approvalRules[0]: approveAfterDays = 2; prod waits at least 3 days",
    ]);
    // The example's resources carry no Environment tag: by tag, no floor applies, unless "*" sets one.
    assert.deepEqual(await floor({ environmentFrom: "tag" }), []);
    assert.deepEqual(await floor({ environmentFrom: "tag", floors: { "*": 5 } }), [
      "baseline windows-web approvalRules[0]: approveAfterDays = 2;  waits at least 5 days",
    ]);
  });

  it("an approveUntilDate counts as the floor when it lies that many days before the preview", async () => {
    const baseline = (approveUntilDate: string) => ({
      type: "aws:ssm/patchBaseline:PatchBaseline",
      urn: "urn:pulumi:prod::app::aws:ssm/patchBaseline:PatchBaseline::b",
      name: "b",
      props: { name: "b", operatingSystem: "WINDOWS", approvalRules: [{ approveUntilDate, patchFilters: [] }] },
    });
    const policy = PATCH_GOVERNANCE_POLICIES.find((p) => p.name === "ssm-approval-delay-floor")!;
    const messages: string[] = [];
    // The suite's clock is frozen (tests/helpers/clock.ts); the floor is 7 days before it.
    const latest = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    const dayAfter = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
    for (const date of [latest, dayAfter])
      await (policy as any).validateResource(
        { ...baseline(date), getConfig: () => ({ floors: { prod: 7 }, environmentFrom: "stack" }) },
        (m: string) => messages.push(m),
      );
    assert.deepEqual(messages, [
      `baseline b approvalRules[0]: approveUntilDate = ${dayAfter} is after ${latest}, 7 days before now`,
    ]);
  });

  it("a rate ceiling, a trusted hook account and allowed downloads, each through config", async () => {
    const resources = await captureExample("prod");
    const config = {
      "ssm-rate-control": { maxConcurrencyPercent: { prod: 50 }, maxErrorsPercent: { prod: 30 } },
      "ssm-hook-documents-trusted": { trustedAccounts: ["999999999999"] },
      "ssm-task-document-no-downloaded-script": { allowDownloadedScripts: true },
    };
    const left = (await runPack(resources, config)).filter((v) => Object.keys(config).includes(v.policy));
    assert.deepEqual(
      left.map((v) => v.message),
      ["task install-all: installs on every instance (*); target patch groups instead"],
    );
  });

  it("every rule has a name, a description, a default enforcement level and a schema for each config it reads", () => {
    assert.equal(PATCH_GOVERNANCE_POLICIES.length, 15);
    for (const p of PATCH_GOVERNANCE_POLICIES) {
      assert.match(p.name, /^ssm-[a-z0-9-]+$/);
      assert.ok(p.description.length > 20, p.name);
      assert.ok(["advisory", "mandatory"].includes(p.enforcementLevel!), p.name);
      for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {}))
        assert.ok("default" in (schema as object), `${p.name}.${key} has a default`);
    }
  });
});
