/**
 * Every operating system Patch Manager patches, in one table: adding one touches this table and its
 * tests only. The keys are the API's OperatingSystem enum (the test suite holds them to AWS's
 * model). Sources:
 * - filter keys: DescribePatchProperties per OS (API reference, PatchFilter);
 * - published values: PatchFilter's "Supported values", where AWS closes the list; documented
 *   values: the same page and the User Guide's "How patch baseline rules work on Linux-based
 *   systems", open lists, so another value is only warned about;
 * - default baselines: the User Guide's "About predefined baselines" table (AlmaLinux's from Quick
 *   Setup's patch policy parameters, SelectedPatchBaselines).
 */

type FilterKey =
  | "PATCH_SET"
  | "PRODUCT"
  | "PRODUCT_FAMILY"
  | "CLASSIFICATION"
  | "MSRC_SEVERITY"
  | "PATCH_ID"
  | "PRIORITY"
  | "SECTION"
  | "SEVERITY";

export interface OperatingSystemEntry {
  /** How the plan and reports name it. */
  readonly label: string;
  /** AWS's predefined baseline that is the default until an account registers its own. */
  readonly defaultBaseline: string;
  /** Filter keys its baselines take in approval rules and global filters. */
  readonly filterKeys: readonly FilterKey[];
  /** The key `severities` stands for. */
  readonly severityKey: FilterKey;
  /** Whether rules take approveAfterDays/approveUntilDate (not where repositories give no release dates). */
  readonly approvalDelay: boolean;
  /** Linux-only settings (enableNonSecurity, sources) apply. */
  readonly linux: boolean;
  /** Patch Tuesday drives its releases: the plan's timeline follows it. */
  readonly patchTuesday?: boolean;
  /** Values AWS publishes as the whole list, per filter key: others are refused. */
  readonly publishedValues?: Readonly<Partial<Record<FilterKey, readonly string[]>>>;
  /** Values AWS documents, per filter key, in an open list: others are warned about, near misses refused. */
  readonly documentedValues?: Readonly<Partial<Record<FilterKey, readonly string[]>>>;
}

const YUM_KEYS: readonly FilterKey[] = ["PRODUCT", "CLASSIFICATION", "SEVERITY"];
const DEBIAN_KEYS: readonly FilterKey[] = ["PRODUCT", "PRIORITY", "SECTION"];
const YUM_CLASSIFICATIONS = ["Security", "Bugfix", "Enhancement", "Recommended", "Newpackage"];
const AMAZON = { CLASSIFICATION: YUM_CLASSIFICATIONS, SEVERITY: ["Critical", "Important", "Medium", "Low"] };
const REDHAT = { CLASSIFICATION: YUM_CLASSIFICATIONS, SEVERITY: ["Critical", "Important", "Moderate", "Low"] };
const DEBIAN_PRIORITIES = { PRIORITY: ["Required", "Important", "Standard", "Optional", "Extra"] };

const yum = (label: string, defaultBaseline: string, documentedValues?: OperatingSystemEntry["documentedValues"]) =>
  ({
    label,
    defaultBaseline,
    filterKeys: YUM_KEYS,
    severityKey: "SEVERITY",
    approvalDelay: true,
    linux: true,
    documentedValues,
  }) as const;
const debian = (label: string, defaultBaseline: string, publishedValues?: OperatingSystemEntry["publishedValues"]) =>
  ({
    label,
    defaultBaseline,
    filterKeys: DEBIAN_KEYS,
    severityKey: "PRIORITY",
    approvalDelay: false,
    linux: true,
    publishedValues,
  }) as const;

export const OPERATING_SYSTEM_REGISTRY = {
  WINDOWS: {
    label: "Windows Server",
    defaultBaseline: "AWS-DefaultPatchBaseline",
    filterKeys: ["PATCH_SET", "PRODUCT", "PRODUCT_FAMILY", "CLASSIFICATION", "MSRC_SEVERITY", "PATCH_ID"],
    severityKey: "MSRC_SEVERITY",
    approvalDelay: true,
    linux: false,
    patchTuesday: true,
    publishedValues: {
      CLASSIFICATION: [
        "CriticalUpdates",
        "DefinitionUpdates",
        "Drivers",
        "FeaturePacks",
        "SecurityUpdates",
        "ServicePacks",
        "Tools",
        "UpdateRollups",
        "Updates",
        "Upgrades",
      ],
      MSRC_SEVERITY: ["Critical", "Important", "Moderate", "Low", "Unspecified"],
    },
    documentedValues: {
      PRODUCT: [
        "Windows7",
        "Windows8",
        "Windows8.1",
        "Windows8Embedded",
        "Windows10",
        "Windows10LTSB",
        "Windows11",
        "WindowsServer2008",
        "WindowsServer2008R2",
        "WindowsServer2012",
        "WindowsServer2012R2",
        "WindowsServer2016",
        "WindowsServer2019",
        "WindowsServer2022",
        "WindowsServer2025",
      ],
    },
  },
  AMAZON_LINUX: yum("Amazon Linux", "AWS-AmazonLinuxDefaultPatchBaseline", AMAZON),
  AMAZON_LINUX_2: yum("Amazon Linux 2", "AWS-AmazonLinux2DefaultPatchBaseline", AMAZON),
  AMAZON_LINUX_2022: yum("Amazon Linux 2022", "AWS-AmazonLinux2022DefaultPatchBaseline", AMAZON),
  AMAZON_LINUX_2023: yum("Amazon Linux 2023", "AWS-AmazonLinux2023DefaultPatchBaseline", AMAZON),
  UBUNTU: debian("Ubuntu Server", "AWS-UbuntuDefaultPatchBaseline", DEBIAN_PRIORITIES),
  REDHAT_ENTERPRISE_LINUX: yum("Red Hat Enterprise Linux", "AWS-RedHatDefaultPatchBaseline", REDHAT),
  SUSE: yum("SUSE Linux Enterprise Server", "AWS-SuseDefaultPatchBaseline", {
    CLASSIFICATION: ["Security", "Recommended", "Optional", "Feature", "Document", "Yast"],
    SEVERITY: ["Critical", "Important", "Moderate", "Low"],
  }),
  CENTOS: yum("CentOS", "AWS-CentOSDefaultPatchBaseline", REDHAT),
  ORACLE_LINUX: yum("Oracle Linux", "AWS-OracleLinuxDefaultPatchBaseline", REDHAT),
  DEBIAN: debian("Debian Server", "AWS-DebianDefaultPatchBaseline"),
  MACOS: {
    label: "macOS",
    defaultBaseline: "AWS-MacOSDefaultPatchBaseline",
    filterKeys: ["PRODUCT", "CLASSIFICATION"],
    severityKey: "SEVERITY",
    approvalDelay: true,
    linux: false,
  },
  RASPBIAN: debian("Raspberry Pi OS", "AWS-DefaultRaspbianPatchBaseline"),
  ROCKY_LINUX: yum("Rocky Linux", "AWS-RockyLinuxDefaultPatchBaseline", REDHAT),
  ALMA_LINUX: yum("AlmaLinux", "AWS-AlmaLinuxDefaultPatchBaseline", REDHAT),
} as const satisfies Record<string, OperatingSystemEntry>;

export type OperatingSystem = keyof typeof OPERATING_SYSTEM_REGISTRY;
export const OPERATING_SYSTEMS = Object.keys(OPERATING_SYSTEM_REGISTRY) as [OperatingSystem, ...OperatingSystem[]];

/** One operating system's entry. */
export const operatingSystem = (os: OperatingSystem): OperatingSystemEntry => OPERATING_SYSTEM_REGISTRY[os];
