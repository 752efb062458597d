/**
 * A synthetic fleet config: `groups` patch groups served by one Windows and one Amazon Linux
 * baseline each (10 groups per baseline pair), and one window per 4 groups with patch-group,
 * tag, instance and two resource-group targets plus Scan, Install and a hooks task.
 */
export function syntheticConfig(groups: number): Record<string, unknown> {
  const names = Array.from({ length: groups }, (_, i) => `grp-${String(i).padStart(4, "0")}`);
  const baselines: Record<string, unknown> = {};
  for (let b = 0; b * 10 < groups; b++) {
    const served = names.slice(b * 10, b * 10 + 10);
    baselines[`Windows-${b}`] = {
      operatingSystem: "WINDOWS",
      patchGroups: served,
      approvalRules: [
        {
          classifications: ["CriticalUpdates", "SecurityUpdates"],
          severities: ["Critical", "Important"],
          approveAfterDays: 7,
        },
      ],
    };
    baselines[`AL2023-${b}`] = {
      operatingSystem: "AMAZON_LINUX_2023",
      patchGroups: served,
      approvalRules: [{ classifications: ["Security"], approveAfterDays: 7 }],
    };
  }
  const maintenanceWindows: Record<string, unknown> = {};
  for (let w = 0; w * 4 < groups; w++) {
    maintenanceWindows[`Window-${w}`] = {
      schedule: `cron(0 ${w % 24} ? * SAT *)`,
      duration: 3,
      patchGroups: names.slice(w * 4, w * 4 + 4),
      targets: {
        tags: { Tier: ["app"] },
        instanceIds: ["i-0123456789abcdef0"],
        resourceGroups: [`rg-${w}-a`, `rg-${w}-b`],
      },
      tasks: {
        scan: { operation: "Scan", rebootOption: "NoReboot" },
        install: { operation: "Install", priority: 2 },
        hooks: {
          operation: "Install",
          priority: 3,
          document: "AWS-RunPatchBaselineWithHooks",
          hooks: { preInstall: "AWS-Noop" },
        },
      },
    };
  }
  return { baselines, maintenanceWindows };
}
