import { Settings } from "luxon";

/**
 * Every test runs at one fixed instant, whatever the machine's calendar says: the shipped stacks'
 * dates (prod's activation expiry) must never turn the suite red. Loaded by .mocharc before any test.
 * Tests that need another time pass it explicitly (`--from`, `activationChecks(config, at)`).
 */
export const FROZEN_NOW = Date.parse("2026-12-01T09:00:00Z");
Settings.now = () => FROZEN_NOW;

/** The environment without libfaketime's preload and settings, for a child that needs the real clock or its own. */
export function withoutFakeClock(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.FAKETIME;
  if (env.LD_PRELOAD?.includes("faketime")) delete env.LD_PRELOAD;
  return env;
}
