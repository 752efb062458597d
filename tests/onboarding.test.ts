import { strict as assert } from "assert";
import { engineDiff } from "./helpers/graph";
import * as pulumi from "@pulumi/pulumi";
import { DateTime } from "luxon";
import { HybridActivation } from "../components";
import { wsusScript } from "../components/onboarding/onboardingPolicies";
import { activationChecks, ConfigError, parseStackConfig } from "../config/load";
import { generatedName, MOCK_AMI, RecordedResource, RecordingMocks, resolve, settle } from "../testing/mockRuntime";
import { buildConfig, buildStackFile, configProblems, minimalConfig, named, ofType } from "./helpers/run";

const ACCOUNT = "123456789012";
const policyOf = (r: RecordedResource, field = "policy") => JSON.parse(r.inputs[field]);

function withOnboarding(onboarding: Record<string, unknown>, patch: (raw: any) => void = () => undefined): Record<string, any> {
  const raw: Record<string, any> = { ...minimalConfig(), onboarding };
  patch(raw);
  return raw;
}

const problemsOf = (raw: Record<string, unknown>) => configProblems(raw).join("\n");

const ACTIVATION = { enabled: true, patchGroup: "Test", registrationLimit: 25, expirationDate: "2026-12-20T00:00:00Z" };

describe("onboarding: hybrid activation", () => {
  it("registers servers into their patch group under an SSM-trusted role for this account only", async () => {
    const { resources } = await buildConfig(withOnboarding({ hybridActivation: ACTIVATION }), "prod");
    assert.deepEqual(policyOf(named(resources, "patching-onboarding-onprem-role"), "assumeRolePolicy").Statement, [{
      Effect: "Allow", Principal: { Service: "ssm.amazonaws.com" }, Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": `arn:aws:ssm:us-east-1:${ACCOUNT}:*` } },
    }]);
    assert.equal(named(resources, "patching-onboarding-onprem-ssm-core").inputs.policyArn, "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
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
    const hybrid = new HybridActivation("ha", { scope: { partition: "aws", region: "us-east-1", accountId: ACCOUNT }, activationName: "a", patchGroup: "Test", expirationDate: "2026-12-20T00:00:00Z" });
    assert.equal(await pulumi.isSecret(hybrid.activationId), true);
    assert.equal(await pulumi.isSecret(hybrid.activationCode), true);
    assert.equal(await resolve(hybrid.activationId), "ha-activation-id");
    await settle();
    // The provider returns activation_code as a plain output; pulumi stack export would show it.
    assert.deepEqual(named(mocks.resources, "ha-activation").additionalSecretOutputs, ["activationCode"]);
  });

  it("gives on-premises servers the same patch-output permissions as the instance role", async () => {
    const raw = withOnboarding({ hybridActivation: ACTIVATION }, (r) => { r.compliance = { logBucket: { enabled: true } }; });
    const { resources } = await buildConfig(raw, "prod");
    assert.equal(named(resources, "patching-onboarding-onprem-patch-output").inputs.policy, named(resources, "patching-instance-patch-output").inputs.policy);
  });

  it("warns 7 days before the expiry and after it, and refuses only a date AWS would refuse", () => {
    const config = parseStackConfig(withOnboarding({ hybridActivation: ACTIVATION }), "prod");
    const at = (iso: string) => activationChecks(config, DateTime.fromISO(iso, { zone: "UTC" }));
    const key = 'patching:onboarding.hybridActivation.expirationDate = "2026-12-20T00:00:00Z"';
    const rotate = "rotate it with `npx patching activation rotate --stack prod` and deploy";
    assert.deepEqual(at("2026-11-30T00:00:00Z"), { refusals: [], warnings: [] });
    assert.deepEqual(at("2026-12-12T23:00:00Z"), { refusals: [], warnings: [] });
    assert.deepEqual(at("2026-12-13T00:00:00Z"), { refusals: [], warnings: [`${key}: expires in 7 days; ${rotate} before then`] });
    assert.deepEqual(at("2026-12-19T12:00:00Z"), { refusals: [], warnings: [`${key}: expires in 1 day; ${rotate} before then`] });
    assert.deepEqual(at("2026-12-21T00:00:00Z"), {
      refusals: [],
      warnings: [`${key}: has passed, so no more servers can register with the activation; the rest of the stack deploys as usual; ${rotate}`],
    });
    assert.deepEqual(at("2026-11-01T00:00:00Z"), { refusals: [`${key}: is more than 30 days after 2026-11-01T00:00:00Z; AWS allows at most 30; ${rotate}`], warnings: [] });
  });

  describe("as pulumi runs it", () => {
    const load = async (expirationDate: string, preview: boolean) => {
      const raw = withOnboarding({ hybridActivation: { ...ACTIVATION, expirationDate } });
      pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(raw).map(([k, v]) => [`patching:${k}`, JSON.stringify(v)])));
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
      await assert.rejects(load("2099-01-01T00:00:00Z", false), (e: Error) => e instanceof ConfigError && /expirationDate = "2099-01-01T00:00:00Z": is more than 30 days after/.test(e.message));
    });

    it("a preview only warns", async () => {
      const { program } = await load("2099-01-01T00:00:00Z", true);
      assert.equal(await resolve(program.environment), "prod");
    });

    it("pulumi up deploys the whole stack, activation unchanged, after the activation has expired", async () => {
      const { program, mocks } = await load("2026-11-01T00:00:00Z", false);
      assert.equal(await resolve(program.environment), "prod");
      assert.equal(named(mocks.resources, "patching-onboarding-onprem-activation").inputs.expirationDate, "2026-11-01T00:00:00Z");
      assert.ok(mocks.resources.some((r) => r.type === "aws:ssm/maintenanceWindow:MaintenanceWindow"));
    });
  });

  it("refuses a missing patch group or date, and a date that is not ISO-8601", () => {
    assert.match(problemsOf(withOnboarding({ hybridActivation: { enabled: true } })), /patching:onboarding\.hybridActivation\.patchGroup = \(missing\): required when the activation is enabled/);
    assert.match(problemsOf(withOnboarding({ hybridActivation: { enabled: true, patchGroup: "Test" } })), /patching:onboarding\.hybridActivation\.expirationDate = \(missing\): required/);
    assert.match(problemsOf(withOnboarding({ hybridActivation: { ...ACTIVATION, expirationDate: "next month" } })), /patching:onboarding\.hybridActivation\.expirationDate = "next month": must be an RFC 3339 timestamp/);
    // The provider takes RFC 3339 only (aws_ssm_activation expiration_date): a bare date is refused.
    assert.match(problemsOf(withOnboarding({ hybridActivation: { ...ACTIVATION, expirationDate: "2026-12-29" } })), /expirationDate = "2026-12-29": must be an RFC 3339 timestamp with a time and zone/);
    assert.match(problemsOf(withOnboarding({ hybridActivation: { ...ACTIVATION, registrationLimit: 1001 } })), /patching:onboarding\.hybridActivation\.registrationLimit = 1001: must be from 1 to 1000/);
    assert.match(problemsOf(withOnboarding({ hybridActivation: { ...ACTIVATION, patchGroup: "Nobody" } })), /patching:onboarding\.hybridActivation\.patchGroup = "Nobody": no baseline serves this patch group/);
  });
});

