import { strict as assert } from "assert";
import { baselineArgs } from "../stack/baselineArgs";
import { parsedWindow } from "./helpers/components";

describe("stack wiring: baseline config becomes PatchBaseline args", () => {
  it("turns rule shorthands into the OS's patch filters, in a stable order", () => {
    const config = parsedWindow((raw) => {
      raw.baselines["AL2023"] = {
        operatingSystem: "AMAZON_LINUX_2023",
        patchGroups: ["Linux"],
        globalFilters: [{ key: "PRODUCT", values: ["AmazonLinux2023"] }],
        approvalRules: [
          { classifications: ["Security"], severities: ["Critical"], approveAfterDays: 3, enableNonSecurity: true },
        ],
        sources: [
          {
            name: "internal-repo",
            products: ["AmazonLinux2023"],
            configuration: "[internal]\nbaseurl=https://repo.example.com",
          },
        ],
      };
      raw.baselines["Windows-Test"].approvalRules = [
        {
          patchSet: "APPLICATION",
          productFamilies: ["Office"],
          products: ["Office 2016"],
          approveUntilDate: "2026-11-10",
        },
      ];
    });
    const linux = baselineArgs("AL2023", config.baselines.AL2023, { Environment: "unit" });
    assert.deepEqual(linux.approvalRules, [
      {
        patchFilters: [
          { key: "CLASSIFICATION", values: ["Security"] },
          { key: "SEVERITY", values: ["Critical"] },
        ],
        approveAfterDays: 3,
        approveUntilDate: undefined,
        complianceLevel: "UNSPECIFIED",
        enableNonSecurity: true,
      },
    ]);
    assert.deepEqual(linux.sources, [
      {
        name: "internal-repo",
        products: ["AmazonLinux2023"],
        configuration: "[internal]\nbaseurl=https://repo.example.com",
      },
    ]);
    assert.equal("patchGroups" in linux, false);
    assert.deepEqual(
      baselineArgs("Windows-Test", config.baselines["Windows-Test"], {}).approvalRules![0].patchFilters,
      [
        { key: "PATCH_SET", values: ["APPLICATION"] },
        { key: "PRODUCT_FAMILY", values: ["Office"] },
        { key: "PRODUCT", values: ["Office 2016"] },
      ],
    );
  });
});
