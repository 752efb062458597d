import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import { nameSuffix } from "../names";
import { OperatingSystem } from "./operatingSystems";

export interface PatchGroupRegistrationArgs {
  /** The patch group (SCCM: collection), as instances carry it in their `Patch Group` tag. */
  readonly patchGroup: string;
  /** The operating system of the baseline: a patch group takes one baseline per operating system. */
  readonly operatingSystem: OperatingSystem;
  /** The baseline that serves the group for that operating system. */
  readonly baselineId: pulumi.Input<string>;
  /** Where the registration lived before it was keyed by (patch group, OS). @default none */
  readonly formerlyNamed?: FormerName;
}

/**
 * A resource's earlier name under an earlier parent, kept as an alias so its URN keeps resolving.
 * The parent is given as a URN or type chain, never as the Resource: an alias naming the parent
 * Resource makes the SDK walk its whole object graph for unknowns, once per alias (measured: 29 s
 * instead of 1.4 s for 200 patch groups), and this SDK ignores an alias's `parentUrn`.
 */
export interface FormerName {
  readonly name: string;
  /** The earlier parent: its URN, or its type chain when that is known without waiting for the engine. */
  readonly parent: { readonly urn: pulumi.Input<string> } | { readonly typeChain: string };
}

/** The alias URN; from a known type chain it is a plain string, which costs the SDK nothing to resolve. */
const aliasOf = (type: string, former?: FormerName): pulumi.Input<string>[] => {
  if (!former) return [];
  if ("typeChain" in former.parent) {
    return [
      `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${former.parent.typeChain}$${type}::${former.name}`,
    ];
  }
  return [pulumi.createUrn(former.name, type, former.parent.urn)];
};

/**
 * The resource name of a patch group's registration for one operating system. It names the
 * group and the OS, never the baseline, so a renamed baseline or a group moved to another baseline
 * of the same OS updates the one registration instead of adding a second one, which AWS refuses.
 */
export function registrationName(prefix: string, patchGroup: string, operatingSystem: OperatingSystem): string {
  return `${prefix}-group-${nameSuffix(patchGroup)}-${operatingSystem}`;
}

/**
 * Registers a baseline for a patch group. AWS has no update for a registration, so a new baseline
 * replaces it, and the old one must be deregistered first (deleteBeforeReplace): the group is
 * without its baseline only for the seconds between the two calls of one `pulumi up`.
 */
export function registerPatchGroup(
  prefix: string,
  args: PatchGroupRegistrationArgs,
  parent: pulumi.Resource,
): aws.ssm.PatchGroup {
  return new aws.ssm.PatchGroup(
    registrationName(prefix, args.patchGroup, args.operatingSystem),
    {
      baselineId: args.baselineId,
      patchGroup: args.patchGroup,
    },
    { parent, deleteBeforeReplace: true, aliases: aliasOf("aws:ssm/patchGroup:PatchGroup", args.formerlyNamed) },
  );
}

/**
 * Makes a baseline its operating system's default, keyed by the OS alone. Deleting this resource
 * resets the default to AWS's own baseline, so when another baseline takes over (a renamed one)
 * the old registration must go first (deleteBeforeReplace), or it would reset the new default.
 */
export function registerDefaultBaseline(
  prefix: string,
  operatingSystem: OperatingSystem,
  baselineId: pulumi.Input<string>,
  parent: pulumi.Resource,
  formerlyNamed?: FormerName,
): aws.ssm.DefaultPatchBaseline {
  return new aws.ssm.DefaultPatchBaseline(
    `${prefix}-default-${operatingSystem}`,
    { baselineId, operatingSystem },
    {
      parent,
      deleteBeforeReplace: true,
      aliases: aliasOf("aws:ssm/defaultPatchBaseline:DefaultPatchBaseline", formerlyNamed),
    },
  );
}
