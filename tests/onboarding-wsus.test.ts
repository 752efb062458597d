import { strict as assert } from "assert";
import { wsusScript } from "../components/onboarding/onboardingPolicies";
import { buildConfig, buildStackFile, named, ofType } from "./helpers/run";
import { withOnboarding, problemsOf } from "./helpers/onboarding";

describe("onboarding: WSUS", () => {
  it("points the Windows instances of the given patch groups at the WSUS server through Windows Update policy keys", async () => {
    const raw = withOnboarding({
      wsus: { enabled: true, serverUrl: "https://wsus.corp.example.com:8531", patchGroups: ["Test"] },
    });
    const association = named((await buildConfig(raw, "qa")).resources, "patching-onboarding-wsus").inputs;
    assert.deepEqual(
      { ...association, parameters: undefined },
      {
        name: "AWS-RunPowerShellScript",
        associationName: "patching-qa-wsus",
        scheduleExpression: "rate(1 day)",
        targets: [{ key: "tag:Patch Group", values: ["Test"] }],
        parameters: undefined,
      },
    );
    assert.equal(association.parameters.commands, wsusScript("https://wsus.corp.example.com:8531"));
    assert.deepEqual(wsusScript("https://wsus.corp.example.com:8531").split("\n"), [
      "$ErrorActionPreference = 'Stop'",
      "$wu = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate'",
      'if (-not (Test-Path "$wu\\AU")) { New-Item -Path "$wu\\AU" -Force | Out-Null }',
      "Set-ItemProperty -Path $wu -Name WUServer -Value 'https://wsus.corp.example.com:8531'",
      "Set-ItemProperty -Path $wu -Name WUStatusServer -Value 'https://wsus.corp.example.com:8531'",
      'Set-ItemProperty -Path "$wu\\AU" -Name UseWUServer -Value 1 -Type DWord',
      "Restart-Service -Name wuauserv",
    ]);
  });

  for (const url of [
    "ftp://wsus.example.com",
    "https://wsus.example.com/path",
    "https://user:pw@wsus.example.com",
    "https://wsus.example.com:8531/",
    "wsus.example.com",
    "https://wsus.example.com/'; Remove-Item C:\\",
  ]) {
    it(`refuses the server URL ${url}`, () => {
      const raw = withOnboarding({ wsus: { enabled: true, serverUrl: url, patchGroups: ["Test"] } });
      assert.match(
        problemsOf(raw),
        new RegExp(
          `^patching:onboarding\\.wsus\\.serverUrl = ${JSON.stringify(url).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: must be http\\(s\\)://host`,
          "m",
        ),
      );
    });
  }
});

describe("onboarding: the three stacks", () => {
  it("test tags its existing instances; prod registers on-premises servers with a secret code", async () => {
    const test = await buildStackFile("test");
    assert.equal(ofType(test.resources, "aws:ec2/tag:Tag").length, 5);
    assert.equal(ofType(test.resources, "aws:ssm/activation:Activation").length, 0);
    const prod = await buildStackFile("prod");
    assert.equal(
      named(prod.resources, "patching-onboarding-onprem-activation").inputs.tags["Patch Group"],
      "Prod-OnPrem",
    );
    assert.equal(prod.outputs.activationId, "patching-onboarding-onprem-activation-id");
    assert.equal(ofType(prod.resources, "aws:ssm/serviceSetting:ServiceSetting").length, 1);
    assert.equal(ofType(prod.resources, "aws:ec2/instance:Instance").length, 0);
  });
});
