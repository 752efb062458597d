import { strict as assert } from "assert";
import { generatedName, RecordedResource } from "../offline/recordingRuntime";
import { buildStackFile, named, ofType } from "./helpers/run";
import { policyOf } from "./helpers/onboarding";
import { patchAdministratorsPolicy } from "../components/iam/adminPolicies";

interface SimStatement {
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: { StringEquals?: Record<string, string | string[]> };
}

/**
 * IAM's evaluation for Allow statements with StringEquals, as the policy simulator applies it: an
 * action on a resource is allowed when a statement names the action, matches the ARN (with * wildcards)
 * and every condition key holds one of its values (ssm:resourceTag/<key> is the resource's tag).
 */
function allowed(statements: SimStatement[], action: string, resource: string, tags: Record<string, string>): boolean {
  const matches = (pattern: string, value: string) =>
    new RegExp(
      `^${pattern
        .split("*")
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*")}$`,
    ).test(value);
  return statements.some(
    (s) =>
      s.Effect === "Allow" &&
      [s.Action].flat().some((a) => matches(a, action)) &&
      [s.Resource].flat().some((r) => matches(r, resource)) &&
      Object.entries(s.Condition?.StringEquals ?? {}).every(([key, values]) => {
        const tag = /^ssm:resourceTag\/(.+)$/.exec(key)?.[1];
        return tag !== undefined && [values].flat().includes(tags[tag]);
      }),
  );
}

