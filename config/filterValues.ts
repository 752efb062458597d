import { operatingSystem } from "../components/patching/operatingSystems";
import { OperatingSystem, PatchFilterKey } from "./limits";
import { closest } from "../text/similar";

/**
 * What the operating-system registry's values say about one filter value: outside a list AWS
 * publishes, refused; outside a documented (open) list, warned; a near miss of a documented
 * classification or severity, refused.
 */

export interface FilterValueCheck {
  /** Refused: outside a list AWS closes, or a near miss of a documented classification or severity. */
  readonly refusal?: string;
  /** Warned: not among the documented values, which AWS may have added to since. */
  readonly warning?: string;
}

/** What AWS's published (closed) and documented (open) values say about one filter value of a baseline for `os`. */
export function checkFilterValue(os: OperatingSystem, key: PatchFilterKey, value: string): FilterValueCheck {
  const entry = operatingSystem(os);
  const published = entry.publishedValues?.[key as keyof typeof entry.publishedValues];
  if (published && value !== "*" && !published.includes(value))
    return { refusal: `is not a ${key} value AWS publishes for ${os}; use one of ${published.join(", ")}` };
  const documented = entry.documentedValues?.[key as keyof typeof entry.documentedValues];
  if (!documented || value === "*" || documented.includes(value)) return {};
  const meant = closest(value, documented);
  const listed = `AWS documents ${documented.join(", ")}`;
  if (meant && key !== "PRODUCT") return { refusal: `is not a ${key} value for ${os}: did you mean ${meant}?` };
  return {
    warning: `${key} ${JSON.stringify(value)} is not a value AWS documents for ${os}${meant ? ` (did you mean ${meant}?)` : ""}; ${listed}, and DescribePatchProperties lists what your account has today`,
  };
}
