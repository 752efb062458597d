import { strict as assert } from "assert";
import { FleetOnboarding, InstanceRole, MaintenanceWindow, PatchBaseline, WindowServiceRole } from "../components";
import { parseStackConfig } from "../config/load";
import { RecordingMocks, resolve, settle } from "../testing/mockRuntime";
import { baselineArgs } from "../stack/baselineArgs";
import { minimalConfig, named, ofType } from "./helpers/run";

const scope = { partition: "aws", region: "eu-west-1", accountId: "123456789012" };

/** Declares components inside a fresh mock runtime and returns what was registered. */
async function declare(build: () => unknown) {
  const mocks = new RecordingMocks("eu-west-1");
  await mocks.install("unit");
  await resolve(build());
  await settle();
  return mocks.resources;
}

const parsedWindow = (patch: (raw: any) => void = () => undefined) => {
  const raw = minimalConfig();
  patch(raw);
  return parseStackConfig(raw, "unit");
};

describe("InstanceRole", () => {
  it("creates an EC2-trusted role with AmazonSSMManagedInstanceCore and a profile of the same name", async () => {
    const resources = await declare(() => new InstanceRole("ir", { scope, roleName: "EC2-SSMCore", tags: { Environment: "dev" } }));
    assert.deepEqual(resources.filter((r) => r.custom).map((r) => `${r.type} ${r.name}`).sort(), [
      "aws:iam/instanceProfile:InstanceProfile ir-profile",
      "aws:iam/role:Role ir-role",
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment ir-ssm-core",
    ]);
    const role = named(resources, "ir-role");
    assert.equal(role.inputs.name, "EC2-SSMCore");
    assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy), {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    assert.equal(named(resources, "ir-ssm-core").inputs.policyArn, "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
    assert.deepEqual(named(resources, "ir-profile").inputs, { name: "EC2-SSMCore", role: "EC2-SSMCore", tags: { Environment: "dev" } });
  });

  it("attaches extra policies, a permissions boundary, and write access to exactly the patch-log prefixes", async () => {
    const resources = await declare(() => new InstanceRole("ir", {
      scope,
      managedPolicyArns: ["arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"],
      permissionsBoundaryArn: "arn:aws:iam::123456789012:policy/Boundary",
      patchLogWrites: [{ bucketArn: "arn:aws:s3:::logs", prefixes: ["dev/scan/", "dev/install"] }],
      logGroupNames: ["/aws/ssm/dev/patching"],
    }));
    assert.equal(named(resources, "ir-role").inputs.permissionsBoundary, "arn:aws:iam::123456789012:policy/Boundary");
    assert.equal(named(resources, "ir-CloudWatchAgentServerPolicy").inputs.policyArn, "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy");
    const group = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/ssm/dev/patching";
    assert.deepEqual(JSON.parse(named(resources, "ir-patch-output").inputs.policy).Statement, [
      { Sid: "WritePatchOutput", Effect: "Allow", Action: "s3:PutObject", Resource: ["arn:aws:s3:::logs/dev/scan/*", "arn:aws:s3:::logs/dev/install/*"] },
      { Sid: "ReadBucketEncryption", Effect: "Allow", Action: "s3:GetEncryptionConfiguration", Resource: ["arn:aws:s3:::logs"] },
      { Sid: "CreateGroupIfMissing", Effect: "Allow", Action: "logs:CreateLogGroup", Resource: [group] },
      { Sid: "WriteCommandOutput", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], Resource: [`${group}:*`] },
    ]);
  });
});