describe("onboarding: administrator permissions", () => {
  let resources: RecordedResource[];
  before(async () => {
    resources = (await buildStackFile("prod")).resources;
  });

  it("PatchAdministrators runs only the stack's patch-now document, only on the stack's tagged instances", () => {
    const admins = named(resources, "patching-onboarding-admins-administrators");
    assert.equal(admins.inputs.name, "PatchAdministrators");
    const statements = policyOf(admins).Statement;
    assert.deepEqual(
      statements.map((s: { Sid: string }) => s.Sid),
      [
        "ReadPatchState",
        "PatchNowDocument",
        "PatchNowThisStacksInstances",
        "WritePatchNowOverrideLists",
        "FollowCommands",
      ],
    );
    assert.deepEqual(statements.slice(1), [
      {
        Sid: "PatchNowDocument",
        Effect: "Allow",
        Action: ["ssm:GetDocument", "ssm:SendCommand"],
        Resource: "arn:aws:ssm:eu-central-1:123456789012:document/patching-prod-patch-now",
      },
      {
        Sid: "PatchNowThisStacksInstances",
        Effect: "Allow",
        Action: "ssm:SendCommand",
        Resource: [
          "arn:aws:ec2:eu-central-1:123456789012:instance/*",
          "arn:aws:ssm:eu-central-1:123456789012:managed-instance/*",
        ],
        Condition: {
          StringEquals: { "ssm:resourceTag/Patch Group": ["Prod-Web", "Prod-App", "Prod-OnPrem", "Prod-Linux"] },
        },
      },
      {
        // patch-now --kb/--cve: the override list goes under the stack's prefix of its own bucket only.
        Sid: "WritePatchNowOverrideLists",
        Effect: "Allow",
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${generatedName("patching-compliance-logs-bucket")}/prod/patch-now/*`,
      },
      {
        Sid: "FollowCommands",
        Effect: "Allow",
        Action: ["ssm:CancelCommand", "ssm:GetCommandInvocation", "ssm:ListCommandInvocations", "ssm:ListCommands"],
        Resource: "*",
      },
    ]);
    // The document the policy names is the one the stack declares.
    assert.equal(named(resources, "patching-onboarding-patch-now-document").inputs.name, "patching-prod-patch-now");
    const all = statements.flatMap((s: { Action: string | string[] }) => [s.Action].flat());
    for (const forbidden of [
      "ssm:CreateMaintenanceWindow",
      "ssm:RegisterTaskWithMaintenanceWindow",
      "ssm:UpdateMaintenanceWindowTask",
      "ssm:UpdatePatchBaseline",
      "ssm:RegisterTargetWithMaintenanceWindow",
      "ssm:UpdateMaintenanceWindowTarget",
      "ssm:DeletePatchBaseline",
      "ssm:RegisterDefaultPatchBaseline",
      "iam:PassRole",
    ]) {
      assert.ok(!all.includes(forbidden), forbidden);
    }
  });

  it("a policy-simulator table: SendCommand is allowed only for the stack's document on a tagged instance of the stack", () => {
    const statements = policyOf(named(resources, "patching-onboarding-admins-administrators")).Statement;
    const arn = "arn:aws:ssm:eu-central-1:123456789012:document/";
    const instance = "arn:aws:ec2:eu-central-1:123456789012:instance/i-0123456789abcdef0";
    // IAM evaluates SendCommand on the document and on each target: both must be allowed (and none denied).
    const cases: [string, string, Record<string, string>, boolean][] = [
      [
        "this stack's document, a Prod-Web instance",
        `${arn}patching-prod-patch-now`,
        { "Patch Group": "Prod-Web" },
        true,
      ],
      [
        "AWS-RunPatchBaseline directly",
        "arn:aws:ssm:eu-central-1::document/AWS-RunPatchBaseline",
        { "Patch Group": "Prod-Web" },
        false,
      ],
      [
        "AWS-RunPatchBaselineWithHooks directly",
        "arn:aws:ssm:eu-central-1::document/AWS-RunPatchBaselineWithHooks",
        { "Patch Group": "Prod-Web" },
        false,
      ],
      [
        "AWS-RunShellScript",
        "arn:aws:ssm:eu-central-1::document/AWS-RunShellScript",
        { "Patch Group": "Prod-Web" },
        false,
      ],
      ["another stack's instance", `${arn}patching-prod-patch-now`, { "Patch Group": "QA-Web" }, false],
      ["an untagged instance", `${arn}patching-prod-patch-now`, {}, false],
      ["the group in the other tag key", `${arn}patching-prod-patch-now`, { PatchGroup: "Prod-Web" }, false],
    ];
    for (const [what, document, tags, expected] of cases)
      assert.equal(
        allowed(statements, "ssm:SendCommand", document, {}) && allowed(statements, "ssm:SendCommand", instance, tags),
        expected,
        what,
      );
  });

  it("console writes to baselines and windows are opt-in (patching:onboarding.adminPolicies.consoleWrites), scoped by the stack's tags", () => {
    const scope = { partition: "aws", region: "eu-central-1", accountId: "123456789012" };
    const stackTags = { Project: "patching", Environment: "prod" };
    const access = { documentName: "d", patchGroups: ["G"], patchGroupTagKey: "Patch Group" };
    const off = patchAdministratorsPolicy(scope, stackTags, access).Statement.map((s) => s.Sid);
    const on = patchAdministratorsPolicy(scope, stackTags, { ...access, consoleWrites: true }).Statement;
    assert.ok(!off.includes("ChangeThisStacksBaselines") && !off.includes("ChangeThisStacksWindows"));
    assert.deepEqual(
      on.filter((s) => s.Sid?.startsWith("ChangeThisStacks")).map((s) => [s.Sid, s.Condition]),
      [
        [
          "ChangeThisStacksBaselines",
          { StringEquals: { "aws:ResourceTag/Project": "patching", "aws:ResourceTag/Environment": "prod" } },
        ],
        [
          "ChangeThisStacksWindows",
          { StringEquals: { "aws:ResourceTag/Project": "patching", "aws:ResourceTag/Environment": "prod" } },
        ],
      ],
    );
  });

  it("PatchViewers only reads, and neither policy uses a wildcard action", () => {
    const viewers = policyOf(named(resources, "patching-onboarding-admins-viewers")).Statement;
    assert.equal(viewers.length, 1);
    assert.ok(
      viewers[0].Action.every((a: string) => /^ssm:(Describe|Get|List)/.test(a)),
      viewers[0].Action.join(" "),
    );
    for (const name of ["patching-onboarding-admins-administrators", "patching-onboarding-admins-viewers"]) {
      for (const s of policyOf(named(resources, name)).Statement)
        for (const a of [s.Action].flat()) assert.ok(!a.includes("*"), `${name}: ${a}`);
    }
  });

  it("attaches them to the groups and roles named in config", () => {
    assert.deepEqual(
      ofType(resources, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment")
        .map((a) => [a.inputs.group, a.inputs.policyArn.split(":").pop()])
        .sort(),
      [
        ["change-board", "patching-onboarding-admins-viewers"],
        ["patch-administrators", "patching-onboarding-admins-administrators"],
        ["patch-viewers", "patching-onboarding-admins-viewers"],
      ],
    );
    assert.equal(
      named(resources, "patching-onboarding-admins-administrators-role-ServerOperations").inputs.role,
      "ServerOperations",
    );
  });
});
