import { z } from "zod";
import { DateTime } from "luxon";
import { ISO_DATE, LIMITS, PATCH_GROUP, TAG_KEY, TAG_VALUE, KMS_KEY_ARN } from "../limits";
import { CronSyntaxError, parseSchedule, parseWindowDate, ScheduleTarget } from "../../schedule/expression";

/**
 * The stack config schema: the single source of truth for the shape, defaults and AWS limits
 * of every `patching:*` key. Each `.describe()` text is the key's documentation.
 */

export const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(", ")}` });
export const int = (min: number, max: number) =>
  z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(min, `must be from ${min} to ${max}`)
    .max(max, `must be from ${min} to ${max}`);
/** Unicode's bidirectional controls (UAX #9): they make text read otherwise than it runs (CVE-2021-42574). */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** Free text AWS stores and shows: descriptions, comments, prefixes; never with a bidirectional control. */
export const text = (min: number, max: number) =>
  z
    .string({ error: "must be a string" })
    .min(min, `must be ${min}-${max} characters`)
    .max(max, `must be ${min}-${max} characters`)
    .refine((value) => !BIDI_CONTROL.test(value), {
      message:
        "contains a Unicode bidirectional control character (U+061C, U+200E/F, U+202A-E, U+2066-9), which makes text read otherwise than it is stored (CVE-2021-42574); remove it",
    });

/**
 * An e-mail address within RFC 5321's limits (section 4.5.3.1: a local part of at most 64 octets and
 * a path of at most 256, so an address of at most 254 characters).
 */
export const emailAddress = z
  .email("must be an email address")
  .max(254, "must be at most 254 characters (RFC 5321 section 4.5.3.1)")
  .refine((e) => e.slice(0, e.lastIndexOf("@")).length <= 64, {
    message: "has a local part (before @) over 64 characters (RFC 5321 section 4.5.3.1.1)",
  });
export const list = <T extends z.ZodType>(item: T, max: number) =>
  z.array(item, { error: "must be a list" }).max(max, `must have at most ${max} entries`);
export const isoDate = z
  .string({ error: "must be a string" })
  .regex(ISO_DATE, "must be a date YYYY-MM-DD")
  .refine((v) => DateTime.fromISO(v).isValid, "must be a real calendar date");
export const isoTimestamp = z
  .string({ error: "must be a string" })
  .refine((v) => parseWindowDate(v) !== undefined, "must be an ISO-8601 timestamp, e.g. 2026-01-01T00:00:00Z");
/** RFC 3339, as the provider requires for an activation's expirationDate: a date, a time and a zone. */
export const rfc3339 = z
  .string({ error: "must be a string" })
  .refine(
    (v) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && parseWindowDate(v) !== undefined,
    "must be an RFC 3339 timestamp with a time and zone, e.g. 2026-01-01T00:00:00Z",
  );
export const TAG_CHARACTERS = "must use only letters, digits, spaces and _ . : / = + - @ (AWS's tag pattern)";

export const patchGroupName = text(1, LIMITS.patchGroupLength).regex(PATCH_GROUP, TAG_CHARACTERS);

export const tagsSchema = z
  .record(
    text(1, LIMITS.tagKey)
      .regex(TAG_KEY, TAG_CHARACTERS)
      .refine((k) => !k.toLowerCase().startsWith("aws:"), "tag keys must not start with aws:"),
    text(0, LIMITS.tagValue).regex(TAG_VALUE, TAG_CHARACTERS),
  )
  .refine(
    (t) => Object.keys(t).length <= LIMITS.tagsPerResource - 5,
    `must have at most ${LIMITS.tagsPerResource - 5} tags (5 are reserved for the stack's own)`,
  );

export const kmsKeyArn = z.string().regex(KMS_KEY_ARN, "must be a KMS key or alias ARN");
/** A schedule held to AWS's rules for its target (schedule/rules.ts), each refusal quoting the rule. */
export const scheduleFor = (target: ScheduleTarget) =>
  text(1, LIMITS.scheduleLength).superRefine((value, ctx) => {
    try {
      parseSchedule(value, target);
    } catch (e) {
      if (!(e instanceof CronSyntaxError)) throw e;
      ctx.addIssue({ code: "custom", input: value, message: e.message });
    }
  });
/** State Manager schedules: rate(30 minutes) to under rate(31 days), or the crons AWS lists for associations. */
export const associationSchedule = scheduleFor("association");
export const enabled = (what: string, byDefault = false) =>
  z.boolean({ error: "must be true or false" }).default(byDefault).describe(`${what} @default ${byDefault}`);
