import { strict as assert } from "assert";
import { engineDiff } from "./helpers/graph";
import * as pulumi from "@pulumi/pulumi";
import { DateTime } from "luxon";
import { HybridActivation } from "../components";
import { activationChecks, ConfigError, parseStackConfig } from "../config/load";
import { generatedName, RecordingMocks, resolve, settle } from "../offline/recordingRuntime";
import { buildConfig, named, ofType } from "./helpers/run";
import { ACCOUNT, policyOf, withOnboarding, problemsOf, ACTIVATION } from "./helpers/onboarding";

describe("onboarding: hybrid activation", () => {
  it("registers servers into their patch group under an SSM-trusted role for this account only", async () => {
    const { resources } = await buildConfig(withOnboarding({ hybridActivation: ACTIVATION }), "prod");
    assert.deepEqual(policyOf(named(resources, "patching-onboarding-onprem-role"), "assumeRolePolicy").Statement, [
      {
        Effect: "Allow",
        Principal: { Service: "ssm.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": ACCOUNT },
          ArnLike: { "aws:SourceArn": `arn:aws:ssm:us-east-1:${ACCOUNT}:*` },
        },
      },
    ]);
    assert.equal(
      named(resources, "patching-onboarding-onprem-ssm-core").inputs.policyArn,
      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    );
    const activation = named(resources, "patching-onboarding-onprem-activation").inputs;
    assert.deepEqual(activation, {
      name: "patching-prod-onprem",
      description: "On-premises servers for patch group Test",
      iamRole: generatedName("patching-onboarding-onprem-role"),
      registrationLimit: 25,
      expirationDate: "2026-12-20T00:00:00Z",
      tags: { "Patch Group": "Test" },
    });
  });

  it("editing the stack's tags leaves the activation (and the code servers hold) as it is", async () => {
    const raw = withOnboarding({ hybridActivation: ACTIVATION });
    const before = await buildConfig(raw, "prod");
    const after = await buildConfig({ ...raw, tags: { CostCenter: "it-operations" } }, "prod");
    const diff = engineDiff(before.resources, after.resources);
    const changed = (name: string) => diff.kept.find((k) => k.resource.name === name)!.changed;
    assert.deepEqual(changed("patching-onboarding-onprem-activation"), []);
    assert.deepEqual(changed("patching-onboarding-onprem-role"), ["tags"], "the role's tags are updated in place");
  });

  it("exports the activation id and code as secrets, and keeps the code encrypted in the state", async () => {
    const mocks = new RecordingMocks();
    await mocks.install("unit");
    const hybrid = new HybridActivation("ha", {
      scope: { partition: "aws", region: "us-east-1", accountId: ACCOUNT },
      activationName: "a",
      patchGroup: "Test",
      expirationDate: "2026-12-20T00:00:00Z",
    });
    assert.equal(await pulumi.isSecret(hybrid.activationId), true);
    assert.equal(await pulumi.isSecret(hybrid.activationCode), true);
    assert.equal(await resolve(hybrid.activationId), "ha-activation-id");
    await settle();
    // The provider returns activation_code as a plain output; pulumi stack export would show it.
    assert.deepEqual(named(mocks.resources, "ha-activation").additionalSecretOutputs, ["activationCode"]);
  });

  it("gives on-premises servers the same patch-output permissions as the instance role", async () => {
    const raw = withOnboarding({ hybridActivation: ACTIVATION }, (r) => {
      r.compliance = { logBucket: { enabled: true } };
    });
    const { resources } = await buildConfig(raw, "prod");
    assert.equal(
      named(resources, "patching-onboarding-onprem-patch-output").inputs.policy,
      named(resources, "patching-instance-patch-output").inputs.policy,
    );
  });

  it("warns 7 days before the expiry and after it, and refuses only a date AWS would refuse", () => {
    const config = parseStackConfig(withOnboarding({ hybridActivation: ACTIVATION }), "prod");
    const at = (iso: string) => activationChecks(config, DateTime.fromISO(iso, { zone: "UTC" }));
    const key = 'patching:onboarding.hybridActivation.expirationDate = "2026-12-20T00:00:00Z"';
    const rotate = "rotate it with `npx patching activation rotate --stack prod` and deploy";
    assert.deepEqual(at("2026-11-30T00:00:00Z"), { refusals: [], warnings: [] });
    assert.deepEqual(at("2026-12-12T23:00:00Z"), { refusals: [], warnings: [] });
    assert.deepEqual(at("2026-12-13T00:00:00Z"), {
      refusals: [],
      warnings: [`${key}: expires in 7 days; ${rotate} before then`],
    });
    assert.deepEqual(at("2026-12-19T12:00:00Z"), {
      refusals: [],
      warnings: [`${key}: expires in 1 day; ${rotate} before then`],
    });
    assert.deepEqual(at("2026-12-21T00:00:00Z"), {
      refusals: [],
      warnings: [
        `${key}: has passed, so no more servers can register with the activation; the rest of the stack deploys as usual; ${rotate}`,
      ],
    });
    assert.deepEqual(at("2026-11-01T00:00:00Z"), {
      refusals: [`${key}: is more than 30 days after 2026-11-01T00:00:00Z; AWS allows at most 30; ${rotate}`],
      warnings: [],
    });
  });

  describe("as pulumi runs it", () => {
    const load = async (expirationDate: string, preview: boolean) => {
      const raw = withOnboarding({ hybridActivation: { ...ACTIVATION, expirationDate } });
      pulumi.runtime.setAllConfig(
        Object.fromEntries(Object.entries(raw).map(([k, v]) => [`patching:${k}`, JSON.stringify(v)])),
      );
      const mocks = new RecordingMocks();
      await pulumi.runtime.setMocks(mocks, "patching", "prod", preview);
      const indexPath = require.resolve("../index");
      delete require.cache[indexPath];
      try {
        return { program: require(indexPath), mocks };
      } finally {
        await settle();
        pulumi.runtime.setAllConfig({});
      }
    };

    it("pulumi up refuses an activation that expires too late, before declaring anything", async () => {
      await assert.rejects(
        load("2099-01-01T00:00:00Z", false),
        (e: Error) =>
          e instanceof ConfigError &&
          /expirationDate = "2099-01-01T00:00:00Z": is more than 30 days after/.test(e.message),
      );
    });

    it("a preview only warns", async () => {
      const { program } = await load("2099-01-01T00:00:00Z", true);
      assert.equal(await resolve(program.environment), "prod");
    });

    it("pulumi up deploys the whole stack, activation unchanged, after the activation has expired", async () => {
      const { program, mocks } = await load("2026-11-01T00:00:00Z", false);
      assert.equal(await resolve(program.environment), "prod");
      assert.equal(
        named(mocks.resources, "patching-onboarding-onprem-activation").inputs.expirationDate,
        "2026-11-01T00:00:00Z",
      );
      assert.ok(mocks.resources.some((r) => r.type === "aws:ssm/maintenanceWindow:MaintenanceWindow"));
    });
  });

  it("refuses a missing patch group or date, and a date that is not ISO-8601", () => {
    assert.match(
      problemsOf(withOnboarding({ hybridActivation: { enabled: true } })),
      /patching:onboarding\.hybridActivation\.patchGroup = \(missing\): required when the activation is enabled/,
    );
    assert.match(
      problemsOf(withOnboarding({ hybridActivation: { enabled: true, patchGroup: "Test" } })),
      /patching:onboarding\.hybridActivation\.expirationDate = \(missing\): required/,
    );
    assert.match(
      problemsOf(withOnboarding({ hybridActivation: { ...ACTIVATION, expirationDate: "next month" } })),
      /patching:onboarding\.hybridActivation\.expirationDate = "next month": must be an RFC 3339 timestamp/,
    );
    // The provider takes RFC 3339 only (aws_ssm_activation expiration_date): a bare date is refused.
    assert.match(
      problemsOf(withOnboarding({ hybridActivation: { ...ACTIVATION, expirationDate: "2026-12-29" } })),
      /expirationDate = "2026-12-29": must be an RFC 3339 timestamp with a time and zone/,
    );
    assert.match(
      problemsOf(withOnboarding({ hybridActivation: { ...ACTIVATION, registrationLimit: 1001 } })),
      /patching:onboarding\.hybridActivation\.registrationLimit = 1001: must be from 1 to 1000/,
    );
    assert.match(
      problemsOf(withOnboarding({ hybridActivation: { ...ACTIVATION, patchGroup: "Nobody" } })),
      /patching:onboarding\.hybridActivation\.patchGroup = "Nobody": no baseline serves this patch group/,
    );
  });
});

