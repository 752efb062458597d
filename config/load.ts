import * as pulumi from "@pulumi/pulumi";
import { DateTime } from "luxon";
import { z } from "zod";
import { ACTIVATION_MAX_DAYS, RESOURCE_NAME } from "./limits";
import { parseSchedule, parseWindowDate, ScheduleTarget, undocumentedForms } from "../schedule/expression";
import { ParsedConfig, stackConfigSchema } from "./schema";
import { filterValueWarnings } from "./schema/baselines";
import { HOOKS } from "./schema/windows";
import { isMapping } from "./yamlFile";
import { unknownKeyAdvice } from "./keys";
import { UserError } from "../text/userError";

/** The project name: every key of ours reads `patching:<key>`. */
export const NAMESPACE = "patching";

/** The validated config of one stack, plus the stack it belongs to. */
export type StackConfig = ParsedConfig & { readonly stack: string; readonly environment: string };

/** Every problem of a stack config at once, one line each, thrown before anything is declared. */
export class ConfigError extends UserError {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid stack config (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n  - ${problems.join("\n  - ")}`,
    );
    this.name = "ConfigError";
  }
}

/** `patching:maintenanceWindows.Patching-Test.tasks.install.maxErrors`, `...approvalRules[0]...`. */
export function keyPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part, i) => {
    if (typeof part === "number") return `${acc}[${part}]`;
    const name = String(part);
    const plain = /^[\w.-]+$/.test(name) && !name.includes(".");
    if (i === 0) return `${NAMESPACE}:${name}`;
    return plain ? `${acc}.${name}` : `${acc}[${JSON.stringify(name)}]`;
  }, NAMESPACE);
}

function showValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  // Invisible and direction-changing characters are shown escaped, so the message shows them.
  const json = JSON.stringify(value).replace(/[\p{C}]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/** One line per zod issue: the full key path, the value given, and the rule it breaks. */
export function formatIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    const where = issue.path.length === 0 ? `${NAMESPACE}:` : `${keyPath(issue.path)}.`;
    return issue.keys.map((k) => `${where}${k}${unknownKeyAdvice(issue.path, k, keyPath)}`).join("\n");
  }
  // A bad record key (a window or baseline name, a tag key): the key's own rule is inside.
  const message = issue.code === "invalid_key" ? issue.issues.map((i) => i.message).join("; ") : typeMessage(issue);
  return `${keyPath(issue.path)} = ${showValue(issue.input)}: ${message}`;
}

/** Every patch group the stack serves: each one a baseline registers or a window targets, in first-seen order. */
export function servedPatchGroups(config: Pick<ParsedConfig, "baselines" | "maintenanceWindows">): string[] {
  return [
    ...new Set([
      ...Object.values(config.baselines).flatMap((b) => b.patchGroups),
      ...Object.values(config.maintenanceWindows).flatMap((w) => w.patchGroups),
    ]),
  ];
}

/**
 * Validates plain config values (keys without the `patching:` prefix) and returns the typed config.
 * Throws ConfigError listing every problem.
 */
export function parseStackConfig(raw: Record<string, unknown>, stack: string): StackConfig {
  // jitless: a stack's config is parsed once per run, and zod's compiled fast path costs more to
  // build than it saves then (about 15 ms of every plan and `pulumi up`).
  const result = stackConfigSchema.safeParse(raw, { reportInput: true, jitless: true });
  const names = nameProblems(raw);
  if (!result.success || names.length > 0) {
    throw new ConfigError([
      ...names,
      ...(result.error?.issues ?? []).flatMap((issue) => formatIssue(issue).split("\n")),
    ]);
  }
  return { ...result.data, stack, environment: result.data.environment ?? stack };
}

/**
 * Baseline, window and task names against AWS's name pattern, checked apart from the schema so that a
 * bad name never hides the problems of what it names (a zod record stops at a bad key).
 */
function nameProblems(raw: Record<string, unknown>): string[] {
  const rule = "must be 3-128 characters of letters, digits, _ - .";
  const bad = (path: string[], name: string) =>
    RESOURCE_NAME.test(name) ? [] : [`${keyPath(path)} = ${showValue(name)}: ${rule}`];
  const problems: string[] = [];
  for (const section of ["baselines", "maintenanceWindows"]) {
    const entries = isMapping(raw[section]) ? Object.entries(raw[section]) : [];
    for (const [name, value] of entries) {
      problems.push(...bad([section, name], name));
      if (section === "maintenanceWindows" && isMapping(value) && isMapping(value.tasks)) {
        for (const task of Object.keys(value.tasks)) problems.push(...bad([section, name, "tasks", task], task));
      }
    }
  }
  return problems;
}

/** Zod's type messages ("expected record, received undefined") as a sentence a person reads. */
function typeMessage(issue: z.core.$ZodIssue): string {
  if (issue.code !== "invalid_type") return issue.message;
  if (issue.input === undefined) return "is required";
  const kinds: Record<string, string> = {
    record: "a mapping of names to settings",
    object: "a mapping of settings",
    array: "a list",
    string: "a string",
    number: "a number",
    boolean: "true or false",
  };
  if (!issue.message.startsWith("Invalid input")) return issue.message;
  return `must be ${kinds[issue.expected] ?? issue.expected}`;
}

/** Top-level keys whose values are plain strings, never JSON. */
const STRING_KEYS = new Set(["environment", "patchGroupTagKey"]);

/**
 * Reads every `patching:*` key of the running stack as plain values. Structured values arrive
 * from the engine as JSON text.
 */
export function readRawConfig(all: Record<string, string> = pulumi.runtime.allConfig()): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [fullKey, value] of Object.entries(all)) {
    if (!fullKey.startsWith(`${NAMESPACE}:`)) continue;
    const key = fullKey.slice(NAMESPACE.length + 1);
    raw[key] = STRING_KEYS.has(key) ? value : parseJsonOrText(value);
  }
  return raw;
}

function parseJsonOrText(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** How many days ahead of an activation's expiry the plan and every deployment warn. */
export const ACTIVATION_WARNING_DAYS = 7;

/** The command that writes a fresh activation date into a stack file. */
export const rotateCommand = (stack: string) => `npx patching activation rotate --stack ${stack}`;

/**
 * What the deployment time says about the stack's hybrid activation. An expired or soon-expiring
 * activation only warns: it never blocks the rest of the stack (an unchanged activation is left as
 * it is, and servers already registered stay managed). A date more than 30 days ahead is a new
 * input AWS refuses (CreateActivation), so `pulumi up` refuses it before declaring anything.
 */
export function activationChecks(config: StackConfig, now: DateTime): { refusals: string[]; warnings: string[] } {
  const activation = config.onboarding.hybridActivation;
  if (!activation.enabled || !activation.expirationDate) return { refusals: [], warnings: [] };
  const key = `${NAMESPACE}:onboarding.hybridActivation.expirationDate = ${JSON.stringify(activation.expirationDate)}`;
  const expires = parseWindowDate(activation.expirationDate)!;
  const rotate = `rotate it with \`${rotateCommand(config.stack)}\` and deploy`;
  if (expires <= now) {
    return {
      refusals: [],
      warnings: [
        `${key}: has passed, so no more servers can register with the activation; the rest of the stack deploys as usual; ${rotate}`,
      ],
    };
  }
  if (expires > now.plus({ days: ACTIVATION_MAX_DAYS })) {
    return {
      refusals: [
        `${key}: is more than ${ACTIVATION_MAX_DAYS} days after ${now.toUTC().toISO({ suppressMilliseconds: true })}; AWS allows at most ${ACTIVATION_MAX_DAYS}; ${rotate}`,
      ],
      warnings: [],
    };
  }
  const days = Math.ceil(expires.diff(now, "days").days);
  if (days <= ACTIVATION_WARNING_DAYS) {
    return {
      refusals: [],
      warnings: [`${key}: expires in ${days} day${days === 1 ? "" : "s"}; ${rotate} before then`],
    };
  }
  return { refusals: [], warnings: [] };
}

/**
 * What the schema accepts but an administrator should hear about: warned by `pulumi up` and listed
 * by the plan, never refused.
 */
export function configWarnings(config: StackConfig): string[] {
  return [...filterValueWarnings(config.baselines), ...scheduleWarnings(config), ...hookWarnings(config)];
}

/**
 * Hooks that are the account's own documents: a hook runs with no parameters, which is checked
 * offline for AWS's documents only (AWS_DOCUMENTS_WITH_REQUIRED_PARAMETERS), so these are named.
 */
export function hookWarnings(config: StackConfig): string[] {
  const hooks: [string, Partial<Record<string, unknown>> | undefined][] = [
    ...Object.entries(config.maintenanceWindows).flatMap(([w, window]) =>
      Object.entries(window.tasks).map(([t, task]): [string, typeof task.hooks] => [
        `maintenanceWindows.${w}.tasks.${t}.hooks`,
        task.hooks,
      ]),
    ),
    ["onboarding.adminPolicies.patchNowHooks", config.onboarding.adminPolicies.patchNowHooks],
  ];
  return hooks.flatMap(([path, set]) =>
    HOOKS.flatMap((hook) => {
      const doc = set?.[hook];
      return typeof doc === "string" && !/^AWS-/.test(doc)
        ? [
            `${NAMESPACE}:${path}.${hook} = ${JSON.stringify(doc)}: a hook runs with no parameters; give every parameter of ${doc} a default, or the install fails at the hook.`,
          ]
        : [];
    }),
  );
}

/**
 * Schedule forms AWS's Systems Manager page neither documents nor forbids (`0/60`, two `#` items,
 * `L` or `W` in a list): accepted, and named with the closest documented alternative.
 */
export function scheduleWarnings(config: StackConfig): string[] {
  const { compliance, quickSetupPatchPolicy: quickSetup } = config;
  const schedules: [path: string, expression: string | undefined, target: ScheduleTarget][] = [
    ...Object.entries(config.maintenanceWindows).map(([name, w]): [string, string, ScheduleTarget] => [
      `maintenanceWindows.${name}.schedule`,
      w.schedule,
      "window",
    ]),
    [
      "compliance.scanAssociation.schedule",
      compliance.scanAssociation.enabled ? compliance.scanAssociation.schedule : undefined,
      "association",
    ],
    [
      "compliance.inventory.schedule",
      compliance.inventory.enabled ? compliance.inventory.schedule : undefined,
      "association",
    ],
    ["quickSetupPatchPolicy.scanSchedule", quickSetup.enabled ? quickSetup.scanSchedule : undefined, "association"],
    [
      "quickSetupPatchPolicy.installSchedule",
      quickSetup.enabled ? quickSetup.installSchedule : undefined,
      "association",
    ],
  ];
  return schedules.flatMap(([path, expression, target]) =>
    expression === undefined
      ? []
      : undocumentedForms(parseSchedule(expression, target)).map(
          (form) =>
            `${NAMESPACE}:${path} = ${JSON.stringify(expression)}: ${form} (AWS's "Reference: Cron and rate expressions for Systems Manager" does not document this form).`,
        ),
  );
}

/**
 * The running stack's validated config: what index.ts and the inline program both use.
 * `pulumi up` refuses what AWS would refuse at this time; everything else only warns.
 */
export function loadStackConfig(now: DateTime = DateTime.utc()): StackConfig {
  const config = parseStackConfig(readRawConfig(), pulumi.getStack());
  const { refusals, warnings } = activationChecks(config, now);
  if (refusals.length > 0 && !pulumi.runtime.isDryRun()) throw new ConfigError(refusals);
  for (const message of [...refusals, ...warnings, ...configWarnings(config)]) void pulumi.log.warn(message);
  return config;
}