describe("PatchBaseline", () => {
  it("declares the baseline with AWS's own rule and filter terms, and leaves patch groups to their registrations", async () => {
    const resources = await declare(() => new PatchBaseline("bl", {
      baselineName: "Windows-Test",
      operatingSystem: "WINDOWS",
      approvalRules: [
        { patchFilters: [{ key: "PRODUCT", values: ["WindowsServer2022"] }, { key: "MSRC_SEVERITY", values: ["Critical"] }], approveAfterDays: 7, complianceLevel: "CRITICAL" },
        { approveUntilDate: "2026-11-10" },
      ],
      approvedPatches: ["KB5031364"],
      approvedPatchesComplianceLevel: "HIGH",
      rejectedPatches: ["KB5000001"],
      rejectedPatchesAction: "BLOCK",
    }));
    const baseline = named(resources, "bl-baseline");
    assert.deepEqual(baseline.inputs, {
      name: "Windows-Test",
      operatingSystem: "WINDOWS",
      description: "WINDOWS patch baseline managed by the patching stack",
      globalFilters: [],
      approvalRules: [
        { approveAfterDays: 7, complianceLevel: "CRITICAL", patchFilters: [{ key: "PRODUCT", values: ["WindowsServer2022"] }, { key: "MSRC_SEVERITY", values: ["Critical"] }] },
        // A rule without filters is "all products", declared as AWS's console declares it.
        { approveUntilDate: "2026-11-10", complianceLevel: "UNSPECIFIED", patchFilters: [{ key: "PRODUCT", values: ["*"] }] },
      ],
      approvedPatches: ["KB5031364"],
      approvedPatchesComplianceLevel: "HIGH",
      rejectedPatches: ["KB5000001"],
      rejectedPatchesAction: "BLOCK",
      sources: [],
    });
    assert.equal(ofType(resources, "aws:ssm/patchGroup:PatchGroup").length, 0);
    assert.equal(ofType(resources, "aws:ssm/defaultPatchBaseline:DefaultPatchBaseline").length, 0, "the stack registers defaults, keyed by OS");
  });

  it("refuses a rule with an empty filter list or two approval delays, naming the rule and the fix", () => {
    assert.throws(() => new PatchBaseline("bad", {
      baselineName: "Bad",
      operatingSystem: "WINDOWS",
      approvalRules: [{ patchFilters: [] }, { approveAfterDays: 3, approveUntilDate: "2026-12-01" }],
    }), {
      message: "PatchBaseline Bad: approvalRules[0].patchFilters = []: give at least one filter, or leave it out for all products\n"
        + "PatchBaseline Bad: approvalRules[1]: approveAfterDays = 3 and approveUntilDate = 2026-12-01: give one of them, not both",
    });
  });
});

describe("FleetOnboarding", () => {
  it("refuses a part enabled without what it needs, instead of silently skipping it", () => {
    assert.throws(() => new FleetOnboarding("fo", {
      scope, environment: "unit", instanceProfileName: "p",
      hybridActivation: { enabled: true }, wsus: { enabled: true }, demoFleet: { enabled: true, patchGroup: "Test" },
    }), {
      message: [
        "FleetOnboarding: hybridActivation is enabled without a patchGroup; name the group its servers join",
        "FleetOnboarding: hybridActivation is enabled without an expirationDate; give an RFC 3339 time at most 30 days ahead",
        "FleetOnboarding: wsus is enabled without a serverUrl; give http(s)://host[:port]",
        "FleetOnboarding: demoFleet runs in the privateEndpoints' subnets; enable privateEndpoints",
      ].join("\n"),
    });
  });
});

describe("stack wiring: baseline config becomes PatchBaseline args", () => {
  it("turns rule shorthands into the OS's patch filters, in a stable order", () => {
    const config = parsedWindow((raw) => {
      raw.baselines["AL2023"] = {
        operatingSystem: "AMAZON_LINUX_2023",
        patchGroups: ["Linux"],
        globalFilters: [{ key: "PRODUCT", values: ["AmazonLinux2023"] }],
        approvalRules: [{ classifications: ["Security"], severities: ["Critical"], approveAfterDays: 3, enableNonSecurity: true }],
        sources: [{ name: "internal-repo", products: ["AmazonLinux2023"], configuration: "[internal]\nbaseurl=https://repo.example.com" }],
      };
      raw.baselines["Windows-Test"].approvalRules = [{ patchSet: "APPLICATION", productFamilies: ["Office"], products: ["Office 2016"], approveUntilDate: "2026-11-10" }];
    });
    const linux = baselineArgs("AL2023", config.baselines.AL2023, { Environment: "unit" });
    assert.deepEqual(linux.approvalRules, [{
      patchFilters: [{ key: "CLASSIFICATION", values: ["Security"] }, { key: "SEVERITY", values: ["Critical"] }],
      approveAfterDays: 3, approveUntilDate: undefined, complianceLevel: "UNSPECIFIED", enableNonSecurity: true,
    }]);
    assert.deepEqual(linux.sources, [{ name: "internal-repo", products: ["AmazonLinux2023"], configuration: "[internal]\nbaseurl=https://repo.example.com" }]);
    assert.equal("patchGroups" in linux, false);
    assert.deepEqual(baselineArgs("Windows-Test", config.baselines["Windows-Test"], {}).approvalRules![0].patchFilters, [
      { key: "PATCH_SET", values: ["APPLICATION"] },
      { key: "PRODUCT_FAMILY", values: ["Office"] },
      { key: "PRODUCT", values: ["Office 2016"] },
    ]);
  });
});