describe("onboarding: Default Host Management", () => {
  it("sets the region's default EC2 management role to a role with AmazonSSMManagedEC2InstanceDefaultPolicy", async () => {
    const { resources } = await buildConfig(withOnboarding({ defaultHostManagement: { enabled: true } }));
    const role = named(resources, "patching-onboarding-dhmc-role");
    assert.deepEqual(policyOf(role, "assumeRolePolicy").Statement[0].Principal, { Service: "ssm.amazonaws.com" });
    assert.equal(
      named(resources, "patching-onboarding-dhmc-policy").inputs.policyArn,
      "arn:aws:iam::aws:policy/AmazonSSMManagedEC2InstanceDefaultPolicy",
    );
    assert.deepEqual(named(resources, "patching-onboarding-dhmc-setting").inputs, {
      settingId: `arn:aws:ssm:us-east-1:${ACCOUNT}:servicesetting/ssm/managed-instance/default-ec2-instance-management-role`,
      settingValue: generatedName("patching-onboarding-dhmc-role"),
    });
  });
});

describe("onboarding: tagging existing instances", () => {
  it("tags each instance with its patch group under the stack's tag key", async () => {
    const raw = withOnboarding({ tagInstances: { Test: ["i-0a1b2c3d4e5f60701", "i-0a1b2c3d4e5f60702"] } }, (r) => {
      r.patchGroupTagKey = "PatchGroup";
    });
    const tags = ofType((await buildConfig(raw)).resources, "aws:ec2/tag:Tag");
    assert.deepEqual(
      tags.map((t) => [t.name, t.inputs]),
      [
        [
          "patching-onboarding-tags-i-0a1b2c3d4e5f60701",
          { resourceId: "i-0a1b2c3d4e5f60701", key: "PatchGroup", value: "Test" },
        ],
        [
          "patching-onboarding-tags-i-0a1b2c3d4e5f60702",
          { resourceId: "i-0a1b2c3d4e5f60702", key: "PatchGroup", value: "Test" },
        ],
      ],
    );
  });

  it("refuses an instance in two groups, a bad id, and Patch Group where metadata tags are on", () => {
    const twice = withOnboarding(
      { tagInstances: { Test: ["i-0a1b2c3d4e5f60701"], Other: ["i-0a1b2c3d4e5f60701"] } },
      (r) => {
        r.baselines["Windows-Test"].patchGroups.push("Other");
      },
    );
    assert.match(
      problemsOf(twice),
      /^patching:onboarding\.tagInstances\.Other\[0\] = "i-0a1b2c3d4e5f60701": is already in patch group Test; an instance belongs to one patch group$/m,
    );
    assert.match(
      problemsOf(withOnboarding({ tagInstances: { Test: ["i-zzz"] } })),
      /patching:onboarding\.tagInstances\.Test\[0\] = "i-zzz": must be an EC2 instance id/,
    );
    assert.match(
      problemsOf(withOnboarding({ instanceMetadataTags: true })),
      /^patching:patchGroupTagKey = "Patch Group": must be PatchGroup where instance metadata tags are on/m,
    );
  });
});
