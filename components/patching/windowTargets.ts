import { DEFAULT_PATCH_GROUP_TAG_KEY, formerSuffixes, nameSuffix } from "../names";
import type { MaintenanceWindowArgs } from "./MaintenanceWindow";

/** One target registration; separate registrations are a union, keys inside one are all required. */
export interface WindowTargetSpec {
  readonly suffix: string;
  /** The suffix the first release gave this target, where it differs: an alias keeps its URN. */
  readonly formerSuffix?: string;
  readonly resourceType: "INSTANCE" | "RESOURCE_GROUP";
  readonly description: string;
  readonly targets: { key: string; values: string[] }[];
}

/** The target registrations a window needs: patch groups, tags, instance ids, one per resource group. */
export function windowTargetSpecs(
  args: Pick<MaintenanceWindowArgs, "patchGroups" | "targets" | "patchGroupTagKey">,
): WindowTargetSpec[] {
  const specs: WindowTargetSpec[] = [];
  const tagKey = args.patchGroupTagKey ?? DEFAULT_PATCH_GROUP_TAG_KEY;
  const patchGroups = args.patchGroups ?? [];
  if (patchGroups.length > 0) {
    specs.push({
      suffix: "patch-groups",
      resourceType: "INSTANCE",
      description: `Patch groups ${patchGroups.join(", ")}`,
      targets: [{ key: `tag:${tagKey}`, values: [...patchGroups] }],
    });
  }
  const { tags, instanceIds, resourceGroups } = args.targets ?? {};
  if (tags && Object.keys(tags).length > 0) {
    specs.push({
      suffix: "tags",
      resourceType: "INSTANCE",
      description: "Instances with matching tags",
      targets: Object.entries(tags).map(([key, values]) => ({ key: `tag:${key}`, values: [...values] })),
    });
  }
  if (instanceIds && instanceIds.length > 0) {
    specs.push({
      suffix: "instances",
      resourceType: "INSTANCE",
      description: "Listed instances",
      targets: [{ key: "InstanceIds", values: [...instanceIds] }],
    });
  }
  const former = formerSuffixes(resourceGroups ?? []);
  for (const group of resourceGroups ?? []) {
    const formerSuffix =
      former.has(group) && former.get(group) !== nameSuffix(group) ? `rg-${former.get(group)}` : undefined;
    specs.push({
      suffix: `rg-${nameSuffix(group)}`,
      formerSuffix,
      resourceType: "RESOURCE_GROUP",
      description: `Resource group ${group}`,
      targets: [{ key: "resource-groups:Name", values: [group] }],
    });
  }
  return specs;
}