describe("onboarding: Default Host Management", () => {
  it("sets the region's default EC2 management role to a role with AmazonSSMManagedEC2InstanceDefaultPolicy", async () => {
    const { resources } = await buildConfig(withOnboarding({ defaultHostManagement: { enabled: true } }));
    const role = named(resources, "patching-onboarding-dhmc-role");
    assert.deepEqual(policyOf(role, "assumeRolePolicy").Statement[0].Principal, { Service: "ssm.amazonaws.com" });
    assert.equal(named(resources, "patching-onboarding-dhmc-policy").inputs.policyArn, "arn:aws:iam::aws:policy/AmazonSSMManagedEC2InstanceDefaultPolicy");
    assert.deepEqual(named(resources, "patching-onboarding-dhmc-setting").inputs, {
      settingId: `arn:aws:ssm:us-east-1:${ACCOUNT}:servicesetting/ssm/managed-instance/default-ec2-instance-management-role`,
      settingValue: generatedName("patching-onboarding-dhmc-role"),
    });
  });
});

describe("onboarding: tagging existing instances", () => {
  it("tags each instance with its patch group under the stack's tag key", async () => {
    const raw = withOnboarding({ tagInstances: { Test: ["i-0a1b2c3d4e5f60701", "i-0a1b2c3d4e5f60702"] } }, (r) => { r.patchGroupTagKey = "PatchGroup"; });
    const tags = ofType((await buildConfig(raw)).resources, "aws:ec2/tag:Tag");
    assert.deepEqual(tags.map((t) => [t.name, t.inputs]), [
      ["patching-onboarding-tags-i-0a1b2c3d4e5f60701", { resourceId: "i-0a1b2c3d4e5f60701", key: "PatchGroup", value: "Test" }],
      ["patching-onboarding-tags-i-0a1b2c3d4e5f60702", { resourceId: "i-0a1b2c3d4e5f60702", key: "PatchGroup", value: "Test" }],
    ]);
  });

  it("refuses an instance in two groups, a bad id, and Patch Group where metadata tags are on", () => {
    const twice = withOnboarding({ tagInstances: { Test: ["i-0a1b2c3d4e5f60701"], Other: ["i-0a1b2c3d4e5f60701"] } }, (r) => { r.baselines["Windows-Test"].patchGroups.push("Other"); });
    assert.match(problemsOf(twice), /^patching:onboarding\.tagInstances\.Other\[0\] = "i-0a1b2c3d4e5f60701": is already in patch group Test; an instance belongs to one patch group$/m);
    assert.match(problemsOf(withOnboarding({ tagInstances: { Test: ["i-zzz"] } })), /patching:onboarding\.tagInstances\.Test\[0\] = "i-zzz": must be an EC2 instance id/);
    assert.match(problemsOf(withOnboarding({ instanceMetadataTags: true })), /^patching:patchGroupTagKey = "Patch Group": must be PatchGroup where instance metadata tags are on/m);
  });
});

