import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { nameSuffix } from "./names";

export interface PatchGroupRegistrationArgs {
  /** The patch group (SCCM: collection), as instances carry it in their `Patch Group` tag. */
  readonly patchGroup: string;
  /** The operating system of the baseline: a patch group takes one baseline per operating system. */
  readonly operatingSystem: string;
  /** The baseline that serves the group for that operating system. */
  readonly baselineId: pulumi.Input<string>;
  /** Where the registration lived before it was keyed by (patch group, OS). @default none */
  readonly formerlyNamed?: { readonly name: string; readonly parent: pulumi.Resource };
}

/**
 * The resource name of a patch group's registration for one operating system. It names the
 * group and the OS, never the baseline, so a renamed baseline or a group moved to another baseline
 * of the same OS updates the one registration instead of adding a second one, which AWS refuses.
 */
export function registrationName(prefix: string, patchGroup: string, operatingSystem: string): string {
  return `${prefix}-group-${nameSuffix(patchGroup)}-${operatingSystem}`;
}

/**
 * Registers a baseline for a patch group. AWS has no update for a registration, so a new baseline
 * replaces it, and the old one must be deregistered first (deleteBeforeReplace): the group is
 * without its baseline only for the seconds between the two calls of one `pulumi up`.
 */
export function registerPatchGroup(prefix: string, args: PatchGroupRegistrationArgs, parent: pulumi.Resource): aws.ssm.PatchGroup {
  return new aws.ssm.PatchGroup(registrationName(prefix, args.patchGroup, args.operatingSystem), {
    baselineId: args.baselineId,
    patchGroup: args.patchGroup,
  }, { parent, deleteBeforeReplace: true, aliases: args.formerlyNamed ? [args.formerlyNamed] : [] });
}
