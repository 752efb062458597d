import { strict as assert } from "assert";
import { rawConfigFromStackFile } from "../config/stackConfig";
import recorded from "./fixtures/urns.json";
import { engineDiff } from "./helpers/graph";
import { buildConfig, buildStackFile, minimalConfig } from "./helpers/run";

const PATCH_GROUP = "aws:ssm/patchGroup:PatchGroup";

describe("renames: every URN of the shipped stacks keeps resolving", () => {
  // tests/fixtures/urns.json: each stack's URNs under mocks as first released. The engine matches a
  // resource by URN or alias, so a URN that neither names would be deleted and re-created.
  for (const stack of ["dev", "test", "prod"] as const) {
    it(`${stack}: nothing recorded is deleted, nothing is new that the stack file does not ask for`, async () => {
      const { resources } = await buildStackFile(stack);
      const diff = engineDiff(recorded[stack], resources);
      assert.deepEqual(diff.deleted, []);
      assert.deepEqual(
        diff.created.map((r) => r.urn),
        [],
      );
    });
  }

  it("patch group registrations moved out of the baseline component, each found again by its alias", async () => {
    const { resources } = await buildStackFile("prod");
    const diff = engineDiff(recorded.prod, resources);
    const moved = diff.kept.filter((k) => k.resource.type === PATCH_GROUP);
    assert.deepEqual(moved.map((k) => [k.urn.split("::").pop(), k.resource.name]).sort(), [
      ["patching-AL2023-Prod-group-Prod-Linux", "patching-group-Prod-Linux-AMAZON_LINUX_2023"],
      ["patching-AL2023-Prod-group-Prod-Web", "patching-group-Prod-Web-AMAZON_LINUX_2023"],
      ["patching-Windows-Prod-group-Prod-App", "patching-group-Prod-App-WINDOWS"],
      ["patching-Windows-Prod-group-Prod-OnPrem", "patching-group-Prod-OnPrem-WINDOWS"],
      ["patching-Windows-Prod-group-Prod-Web", "patching-group-Prod-Web-WINDOWS"],
    ]);
  });
});