describe("onboarding: private endpoints and the demo fleet", () => {
  let resources: RecordedResource[];
  before(async () => {
    resources = (await buildStackFile("dev")).resources;
  });

  it("builds a new awsx VPC with private subnets and one NAT gateway for dev", () => {
    const vpc = named(resources, "patching-onboarding-endpoints-vpc");
    assert.equal(vpc.type, "awsx:ec2:Vpc");
    assert.deepEqual([vpc.inputs.cidrBlock, vpc.inputs.numberOfAvailabilityZones, vpc.inputs.subnetSpecs, vpc.inputs.natGateways], [
      "10.80.0.0/16", 2, [{ type: "Private" }, { type: "Public" }], { strategy: "Single" },
    ]);
  });

  it("creates the three Systems Manager interface endpoints and the S3 gateway, reachable on 443 from the VPC only", () => {
    const endpoints = ofType(resources, "aws:ec2/vpcEndpoint:VpcEndpoint");
    assert.deepEqual(endpoints.map((e) => [e.inputs.serviceName, e.inputs.vpcEndpointType]).sort(), [
      ["com.amazonaws.us-east-1.ec2messages", "Interface"],
      ["com.amazonaws.us-east-1.s3", "Gateway"],
      ["com.amazonaws.us-east-1.ssm", "Interface"],
      ["com.amazonaws.us-east-1.ssmmessages", "Interface"],
    ]);
    const ssm = named(resources, "patching-onboarding-endpoints-ssm").inputs;
    assert.deepEqual([ssm.privateDnsEnabled, ssm.subnetIds, ssm.securityGroupIds], [true, ["subnet-pri00001", "subnet-pri00002"], ["patching-onboarding-endpoints-sg-id"]]);
    assert.deepEqual(named(resources, "patching-onboarding-endpoints-s3").inputs.routeTableIds, ["rtb-0a1b2c3d4e5f60718"]);
    const sg = named(resources, "patching-onboarding-endpoints-sg").inputs;
    assert.deepEqual(sg.ingress, [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.80.0.0/16"], description: "HTTPS from the VPC" }]);
    assert.equal(sg.egress, undefined);
  });

  it("runs Windows Server 2022 from the latest public AMI in private subnets, IMDSv2 only, encrypted, in patch group Test", () => {
    const instances = ofType(resources, "aws:ec2/instance:Instance");
    assert.equal(instances.length, 2);
    assert.deepEqual(instances.map((i) => i.inputs.subnetId).sort(), ["subnet-pri00001", "subnet-pri00002"]);
    for (const instance of instances) {
      assert.equal(instance.inputs.ami, MOCK_AMI);
      assert.equal(instance.inputs.iamInstanceProfile, "EC2-SSMCore");
      assert.equal(instance.inputs.associatePublicIpAddress, false);
      assert.deepEqual(instance.inputs.metadataOptions, { httpEndpoint: "enabled", httpTokens: "required", instanceMetadataTags: "disabled" });
      assert.deepEqual(instance.inputs.rootBlockDevice, { encrypted: true, volumeType: "gp3", volumeSize: 50 });
      assert.equal(instance.inputs.tags["Patch Group"], "Test");
    }
    assert.equal(named(resources, "patching-onboarding-demo-sg").inputs.ingress, undefined);
  });

  it("uses an existing VPC's subnets, route tables and CIDR, with the kms and logs endpoints when asked", async () => {
    const raw = withOnboarding({ privateEndpoints: { enabled: true, vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-0123456789abcdef0"], routeTableIds: ["rtb-0123456789abcdef0"], includeKms: true, includeLogs: true } });
    const { resources: existing } = await buildConfig(raw);
    assert.equal(ofType(existing, "awsx:ec2:Vpc").length, 0);
    assert.deepEqual(ofType(existing, "aws:ec2/vpcEndpoint:VpcEndpoint").map((e) => e.inputs.serviceName.split(".").pop()).sort(), ["ec2messages", "kms", "logs", "s3", "ssm", "ssmmessages"]);
    assert.deepEqual(named(existing, "patching-onboarding-endpoints-s3").inputs.routeTableIds, ["rtb-0123456789abcdef0"]);
    assert.deepEqual(named(existing, "patching-onboarding-endpoints-sg").inputs.ingress[0].cidrBlocks, ["10.0.0.0/16"]);
    assert.equal(named(existing, "patching-onboarding-endpoints-ssm").inputs.vpcId, "vpc-0123456789abcdef0");
  });

  it("refuses bad ids and a demo fleet without endpoints", () => {
    assert.match(problemsOf(withOnboarding({ privateEndpoints: { enabled: true, vpcId: "vpc-xyz" } })), /patching:onboarding\.privateEndpoints\.vpcId = "vpc-xyz": must be a VPC id/);
    assert.match(problemsOf(withOnboarding({ privateEndpoints: { enabled: true, vpcId: "vpc-0123456789abcdef0", subnetIds: ["sub-1"] } })), /patching:onboarding\.privateEndpoints\.subnetIds\[0\] = "sub-1": must be a subnet id/);
    assert.match(problemsOf(withOnboarding({ privateEndpoints: { enabled: true, vpcId: "vpc-0123456789abcdef0" } })), /patching:onboarding\.privateEndpoints\.subnetIds = \(missing\): required with vpcId/);
    assert.match(problemsOf(withOnboarding({ privateEndpoints: { enabled: true, newVpcCidr: "10.0.0.0/8" } })), /newVpcCidr = "10\.0\.0\.0\/8": must be an IPv4 CIDR block \/16 to \/28/);
    assert.match(problemsOf(withOnboarding({ demoFleet: { enabled: true } })), /patching:onboarding\.demoFleet\.enabled = true: the demo fleet runs in the private subnets of privateEndpoints/);
  });
});

describe("onboarding: administrator permissions", () => {
  let resources: RecordedResource[];
  before(async () => {
    resources = (await buildStackFile("prod")).resources;
  });

  it("PatchAdministrators changes only this stack's baselines and windows, and runs only the patch documents", () => {
    const admins = named(resources, "patching-onboarding-admins-administrators");
    assert.equal(admins.inputs.name, "PatchAdministrators");
    const statements = policyOf(admins).Statement;
    const thisStack = { StringEquals: { "aws:ResourceTag/Project": "patching", "aws:ResourceTag/Environment": "prod" } };
    assert.deepEqual(statements.slice(1, 3), [
      {
        Sid: "ChangeThisStacksBaselines", Effect: "Allow", Condition: thisStack,
        Action: ["ssm:DeregisterPatchBaselineForPatchGroup", "ssm:RegisterPatchBaselineForPatchGroup", "ssm:UpdatePatchBaseline"],
        Resource: "arn:aws:ssm:eu-central-1:123456789012:patchbaseline/*",
      },
      {
        Sid: "ChangeThisStacksWindows", Effect: "Allow", Condition: thisStack,
        Action: ["ssm:DeregisterTargetFromMaintenanceWindow", "ssm:DeregisterTaskFromMaintenanceWindow", "ssm:RegisterTargetWithMaintenanceWindow", "ssm:UpdateMaintenanceWindow", "ssm:UpdateMaintenanceWindowTarget"],
        Resource: "arn:aws:ssm:eu-central-1:123456789012:maintenancewindow/*",
      },
    ]);
    // The stack's baselines and windows carry exactly the tags the condition names.
    for (const r of resources.filter((x) => ["aws:ssm/patchBaseline:PatchBaseline", "aws:ssm/maintenanceWindow:MaintenanceWindow"].includes(x.type))) {
      assert.equal(r.inputs.tags.Project, "patching");
      assert.equal(r.inputs.tags.Environment, "prod");
    }
    assert.deepEqual(statements[3].Resource.slice(0, 2), ["arn:aws:ssm:eu-central-1::document/AWS-RunPatchBaseline", "arn:aws:ssm:eu-central-1::document/AWS-RunPatchBaselineWithHooks"]);
    // No ssm write action on "*": no create, delete, default baseline, task registration (a task without a
    // service role runs any document as SYSTEM on every node), tagging, cancelling, and no iam:PassRole.
    const writes = statements.filter((s: { Resource: unknown }) => s.Resource === "*").flatMap((s: { Action: string[] }) => s.Action)
      .filter((a: string) => !/^ssm:(Describe|Get|List)/.test(a));
    assert.deepEqual(writes, []);
    const all = statements.flatMap((s: { Action: string | string[] }) => [s.Action].flat());
    for (const forbidden of ["ssm:CreateMaintenanceWindow", "ssm:RegisterTaskWithMaintenanceWindow", "ssm:UpdateMaintenanceWindowTask", "ssm:DeletePatchBaseline", "ssm:RegisterDefaultPatchBaseline", "iam:PassRole"]) {
      assert.ok(!all.includes(forbidden), forbidden);
    }
  });

  it("PatchViewers only reads, and neither policy uses a wildcard action", () => {
    const viewers = policyOf(named(resources, "patching-onboarding-admins-viewers")).Statement;
    assert.equal(viewers.length, 1);
    assert.ok(viewers[0].Action.every((a: string) => /^ssm:(Describe|Get|List)/.test(a)), viewers[0].Action.join(" "));
    for (const name of ["patching-onboarding-admins-administrators", "patching-onboarding-admins-viewers"]) {
      for (const s of policyOf(named(resources, name)).Statement) for (const a of [s.Action].flat()) assert.ok(!a.includes("*"), `${name}: ${a}`);
    }
  });

  it("attaches them to the groups and roles named in config", () => {
    assert.deepEqual(ofType(resources, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment").map((a) => [a.inputs.group, a.inputs.policyArn.split(":").pop()]).sort(), [
      ["change-board", "patching-onboarding-admins-viewers"],
      ["patch-administrators", "patching-onboarding-admins-administrators"],
      ["patch-viewers", "patching-onboarding-admins-viewers"],
    ]);
    assert.equal(named(resources, "patching-onboarding-admins-administrators-role-ServerOperations").inputs.role, "ServerOperations");
  });
});

describe("onboarding: WSUS", () => {
  it("points the Windows instances of the given patch groups at the WSUS server through Windows Update policy keys", async () => {
    const raw = withOnboarding({ wsus: { enabled: true, serverUrl: "https://wsus.corp.example.com:8531", patchGroups: ["Test"] } });
    const association = named((await buildConfig(raw, "qa")).resources, "patching-onboarding-wsus").inputs;
    assert.deepEqual({ ...association, parameters: undefined }, {
      name: "AWS-RunPowerShellScript", associationName: "patching-qa-wsus", scheduleExpression: "rate(1 day)",
      targets: [{ key: "tag:Patch Group", values: ["Test"] }], parameters: undefined,
    });
    assert.equal(association.parameters.commands, wsusScript("https://wsus.corp.example.com:8531"));
    assert.deepEqual(wsusScript("https://wsus.corp.example.com:8531").split("\n"), [
      "$ErrorActionPreference = 'Stop'",
      "$wu = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate'",
      "if (-not (Test-Path \"$wu\\AU\")) { New-Item -Path \"$wu\\AU\" -Force | Out-Null }",
      "Set-ItemProperty -Path $wu -Name WUServer -Value 'https://wsus.corp.example.com:8531'",
      "Set-ItemProperty -Path $wu -Name WUStatusServer -Value 'https://wsus.corp.example.com:8531'",
      "Set-ItemProperty -Path \"$wu\\AU\" -Name UseWUServer -Value 1 -Type DWord",
      "Restart-Service -Name wuauserv",
    ]);
  });

  for (const url of ["ftp://wsus.example.com", "https://wsus.example.com/path", "https://user:pw@wsus.example.com", "https://wsus.example.com:8531/", "wsus.example.com", "https://wsus.example.com/'; Remove-Item C:\\"]) {
    it(`refuses the server URL ${url}`, () => {
      const raw = withOnboarding({ wsus: { enabled: true, serverUrl: url, patchGroups: ["Test"] } });
      assert.match(problemsOf(raw), new RegExp(`^patching:onboarding\\.wsus\\.serverUrl = ${JSON.stringify(url).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: must be http\\(s\\)://host`, "m"));
    });
  }
});

describe("onboarding: the three stacks", () => {
  it("test tags its existing instances; prod registers on-premises servers with a secret code", async () => {
    const test = await buildStackFile("test");
    assert.equal(ofType(test.resources, "aws:ec2/tag:Tag").length, 5);
    assert.equal(ofType(test.resources, "aws:ssm/activation:Activation").length, 0);
    const prod = await buildStackFile("prod");
    assert.equal(named(prod.resources, "patching-onboarding-onprem-activation").inputs.tags["Patch Group"], "Prod-OnPrem");
    assert.equal(prod.outputs.activationId, "patching-onboarding-onprem-activation-id");
    assert.equal(ofType(prod.resources, "aws:ssm/serviceSetting:ServiceSetting").length, 1);
    assert.equal(ofType(prod.resources, "aws:ec2/instance:Instance").length, 0);
  });
});
