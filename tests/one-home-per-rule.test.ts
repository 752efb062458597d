import { strict as assert } from "assert";
import { z } from "zod";
import { cutoffRule, defaultCutoff, TASK_DEFAULTS } from "../components/patching/MaintenanceWindow";
import { DEFAULT_NOTIFICATION_EVENTS } from "../components/patching/taskTypes";
import { parseStackConfig } from "../config/load";
import { taskSchema } from "../config/schema/windows";
import { minimalConfig } from "./helpers/run";

/**
 * One home per rule: each default and invariant is the component's, and the schema applies and
 * documents that one. Walking the schema's defaults against the components' shows they cannot disagree.
 */
const defaultOf = (schema: z.ZodType) => (schema._zod.def as { defaultValue?: unknown }).defaultValue;
const described = (schema: z.ZodType) => schema.description ?? "";

describe("one home per rule: the schema takes the components' defaults and checks", () => {
  it("every task default the schema applies and documents is the window component's", () => {
    const shape =
      (taskSchema._zod.def as unknown as { in: { shape: Record<string, z.ZodType> } }).in?.shape ??
      (taskSchema as unknown as { shape: Record<string, z.ZodType> }).shape;
    for (const [field, value] of Object.entries(TASK_DEFAULTS)) {
      assert.deepEqual(defaultOf(shape[field]), value, field);
      assert.match(described(shape[field]), new RegExp(`@default ${value}$`), field);
    }
    const parsed = parseStackConfig(minimalConfig(), "unit").maintenanceWindows["Patching-Test"];
    assert.deepEqual(
      Object.fromEntries(Object.keys(TASK_DEFAULTS).map((k) => [k, (parsed.tasks.install as any)[k]])),
      TASK_DEFAULTS,
    );
  });

  it("a window's cutoff: the component's default and its rule, the schema's message", () => {
    const parsed = parseStackConfig(minimalConfig(), "unit").maintenanceWindows["Patching-Test"];
    assert.equal(parsed.cutoff, defaultCutoff(parsed.duration));
    const config = minimalConfig();
    config.maintenanceWindows["Patching-Test"].cutoff = 2;
    assert.throws(
      () => parseStackConfig(config, "unit"),
      (e: Error) => e.message.includes(`cutoff = 2: ${cutoffRule(2, 2)}`),
    );
  });

  it("notification events: one default for the compliance parts and the window tasks", () => {
    const parsed = parseStackConfig({ ...minimalConfig(), compliance: { notifications: { enabled: true } } }, "unit");
    assert.deepEqual(parsed.compliance.notifications.events, [...DEFAULT_NOTIFICATION_EVENTS]);
  });
});
