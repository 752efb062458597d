import { strict as assert } from "assert";
import { RecordedResource } from "../offline/recordingRuntime";
import { buildConfig, configProblems, minimalConfig, named } from "./helpers/run";
import { ACCOUNT, BUCKET, RUNBOOK, policyOf, fullCompliance } from "./helpers/compliance";

describe("compliance: associations, data sync, remediation, AWS Config", () => {
  let resources: RecordedResource[];
  let outputs: Record<string, unknown>;
  before(async () => {
    const built = await buildConfig(fullCompliance(), "qa");
    resources = built.resources;
    outputs = built.outputs as Record<string, unknown>;
  });

  it("scans the patch groups between windows, never installing", () => {
    assert.deepEqual(named(resources, "patching-compliance-scan").inputs, {
      name: "AWS-RunPatchBaseline",
      associationName: "patching-qa-scan",
      scheduleExpression: "rate(12 hours)",
      parameters: { Operation: "Scan", RebootOption: "NoReboot" },
      targets: [{ key: "tag:Patch Group", values: ["Test"] }],
      complianceSeverity: "CRITICAL",
      maxConcurrency: "25%",
      maxErrors: "5",
      outputLocation: { s3BucketName: `${BUCKET}`, s3KeyPrefix: "qa/scan-association/" },
    });
  });

  it("gathers software inventory on the same targets", () => {
    const inventory = named(resources, "patching-compliance-inventory").inputs;
    assert.equal(inventory.name, "AWS-GatherSoftwareInventory");
    assert.deepEqual(inventory.targets, [{ key: "tag:Patch Group", values: ["Test"] }]);
    assert.equal(inventory.parameters.applications, "Enabled");
    assert.equal(inventory.parameters.windowsUpdates, "Enabled");
  });

  it("syncs to S3 as JsonSerDe under the stack's prefix, ready for Athena", () => {
    assert.deepEqual(named(resources, "patching-compliance-data-sync").inputs, {
      name: "patching-qa",
      s3Destination: { bucketName: `${BUCKET}`, region: "us-east-1", prefix: "qa/data-sync", syncFormat: "JsonSerDe" },
    });
  });

  it("remediates with a Scan runbook on the instance named in the event, each step under its own role", () => {
    const runbook = JSON.parse(named(resources, "patching-compliance-remediation-runbook").inputs.content);
    assert.deepEqual(runbook.mainSteps[0].inputs, {
      DocumentName: "AWS-RunPatchBaseline",
      InstanceIds: ["{{ InstanceId }}"],
      Parameters: { Operation: ["Scan"], RebootOption: ["NoReboot"] },
    });
    assert.equal(
      runbook.parameters.AutomationAssumeRole.default,
      "arn:aws:iam:us-east-1:123456789012:patching-compliance-remediation-automation-role",
    );
    const target = named(resources, "patching-compliance-remediation-target").inputs;
    const definition = `arn:aws:ssm:us-east-1:${ACCOUNT}:automation-definition/${RUNBOOK}`;
    assert.equal(target.arn, `${definition}:$DEFAULT`);
    assert.deepEqual(target.inputTransformer, {
      inputPaths: { instance: "$.detail.resource-id" },
      inputTemplate: '{"InstanceId":[<instance>]}',
    });
    assert.deepEqual(policyOf(named(resources, "patching-compliance-remediation-events-policy")).Statement, [
      { Sid: "StartRunbook", Effect: "Allow", Action: "ssm:StartAutomationExecution", Resource: `${definition}:*` },
      {
        Sid: "PassRunbookRole",
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: "arn:aws:iam:us-east-1:123456789012:patching-compliance-remediation-automation-role",
        Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } },
      },
    ]);
    assert.deepEqual(
      policyOf(named(resources, "patching-compliance-remediation-automation-policy")).Statement[0].Resource,
      [
        "arn:aws:ssm:us-east-1::document/AWS-RunPatchBaseline",
        `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/*`,
        `arn:aws:ssm:us-east-1:${ACCOUNT}:managed-instance/*`,
      ],
    );
    assert.deepEqual(
      policyOf(named(resources, "patching-compliance-remediation-events-role"), "assumeRolePolicy").Statement[0]
        .Principal,
      { Service: "events.amazonaws.com" },
    );
  });

  it("installs from the runbook only when installs outside windows are explicitly allowed", async () => {
    const raw = fullCompliance({
      remediation: { enabled: true, operation: "Install", allowInstallOutsideWindows: true },
    });
    const runbook = JSON.parse(
      named((await buildConfig(raw, "qa")).resources, "patching-compliance-remediation-runbook").inputs.content,
    );
    assert.deepEqual(runbook.mainSteps[0].inputs.Parameters, {
      Operation: ["Install"],
      RebootOption: ["RebootIfNeeded"],
    });
  });

  it("adds the managed AWS Config rule for patch compliance", () => {
    const rule = named(resources, "patching-compliance-config-rule").inputs;
    assert.deepEqual(
      [rule.name, rule.source, rule.scope],
      [
        "patching-qa-patch-compliance",
        { owner: "AWS", sourceIdentifier: "EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK" },
        { complianceResourceTypes: ["AWS::SSM::PatchCompliance"] },
      ],
    );
  });

  it("exports the bucket, log group, topic, association and sync", () => {
    assert.deepEqual(
      [
        outputs.patchLogBucket,
        outputs.commandLogGroup,
        outputs.notificationTopicArn,
        outputs.scanAssociationIds,
        outputs.dataSyncName,
      ],
      [
        `${BUCKET}`,
        "/aws/ssm/qa/patching",
        "arn:aws:sns:us-east-1:123456789012:patching-compliance-notifications-topic",
        ["patching-compliance-scan-association-id"],
        "patching-qa",
      ],
    );
  });

  it("declares nothing of it while it is switched off", async () => {
    const { resources: plain } = await buildConfig(minimalConfig(), "qa");
    assert.deepEqual(
      plain.filter((r) => r.name.startsWith("patching-compliance-") && r.custom),
      [],
    );
  });
});

