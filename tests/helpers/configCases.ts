import { configProblems } from "./run";

export const problemsOf = (raw: Record<string, unknown>) => configProblems(raw);

export type Mutation = (c: any) => void;
export const win = (c: any) => c.maintenanceWindows["Patching-Test"];
export const task = (c: any) => win(c).tasks.install;
export const base = (c: any) => c.baselines["Windows-Test"];
export const rule = (c: any) => base(c).approvalRules[0];

/**
 * Each case: what is wrong, the change, the exact key path and value expected at the start of the message, and the
 * rule text.
 */
// One refused case per line: the table reads as a list of AWS rules.
// prettier-ignore
export const invalidCases: [string, Mutation, string, RegExp][] = [
  ["cutoff not below duration", (c) => { win(c).cutoff = 3; }, "patching:maintenanceWindows.Patching-Test.cutoff = 3", /smaller than duration 2/],
  ["duration above 24", (c) => { win(c).duration = 25; }, "patching:maintenanceWindows.Patching-Test.duration = 25", /from 1 to 24/],
  ["duration not whole", (c) => { win(c).duration = 1.5; }, "patching:maintenanceWindows.Patching-Test.duration = 1.5", /whole number/],
  ["cron with both day fields", (c) => { win(c).schedule = "cron(0 2 * * SAT *)"; }, 'patching:maintenanceWindows.Patching-Test.schedule = "cron(0 2 * * SAT *)"', /exactly one of day-of-month and day-of-week/],
  ["cron with five fields", (c) => { win(c).schedule = "cron(0 2 ? * SAT)"; }, 'patching:maintenanceWindows.Patching-Test.schedule = "cron(0 2 ? * SAT)"', /6 fields/],
  ["rate under five minutes", (c) => { win(c).schedule = "rate(4 minutes)"; }, 'patching:maintenanceWindows.Patching-Test.schedule = "rate(4 minutes)"', /faster than every five minutes: "Cron expressions that lead to rates faster than five \(5\) minute are not supported"/],
  ["unknown time zone", (c) => { win(c).scheduleTimezone = "Europe/Atlantis"; }, 'patching:maintenanceWindows.Patching-Test.scheduleTimezone = "Europe/Atlantis"', /IANA time zone/],
  ["scheduleOffset above 6", (c) => { win(c).scheduleOffset = 7; }, "patching:maintenanceWindows.Patching-Test.scheduleOffset = 7", /from 1 to 6/],
  ["scheduleOffset on a rate", (c) => { win(c).schedule = "rate(7 days)"; win(c).scheduleOffset = 2; }, "patching:maintenanceWindows.Patching-Test.scheduleOffset = 2", /cron schedules only/],
  ["end before start", (c) => { win(c).startDate = "2027-01-01T00:00:00Z"; win(c).endDate = "2026-01-01T00:00:00Z"; }, 'patching:maintenanceWindows.Patching-Test.endDate = "2026-01-01T00:00:00Z"', /after startDate/],
  ["window name too short", (c) => { c.maintenanceWindows.ab = win(c); delete c.maintenanceWindows["Patching-Test"]; }, 'patching:maintenanceWindows.ab = "ab"', /3-128 characters/],
  ["window without targets", (c) => { win(c).patchGroups = []; }, "patching:maintenanceWindows.Patching-Test.patchGroups = []", /at least one patch group or other target/],
  ["window without tasks", (c) => { win(c).tasks = {}; }, "patching:maintenanceWindows.Patching-Test.tasks = {}", /1-20 tasks/],
  ["more than 50 patch groups", (c) => { win(c).patchGroups = Array.from({ length: 51 }, (_, i) => `g${i}`); c.allowDefaultBaselineFallback = true; }, "patching:maintenanceWindows.Patching-Test.patchGroups = ", /at most 50/],
  ["six tag keys in targets", (c) => { win(c).targets = { tags: Object.fromEntries(["a", "b", "c", "d", "e", "f"].map((k) => [k, ["x"]])) }; }, "patching:maintenanceWindows.Patching-Test.targets.tags = ", /at most 5 tag keys/],
  ["bad instance id", (c) => { win(c).targets = { instanceIds: ["i-xyz"] }; }, 'patching:maintenanceWindows.Patching-Test.targets.instanceIds[0] = "i-xyz"', /instance id/],
  ["maxConcurrency 0", (c) => { task(c).maxConcurrency = "0"; }, 'patching:maintenanceWindows.Patching-Test.tasks.install.maxConcurrency = "0"', /count from 1 or a percentage/],
  ["maxConcurrency 101%", (c) => { task(c).maxConcurrency = "101%"; }, 'patching:maintenanceWindows.Patching-Test.tasks.install.maxConcurrency = "101%"', /count from 1 or a percentage/],
  ["maxConcurrency as a number", (c) => { task(c).maxConcurrency = 5; }, "patching:maintenanceWindows.Patching-Test.tasks.install.maxConcurrency = 5", /must be a string/],
  ["maxErrors 05", (c) => { task(c).maxErrors = "05"; }, 'patching:maintenanceWindows.Patching-Test.tasks.install.maxErrors = "05"', /count from 0 or a percentage/],
  ["unknown operation", (c) => { task(c).operation = "Patch"; }, 'patching:maintenanceWindows.Patching-Test.tasks.install.operation = "Patch"', /one of Scan, Install/],
  ["unknown reboot option", (c) => { task(c).rebootOption = "Always"; }, 'patching:maintenanceWindows.Patching-Test.tasks.install.rebootOption = "Always"', /one of RebootIfNeeded, NoReboot/],
  ["timeout below 30", (c) => { task(c).timeoutSeconds = 10; }, "patching:maintenanceWindows.Patching-Test.tasks.install.timeoutSeconds = 10", /from 30 to 2592000/],
  ["hooks without the hooks document", (c) => { task(c).hooks = { preInstall: "MyHook" }; }, 'patching:maintenanceWindows.Patching-Test.tasks.install.hooks = {"preInstall":"MyHook","trustedAccounts":[]}', /AWS-RunPatchBaselineWithHooks/],
  ["bad output bucket", (c) => { task(c).outputS3BucketName = "My_Bucket"; }, 'patching:maintenanceWindows.Patching-Test.tasks.install.outputS3BucketName = "My_Bucket"', /S3 bucket name/],
  ["comment over 100", (c) => { task(c).comment = "x".repeat(101); }, "patching:maintenanceWindows.Patching-Test.tasks.install.comment = ", /1-100 characters/],
  ["approveAfterDays above 360", (c) => { rule(c).approveAfterDays = 400; }, "patching:baselines.Windows-Test.approvalRules[0].approveAfterDays = 400", /from 0 to 360/],
  ["both approval delays", (c) => { rule(c).approveUntilDate = "2026-12-01"; }, "patching:baselines.Windows-Test.approvalRules[0].approveAfterDays = 7", /exactly one of approveAfterDays.*not both/],
  ["no approval delay", (c) => { delete rule(c).approveAfterDays; }, "patching:baselines.Windows-Test.approvalRules[0].approveAfterDays = (missing)", /exactly one of approveAfterDays/],
  ["impossible approveUntilDate", (c) => { delete rule(c).approveAfterDays; rule(c).approveUntilDate = "2026-02-30"; }, 'patching:baselines.Windows-Test.approvalRules[0].approveUntilDate = "2026-02-30"', /real calendar date/],
  ["approval delay on Ubuntu", (c) => { base(c).operatingSystem = "UBUNTU"; delete rule(c).classifications; }, "patching:baselines.Windows-Test.approvalRules[0].approveAfterDays = 7", /UBUNTU baselines take no approval delay/],
  ["unknown operating system", (c) => { base(c).operatingSystem = "WINDOWS_2022"; }, 'patching:baselines.Windows-Test.operatingSystem = "WINDOWS_2022"', /one of WINDOWS, AMAZON_LINUX/],
  ["unknown compliance level", (c) => { rule(c).complianceLevel = "SEVERE"; }, 'patching:baselines.Windows-Test.approvalRules[0].complianceLevel = "SEVERE"', /one of CRITICAL, HIGH/],
  ["Linux filter key on Windows", (c) => { rule(c).filters = [{ key: "SEVERITY", values: ["Critical"] }]; }, 'patching:baselines.Windows-Test.approvalRules[0].filters[0].key = "SEVERITY"', /not a filter key for WINDOWS/],
  ["global filter key on Ubuntu", (c) => { base(c).operatingSystem = "UBUNTU"; delete rule(c).approveAfterDays; delete rule(c).classifications; base(c).globalFilters = [{ key: "CLASSIFICATION", values: ["x"] }]; }, 'patching:baselines.Windows-Test.globalFilters[0].key = "CLASSIFICATION"', /not a filter key for UBUNTU/],
  ["five global filters", (c) => { base(c).globalFilters = Array.from({ length: 5 }, () => ({ key: "PRODUCT", values: ["x"] })); }, "patching:baselines.Windows-Test.globalFilters = ", /at most 4/],
  ["eleven approval rules", (c) => { base(c).approvalRules = Array.from({ length: 11 }, () => ({ approveAfterDays: 1 })); }, "patching:baselines.Windows-Test.approvalRules = ", /at most 10/],
  ["21 filter values", (c) => { rule(c).products = Array.from({ length: 21 }, (_, i) => `p${i}`); }, "patching:baselines.Windows-Test.approvalRules[0].products = ", /at most 20/],
  ["filter value over 64", (c) => { rule(c).products = ["x".repeat(65)]; }, "patching:baselines.Windows-Test.approvalRules[0].products[0] = ", /1-64 characters/],
  ["51 rejected patches", (c) => { base(c).rejectedPatches = Array.from({ length: 51 }, (_, i) => `KB${i}`); }, "patching:baselines.Windows-Test.rejectedPatches = ", /at most 50/],
  ["unknown rejected action", (c) => { base(c).rejectedPatchesAction = "DENY"; }, 'patching:baselines.Windows-Test.rejectedPatchesAction = "DENY"', /one of ALLOW_AS_DEPENDENCY, BLOCK/],
  ["enableNonSecurity on Windows", (c) => { rule(c).enableNonSecurity = true; }, "patching:baselines.Windows-Test.approvalRules[0].enableNonSecurity = true", /Linux baselines only/],
  ["sources on Windows", (c) => { base(c).sources = [{ name: "repo", products: ["x"], configuration: "y" }]; }, "patching:baselines.Windows-Test.sources = 1", /Linux baselines only/],
  ["PATCH_SET on Linux", (c) => { base(c).operatingSystem = "AMAZON_LINUX_2023"; rule(c).patchSet = "APPLICATION"; }, 'patching:baselines.Windows-Test.approvalRules[0].patchSet = "APPLICATION"', /becomes a PATCH_SET filter, which AMAZON_LINUX_2023 baselines do not take/],
  // Cases AWS or the provider refuses although an earlier validation accepted them (issue 9).
  // API reference, PatchFilterGroup: PatchFilters "Maximum number of 4 items".
  ["five filters in one rule", (c) => { rule(c).patchSet = "APPLICATION"; rule(c).productFamilies = ["Office"]; rule(c).products = ["Office 2016"]; rule(c).severities = ["Critical"]; }, "patching:baselines.Windows-Test.approvalRules[0].filters = 5", /at most 4 patch filters per rule \(PatchFilterGroup.PatchFilters\), shorthands included; this rule has 5: PATCH_SET, PRODUCT_FAMILY, PRODUCT, CLASSIFICATION, MSRC_SEVERITY/],
  // DescribePatchProperties: macOS takes PRODUCT and CLASSIFICATION; Ubuntu PRODUCT, PRIORITY and SECTION.
  ["severities on macOS", (c) => { base(c).operatingSystem = "MACOS"; delete rule(c).classifications; rule(c).severities = ["Critical"]; }, 'patching:baselines.Windows-Test.approvalRules[0].severities = ["Critical"]', /becomes a SEVERITY filter, which MACOS baselines do not take; use one of PRODUCT, CLASSIFICATION/],
  ["classifications on Ubuntu", (c) => { base(c).operatingSystem = "UBUNTU"; delete rule(c).approveAfterDays; }, 'patching:baselines.Windows-Test.approvalRules[0].classifications = ["SecurityUpdates"]', /becomes a CLASSIFICATION filter, which UBUNTU baselines do not take; use one of PRODUCT, PRIORITY, SECTION/],
  // API reference, Tag: Key and Value match ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$.
  ["tag value with a symbol", (c) => { c.tags = { Owner: "ops ✓" }; }, 'patching:tags.Owner = "ops ✓"', /letters, digits, spaces and _ \. : \/ = \+ - @ \(AWS's tag pattern\)/],
  ["tag value with markup", (c) => { c.tags = { Owner: "<script>" }; }, 'patching:tags.Owner = "<script>"', /AWS's tag pattern/],
  ["tag key with a template", (c) => { c.tags = { "${x}": "a" }; }, 'patching:tags["${x}"] = "${x}"', /AWS's tag pattern/],
  ["tag value with a bidi override", (c) => { c.tags = { Owner: "a\u202eb" }; }, 'patching:tags.Owner = "a\\u202eb"', /bidirectional control character .*CVE-2021-42574/],
  ["target tag key with markup", (c) => { win(c).targets = { tags: { "<Role>": ["web"] } }; }, 'patching:maintenanceWindows.Patching-Test.targets.tags["<Role>"] = "<Role>"', /AWS's tag pattern/],
  // CreateAssociation ScheduleExpression: rate(n unit) with n from 1.
  ["scan every 0 days", (c) => { c.compliance = { scanAssociation: { enabled: true, schedule: "rate(0 days)" } }; }, 'patching:compliance.scanAssociation.schedule = "rate(0 days)"', /positive whole number/],
  // Day-2 safety (issue 10): a hook document runs as SYSTEM/root during installs; the node role is every node's.
  // AWS-RunPatchBaselineWithHooks runs a hook with no parameters; AWS-RunShellScript requires commands.
  ["a hook that needs parameters", (c) => { task(c).document = "AWS-RunPatchBaselineWithHooks"; task(c).hooks = { preInstall: "AWS-RunShellScript" }; }, 'patching:maintenanceWindows.Patching-Test.tasks.install.hooks.preInstall = "AWS-RunShellScript"', /needs commands, which a hook cannot pass \(AWS-RunPatchBaselineWithHooks runs a hook with no parameters\)/],
  // RFC 5321 section 4.5.3.1.1: a local part of at most 64 octets; 4.5.3.1.3: a path of at most 256.
  ["a 2,006-character e-mail address", (c) => { c.compliance = { notifications: { enabled: true, emails: [`${"a".repeat(1994)}@example.com`] } }; }, `patching:compliance.notifications.emails[0] = "${"a".repeat(76)}...`, /must be at most 254 characters \(RFC 5321/],
  ["a 65-character local part", (c) => { c.compliance = { notifications: { enabled: true, emails: [`${"a".repeat(65)}@example.com`] } }; }, `patching:compliance.notifications.emails[0] = "${"a".repeat(65)}@example.com"`, /local part \(before @\) over 64 characters \(RFC 5321/],
  // Unicode bidirectional controls (UAX #9) make text read otherwise than it is stored: CVE-2021-42574.
  ["U+202E in a description", (c) => { win(c).description = "Patch \u202Eweekly"; }, 'patching:maintenanceWindows.Patching-Test.description = "Patch \\u202eweekly"', /bidirectional control character .*CVE-2021-42574/],
  ["U+2066 in outputS3KeyPrefix", (c) => { task(c).outputS3KeyPrefix = "logs/\u2066x/"; }, 'patching:maintenanceWindows.Patching-Test.tasks.install.outputS3KeyPrefix = "logs/\\u2066x/"', /bidirectional control character/],
  ["another account's hook document", (c) => { task(c).document = "AWS-RunPatchBaselineWithHooks"; task(c).hooks = { preInstall: "arn:aws:ssm:us-east-1:444455556666:document/Drain" }; }, 'patching:maintenanceWindows.Patching-Test.tasks.install.hooks.preInstall = "arn:aws:ssm:us-east-1:444455556666:document/Drain"', /is a document of account 444455556666, and runs as SYSTEM\/root on every node it patches; add 444455556666 to hooks.trustedAccounts/],
  ["AdministratorAccess on the node role", (c) => { c.instanceRole = { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }; }, 'patching:instanceRole.managedPolicyArns[0] = "arn:aws:iam::aws:policy/AdministratorAccess"', /must not be AdministratorAccess, PowerUserAccess, IAMFullAccess: every managed node assumes this role/],
  ["PowerUserAccess on the node role", (c) => { c.instanceRole = { managedPolicyArns: ["arn:aws:iam::aws:policy/PowerUserAccess"] }; }, 'patching:instanceRole.managedPolicyArns[0] = "arn:aws:iam::aws:policy/PowerUserAccess"', /must not be AdministratorAccess/],
  ["IAMFullAccess on the node role", (c) => { c.instanceRole = { managedPolicyArns: ["arn:aws-us-gov:iam::aws:policy/IAMFullAccess"] }; }, 'patching:instanceRole.managedPolicyArns[0] = "arn:aws-us-gov:iam::aws:policy/IAMFullAccess"', /must not be AdministratorAccess/],
  // API reference, PatchFilter: "Supported values" for WINDOWS CLASSIFICATION and MSRC_SEVERITY, UBUNTU PRIORITY.
  ["a misspelled Windows classification", (c) => { rule(c).classifications = ["CriticalUpdate"]; }, 'patching:baselines.Windows-Test.approvalRules[0].classifications[0] = "CriticalUpdate"', /is not a CLASSIFICATION value AWS publishes for WINDOWS; use one of CriticalUpdates, DefinitionUpdates/],
  ["a misspelled MSRC severity", (c) => { rule(c).severities = ["Severe"]; }, 'patching:baselines.Windows-Test.approvalRules[0].severities[0] = "Severe"', /is not a MSRC_SEVERITY value AWS publishes for WINDOWS; use one of Critical, Important, Moderate, Low, Unspecified/],
  ["an Ubuntu priority in a raw filter", (c) => { base(c).operatingSystem = "UBUNTU"; delete rule(c).approveAfterDays; delete rule(c).classifications; rule(c).filters = [{ key: "PRIORITY", values: ["Urgent"] }]; }, 'patching:baselines.Windows-Test.approvalRules[0].filters[0].values[0] = "Urgent"', /is not a PRIORITY value AWS publishes for UBUNTU/],
  // Open lists (filterValues.ts): a near miss of a documented Linux classification or severity is a typo.
  ["a misspelled Amazon Linux classification", (c) => { base(c).operatingSystem = "AMAZON_LINUX_2023"; rule(c).classifications = ["Secruity"]; }, 'patching:baselines.Windows-Test.approvalRules[0].classifications[0] = "Secruity"', /is not a CLASSIFICATION value for AMAZON_LINUX_2023: did you mean Security\?/],
  ["a lower-case RHEL severity", (c) => { base(c).operatingSystem = "REDHAT_ENTERPRISE_LINUX"; delete rule(c).classifications; rule(c).severities = ["important"]; }, 'patching:baselines.Windows-Test.approvalRules[0].severities[0] = "important"', /is not a SEVERITY value for REDHAT_ENTERPRISE_LINUX: did you mean Important\?/],
  ["a SUSE classification with a typo in a raw filter", (c) => { base(c).operatingSystem = "SUSE"; delete rule(c).classifications; rule(c).filters = [{ key: "CLASSIFICATION", values: ["Recomended"] }]; }, 'patching:baselines.Windows-Test.approvalRules[0].filters[0].values[0] = "Recomended"', /did you mean Recommended\?/],
  // CreateMaintenanceWindow ScheduleTimezone: "in Internet Assigned Numbers Authority (IANA) format".
  ["an offset, not a zone", (c) => { win(c).scheduleTimezone = "UTC+2"; }, 'patching:maintenanceWindows.Patching-Test.scheduleTimezone = "UTC+2"', /IANA time zone/],
  ["a zone in the wrong case", (c) => { win(c).scheduleTimezone = "europe/berlin"; }, 'patching:maintenanceWindows.Patching-Test.scheduleTimezone = "europe/berlin"', /IANA time zone/],
  ["duplicate filter key in a rule", (c) => { rule(c).filters = [{ key: "CLASSIFICATION", values: ["Updates"] }]; }, 'patching:baselines.Windows-Test.approvalRules[0].filters = "CLASSIFICATION"', /given twice/],
  ["two Windows baselines for one group", (c) => { c.baselines["Windows-Other"] = JSON.parse(JSON.stringify(base(c))); }, 'patching:baselines.Windows-Other.patchGroups[0] = "Test"', /one baseline per operating system/],
  ["two defaults for one OS", (c) => { base(c).defaultForOperatingSystem = true; c.baselines["Windows-B"] = { ...JSON.parse(JSON.stringify(base(c))), patchGroups: [] }; }, "patching:baselines.Windows-B.defaultForOperatingSystem = true", /already the default WINDOWS baseline/],
  ["window group with no baseline", (c) => { win(c).patchGroups = ["Test", "Orphans"]; }, 'patching:maintenanceWindows.Patching-Test.patchGroups[1] = "Orphans"', /silently use the AWS default baseline/],
  ["patch group name too long", (c) => { base(c).patchGroups = ["g".repeat(257)]; }, "patching:baselines.Windows-Test.patchGroups[0] = ", /1-256 characters/],
  ["patch group tag key", (c) => { c.patchGroupTagKey = "patch group"; }, 'patching:patchGroupTagKey = "patch group"', /one of Patch Group, PatchGroup/],
  ["role name too long", (c) => { c.instanceRole = { roleName: "r".repeat(65) }; }, "patching:instanceRole.roleName = ", /IAM role name/],
  ["tag key with aws: prefix", (c) => { c.tags = { "aws:owner": "me" }; }, 'patching:tags["aws:owner"] = "aws:owner"', /must not start with aws:/],
  ["misspelt top-level key", (c) => { c.maintenanceWindow = {}; }, "patching:maintenanceWindow: unknown key", /did you mean maintenanceWindows\?/],
  ["misspelt task key", (c) => { task(c).maxConcurency = "5"; }, "patching:maintenanceWindows.Patching-Test.tasks.install.maxConcurency: unknown key", /did you mean maxConcurrency\?/],
];
