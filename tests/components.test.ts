import { strict as assert } from "assert";
import { createHash } from "crypto";
import { patchOutputPolicy } from "../components/iam/policies";
import { FleetOnboarding, InstanceRole, PatchBaseline } from "../components";
import { named, ofType } from "./helpers/run";
import { scope, declare } from "./helpers/components";

const sha8 = (value: string) => createHash("sha256").update(value, "utf8").digest("hex").slice(0, 8);

describe("InstanceRole", () => {
  it("creates an EC2-trusted role with AmazonSSMManagedInstanceCore and a profile of the same name", async () => {
    const resources = await declare(
      () => new InstanceRole("ir", { scope, roleName: "EC2-SSMCore", tags: { Environment: "dev" } }),
    );
    assert.deepEqual(
      resources
        .filter((r) => r.custom)
        .map((r) => `${r.type} ${r.name}`)
        .sort(),
      [
        "aws:iam/instanceProfile:InstanceProfile ir-profile",
        "aws:iam/role:Role ir-role",
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment ir-ssm-core",
      ],
    );
    const role = named(resources, "ir-role");
    assert.equal(role.inputs.name, "EC2-SSMCore");
    assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy), {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    assert.equal(
      named(resources, "ir-ssm-core").inputs.policyArn,
      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    );
    assert.deepEqual(named(resources, "ir-profile").inputs, {
      name: "EC2-SSMCore",
      role: "EC2-SSMCore",
      tags: { Environment: "dev" },
    });
  });

  it("attaches extra policies, a permissions boundary, and write access to exactly the patch-log prefixes", async () => {
    const resources = await declare(
      () =>
        new InstanceRole("ir", {
          scope,
          managedPolicyArns: ["arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"],
          permissionsBoundaryArn: "arn:aws:iam::123456789012:policy/Boundary",
          outputPolicy: JSON.stringify(
            patchOutputPolicy(
              scope,
              [{ bucketArn: "arn:aws:s3:::logs", prefixes: ["dev/scan/", "dev/install"] }],
              ["/aws/ssm/dev/patching"],
            ),
          ),
        }),
    );
    assert.equal(named(resources, "ir-role").inputs.permissionsBoundary, "arn:aws:iam::123456789012:policy/Boundary");
    assert.equal(
      named(resources, "ir-CloudWatchAgentServerPolicy").inputs.policyArn,
      "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
    );
    const group = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/ssm/dev/patching";
    assert.deepEqual(JSON.parse(named(resources, "ir-patch-output").inputs.policy).Statement, [
      {
        Sid: "WritePatchOutput",
        Effect: "Allow",
        Action: "s3:PutObject",
        Resource: ["arn:aws:s3:::logs/dev/scan/*", "arn:aws:s3:::logs/dev/install/*"],
      },
      {
        Sid: "ReadBucketEncryption",
        Effect: "Allow",
        Action: "s3:GetEncryptionConfiguration",
        Resource: ["arn:aws:s3:::logs"],
      },
      { Sid: "CreateGroupIfMissing", Effect: "Allow", Action: "logs:CreateLogGroup", Resource: [group] },
      {
        Sid: "WriteCommandOutput",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
        Resource: [`${group}:*`],
      },
    ]);
  });

  it("two policies of one name get their own attachments; the first keeps its URN through an alias", async () => {
    const arns = [
      "arn:aws:iam::123456789012:policy/PatchLogs",
      "arn:aws:iam::123456789012:policy/team-a/PatchLogs",
      "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
    ];
    const resources = await declare(() => new InstanceRole("ir", { scope, managedPolicyArns: arns }));
    const attachments = ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
      .filter((r) => r.name !== "ir-ssm-core")
      .sort((a, b) => arns.indexOf(a.inputs.policyArn) - arns.indexOf(b.inputs.policyArn));
    assert.deepEqual(
      attachments.map((r) => [r.name, r.inputs.policyArn, r.aliases.map((a) => a.split("::").pop())]),
      [
        [`ir-PatchLogs-${sha8(arns[0])}`, arns[0], ["ir-PatchLogs"]],
        [`ir-PatchLogs-${sha8(arns[1])}`, arns[1], []],
        ["ir-CloudWatchAgentServerPolicy", arns[2], []],
      ],
    );
    // The alias is the URN the first release gave the attachment, under the same parent.
    assert.equal(attachments[0].aliases[0], attachments[0].urn.replace(/::[^:]+$/, "::ir-PatchLogs"));
  });
});