describe("MaintenanceWindow", () => {
  /** The component on its own: plain args, no stack config anywhere. */
  const build = (patch: (raw: any) => void) => {
    const raw: any = { maintenanceWindows: { "Patching-Test": { schedule: "cron(0 2 ? * SAT *)", duration: 2, patchGroups: ["Test"], tasks: { install: { operation: "Install" } } } } };
    patch(raw);
    return declare(() => new MaintenanceWindow("mw", { ...raw.maintenanceWindows["Patching-Test"], windowName: "Patching-Test", serviceRoleArn: "arn:aws:iam::123456789012:role/mw", patchGroupTagKey: "PatchGroup" }));
  };

  it("refuses a cutoff not below the duration, no target and no task, naming the window", () => {
    assert.throws(() => new MaintenanceWindow("bad", { windowName: "Bad", schedule: "rate(1 day)", duration: 2, cutoff: 2, serviceRoleArn: "arn", tasks: {} }), {
      message: "MaintenanceWindow Bad: cutoff = 2 must be smaller than duration 2\n"
        + "MaintenanceWindow Bad: no patch group or other target; give patchGroups or targets\n"
        + "MaintenanceWindow Bad: tasks = {}: give at least one task",
    });
  });

  it("declares the window with its schedule, timezone, offset, duration and cutoff", async () => {
    const resources = await build((raw) => Object.assign(raw.maintenanceWindows["Patching-Test"], {
      schedule: "cron(0 2 ? * TUE#2 *)", scheduleOffset: 4, scheduleTimezone: "Europe/Berlin", duration: 4, cutoff: 1,
      startDate: "2026-12-01T00:00:00Z", endDate: "2027-12-31T00:00:00Z", enabled: false,
    }));
    assert.deepEqual(named(resources, "mw-window").inputs, {
      name: "Patching-Test", description: "Patching window Patching-Test", schedule: "cron(0 2 ? * TUE#2 *)", scheduleTimezone: "Europe/Berlin",
      scheduleOffset: 4, duration: 4, cutoff: 1, startDate: "2026-12-01T00:00:00Z", endDate: "2027-12-31T00:00:00Z", enabled: false, allowUnassociatedTargets: false,
    });
  });

  it("registers patch groups, tags, instances and resource groups as separate targets", async () => {
    const resources = await build((raw) => Object.assign(raw.maintenanceWindows["Patching-Test"], {
      patchGroups: ["Test"],
      targets: { tags: { Role: ["web", "api"] }, instanceIds: ["i-0123456789abcdef0", "mi-0123456789abcdef0"], resourceGroups: ["Finance Servers"] },
    }));
    const targets = ofType(resources, "aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget");
    assert.deepEqual(targets.map((t) => [t.name, t.inputs.resourceType, t.inputs.targets]).sort(), [
      ["mw-instances", "INSTANCE", [{ key: "InstanceIds", values: ["i-0123456789abcdef0", "mi-0123456789abcdef0"] }]],
      ["mw-patch-groups", "INSTANCE", [{ key: "tag:PatchGroup", values: ["Test"] }]],
      ["mw-rg-Finance-Servers-ec9f5e65", "RESOURCE_GROUP", [{ key: "resource-groups:Name", values: ["Finance Servers"] }]],
      ["mw-tags", "INSTANCE", [{ key: "tag:Role", values: ["web", "api"] }]],
    ]);
    assert.ok(targets.every((t) => t.inputs.windowId === "mw-window-id"));
    // The space is not kept in the name, so a hash of the exact name is; the first release's name stays an alias.
    assert.deepEqual(named(resources, "mw-rg-Finance-Servers-ec9f5e65").aliases, [
      "urn:pulumi:unit::patching::patching:ssm:MaintenanceWindow$aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget::mw-rg-Finance-Servers",
    ]);
  });

  it("runs AWS-RunPatchBaseline tasks under the given service role against all of its targets", async () => {
    const resources = await build((raw) => {
      raw.maintenanceWindows["Patching-Test"].tasks = {
        scan: { operation: "Scan", rebootOption: "NoReboot", priority: 1, maxConcurrency: "50%", maxErrors: "0", outputS3BucketName: "patch-logs", outputS3KeyPrefix: "dev/scan/", cloudWatchOutput: true, cloudWatchLogGroupName: "/aws/ssm/dev/patching" },
        install: { operation: "Install", priority: 2, maxConcurrency: "2", maxErrors: "1", cutoffBehavior: "CANCEL_TASK", timeoutSeconds: 3600 },
      };
    });
    assert.equal(ofType(resources, "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask").length, 2);
    const [scan, install] = [named(resources, "mw-scan"), named(resources, "mw-install")];
    assert.deepEqual(
      { ...scan.inputs, taskInvocationParameters: undefined },
      {
        windowId: "mw-window-id", name: "scan", description: "Scan with AWS-RunPatchBaseline", taskType: "RUN_COMMAND", taskArn: "AWS-RunPatchBaseline",
        serviceRoleArn: "arn:aws:iam::123456789012:role/mw", priority: 1, maxConcurrency: "50%", maxErrors: "0", cutoffBehavior: "CONTINUE_TASK",
        targets: [{ key: "WindowTargetIds", values: ["mw-patch-groups-id"] }], taskInvocationParameters: undefined,
      },
    );
    assert.deepEqual(scan.inputs.taskInvocationParameters.runCommandParameters, {
      comment: "Scan (Patching-Test)",
      documentVersion: "$DEFAULT",
      timeoutSeconds: 600,
      parameters: [
        { name: "Operation", values: ["Scan"] },
        { name: "RebootOption", values: ["NoReboot"] },
        { name: "SnapshotId", values: ["{{WINDOW_EXECUTION_ID}}"] },
      ],
      outputS3Bucket: "patch-logs",
      outputS3KeyPrefix: "dev/scan/",
      cloudwatchConfig: { cloudwatchOutputEnabled: true, cloudwatchLogGroupName: "/aws/ssm/dev/patching" },
    });
    assert.deepEqual([install.inputs.priority, install.inputs.maxConcurrency, install.inputs.maxErrors, install.inputs.cutoffBehavior], [2, "2", "1", "CANCEL_TASK"]);
    assert.equal(install.inputs.taskInvocationParameters.runCommandParameters.timeoutSeconds, 3600);
    assert.equal(install.inputs.taskInvocationParameters.runCommandParameters.outputS3Bucket, undefined);
  });

  it("passes hook documents to AWS-RunPatchBaselineWithHooks, with AWS-Noop for hooks not given", async () => {
    const resources = await build((raw) => {
      raw.maintenanceWindows["Patching-Test"].tasks.install = {
        operation: "Install", document: "AWS-RunPatchBaselineWithHooks", hooks: { preInstall: "Drain-LoadBalancer", onExit: "Smoke-Test" },
        installOverrideList: "s3://patch-lists/emergency.yaml",
      };
    });
    const task = named(resources, "mw-install");
    assert.equal(task.inputs.taskArn, "AWS-RunPatchBaselineWithHooks");
    assert.deepEqual(task.inputs.taskInvocationParameters.runCommandParameters.parameters, [
      { name: "Operation", values: ["Install"] },
      { name: "RebootOption", values: ["RebootIfNeeded"] },
      { name: "SnapshotId", values: ["{{WINDOW_EXECUTION_ID}}"] },
      { name: "InstallOverrideList", values: ["s3://patch-lists/emergency.yaml"] },
      { name: "PreInstallHookDocName", values: ["Drain-LoadBalancer"] },
      { name: "PostInstallHookDocName", values: ["AWS-Noop"] },
      { name: "OnExitHookDocName", values: ["Smoke-Test"] },
    ]);
  });
});

