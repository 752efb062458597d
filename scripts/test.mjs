// `npm test`: the type check, Prettier, ESLint, then the mocha suite, stopping at the first that fails.
// Each step is named as it starts and timed as it ends. The type check and ESLint print nothing for
// half a minute when all is well, so on a terminal the line of a quiet step counts the seconds, and
// its output (the problems, when there are any) is shown once it ends.
import { spawn } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";

// Test files run in parallel worker processes, at least two even on a two-core machine: most of
// the suite waits on child processes (the stand-in pulumi CLI, the package build), not the CPU.
const jobs = String(Math.max(2, os.availableParallelism()));

const steps = [
  { name: "type check", command: "tsc", args: ["--noEmit", "--noCheck", "false", "-p", "."], quiet: true },
  { name: "format", command: "prettier", args: ["--check", "."], quiet: true },
  { name: "lint", command: "eslint", args: ["."], quiet: true },
  { name: "tests", command: "mocha", args: ["--parallel", "--jobs", jobs], quiet: false },
];

const terminal = process.stderr.isTTY;
const seconds = (start) => `${((Date.now() - start) / 1000).toFixed(1)} s`;

/** Runs one step; resolves to its exit code. */
function run(step) {
  const start = Date.now();
  const label = `${step.name} (${step.command})`;
  const counting = terminal && step.quiet;
  process.stderr.write(counting ? `▸ ${label}…` : `▸ ${label}…\n`);
  const ticker = counting && setInterval(() => process.stderr.write(`\r\x1b[K▸ ${label}… ${seconds(start)}`), 1000);
  const child = spawn(path.join("node_modules", ".bin", step.command), step.args, {
    stdio: step.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
  });
  const output = [];
  child.stdout?.on("data", (chunk) => output.push(chunk));
  child.stderr?.on("data", (chunk) => output.push(chunk));
  return new Promise((resolve) =>
    child.on("close", (code) => {
      if (counting) {
        clearInterval(ticker);
        process.stderr.write("\r\x1b[K");
      }
      process.stdout.write(Buffer.concat(output));
      process.stderr.write(`${code === 0 ? "✓" : "✗"} ${step.name}: ${seconds(start)}\n`);
      resolve(code ?? 1);
    }),
  );
}

for (const step of steps) {
  process.exitCode = await run(step);
  if (process.exitCode !== 0) break;
}
