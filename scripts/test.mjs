// `npm test`: the type check with ESLint (scripts/typesAndLint.mjs), Prettier and the mocha suite,
// all at once. Much of the suite waits on child processes (the stand-in pulumi CLI, npm pack, tsc),
// so the checks fill that time. Each step is named as it starts and timed as it ends; a check's
// output (its problems, when there are any) is shown when it ends, the suite's as it runs. The exit code is the first failing step's, or 0.
import { spawn } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";

// Test files run in parallel worker processes, at least two even on a two-core machine: most of
// the suite waits on child processes, not the CPU.
const jobs = String(Math.max(2, os.availableParallelism()));

/** A tool of the project's own, from node_modules/.bin. */
const tool = (name) => path.join("node_modules", ".bin", name);

const steps = [
  {
    name: "types and lint",
    shown: "scripts/typesAndLint.mjs",
    command: process.execPath,
    args: ["scripts/typesAndLint.mjs"],
    quiet: true,
  },
  // Prettier's cache (node_modules/.cache/prettier) is keyed by each file's content: a second run
  // checks only what changed, 1.8 s of processor time against 8.6 s. Prettier without --cache
  // deletes it, so `npm run format` passes --cache too.
  { name: "format", shown: "prettier", command: tool("prettier"), args: ["--check", "--cache", "."], quiet: true },
  { name: "tests", shown: "mocha", command: tool("mocha"), args: ["--parallel", "--jobs", jobs], quiet: false },
];

const seconds = (start) => `${((Date.now() - start) / 1000).toFixed(1)} s`;

/** Runs one step; resolves to its exit code. */
function run(step) {
  const start = Date.now();
  process.stderr.write(`▸ ${step.name} (${step.shown})…\n`);
  const child = spawn(step.command, step.args, {
    stdio: step.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
  });
  const output = [];
  child.stdout?.on("data", (chunk) => output.push(chunk));
  child.stderr?.on("data", (chunk) => output.push(chunk));
  return new Promise((resolve) =>
    child.on("close", (code) => {
      // One write each, so that a check's lines never land inside a line of the suite's.
      if (output.length > 0) process.stdout.write(Buffer.concat(output));
      process.stderr.write(`${code === 0 ? "✓" : "✗"} ${step.name}: ${seconds(start)}\n`);
      resolve(code ?? 1);
    }),
  );
}

const codes = await Promise.all(steps.map(run));
process.exitCode = codes.find((code) => code !== 0) ?? 0;
