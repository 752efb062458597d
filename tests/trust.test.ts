import { strict as assert } from "assert";
import { generatedName } from "../offline/recordingRuntime";
import { buildConfig, minimalConfig } from "./helpers/run";

/**
 * Confused deputy (IAM User Guide, "The confused deputy problem"): every role a service assumes
 * is limited to this account (aws:SourceAccount) and to the resources the service acts for
 * (aws:SourceArn), in every trust policy the stack declares.
 */
describe("trust: every service role names its source account and source ARN", () => {
  it("window service, notification publisher, remediation automation and events, DHMC, hybrid activation", async () => {
    const raw = minimalConfig();
    raw.compliance = { notifications: { enabled: true }, remediation: { enabled: true } };
    raw.onboarding = {
      defaultHostManagement: { enabled: true },
      hybridActivation: { enabled: true, patchGroup: "Test", expirationDate: "2026-12-20T00:00:00Z" },
    };
    const { resources } = await buildConfig(raw, "prod");
    const trusts = resources
      .filter(
        (r) =>
          r.type === "aws:iam/role:Role" &&
          JSON.parse(r.inputs.assumeRolePolicy).Statement[0].Principal.Service !== "ec2.amazonaws.com",
      )
      .map((r) => [r.name, JSON.parse(r.inputs.assumeRolePolicy).Statement[0]] as const);
    const ssm = "arn:aws:ssm:us-east-1:123456789012:*";
    const conditions = Object.fromEntries(
      trusts.map(([name, s]) => [name, [s.Principal.Service, s.Condition.StringEquals, s.Condition.ArnLike]]),
    );
    // The events role trusts exactly the non-compliance rule that starts the runbook.
    assert.deepEqual(conditions, {
      "patching-window-service-role": [
        "ssm.amazonaws.com",
        { "aws:SourceAccount": "123456789012" },
        { "aws:SourceArn": ssm },
      ],
      "patching-compliance-notifications-publish-role": [
        "ssm.amazonaws.com",
        { "aws:SourceAccount": "123456789012" },
        { "aws:SourceArn": ssm },
      ],
      "patching-compliance-remediation-automation-role": [
        "ssm.amazonaws.com",
        { "aws:SourceAccount": "123456789012" },
        { "aws:SourceArn": "arn:aws:ssm:us-east-1:123456789012:automation-execution/*" },
      ],
      "patching-compliance-remediation-events-role": [
        "events.amazonaws.com",
        { "aws:SourceAccount": "123456789012" },
        {
          "aws:SourceArn": `arn:aws:events:us-east-1:123456789012:rule/${generatedName("patching-compliance-non-compliant")}`,
        },
      ],
      "patching-onboarding-dhmc-role": [
        "ssm.amazonaws.com",
        { "aws:SourceAccount": "123456789012" },
        { "aws:SourceArn": ssm },
      ],
      "patching-onboarding-onprem-role": [
        "ssm.amazonaws.com",
        { "aws:SourceAccount": "123456789012" },
        { "aws:SourceArn": ssm },
      ],
    });
  });
});
