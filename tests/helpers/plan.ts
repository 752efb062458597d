import { DateTime } from "luxon";
import { main } from "../../cli/main";

export const FROM = DateTime.fromISO("2026-11-30T06:00:00Z", { zone: "UTC" });

/** Captures what a CLI run writes, and its exit code. */
export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const error = console.error;
  process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  console.error = (...parts: unknown[]) => err.push(parts.join(" "));
  const stderrWrite = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, out: out.join(""), err: err.join("\n") };
  } finally {
    process.stdout.write = write;
    process.stderr.write = stderrWrite;
    console.error = error;
  }
}
