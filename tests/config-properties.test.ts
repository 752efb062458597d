import fc from "fast-check";
import { ConfigError, parseStackConfig } from "../config/load";
import { LIMITS, MAX_CONCURRENCY, MAX_ERRORS } from "../config/limits";
import { minimalConfig } from "./helpers/run";
import { win, task, rule } from "./helpers/configCases";

describe("config: property tests against AWS's limits", () => {
  const withTask = (patch: Record<string, unknown>) => {
    const raw = minimalConfig();
    Object.assign(task(raw), patch);
    return raw;
  };
  const accepted = (raw: Record<string, unknown>) => {
    try {
      parseStackConfig(raw, "unit");
      return true;
    } catch (e) {
      if (e instanceof ConfigError) return false;
      throw e;
    }
  };

  it("accepts a duration/cutoff pair exactly when AWS does", () => {
    fc.assert(
      fc.property(fc.integer({ min: -2, max: 30 }), fc.integer({ min: -2, max: 30 }), (duration, cutoff) => {
        const raw = minimalConfig();
        Object.assign(win(raw), { duration, cutoff });
        const aws =
          duration >= 1 && duration <= LIMITS.duration && cutoff >= 0 && cutoff <= LIMITS.cutoff && cutoff < duration;
        return accepted(raw) === aws;
      }),
      { numRuns: 300 },
    );
  });

  it("accepts maxConcurrency and maxErrors exactly when AWS's patterns do", () => {
    const rateControl = fc.oneof(
      fc.nat({ max: 150 }).map(String),
      fc.nat({ max: 150 }).map((n) => `${n}%`),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(rateControl, rateControl, (maxConcurrency, maxErrors) => {
        const aws = MAX_CONCURRENCY.test(maxConcurrency) && MAX_ERRORS.test(maxErrors);
        return accepted(withTask({ maxConcurrency, maxErrors })) === aws;
      }),
      { numRuns: 300 },
    );
  });

  it("accepts approveAfterDays exactly in 0-360", () => {
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 500 }), (days) => {
        const raw = minimalConfig();
        rule(raw).approveAfterDays = days;
        return accepted(raw) === (days >= 0 && days <= LIMITS.approveAfterDays);
      }),
      { numRuns: 200 },
    );
  });

  it("accepts names exactly when they match AWS's name pattern", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 140 }), (name) => {
        const raw = minimalConfig();
        raw.maintenanceWindows = { [name]: win(raw) };
        return accepted(raw) === /^[a-zA-Z0-9_\-.]{3,128}$/.test(name);
      }),
      { numRuns: 200 },
    );
  });
});
