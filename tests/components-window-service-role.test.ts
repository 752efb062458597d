import { strict as assert } from "assert";
import { WindowServiceRole } from "../components";
import { named } from "./helpers/run";
import { scope, declare } from "./helpers/components";

describe("WindowServiceRole", () => {
  it("is trusted by SSM for this account only and may send only the patch documents", async () => {
    const resources = await declare(
      () =>
        new WindowServiceRole("ws", { scope, documents: ["AWS-RunPatchBaseline", "AWS-RunPatchBaselineWithHooks"] }),
    );
    assert.deepEqual(JSON.parse(named(resources, "ws-role").inputs.assumeRolePolicy).Statement, [
      {
        Effect: "Allow",
        Principal: { Service: "ssm.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": "123456789012" },
          ArnLike: { "aws:SourceArn": `arn:aws:ssm:${scope.region}:123456789012:*` },
        },
      },
    ]);
    assert.deepEqual(JSON.parse(named(resources, "ws-policy").inputs.policy), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "SendPatchDocuments",
          Effect: "Allow",
          Action: "ssm:SendCommand",
          Resource: [
            "arn:aws:ssm:eu-west-1::document/AWS-RunPatchBaseline",
            "arn:aws:ssm:eu-west-1::document/AWS-RunPatchBaselineWithHooks",
            "arn:aws:ec2:eu-west-1:123456789012:instance/*",
            "arn:aws:ssm:eu-west-1:123456789012:managed-instance/*",
          ],
        },
        {
          Sid: "FollowCommands",
          Effect: "Allow",
          Action: ["ssm:CancelCommand", "ssm:GetCommandInvocation", "ssm:ListCommandInvocations", "ssm:ListCommands"],
          Resource: "*",
        },
      ],
    });
  });

  it("adds resource-group look-ups and PassRole on the named roles only, for SSM only", async () => {
    const resources = await declare(
      () =>
        new WindowServiceRole("ws", {
          scope,
          resourceGroupTargets: true,
          passRoleArns: ["arn:aws:iam::123456789012:role/sns-publish"],
        }),
    );
    const statements = JSON.parse(named(resources, "ws-policy").inputs.policy).Statement;
    assert.deepEqual(statements[2].Action, [
      "resource-groups:ListGroupResources",
      "resource-groups:ListGroups",
      "tag:GetResources",
    ]);
    assert.deepEqual(statements[3], {
      Sid: "PassNotificationRole",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: ["arn:aws:iam::123456789012:role/sns-publish"],
      Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } },
    });
  });
});
