import { Cron } from "croner";
import { DateTime } from "luxon";
import { nextRuns, parseSchedule } from "../schedule/expression";

/**
 * Next-run speed of the project's AWS cron engine beside croner (an independent npm implementation),
 * for 1,000 runs of the expressions that were slowest, in UTC and Europe/Berlin, and 10 runs of
 * each beside croner's 10 (a 10-run query of every-15-minutes must not cost more than croner's).
 * Fastest of `rounds`; printed, never asserted.
 */
const CASES: [aws: string, croner: string][] = [
  ["cron(30 23 ? * TUE#2 *)", "30 23 * * TUE#2"],
  ["cron(0 0 LW * ? *)", "0 0 LW * *"],
  ["cron(0/15 * ? * MON-FRI *)", "*/15 * * * MON-FRI"],
];
const ZONES = ["UTC", "Europe/Berlin"];
const FROM = DateTime.fromISO("2026-11-30T00:00:00Z");

function fastest(rounds: number, run: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

export function scheduleBench(rounds: number): string[] {
  const lines = [
    "expression                  zone            1000 runs: ours ms  croner ms  ratio   10 runs: ours ms  croner ms  ratio",
  ];
  for (const [aws, croner] of CASES) {
    for (const zone of ZONES) {
      const schedule = parseSchedule(aws);
      const query = { timezone: zone, from: FROM, horizonDays: 366 * 200 };
      const ours = fastest(rounds, () => nextRuns(schedule, { ...query, count: 1000 }));
      const theirs = fastest(rounds, () => new Cron(croner, { timezone: zone }).nextRuns(1000, FROM.toJSDate()));
      const ten = fastest(rounds, () => nextRuns(parseSchedule(aws), { ...query, count: 10 }));
      const theirTen = fastest(rounds, () => new Cron(croner, { timezone: zone }).nextRuns(10, FROM.toJSDate()));
      lines.push(
        `${aws.padEnd(28)}${zone.padEnd(16)}${ours.toFixed(1).padStart(18)}${theirs.toFixed(1).padStart(11)}` +
          `${(ours / theirs).toFixed(2).padStart(7)}${ten.toFixed(2).padStart(19)}${theirTen.toFixed(2).padStart(11)}` +
          `${(ten / theirTen).toFixed(2).padStart(7)}`,
      );
    }
  }
  return lines;
}
