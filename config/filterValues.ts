import { OperatingSystem, PatchFilterKey, PUBLISHED_FILTER_VALUES } from "./limits";
import { closest } from "../text/similar";

/**
 * Filter values AWS documents but does not close: Windows products grow with each release, and a
 * Linux family's classifications and severities are whatever its publisher's update notices say
 * (AWS: "Run the DescribePatchProperties command to view lists of valid values", API reference,
 * PatchFilter). So a value outside these lists is only a warning; a near miss of one (a typo, the
 * wrong case, spaces added) is refused for classifications and severities.
 *
 * Sources: the PatchFilter API reference's "Supported values" (Windows products; Amazon Linux,
 * RHEL/CentOS and SUSE classifications and severities) and the User Guide's "How patch baseline rules
 * work on Linux-based systems" and predefined baselines (Security/Bugfix, Critical/Important).
 */
const YUM_CLASSIFICATIONS = ["Security", "Bugfix", "Enhancement", "Recommended", "Newpackage"] as const;
const AMAZON = {
  CLASSIFICATION: YUM_CLASSIFICATIONS,
  SEVERITY: ["Critical", "Important", "Medium", "Low"],
};
const REDHAT = {
  CLASSIFICATION: YUM_CLASSIFICATIONS,
  SEVERITY: ["Critical", "Important", "Moderate", "Low"],
};

export const DOCUMENTED_FILTER_VALUES: Partial<
  Record<OperatingSystem, Partial<Record<PatchFilterKey, readonly string[]>>>
> = {
  WINDOWS: {
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
  AMAZON_LINUX: AMAZON,
  AMAZON_LINUX_2: AMAZON,
  AMAZON_LINUX_2022: AMAZON,
  AMAZON_LINUX_2023: AMAZON,
  REDHAT_ENTERPRISE_LINUX: REDHAT,
  CENTOS: REDHAT,
  ORACLE_LINUX: REDHAT,
  ALMA_LINUX: REDHAT,
  ROCKY_LINUX: REDHAT,
  SUSE: {
    CLASSIFICATION: ["Security", "Recommended", "Optional", "Feature", "Document", "Yast"],
    SEVERITY: ["Critical", "Important", "Moderate", "Low"],
  },
};

/** The documented value `value` most likely means: same letters in another case or spacing, or one or two typos. */
export const nearMiss = (value: string, documented: readonly string[]) => closest(value, documented);

export interface FilterValueCheck {
  /** Refused: outside a list AWS closes, or a near miss of a documented classification or severity. */
  readonly refusal?: string;
  /** Warned: not among the documented values, which AWS may have added to since. */
  readonly warning?: string;
}

/** What AWS's published (closed) and documented (open) values say about one filter value of a baseline for `os`. */
export function checkFilterValue(os: OperatingSystem, key: PatchFilterKey, value: string): FilterValueCheck {
  const published = PUBLISHED_FILTER_VALUES[os]?.[key];
  if (published && value !== "*" && !published.includes(value))
    return { refusal: `is not a ${key} value AWS publishes for ${os}; use one of ${published.join(", ")}` };
  const documented = DOCUMENTED_FILTER_VALUES[os]?.[key];
  if (!documented || value === "*" || documented.includes(value)) return {};
  const meant = nearMiss(value, documented);
  const listed = `AWS documents ${documented.join(", ")}`;
  if (meant && key !== "PRODUCT") return { refusal: `is not a ${key} value for ${os}: did you mean ${meant}?` };
  return {
    warning: `${key} ${JSON.stringify(value)} is not a value AWS documents for ${os}${meant ? ` (did you mean ${meant}?)` : ""}; ${listed}, and DescribePatchProperties lists what your account has today`,
  };
}
