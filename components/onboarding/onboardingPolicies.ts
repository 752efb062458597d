import type { AwsScope } from "../scope";
import { PolicyDocument, policy } from "../iam/policies";

/** Onboarding documents as plain data: the hybrid activation's trust and the WSUS script. */

/** Trust for the hybrid activation role: SSM, for this account's activations only. */
export function activationTrustPolicy(scope: AwsScope): PolicyDocument {
  return policy({
    Effect: "Allow",
    Principal: { Service: "ssm.amazonaws.com" },
    Action: "sts:AssumeRole",
    Condition: {
      StringEquals: { "aws:SourceAccount": scope.accountId },
      ArnLike: { "aws:SourceArn": `arn:${scope.partition}:ssm:${scope.region}:${scope.accountId}:*` },
    },
  });
}

/**
 * PowerShell that points Windows Update at a WSUS server through the policy keys Group Policy
 * would set. The URL is validated as http(s)://host[:port], so it cannot break out of the quotes.
 */
export function wsusScript(serverUrl: string): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    "$wu = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate'",
    'if (-not (Test-Path "$wu\\AU")) { New-Item -Path "$wu\\AU" -Force | Out-Null }',
    `Set-ItemProperty -Path $wu -Name WUServer -Value '${serverUrl}'`,
    `Set-ItemProperty -Path $wu -Name WUStatusServer -Value '${serverUrl}'`,
    'Set-ItemProperty -Path "$wu\\AU" -Name UseWUServer -Value 1 -Type DWord',
    "Restart-Service -Name wuauserv",
  ].join("\n");
}
