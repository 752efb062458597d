import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fc from "fast-check";
import * as path from "path";
import { patchBaselineInputs } from "../components/patching/PatchBaseline";
import { parseStackConfig } from "../config/load";
import * as limits from "../config/limits";
import model from "../config/ssm-model.json";

/**
 * Holds config/limits.ts to AWS's published SSM API model (config/ssm-model.json, extracted from
 * botocore's data/ssm/2014-11-06/service-2.json by scripts/ssm-model.py), and the extract to
 * botocore itself where it is installed.
 */
type ShapeName = keyof typeof model.shapes;
const shapes = model.shapes as Record<
  ShapeName,
  { min?: number; max?: number; pattern?: string; enum?: string[]; required?: string[] }
>;

describe("AWS model: config/limits.ts matches the published SSM API model", () => {
  const bounds: [keyof typeof limits.LIMITS, ShapeName][] = [
    ["baselineDescription", "BaselineDescription"],
    ["windowDescription", "MaintenanceWindowDescription"],
    ["globalFilters", "PatchFilterList"],
    ["approvalRules", "PatchRuleList"],
    ["filtersPerRule", "PatchFilterList"],
    ["filterValues", "PatchFilterValueList"],
    ["filterValueLength", "PatchFilterValue"],
    ["patchList", "PatchIdList"],
    ["patchNameLength", "PatchId"],
    ["sources", "PatchSourceList"],
    ["sourceProducts", "PatchSourceProductList"],
    ["sourceConfiguration", "PatchSourceConfiguration"],
    ["patchGroupLength", "PatchGroup"],
    ["approveAfterDays", "ApproveAfterDays"],
    ["scheduleLength", "MaintenanceWindowSchedule"],
    ["duration", "MaintenanceWindowDurationHours"],
    ["cutoff", "MaintenanceWindowCutoff"],
    ["scheduleOffset", "MaintenanceWindowOffset"],
    ["targetKeys", "Targets"],
    ["targetValues", "TargetValues"],
    ["comment", "Comment"],
    ["tagKey", "TagKey"],
    ["tagValue", "TagValue"],
    ["registrationLimit", "RegistrationLimit"],
  ];
  for (const [limit, shape] of bounds) {
    it(`${limit} is ${shape}'s maximum, ${shapes[shape].max}`, () => {
      assert.equal(limits.LIMITS[limit], shapes[shape].max);
    });
  }

  it('a rule takes at most 4 patch filters (PatchFilterGroup.PatchFilters: "Maximum number of 4 items")', () => {
    assert.equal(limits.LIMITS.filtersPerRule, 4);
    assert.deepEqual(shapes.PatchFilterGroup.required, ["PatchFilters"]);
  });

  it("timeouts span TimeoutSeconds", () => {
    assert.deepEqual(limits.LIMITS.timeoutSeconds, [shapes.TimeoutSeconds.min, shapes.TimeoutSeconds.max]);
  });

  const patterns: [string, RegExp, ShapeName][] = [
    ["RESOURCE_NAME", limits.RESOURCE_NAME, "BaselineName"],
    ["RESOURCE_NAME", limits.RESOURCE_NAME, "MaintenanceWindowName"],
    ["SOURCE_NAME", limits.SOURCE_NAME, "PatchSourceName"],
    ["MAX_CONCURRENCY", limits.MAX_CONCURRENCY, "MaxConcurrency"],
    ["MAX_ERRORS", limits.MAX_ERRORS, "MaxErrors"],
    ["TAG_KEY", limits.TAG_KEY, "TagKey"],
    ["TAG_VALUE", limits.TAG_VALUE, "TagValue"],
    ["PATCH_GROUP", limits.PATCH_GROUP, "PatchGroup"],
    ["TARGET_KEY", limits.TARGET_KEY, "TargetKey"],
    ["DOCUMENT_NAME", limits.DOCUMENT_NAME, "DocumentARN"],
  ];
  for (const [name, regex, shape] of patterns) {
    it(`${name} is ${shape}'s pattern`, () => assert.equal(regex.source, shapes[shape].pattern));
  }

  const enums: [string, readonly string[], ShapeName][] = [
    ["OPERATING_SYSTEMS", limits.OPERATING_SYSTEMS, "OperatingSystem"],
    ["COMPLIANCE_LEVELS", limits.COMPLIANCE_LEVELS, "PatchComplianceLevel"],
    ["PATCH_FILTER_KEYS", limits.PATCH_FILTER_KEYS, "PatchFilterKey"],
    ["REJECTED_PATCHES_ACTIONS", limits.REJECTED_PATCHES_ACTIONS, "PatchAction"],
    ["CUTOFF_BEHAVIORS", limits.CUTOFF_BEHAVIORS, "MaintenanceWindowTaskCutoffBehavior"],
    ["NOTIFICATION_EVENTS", limits.NOTIFICATION_EVENTS, "NotificationEvent"],
  ];
  for (const [name, values, shape] of enums) {
    it(`${name} holds exactly ${shape}'s values`, () =>
      assert.deepEqual([...values].sort(), [...shapes[shape].enum!].sort()));
  }

  it("the checked-in extract is what scripts/ssm-model.py reads from the installed botocore", function () {
    let fresh: string;
    try {
      fresh = execFileSync("python3", [path.join(__dirname, "..", "scripts", "ssm-model.py")], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch {
      this.skip(); // no python3 with botocore on this machine: the extract stands on its own
      return;
    }
    assert.deepEqual(JSON.parse(fresh).shapes, model.shapes);
  });
});

describe("AWS model: every config the schema accepts declares baseline inputs AWS accepts", () => {
  const within = (value: string, shape: ShapeName) => {
    const s = shapes[shape];
    return (
      value.length >= (s.min ?? 0) &&
      value.length <= (s.max ?? Infinity) &&
      (!s.pattern || new RegExp(s.pattern, "u").test(value))
    );
  };
  const word = fc.constantFrom(
    "Critical",
    "Important",
    "Security",
    "SecurityUpdates",
    "*",
    "WindowsServer2022",
    "Office",
    "AmazonLinux2023",
    "x".repeat(64),
  );
  const values = fc.array(word, { minLength: 1, maxLength: 21 });
  const filterKey = fc.oneof(
    { arbitrary: fc.constantFrom("PRODUCT", "CLASSIFICATION", "SECTION"), weight: 4 },
    { arbitrary: fc.constantFrom(...limits.PATCH_FILTER_KEYS), weight: 1 },
  );
  const rule = fc.record(
    {
      products: fc.option(values, { nil: undefined, freq: 2 }),
      classifications: fc.option(values, { nil: undefined, freq: 2 }),
      severities: fc.option(values, { nil: undefined, freq: 2 }),
      patchSet: fc.option(fc.constantFrom("OS", "APPLICATION"), { nil: undefined, freq: 1 }),
      productFamilies: fc.option(values, { nil: undefined, freq: 1 }),
      filters: fc.array(fc.record({ key: filterKey, values }), { maxLength: 5, size: "xsmall" }),
      approveAfterDays: fc.option(fc.integer({ min: -1, max: 361 }), { nil: undefined, freq: 8 }),
    },
    { requiredKeys: ["filters"] },
  );
  const baseline = fc.record({
    operatingSystem: fc.constantFrom(...limits.OPERATING_SYSTEMS),
    approvalRules: fc.array(rule, { maxLength: 11, size: "xsmall" }),
    globalFilters: fc.array(fc.record({ key: filterKey, values }), { maxLength: 5, size: "xsmall" }),
    tags: fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 3 }),
  });

  it("patch filters: 1-4 per rule (provider: patch_filter is Required), keys from the enum, 1-20 values of 1-64", () => {
    let accepted = 0;
    fc.assert(
      fc.property(baseline, ({ tags, ...b }) => {
        let config;
        try {
          config = parseStackConfig({ tags, baselines: { "Generated-Baseline": b } }, "prop");
        } catch {
          return true; // refused before anything is declared
        }
        accepted++;
        const inputs = patchBaselineInputs({
          ...config.baselines["Generated-Baseline"],
          baselineName: "Generated-Baseline",
          tags: config.tags,
        });
        const rules = inputs.approvalRules as {
          patchFilters: { key: string; values: string[] }[];
          approveAfterDays?: number;
        }[];
        assert.ok(rules.length <= shapes.PatchRuleList.max!);
        for (const r of rules) {
          assert.ok(
            r.patchFilters.length >= 1 && r.patchFilters.length <= shapes.PatchFilterList.max!,
            JSON.stringify(r.patchFilters),
          );
          for (const f of [...r.patchFilters, ...(inputs.globalFilters as typeof r.patchFilters)]) {
            assert.ok(shapes.PatchFilterKey.enum!.includes(f.key));
            assert.ok(f.values.length >= 1 && f.values.length <= shapes.PatchFilterValueList.max!);
            assert.ok(f.values.every((v) => within(v, "PatchFilterValue")));
          }
        }
        for (const [k, v] of Object.entries(config.tags))
          assert.ok(within(k, "TagKey") && within(v, "TagValue"), `${k}=${v}`);
        return true;
      }),
      { numRuns: 400, seed: 9 },
    );
    assert.ok(accepted > 20, `only ${accepted} generated configs were accepted; the property tested too little`);
  });
});
