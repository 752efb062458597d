import fc from "fast-check";

/**
 * Valid stack configs of what adopt takes over: baselines (Windows, Amazon Linux 2023) with rules
 * as shorthands or raw filters in any order, patch groups, OS defaults and patch exceptions, and
 * windows with every kind of target registration, their AWS names, and tasks with every setting.
 */
const subset = <T>(values: T[]) => fc.subarray(values, { minLength: 1 });
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const delay = fc.oneof(
  fc.integer({ min: 0, max: 30 }).map((approveAfterDays) => ({ approveAfterDays })),
  fc.constantFrom("2026-10-14", "2026-11-11").map((approveUntilDate) => ({ approveUntilDate })),
);
const level = opt(fc.constantFrom("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"));

const windowsRule = fc
  .record({
    products: opt(subset(["WindowsServer2019", "WindowsServer2022"])),
    classifications: opt(subset(["CriticalUpdates", "SecurityUpdates"])),
    severities: opt(subset(["Critical", "Important"])),
    delay,
    complianceLevel: level,
    raw: fc.boolean(),
  })
  .map(({ delay, raw, ...r }) =>
    raw && r.classifications && r.products
      ? // Raw filters in an order the shorthands would not give: kept as filters.
        defined({
          filters: [
            { key: "CLASSIFICATION", values: r.classifications },
            { key: "PRODUCT", values: r.products },
          ],
          complianceLevel: r.complianceLevel,
          ...delay,
        })
      : defined({ ...r, ...delay }),
  );
const linuxRule = fc
  .record({
    classifications: opt(subset(["Security", "Bugfix"])),
    severities: opt(subset(["Critical", "Important"])),
    delay,
    complianceLevel: level,
    enableNonSecurity: opt(fc.boolean()),
  })
  .map(({ delay, ...r }) => defined({ ...r, ...delay }));

const baseline = (os: "WINDOWS" | "AMAZON_LINUX_2023", groups: string[]) =>
  fc
    .record({
      description: opt(fc.constantFrom("Security updates", "Critical updates, a week after release")),
      approvalRules: fc.array(os === "WINDOWS" ? windowsRule : linuxRule, { minLength: 1, maxLength: 2 }),
      defaultForOperatingSystem: opt(fc.boolean()),
      rejectedPatches: opt(subset(os === "WINDOWS" ? ["KB5000001", "KB5000002"] : ["kernel-debug*"])),
      rejectedPatchesAction: opt(fc.constantFrom("BLOCK", "ALLOW_AS_DEPENDENCY")),
      approvedPatches: opt(subset(os === "WINDOWS" ? ["KB5031364"] : ["openssl*"])),
      approvedPatchesComplianceLevel: level,
    })
    .map((b) => defined({ operatingSystem: os, patchGroups: groups, ...b }));

const task = fc
  .record({
    operation: fc.constantFrom("Scan", "Install"),
    rebootOption: opt(fc.constantFrom("RebootIfNeeded", "NoReboot")),
    priority: opt(fc.integer({ min: 1, max: 5 })),
    maxConcurrency: opt(fc.constantFrom("1", "10%", "50%")),
    maxErrors: opt(fc.constantFrom("0", "1", "25%")),
    cutoffBehavior: opt(fc.constantFrom("CONTINUE_TASK", "CANCEL_TASK")),
    timeoutSeconds: opt(fc.constantFrom(600, 3600)),
    comment: opt(fc.constantFrom("Adopted from the console")),
    description: opt(fc.constantFrom("Scan and install, from Configure patching")),
    hooks: opt(fc.constantFrom({ preInstall: "Drain-Node" })),
    outputS3BucketName: opt(fc.constantFrom("ops-patch-logs")),
  })
  .map(({ hooks, ...t }) => defined({ ...t, ...(hooks ? { document: "AWS-RunPatchBaselineWithHooks", hooks } : {}) }));

const window = (groups: string[]) =>
  fc
    .record({
      description: opt(fc.constantFrom("Saturday patching")),
      schedule: fc.constantFrom("cron(0 2 ? * SAT *)", "cron(30 22 ? * TUE#2 *)", "rate(7 days)"),
      scheduleTimezone: opt(fc.constantFrom("UTC", "Europe/Berlin")),
      duration: fc.integer({ min: 2, max: 6 }),
      cutoff: fc.integer({ min: 0, max: 1 }),
      enabled: opt(fc.boolean()),
      patchGroups: subset(groups),
      tags: opt(fc.constantFrom({ Role: ["web"] }, { Role: ["app"], Tier: ["1", "2"] })),
      instanceIds: opt(fc.constantFrom(["i-0123456789abcdef0"])),
      resourceGroups: opt(fc.constantFrom(["Payments"], ["Payments", "HR Servers"])),
      targetName: opt(fc.constantFrom("WebServers")),
      tasks: fc.dictionary(fc.constantFrom("scan", "install", "PatchingTask"), task, { minKeys: 1, maxKeys: 2 }),
    })
    .map(({ tags, instanceIds, resourceGroups, targetName, ...w }) =>
      defined({
        ...w,
        targets: defined({ tags, instanceIds, resourceGroups }),
        ...(targetName ? { targetNames: { "patch-groups": { name: targetName, description: "Web servers" } } } : {}),
      }),
    );

/** A whole adoptable stack config: one or two baselines, one or two windows over their groups. */
export const adoptableConfig = fc
  .record({
    windowsGroups: subset(["Web", "App"]),
    linux: fc.boolean(),
    windowNames: subset(["Patching-Sat", "Patching-Tue"]),
  })
  .chain(({ windowsGroups, linux, windowNames }) => {
    const groups = [...windowsGroups, ...(linux ? ["Db"] : [])];
    return fc.record({
      baselines: fc.record({
        "Windows-Test": baseline("WINDOWS", windowsGroups),
        ...(linux ? { "AL2023-Db": baseline("AMAZON_LINUX_2023", ["Db"]) } : {}),
      }),
      maintenanceWindows: fc.record(Object.fromEntries(windowNames.map((n) => [n, window(groups)]))),
    });
  });