describe("compliance: refused settings name the key", () => {
  const problems = (patch: Record<string, unknown>) => configProblems(fullCompliance(patch), "qa").join("\n");

  it("installs from remediation without the explicit permission", () => {
    assert.match(
      problems({ remediation: { enabled: true, operation: "Install" } }),
      /^patching:compliance\.remediation\.operation = "Install": installs outside maintenance windows need remediation\.allowInstallOutsideWindows: true$/m,
    );
  });
  it("a data sync without a bucket", () => {
    assert.match(
      problems({ logBucket: { enabled: false } }),
      /^patching:compliance\.dataSync\.enabled = true: the data sync writes to the log bucket; enable compliance\.logBucket$/m,
    );
  });
  it("a bad email, retention, schedule or organization id", () => {
    const text = problems({
      notifications: { enabled: true, emails: ["not-an-address"] },
      logGroup: { enabled: true, retentionInDays: 45 },
      scanAssociation: { enabled: true, schedule: "rate(10 minutes)" },
      dataSync: { enabled: true, organizationId: "org-1" },
    });
    assert.match(text, /patching:compliance\.notifications\.emails\[0\] = "not-an-address": must be an email address/);
    assert.match(text, /patching:compliance\.logGroup\.retentionInDays = 45: must be one of 1, 3, 5/);
    assert.match(
      text,
      /patching:compliance\.scanAssociation\.schedule = "rate\(10 minutes\)": "Associations only support the following rate expressions: intervals of 30 minutes or greater and less than 31 days"/,
    );
    assert.match(text, /patching:compliance\.dataSync\.organizationId = "org-1": must be an AWS Organizations id/);
  });
  it("an unknown compliance part", () => {
    assert.match(problems({ athena: { enabled: true } }), /^patching:compliance\.athena: unknown key/m);
  });
});
