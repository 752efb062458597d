import * as fs from "fs";
import * as path from "path";
import { DateTime } from "luxon";
import { parseDocument } from "yaml";
import { ACTIVATION_ROTATION_DAYS } from "../config/limits";
import { NAMESPACE } from "../config/load";
import { projectDir, readStackFile } from "../config/stackFile";

export interface RotateOptions {
  readonly stack: string;
  /** Days from `now` until the new expiry, 1-29. @default 29 */
  readonly days?: number;
  /** @default now */
  readonly now?: DateTime;
  /** @default the current directory */
  readonly dir?: string;
}

/**
 * `patching activation rotate`: writes a new expirationDate into Pulumi.<stack>.yaml, keeping the
 * file's comments and layout. The next `pulumi up` replaces the activation, which gets a new id and
 * code; servers already registered stay managed. Returns the one line the command prints.
 */
export function rotateActivation(options: RotateOptions): string {
  const dir = projectDir(options.dir);
  const days = options.days ?? ACTIVATION_ROTATION_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > ACTIVATION_ROTATION_DAYS)
    throw new Error(`--days ${days} must be a whole number from 1 to ${ACTIVATION_ROTATION_DAYS}`);
  readStackFile(options.stack, dir); // names the known stacks when this one has no file
  const file = path.join(dir, `Pulumi.${options.stack}.yaml`);
  const doc = parseDocument(fs.readFileSync(file, "utf8"));
  const key = ["config", `${NAMESPACE}:onboarding`, "hybridActivation"];
  const activation = doc.getIn(key, true) as { get(k: string): unknown } | undefined;
  if (!activation || activation.get("enabled") !== true) {
    throw new Error(`Pulumi.${options.stack}.yaml has no enabled ${NAMESPACE}:onboarding.hybridActivation to rotate`);
  }
  const previous = activation.get("expirationDate");
  const expires = (options.now ?? DateTime.utc()).toUTC().plus({ days }).startOf("day");
  const value = expires.toISO({ suppressMilliseconds: true })!.replace(".000", "");
  doc.setIn([...key, "expirationDate"], value);
  fs.writeFileSync(file, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
  return `Pulumi.${options.stack}.yaml: ${NAMESPACE}:onboarding.hybridActivation.expirationDate ${previous ?? "(unset)"} → ${value}; run pulumi up -s ${options.stack} to replace the activation, then hand the new code (pulumi stack output activationCode --show-secrets) to the servers still to register`;
}
