import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";

export interface PatchNowHooks {
  readonly preInstall?: string;
  readonly postInstall?: string;
  readonly onExit?: string;
}

export interface PatchNowDocumentArgs {
  /** The document's name, unique in the account and region. */
  readonly documentName: string;
  /**
   * The stack's patch-log bucket: the only place an install-override list may come from.
   * @default - no install-override list can be given
   */
  readonly overrideBucketName?: pulumi.Input<string>;
  /** Key prefix of the override lists in that bucket, e.g. `prod/patch-now/`. */
  readonly overridePrefix: string;
  /** Hooks the stack fixes: AWS-RunPatchBaselineWithHooks runs them. @default - AWS-RunPatchBaseline, no hooks */
  readonly hooks?: PatchNowHooks;
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/** The stack's patch-now document: `patching patch-now` finds it by this name. */
export const patchNowDocumentName = (environment: string) => `patching-${environment}-patch-now`;

/** What an operator may choose when patching now; everything else is the stack's. */
const OVERRIDE_FILE = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\.yaml";
/** AWS-RunPatchBaseline's own SnapshotId pattern: a version 4 GUID, or empty. */
const SNAPSHOT_ID = "(^$)|^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-4[0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$";
const REGEX_SPECIALS = /[.*+?^${}()|[\]\\/]/g;

/**
 * The patch-now Command document (schema 2.2): `aws:runDocument` runs AWS-RunPatchBaseline (or
 * AWS-RunPatchBaselineWithHooks with the stack's hooks) with only Operation, RebootOption and an
 * install-override list that must be an S3 object under this stack's prefix in its log bucket
 * (AWS-RunPatchBaseline takes `s3://bucket/key` for a private bucket). No BaselineOverride, no
 * document names, no other location: SendCommand on this document cannot do more than that.
 */
export function patchNowDocumentContent(bucket: string | undefined, prefix: string, hooks?: PatchNowHooks) {
  const location = `s3://${bucket}/${prefix}`;
  const escaped = location.replace(REGEX_SPECIALS, "\\$&");
  const overrideParameter = bucket
    ? {
        InstallOverrideList: {
          type: "String",
          default: "",
          allowedPattern: `^(${escaped}${OVERRIDE_FILE})?$`,
          description: `Empty, or an override list (YAML) under ${location}: install only these patches.`,
        },
      }
    : {};
  const hookParameters = hooks
    ? {
        PreInstallHookDocName: hooks.preInstall ?? "AWS-Noop",
        PostInstallHookDocName: hooks.postInstall ?? "AWS-Noop",
        OnExitHookDocName: hooks.onExit ?? "AWS-Noop",
      }
    : {};
  return {
    schemaVersion: "2.2",
    description: `Patch now with Patch Manager: scan or install this stack's approved patches${bucket ? `, optionally only those of an install-override list under ${location}` : ""}.`,
    parameters: {
      Operation: {
        type: "String",
        allowedValues: ["Scan", "Install"],
        default: "Scan",
        description: "Scan or Install.",
      },
      RebootOption: {
        type: "String",
        allowedValues: ["RebootIfNeeded", "NoReboot"],
        default: "RebootIfNeeded",
        description: "Reboot after installing, if needed.",
      },
      SnapshotId: {
        type: "String",
        default: "",
        allowedPattern: SNAPSHOT_ID,
        description: "A GUID shared by every node of one run, so all evaluate the same baseline snapshot.",
      },
      ...overrideParameter,
    },
    mainSteps: [
      {
        action: "aws:runDocument",
        name: "runPatchBaseline",
        inputs: {
          documentType: "SSMDocument",
          documentPath: hooks ? "AWS-RunPatchBaselineWithHooks" : "AWS-RunPatchBaseline",
          documentParameters: {
            Operation: "{{ Operation }}",
            RebootOption: "{{ RebootOption }}",
            SnapshotId: "{{ SnapshotId }}",
            ...(bucket ? { InstallOverrideList: "{{ InstallOverrideList }}" } : {}),
            ...hookParameters,
          },
        },
      },
    ],
  };
}

/**
 * Where a deployed patch-now document takes install-override lists from (`s3://bucket/prefix/`), read
 * back from its content (GetDocument): the document, not the stack file, knows the bucket's name.
 */
export function overrideLocationOf(content: string): string | undefined {
  const parameters = (JSON.parse(content) as ReturnType<typeof patchNowDocumentContent>).parameters;
  const pattern = parameters.InstallOverrideList?.allowedPattern;
  const escaped = pattern?.match(/^\^\((.*?)\[A-Za-z0-9\]/)?.[1];
  return escaped?.replace(/\\(.)/g, "$1");
}

/** The stack-owned document administrators may run now (SCCM: an out-of-band deployment), and nothing else. */
export class PatchNowDocument extends pulumi.ComponentResource {
  public readonly documentName: pulumi.Output<string>;
  public readonly documentArn: pulumi.Output<string>;

  constructor(name: string, args: PatchNowDocumentArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:ssm:PatchNowDocument", name, {}, opts);
    const document = new aws.ssm.Document(
      `${name}-document`,
      {
        name: args.documentName,
        documentType: "Command",
        documentFormat: "JSON",
        content: pulumi
          .output(args.overrideBucketName)
          .apply((bucket) => JSON.stringify(patchNowDocumentContent(bucket, args.overridePrefix, args.hooks))),
        tags: args.tags,
      },
      { parent: this },
    );
    this.documentName = document.name;
    this.documentArn = document.arn;
    this.registerOutputs({ documentName: this.documentName, documentArn: this.documentArn });
  }
}