describe("PatchBaseline", () => {
  it("declares the baseline with AWS's own rule and filter terms, and leaves patch groups to their registrations", async () => {
    const resources = await declare(
      () =>
        new PatchBaseline("bl", {
          baselineName: "Windows-Test",
          operatingSystem: "WINDOWS",
          approvalRules: [
            {
              patchFilters: [
                { key: "PRODUCT", values: ["WindowsServer2022"] },
                { key: "MSRC_SEVERITY", values: ["Critical"] },
              ],
              approveAfterDays: 7,
              complianceLevel: "CRITICAL",
            },
            { approveUntilDate: "2026-11-10" },
          ],
          approvedPatches: ["KB5031364"],
          approvedPatchesComplianceLevel: "HIGH",
          rejectedPatches: ["KB5000001"],
          rejectedPatchesAction: "BLOCK",
        }),
    );
    const baseline = named(resources, "bl-baseline");
    assert.deepEqual(baseline.inputs, {
      name: "Windows-Test",
      operatingSystem: "WINDOWS",
      description: "WINDOWS patch baseline managed by the patching stack",
      globalFilters: [],
      approvalRules: [
        {
          approveAfterDays: 7,
          complianceLevel: "CRITICAL",
          patchFilters: [
            { key: "PRODUCT", values: ["WindowsServer2022"] },
            { key: "MSRC_SEVERITY", values: ["Critical"] },
          ],
        },
        // A rule without filters is "all products", declared as AWS's console declares it.
        {
          approveUntilDate: "2026-11-10",
          complianceLevel: "UNSPECIFIED",
          patchFilters: [{ key: "PRODUCT", values: ["*"] }],
        },
      ],
      approvedPatches: ["KB5031364"],
      approvedPatchesComplianceLevel: "HIGH",
      rejectedPatches: ["KB5000001"],
      rejectedPatchesAction: "BLOCK",
      sources: [],
    });
    assert.equal(ofType(resources, "aws:ssm/patchGroup:PatchGroup").length, 0);
    assert.equal(
      ofType(resources, "aws:ssm/defaultPatchBaseline:DefaultPatchBaseline").length,
      0,
      "the stack registers defaults, keyed by OS",
    );
  });

  it("refuses a rule with an empty filter list or two approval delays, naming the rule and the fix", () => {
    assert.throws(
      () =>
        new PatchBaseline("bad", {
          baselineName: "Bad",
          operatingSystem: "WINDOWS",
          approvalRules: [{ patchFilters: [] }, { approveAfterDays: 3, approveUntilDate: "2026-12-01" }],
        }),
      {
        message:
          "PatchBaseline Bad: approvalRules[0].patchFilters = []: give at least one filter, or leave it out for all products\n" +
          "PatchBaseline Bad: approvalRules[1]: approveAfterDays = 3 and approveUntilDate = 2026-12-01: give one of them, not both",
      },
    );
  });
});

describe("FleetOnboarding", () => {
  it("refuses a part enabled without what it needs, instead of silently skipping it", () => {
    assert.throws(
      () =>
        new FleetOnboarding("fo", {
          scope,
          environment: "unit",
          instanceProfileName: "p",
          hybridActivation: { enabled: true },
          wsus: { enabled: true },
          demoFleet: { enabled: true, patchGroup: "Test" },
        }),
      {
        message: [
          "FleetOnboarding: hybridActivation.patchGroup: required when the activation is enabled",
          "FleetOnboarding: hybridActivation.expirationDate: required when the activation is enabled: an explicit ISO-8601 time at most 30 days ahead",
          "FleetOnboarding: wsus.serverUrl: required when WSUS is enabled",
          "FleetOnboarding: demoFleet.enabled: the demo fleet runs in the private subnets of privateEndpoints; enable onboarding.privateEndpoints",
        ].join("\n"),
      },
    );
  });
});
