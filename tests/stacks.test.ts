import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../config/load";
import { readStackFile } from "../config/stackFile";
import { RecordedResource, RecordingMocks, resolve, settle } from "../offline/recordingRuntime";
import { buildConfig, buildStackFile, minimalConfig, named, ofType } from "./helpers/run";

const countByType = (resources: { type: string; custom: boolean }[]) =>
  resources
    .filter((r) => r.custom)
    .reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.type]: (acc[r.type] ?? 0) + 1 }), {});

describe("stacks: dev reproduces the walkthrough", () => {
  it("declares exactly the walkthrough's resources, and its demo fleet", async () => {
    const { resources } = await buildStackFile("dev");
    assert.deepEqual(countByType(resources), {
      "aws:iam/role:Role": 2,
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 1,
      "aws:iam/instanceProfile:InstanceProfile": 1,
      "aws:iam/rolePolicy:RolePolicy": 1,
      "aws:ssm/patchBaseline:PatchBaseline": 1,
      "aws:ssm/patchGroup:PatchGroup": 1,
      "aws:ssm/maintenanceWindow:MaintenanceWindow": 1,
      "aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget": 1,
      "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask": 1,
      "aws:ec2/securityGroup:SecurityGroup": 2,
      "aws:ec2/vpcEndpoint:VpcEndpoint": 4,
      "aws:ec2/instance:Instance": 2,
    });
    assert.equal(named(resources, "patching-instance-role").inputs.name, "EC2-SSMCore");
    assert.equal(named(resources, "patching-instance-profile").inputs.name, "EC2-SSMCore");
    assert.equal(named(resources, "patching-Windows-Test-baseline").inputs.name, "Windows-Test");
    assert.deepEqual(named(resources, "patching-group-Test-WINDOWS").inputs, {
      baselineId: "patching-Windows-Test-baseline-id",
      patchGroup: "Test",
    });
    const window = named(resources, "patching-Patching-Test-window").inputs;
    assert.deepEqual(
      [window.name, window.schedule, window.scheduleTimezone, window.duration],
      ["Patching-Test", "cron(0 2 ? * SAT *)", "UTC", 2],
    );
    assert.deepEqual(named(resources, "patching-Patching-Test-patch-groups").inputs.targets, [
      { key: "tag:Patch Group", values: ["Test"] },
    ]);
    const task = named(resources, "patching-Patching-Test-scan-and-install").inputs;
    assert.deepEqual(task.taskInvocationParameters.runCommandParameters.parameters.slice(0, 2), [
      { name: "Operation", values: ["Install"] },
      { name: "RebootOption", values: ["RebootIfNeeded"] },
    ]);
  });

  it("exports the summary: patch group → baseline and OS, window → schedule and targets, role and profile", async () => {
    const { outputs } = await buildStackFile("dev");
    assert.deepEqual(outputs, {
      environment: "dev",
      instanceRoleName: "EC2-SSMCore",
      instanceProfileName: "EC2-SSMCore",
      windowServiceRoleArn: "arn:aws:iam:us-east-1:123456789012:patching-window-service-role",
      patchGroups: {
        Test: [
          { baseline: "Windows-Test", baselineId: "patching-Windows-Test-baseline-id", operatingSystem: "WINDOWS" },
        ],
      },
      patchLogBucket: undefined,
      commandLogGroup: undefined,
      notificationTopicArn: undefined,
      scanAssociationIds: [],
      dataSyncName: undefined,
      activationId: undefined,
      activationCode: undefined,
      vpcId: "vpc-0a1b2c3d4e5f60718",
      demoInstanceIds: ["patching-onboarding-demo-1-id", "patching-onboarding-demo-2-id"],
      maintenanceWindows: {
        "Patching-Test": {
          windowId: "patching-Patching-Test-window-id",
          schedule: "cron(0 2 ? * SAT *)",
          scheduleTimezone: "UTC",
          scheduleOffset: undefined,
          targets: ["tag:Patch Group=Test"],
          tasks: ["scan-and-install: Install"],
        },
      },
    });
  });
});

