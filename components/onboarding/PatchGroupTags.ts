import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import { DEFAULT_PATCH_GROUP_TAG_KEY, PatchGroupTagKey } from "../names";

export interface PatchGroupTagsArgs {
  /** Patch group → existing EC2 instance ids (an instance in one group only). */
  readonly instances: Record<string, readonly string[]>;
  /** @default "Patch Group" */
  readonly tagKey?: PatchGroupTagKey;
}

/** The walkthrough's "Add/Edit Tags" step as code: puts existing instances into their patch groups. */
export class PatchGroupTags extends pulumi.ComponentResource {
  public readonly tags: aws.ec2.Tag[];

  constructor(name: string, args: PatchGroupTagsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:ec2:PatchGroupTags", name, {}, opts);
    this.tags = Object.entries(args.instances).flatMap(([group, ids]) =>
      ids.map(
        (id) =>
          new aws.ec2.Tag(
            `${name}-${id}`,
            {
              resourceId: id,
              key: args.tagKey ?? DEFAULT_PATCH_GROUP_TAG_KEY,
              value: group,
            },
            { parent: this },
          ),
      ),
    );
    this.registerOutputs({ tagged: this.tags.length });
  }
}
