import { strict as assert } from "assert";
import { overrideLocationOf, patchNowDocumentContent } from "../components/patching/PatchNowDocument";
import { generatedName } from "../offline/recordingRuntime";
import { buildStackFile, named } from "./helpers/run";

/**
 * The patch-now document, held to AWS's SSM document schema 2.2 and the aws:runDocument plugin as the
 * Systems Manager user guide documents them (awsdocs/aws-systems-manager-user-guide,
 * doc_source/ssm-plugins.md "aws:runDocument": inputs documentType SSMDocument|LocalPath,
 * documentPath, documentParameters as a StringMap), and to AWS-RunPatchBaseline's parameters
 * (doc_source/patch-manager-about-aws-runpatchbaseline.md: InstallOverrideList takes an Amazon S3
 * path-style URL, s3://bucket/key, for a private bucket).
 */
describe("patch now: the stack-owned command document", () => {
  const doc = patchNowDocumentContent("logs-bucket", "prod/patch-now/");

  it("is schema 2.2 with one aws:runDocument step running AWS-RunPatchBaseline with the operator's four choices", () => {
    assert.equal(doc.schemaVersion, "2.2");
    assert.deepEqual(Object.keys(doc.parameters), ["Operation", "RebootOption", "SnapshotId", "InstallOverrideList"]);
    for (const p of Object.values(doc.parameters)) assert.equal(p.type, "String");
    assert.deepEqual(doc.parameters.Operation.allowedValues, ["Scan", "Install"]);
    assert.deepEqual(doc.parameters.RebootOption.allowedValues, ["RebootIfNeeded", "NoReboot"]);
    assert.deepEqual(doc.mainSteps, [
      {
        action: "aws:runDocument",
        name: "runPatchBaseline",
        inputs: {
          documentType: "SSMDocument",
          documentPath: "AWS-RunPatchBaseline",
          documentParameters: {
            Operation: "{{ Operation }}",
            RebootOption: "{{ RebootOption }}",
            SnapshotId: "{{ SnapshotId }}",
            InstallOverrideList: "{{ InstallOverrideList }}",
          },
        },
      },
    ]);
    // A StringMap: every documentParameters value is a string; no BaselineOverride, no hook a caller picks.
    for (const v of Object.values(doc.mainSteps[0].inputs.documentParameters)) assert.equal(typeof v, "string");
    assert.ok(!JSON.stringify(doc).includes("BaselineOverride"));
  });

  it("takes an override list only from the stack's prefix in its log bucket", () => {
    const pattern = new RegExp((doc.parameters as any).InstallOverrideList.allowedPattern);
    for (const ok of [
      "",
      "s3://logs-bucket/prod/patch-now/KB5034441.yaml",
      "s3://logs-bucket/prod/patch-now/cve-2026-1234.yaml",
    ])
      assert.ok(pattern.test(ok), ok);
    for (const refused of [
      "s3://other-bucket/prod/patch-now/kb.yaml",
      "s3://logs-bucket/test/patch-now/kb.yaml",
      "s3://logs-bucket/prod/patch-now/../../kb.yaml",
      "s3://logs-bucket/prod/patch-now/sub/kb.yaml",
      "https://evil.example.com/prod/patch-now/kb.yaml",
      "s3://logs-bucketXprod/patch-now/kb.yaml",
    ])
      assert.ok(!pattern.test(refused), refused);
  });

  it("takes AWS-RunPatchBaseline's own SnapshotId form: empty or a version 4 GUID, one per run", () => {
    // The page's best practice for runs outside a window: one custom GUID for every node of a run.
    const pattern = new RegExp(doc.parameters.SnapshotId.allowedPattern);
    for (const ok of ["", "12345699-9405-4f69-bc5e-9315aa1b2c3d"]) assert.ok(pattern.test(ok), ok);
    for (const refused of ["x", "12345699-9405-1f69-bc5e-9315aa1b2c3d", "12345699-9405-4f69-bc5e-9315aa1b2c3d;"])
      assert.ok(!pattern.test(refused), refused);
  });

  it("gives back its override location from its content, as GetDocument returns it", () => {
    assert.equal(overrideLocationOf(JSON.stringify(doc)), "s3://logs-bucket/prod/patch-now/");
    const dotted = patchNowDocumentContent("logs.example-1", "staging-2/patch-now/");
    assert.equal(overrideLocationOf(JSON.stringify(dotted)), "s3://logs.example-1/staging-2/patch-now/");
    assert.equal(overrideLocationOf(JSON.stringify(patchNowDocumentContent(undefined, "p/"))), undefined);
  });

  it("runs the stack's fixed hooks through AWS-RunPatchBaselineWithHooks, AWS-Noop for those not set", () => {
    const hooked = patchNowDocumentContent("b", "p/", { preInstall: "Drain-Node" });
    assert.equal(hooked.mainSteps[0].inputs.documentPath, "AWS-RunPatchBaselineWithHooks");
    assert.deepEqual(hooked.mainSteps[0].inputs.documentParameters, {
      Operation: "{{ Operation }}",
      RebootOption: "{{ RebootOption }}",
      SnapshotId: "{{ SnapshotId }}",
      InstallOverrideList: "{{ InstallOverrideList }}",
      PreInstallHookDocName: "Drain-Node",
      PostInstallHookDocName: "AWS-Noop",
      OnExitHookDocName: "AWS-Noop",
    });
  });

  it("prod declares it as a Command document over the stack's own log bucket", async () => {
    const { resources } = await buildStackFile("prod");
    const document = named(resources, "patching-onboarding-patch-now-document");
    assert.deepEqual([document.inputs.documentType, document.inputs.documentFormat], ["Command", "JSON"]);
    const content = JSON.parse(document.inputs.content);
    assert.equal(content.parameters.InstallOverrideList.default, "");
    assert.ok(
      new RegExp(content.parameters.InstallOverrideList.allowedPattern).test(
        `s3://${generatedName("patching-compliance-logs-bucket").toLowerCase()}/prod/patch-now/kb.yaml`,
      ),
    );
  });
});
