import { strict as assert } from "assert";
import { OPERATING_SYSTEM_REGISTRY, OPERATING_SYSTEMS, operatingSystem } from "../components/patching/operatingSystems";
import { ConfigError, parseStackConfig } from "../config/load";
import { minimalConfig } from "./helpers/run";

/**
 * The operating-system registry: one entry per OS, and what the schema derives from it. Adding an OS
 * is adding its entry; these tests then hold the entry to the rules every other entry meets.
 */
describe("operating systems: one table", () => {
  it("every entry is consistent: its values under its own keys, one default baseline and label each", () => {
    for (const os of OPERATING_SYSTEMS) {
      const entry = operatingSystem(os);
      for (const key of Object.keys({ ...entry.publishedValues, ...entry.documentedValues }))
        assert.ok((entry.filterKeys as readonly string[]).includes(key), `${os}: values under ${key}, not a key of it`);
      assert.match(entry.defaultBaseline, /^AWS-[A-Za-z0-9]+PatchBaseline$/, os);
      assert.equal(entry.approvalDelay, entry.severityKey !== "PRIORITY", `${os}: Debian-family rules take no delay`);
    }
    const unique = (values: string[]) => new Set(values).size === values.length;
    assert.ok(unique(Object.values(OPERATING_SYSTEM_REGISTRY).map((e) => e.defaultBaseline)));
    assert.ok(unique(Object.values(OPERATING_SYSTEM_REGISTRY).map((e) => e.label)));
  });

  it("the schema takes its rules from the table: filter keys, delays and Linux-only settings per OS", () => {
    const withBaseline = (baseline: Record<string, unknown>) => {
      const config = minimalConfig();
      Object.assign(config.baselines["Windows-Test"], baseline);
      try {
        parseStackConfig(config, "unit");
        return "";
      } catch (e) {
        return (e as ConfigError).problems.join("\n");
      }
    };
    for (const os of OPERATING_SYSTEMS) {
      const entry = operatingSystem(os);
      const rule = entry.approvalDelay ? { approveAfterDays: 7 } : {};
      const problems = withBaseline({
        operatingSystem: os,
        approvalRules: [rule],
        globalFilters: [{ key: "PATCH_ID", values: ["x"] }],
        sources: [],
      });
      const patchIdAllowed = (entry.filterKeys as readonly string[]).includes("PATCH_ID");
      assert.equal(
        /PATCH_ID.*is not a filter key|is not a filter key/.test(problems),
        !patchIdAllowed,
        `${os}: ${problems}`,
      );
      const delayed = withBaseline({ operatingSystem: os, approvalRules: [{ approveAfterDays: 7 }] });
      assert.equal(/take no approval delay/.test(delayed), !entry.approvalDelay, `${os}: ${delayed}`);
    }
  });
});