describe("stacks: test and prod", () => {
  it("test shares one window between Windows and Amazon Linux patch groups", async () => {
    const { resources, outputs } = await buildStackFile("test");
    assert.equal(ofType(resources, "aws:ssm/patchBaseline:PatchBaseline").length, 2);
    assert.deepEqual(
      ofType(resources, "aws:ssm/patchGroup:PatchGroup")
        .map((g) => `${g.inputs.patchGroup}→${g.inputs.baselineId}`)
        .sort(),
      [
        "QA-App→patching-Windows-QA-baseline-id",
        "QA-Linux→patching-AL2023-QA-baseline-id",
        "QA-Web→patching-AL2023-QA-baseline-id",
        "QA-Web→patching-Windows-QA-baseline-id",
      ],
    );
    assert.deepEqual(outputs.patchGroups["QA-Web"].map((b) => b.operatingSystem).sort(), [
      "AMAZON_LINUX_2023",
      "WINDOWS",
    ]);
    assert.equal(ofType(resources, "aws:ssm/maintenanceWindow:MaintenanceWindow").length, 1);
    const tasks = ofType(resources, "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask");
    assert.deepEqual(tasks.map((t) => [t.inputs.name, t.inputs.priority]).sort(), [
      ["install", 2],
      ["scan", 1],
    ]);
    assert.equal(named(resources, "patching-Windows-QA-baseline").inputs.tags.CostCenter, "it-operations");
  });

  it("prod installs six days after Patch Tuesday in Berlin time at lower concurrency, with a separate scan window", async () => {
    const { resources } = await buildStackFile("prod");
    const windows = Object.fromEntries(
      ofType(resources, "aws:ssm/maintenanceWindow:MaintenanceWindow").map((w) => [w.inputs.name, w.inputs]),
    );
    assert.deepEqual(Object.keys(windows).sort(), ["Prod-Install-App", "Prod-Install-Web", "Prod-Scan-Nightly"]);
    assert.deepEqual(
      [windows["Prod-Install-Web"].schedule, windows["Prod-Install-App"].schedule],
      ["cron(0 21 ? * TUE#2 *)", "cron(30 23 ? * TUE#2 *)"],
    );
    for (const name of ["Prod-Install-App", "Prod-Install-Web"]) {
      assert.equal(windows[name].scheduleTimezone, "Europe/Berlin");
      assert.equal(windows[name].scheduleOffset, 6);
    }
    const installConcurrency = (all: RecordedResource[]) =>
      ofType(all, "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask")
        .filter((t) => t.inputs.taskInvocationParameters.runCommandParameters.parameters[0].values[0] === "Install")
        .map((t) => t.inputs.maxConcurrency);
    assert.deepEqual(installConcurrency(resources).sort(), ["10%", "4"]);
    assert.deepEqual(installConcurrency((await buildStackFile("test")).resources), ["25%"]);
    assert.deepEqual(named(resources, "patching-default-WINDOWS").inputs, {
      baselineId: "patching-Windows-Prod-baseline-id",
      operatingSystem: "WINDOWS",
    });
    assert.equal(named(resources, "patching-default-WINDOWS").deleteBeforeReplace, true);
    const policy = JSON.parse(named(resources, "patching-window-service-policy").inputs.policy);
    assert.deepEqual(policy.Statement[0].Resource.slice(0, 2), [
      "arn:aws:ssm:eu-central-1::document/AWS-RunPatchBaseline",
      "arn:aws:ssm:eu-central-1::document/AWS-RunPatchBaselineWithHooks",
    ]);
  });

  it("no stack allows a wildcard action or passes roles on *, in any IAM, key, topic or bucket policy", async () => {
    for (const [stack, minimum] of [
      ["dev", 3],
      ["test", 8],
      ["prod", 12],
    ] as const) {
      const { resources } = await buildStackFile(stack);
      const documents = resources.flatMap((r) =>
        ["policy", "assumeRolePolicy"]
          .filter((f) => typeof r.inputs[f] === "string")
          .map((f) => [r.name, JSON.parse(r.inputs[f])] as const),
      );
      assert.ok(documents.length >= minimum, `${stack}: ${documents.length} policies`);
      for (const [name, doc] of documents) {
        for (const s of doc.Statement.filter((x: { Effect: string }) => x.Effect === "Allow")) {
          const actions = [s.Action].flat();
          assert.ok(
            actions.every((a: string) => !a.includes("*")),
            `${stack} ${name} allows ${actions}`,
          );
          if (actions.includes("iam:PassRole"))
            assert.ok(
              [s.Resource].flat().every((x: string) => !x.includes("*")),
              `${stack} ${name} passes any role`,
            );
        }
      }
    }
  });
});