describe("WindowServiceRole", () => {
  it("is trusted by SSM for this account only and may send only the patch documents", async () => {
    const resources = await declare(() => new WindowServiceRole("ws", { scope, documents: ["AWS-RunPatchBaseline", "AWS-RunPatchBaselineWithHooks"] }));
    assert.deepEqual(JSON.parse(named(resources, "ws-role").inputs.assumeRolePolicy).Statement, [{
      Effect: "Allow", Principal: { Service: "ssm.amazonaws.com" }, Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": `arn:aws:ssm:${scope.region}:123456789012:*` } },
    }]);
    assert.deepEqual(JSON.parse(named(resources, "ws-policy").inputs.policy), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "SendPatchDocuments", Effect: "Allow", Action: "ssm:SendCommand",
          Resource: [
            "arn:aws:ssm:eu-west-1::document/AWS-RunPatchBaseline",
            "arn:aws:ssm:eu-west-1::document/AWS-RunPatchBaselineWithHooks",
            "arn:aws:ec2:eu-west-1:123456789012:instance/*",
            "arn:aws:ssm:eu-west-1:123456789012:managed-instance/*",
          ],
        },
        { Sid: "FollowCommands", Effect: "Allow", Action: ["ssm:CancelCommand", "ssm:GetCommandInvocation", "ssm:ListCommandInvocations", "ssm:ListCommands"], Resource: "*" },
      ],
    });
  });

  it("adds resource-group look-ups and PassRole on the named roles only, for SSM only", async () => {
    const resources = await declare(() => new WindowServiceRole("ws", { scope, resourceGroupTargets: true, passRoleArns: ["arn:aws:iam::123456789012:role/sns-publish"] }));
    const statements = JSON.parse(named(resources, "ws-policy").inputs.policy).Statement;
    assert.deepEqual(statements[2].Action, ["resource-groups:ListGroupResources", "resource-groups:ListGroups", "tag:GetResources"]);
    assert.deepEqual(statements[3], {
      Sid: "PassNotificationRole", Effect: "Allow", Action: "iam:PassRole", Resource: ["arn:aws:iam::123456789012:role/sns-publish"],
      Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } },
    });
  });
});