describe("renames: a renamed baseline or a moved patch group deploys in one pulumi up", () => {
  const prod = () => rawConfigFromStackFile("prod").raw as Record<string, any>;

  it("renaming AL2023-Prod to AL2023-Prod-v2 replaces each registration in place, old one deleted first", async () => {
    const before = await buildConfig(prod(), "prod");
    const raw = prod();
    raw.baselines["AL2023-Prod-v2"] = raw.baselines["AL2023-Prod"];
    delete raw.baselines["AL2023-Prod"];
    const after = await buildConfig(raw, "prod");
    const diff = engineDiff(before.resources, after.resources);

    // No registration is created beside the old one (AWS: AlreadyExistsException, one baseline per OS),
    // and none is deleted without its successor: each is the same resource with a new baselineId.
    assert.deepEqual(
      diff.created.filter((r) => r.type === PATCH_GROUP),
      [],
    );
    assert.ok(
      diff.deleted.every((urn) => !urn.includes(PATCH_GROUP)),
      diff.deleted.join("\n"),
    );
    const registrations = diff.kept.filter((k) => k.resource.type === PATCH_GROUP && k.changed.length > 0);
    assert.deepEqual(
      registrations
        .map((k) => [k.resource.name, k.changed, k.resource.inputs.baselineId, k.resource.deleteBeforeReplace])
        .sort(),
      [
        ["patching-group-Prod-Linux-AMAZON_LINUX_2023", ["baselineId"], "patching-AL2023-Prod-v2-baseline-id", true],
        ["patching-group-Prod-Web-AMAZON_LINUX_2023", ["baselineId"], "patching-AL2023-Prod-v2-baseline-id", true],
      ],
    );
    assert.deepEqual(diff.created.map((r) => r.name).sort(), [
      "patching-AL2023-Prod-v2",
      "patching-AL2023-Prod-v2-baseline",
    ]);
    assert.deepEqual(diff.deleted.map((urn) => urn.split("::").pop()).sort(), [
      "patching-AL2023-Prod",
      "patching-AL2023-Prod-baseline",
    ]);
  });

  it("renaming the default Windows-Prod keeps it the default: the old registration goes first, never last", async () => {
    // Deleting a DefaultPatchBaseline resets the OS default to AWS's baseline; deleted last, it would
    // undo the new registration. Keyed by OS and replaced deregister-first, it cannot.
    const before = await buildConfig(prod(), "prod");
    const raw = prod();
    raw.baselines["Windows-Prod-2027"] = raw.baselines["Windows-Prod"];
    delete raw.baselines["Windows-Prod"];
    const diff = engineDiff(before.resources, (await buildConfig(raw, "prod")).resources);
    const defaults = diff.kept.filter((k) => k.resource.type === "aws:ssm/defaultPatchBaseline:DefaultPatchBaseline");
    assert.deepEqual(
      defaults.map((k) => [k.resource.name, k.changed, k.resource.deleteBeforeReplace]),
      [["patching-default-WINDOWS", ["baselineId"], true]],
    );
    assert.ok(!diff.deleted.some((urn) => urn.includes("DefaultPatchBaseline")));
  });

  it("moving a patch group to another baseline of the same OS replaces its one registration", async () => {
    const raw = minimalConfig();
    raw.baselines["Windows-Next"] = {
      operatingSystem: "WINDOWS",
      patchGroups: [],
      approvalRules: [{ approveAfterDays: 0 }],
    };
    const before = await buildConfig(raw);
    raw.baselines["Windows-Test"].patchGroups = [];
    raw.baselines["Windows-Next"].patchGroups = ["Test"];
    const diff = engineDiff(before.resources, (await buildConfig(raw)).resources);
    assert.deepEqual(diff.created, []);
    assert.deepEqual(diff.deleted, []);
    const moved = diff.kept.filter((k) => k.changed.length > 0);
    assert.deepEqual(
      moved.map((k) => [k.resource.name, k.changed, k.resource.inputs.baselineId, k.resource.deleteBeforeReplace]),
      [["patching-group-Test-WINDOWS", ["baselineId"], "patching-Windows-Next-baseline-id", true]],
    );
  });
});

describe("renames: names that differ only in spaces or punctuation do not collide", () => {
  it("the mock runtime refuses a duplicate URN, as the engine does", async () => {
    const { RecordingMocks, settle } = await import("../offline/recordingRuntime");
    const aws = await import("@pulumi/aws");
    const mocks = new RecordingMocks();
    await mocks.install("unit");
    new aws.sns.Topic("same", {});
    new aws.sns.Topic("same", {});
    await settle();
    assert.deepEqual(mocks.duplicateUrns, ["urn:pulumi:unit::patching::aws:sns/topic:Topic::same"]);
  });

  it("patch groups and resource groups Prod Web, Prod-Web and Prod.Web each get their own resources", async () => {
    const raw = minimalConfig();
    raw.baselines["Windows-Test"].patchGroups = ["Test", "Prod Web", "Prod-Web", "Prod.Web", "Prod/Web"];
    raw.maintenanceWindows["Patching-Test"].targets = { resourceGroups: ["Prod Web", "Prod-Web", "Prod/Web"] };
    const { resources } = await buildConfig(raw);
    const names = (type: string) =>
      resources
        .filter((r) => r.type === type)
        .map((r) => r.name)
        .sort();
    // The hashes are the first 8 hex digits of the name's SHA-256, e.g. `printf 'Prod Web' | sha256sum`.
    assert.deepEqual(names(PATCH_GROUP), [
      "patching-group-Prod-Web-40672b11-WINDOWS",
      "patching-group-Prod-Web-51af7b3c-WINDOWS",
      "patching-group-Prod-Web-WINDOWS",
      "patching-group-Prod.Web-WINDOWS",
      "patching-group-Test-WINDOWS",
    ]);
    assert.deepEqual(
      names("aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget").filter((n) => n.includes("-rg-")),
      [
        "patching-Patching-Test-rg-Prod-Web",
        "patching-Patching-Test-rg-Prod-Web-40672b11",
        "patching-Patching-Test-rg-Prod-Web-51af7b3c",
      ],
    );
  });
});