describe("stacks: the program as pulumi up runs it", () => {
  afterEach(() => pulumi.runtime.setAllConfig({}));

  it("index.ts reads patching:* config from the engine and exports the summary", async () => {
    const config = readStackFile("dev");
    pulumi.runtime.setAllConfig(
      Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])),
    );
    const mocks = new RecordingMocks();
    await pulumi.runtime.setMocks(mocks, "patching", "dev", false);
    const indexPath = require.resolve("../index");
    delete require.cache[indexPath];
    const program = require(indexPath);
    assert.equal(await resolve(program.instanceProfileName), "EC2-SSMCore");
    assert.deepEqual(Object.keys(await resolve(program.maintenanceWindows)), ["Patching-Test"]);
    await settle();
    assert.equal(mocks.customResources().length, 18);
  });

  it("refuses a bad config before declaring any resource", async () => {
    const raw = minimalConfig();
    raw.maintenanceWindows["Patching-Test"].cutoff = 5;
    raw.baselines["Windows-Test"].approvalRules[0].approveAfterDays = 361;
    pulumi.runtime.setAllConfig(
      Object.fromEntries(Object.entries(raw).map(([k, v]) => [`patching:${k}`, JSON.stringify(v)])),
    );
    const mocks = new RecordingMocks();
    await pulumi.runtime.setMocks(mocks, "patching", "unit", false);
    const indexPath = require.resolve("../index");
    delete require.cache[indexPath];
    assert.throws(
      () => require(indexPath),
      (e: Error) =>
        e instanceof ConfigError &&
        e.message.includes("patching:maintenanceWindows.Patching-Test.cutoff = 5: must be smaller than duration 2") &&
        e.message.includes(
          "patching:baselines.Windows-Test.approvalRules[0].approveAfterDays = 361: must be from 0 to 360",
        ),
    );
    await settle();
    assert.equal(mocks.resources.length, 0);
  });

  it("the mocks refuse invokes they do not know", () => {
    assert.throws(
      () => new RecordingMocks().call({ token: "aws:ec2/getAmi:getAmi", inputs: {}, provider: "" } as never),
      /unexpected invoke aws:ec2\/getAmi:getAmi/,
    );
  });

  it("uses the PatchGroup tag key where the stack asks for it", async () => {
    const raw = minimalConfig();
    raw.patchGroupTagKey = "PatchGroup";
    const { resources } = await buildConfig(raw);
    assert.deepEqual(named(resources, "patching-Patching-Test-patch-groups").inputs.targets, [
      { key: "tag:PatchGroup", values: ["Test"] },
    ]);
  });

  it("grants the instance role write access to the task output prefixes, per stack and operation", async () => {
    const raw = minimalConfig();
    raw.maintenanceWindows["Patching-Test"].tasks = {
      scan: { operation: "Scan", outputS3BucketName: "org-patch-logs", cloudWatchOutput: true },
      install: { operation: "Install", outputS3BucketName: "org-patch-logs" },
    };
    const { resources } = await buildConfig(raw, "qa");
    assert.equal(
      named(resources, "patching-Patching-Test-scan").inputs.taskInvocationParameters.runCommandParameters
        .outputS3KeyPrefix,
      "qa/scan/",
    );
    assert.equal(
      named(resources, "patching-Patching-Test-install").inputs.taskInvocationParameters.runCommandParameters
        .outputS3KeyPrefix,
      "qa/install/",
    );
    assert.deepEqual(
      JSON.parse(named(resources, "patching-instance-patch-output").inputs.policy).Statement[0].Resource,
      ["arn:aws:s3:::org-patch-logs/qa/scan/*", "arn:aws:s3:::org-patch-logs/qa/install/*"],
    );
    assert.equal(
      named(resources, "patching-Patching-Test-scan").inputs.taskInvocationParameters.runCommandParameters
        .cloudwatchConfig.cloudwatchLogGroupName,
      "/aws/ssm/qa/patching",
    );
  });
});
