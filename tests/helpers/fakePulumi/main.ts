/**
 * A stand-in `pulumi` executable: a test double at the process boundary, so the Automation API's
 * real LocalWorkspace and Stack code run in tests. It implements the documented CLI contract for
 * exactly the commands that code runs here (https://www.pulumi.com/docs/iac/cli/commands/):
 * version; stack, stack init/select/ls/output/history; config get/set/set-all/rm (`--path`,
 * `--json`); preview/up/refresh/destroy with `--event-log`; cancel. It refuses any flag the real
 * command lacks, records every invocation (and every signal it receives) as a JSON line in
 * $FAKE_PULUMI_LOG, and keeps its state in the file backend named by PULUMI_BACKEND_URL (store.ts).
 *
 * The contract it holds to, with its sources:
 * - Version: `v$FAKE_PULUMI_VERSION` (default 3.259.0, a current CLI). Above 3.205.0 the Automation
 *   API serves the gRPC Events service and passes `--event-log tcp://127.0.0.1:<port>`; up to
 *   3.205.0 it passes a file (automation/stack.js setupEventLog). Both are served (engine.ts).
 * - `--show-secrets` on preview/up/refresh/destroy (since 3.151.0); `config set-all --json` (3.202.0).
 * - `pulumi config set KEY --secret` with no value reads the value from standard input.
 * - A preview takes no lock; up, refresh and destroy take the stack's lock, and `cancel` on the DIY
 *   backend removes the lock files (pkg/backend/diy lock.go).
 * - Ctrl-C: the first SIGINT lets the step in flight finish, saves the state and releases the lock
 *   ("update canceled"); a second one terminates at once, leaving the lock (pkg/cmd/pulumi
 *   cancellation: "a second interrupt terminates immediately").
 * - The passphrase provider: every command that opens a stack's secrets needs the passphrase, and
 *   `stack init` writes the stack's `encryptionsalt` (store.ts).
 */
import * as fs from "fs";
import type { Operation } from "./engine";
import { CliError, Store } from "./store";
import { asText, parseKeyPath, readConfig, setValue } from "./config";

export { parseKeyPath };

/** The version this stand-in answers: current by default, the oldest supported when the suite asks. */
export const fakeVersion = () => process.env.FAKE_PULUMI_VERSION ?? "3.259.0";

/** Whether a version streams engine events over gRPC (newer than 3.205.0, automation/stack.js). */
export function streamsEvents(version: string): boolean {
  const [a, b, c] = version.split(".").map(Number);
  return a > 3 || (a === 3 && (b > 205 || (b === 205 && c > 0)));
}

type FlagKind = "bool" | "value" | "list";
const GLOBAL: Record<string, FlagKind> = { "--non-interactive": "bool", "--stack": "value" };
const ENGINE: Record<string, FlagKind> = {
  "--exec-kind": "value",
  "--client": "value",
  "--event-log": "value",
  "--message": "value",
  "--parallel": "value",
  "--show-secrets": "bool",
};
const FLAGS: Record<string, Record<string, FlagKind>> = {
  version: {},
  stack: { "--show-name": "bool", "--show-ids": "bool", "--show-urns": "bool", "--show-secrets": "bool" },
  "stack init": { "--secrets-provider": "value", "--no-select": "bool" },
  "stack select": {},
  "stack ls": { "--json": "bool", "--all": "bool" },
  "stack output": { "--json": "bool", "--show-secrets": "bool" },
  "stack history": { "--json": "bool", "--show-secrets": "bool", "--page-size": "value", "--page": "value" },
  config: { "--json": "bool", "--show-secrets": "bool" },
  "config get": { "--json": "bool", "--path": "bool" },
  "config set": { "--path": "bool", "--plaintext": "bool", "--secret": "bool" },
  "config set-all": { "--path": "bool", "--plaintext": "list", "--secret": "list", "--json": "value" },
  "config rm": { "--path": "bool" },
  preview: ENGINE,
  up: { ...ENGINE, "--yes": "bool", "--skip-preview": "bool" },
  refresh: { ...ENGINE, "--yes": "bool", "--skip-preview": "bool" },
  destroy: { ...ENGINE, "--yes": "bool", "--skip-preview": "bool" },
  cancel: { "--yes": "bool" },
};

interface Parsed {
  command: string;
  positional: string[];
  flags: Record<string, string | true | string[]>;
}

/** Parses argv as cobra does for these commands: `--flag value`, `--flag=value`, `--` ends flags. */
export function parseArgs(argv: string[]): Parsed {
  const words = argv.filter((a) => !a.startsWith("-"));
  const command = [2, 1].map((n) => words.slice(0, n).join(" ")).find((c) => c in FLAGS);
  if (!command) throw new CliError(`unknown command "${argv.join(" ")}" for "pulumi"`);
  const allowed = { ...GLOBAL, ...FLAGS[command] };
  const flags: Parsed["flags"] = {};
  const positional: string[] = [];
  const rest = [...argv];
  for (const word of command.split(" ")) rest.splice(rest.indexOf(word), 1);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--") {
      positional.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.split(/=(.*)/s, 2);
    const kind = allowed[name];
    if (!kind) throw new CliError(`unknown flag: ${name}`);
    if (kind === "bool") flags[name] = true;
    else {
      const value = inline ?? rest[++i];
      flags[name] = kind === "list" ? [...((flags[name] as string[]) ?? []), value] : value;
    }
  }
  // `pulumi stack` takes no arguments: `stack export` and the like are commands of their own.
  if (command === "stack" && positional.length > 0)
    throw new CliError(`unknown command "stack ${positional[0]}" for "pulumi"`);
  return { command, positional, flags };
}

async function execute(argv: string[]): Promise<string> {
  const { command, positional, flags } = parseArgs(argv);
  if (command === "version") return `v${fakeVersion()}`;
  const store = new Store(process.cwd());
  const stack = (flags["--stack"] as string | undefined) ?? positional[0] ?? store.selected();
  if (!stack && command !== "stack ls") throw new CliError("no stack selected; pass --stack");
  switch (command) {
    case "stack":
      store.require(stack!);
      return `Current stack is ${stack}`;
    case "stack init":
      store.init(positional[0]);
      if (!flags["--no-select"]) store.select(positional[0]);
      return `Created stack '${positional[0]}'`;
    case "stack select":
      store.select(stack!);
      return "";
    case "stack ls":
      return JSON.stringify(store.stacks().map((name) => ({ name, current: false, updateInProgress: false })));
    case "stack output": {
      const state = store.load(stack);
      const shown = Object.entries(state.outputs).map(([k, v]) => [
        k,
        state.secretOutputs.includes(k) && !flags["--show-secrets"] ? "[secret]" : v,
      ]);
      return JSON.stringify(Object.fromEntries(shown), null, 2);
    }
    case "stack history": {
      const size = Number(flags["--page-size"] ?? 1000);
      return JSON.stringify(store.load(stack).history.slice(0, size), null, 2);
    }
    case "config": {
      store.require(stack);
      const own = readConfig(store, store.document(stack));
      const defaults = Object.entries(store.projectDefaults).filter(([k]) => !own.has(k));
      const merged = [...defaults.map(([k, value]) => [k, { value, secret: false }] as const), ...own];
      const all = merged.map(([k, { value, secret }]) => {
        const shown = secret && !flags["--show-secrets"] ? {} : { value: asText(value) };
        const object = typeof value === "object" && value !== null && shown.value ? { objectValue: value } : {};
        return [k, { ...shown, ...object, secret }];
      });
      return JSON.stringify(Object.fromEntries(all), null, 2);
    }
    case "config get": {
      store.require(stack);
      const doc = store.document(stack);
      const [name, ...path] = flags["--path"] ? parseKeyPath(positional[0]) : [positional[0]];
      const entry = readConfig(store, doc).get(String(name));
      const value = path.reduce<unknown>((v, p) => (v as Record<string, unknown> | undefined)?.[p], entry?.value);
      if (value === undefined)
        throw new CliError(`configuration key '${positional[0]}' not found for stack '${stack}'`);
      const object = typeof value === "object" && value !== null ? { objectValue: value } : {};
      return JSON.stringify({ value: asText(value), ...object, secret: entry!.secret });
    }
    case "config set":
    case "config set-all":
    case "config rm": {
      store.require(stack);
      const doc = store.document(stack);
      const path = !!flags["--path"];
      if (command === "config rm") doc.deleteIn(["config", ...(path ? parseKeyPath(positional[0]) : [positional[0]])]);
      else if (command === "config set")
        // No value on the command line: the CLI reads it from standard input.
        setValue(store, doc, positional[0], positional[1] ?? fs.readFileSync(0, "utf8"), !!flags["--secret"], path);
      else {
        for (const kind of ["--plaintext", "--secret"] as const)
          for (const pair of (flags[kind] as string[] | undefined) ?? []) {
            const [key, value] = pair.split(/=(.*)/s, 2);
            setValue(store, doc, key, value ?? "", kind === "--secret", path);
          }
        // `--json` takes `pulumi config --json` output: objects stay objects (objectValue), secrets are encrypted.
        const json = flags["--json"] as string | undefined;
        for (const [key, v] of Object.entries(json ? (JSON.parse(json) as Record<string, any>) : {}))
          setValue(store, doc, key, v.objectValue ?? v.value, !!v.secret, false);
      }
      store.write(stack, doc);
      return "";
    }
    case "cancel":
      store.cancel(stack);
      return "The currently running update has been canceled!";
    default:
      return runOperation(store, command as Operation, stack!, flags);
  }
}

let interrupts = 0;

async function runOperation(store: Store, operation: Operation, stack: string, flags: Parsed["flags"]) {
  const old = store.load(stack);
  store.unlock(stack);
  // A preview takes no lock; the others do, and release it when they end, Ctrl-C included.
  const lock = operation === "preview" ? undefined : store.lock(stack);
  try {
    const doc = store.document(stack);
    const config = readConfig(store, doc);
    // Loaded here, not at the top: gRPC and the SDK's protobufs double the start of the commands
    // that run no engine (version, stack, config), which the Automation API runs most.
    const { runEngine } = require("./engine") as typeof import("./engine");
    const { state, cancelled } = await runEngine(
      {
        operation,
        project: store.project,
        stack: store.name(stack),
        workDir: store.workDir,
        config: Object.fromEntries([...config].map(([k, v]) => [k, asText(v.value)])),
        secretKeys: [...config].filter(([, v]) => v.secret).map(([k]) => k),
        region: String(config.get("aws:region")?.value ?? "us-east-1"),
        // `pulumi up --help`: "Defaults to unbounded. (default 2147483647)".
        parallel: Number(flags["--parallel"] ?? 2147483647),
        client: flags["--client"] as string | undefined,
        eventLog: flags["--event-log"] as string | undefined,
        eventStream: streamsEvents(fakeVersion()),
        cancelled: () => interrupts > 0,
      },
      old,
    );
    if (operation !== "preview") store.save(stack, state);
    if (cancelled) throw new CliError(`${operation} canceled`);
    return "";
  } finally {
    if (lock) fs.rmSync(lock, { force: true });
  }
}

export async function main(argv: string[]): Promise<number> {
  if (process.env.FAKE_PULUMI_LOG)
    fs.appendFileSync(process.env.FAKE_PULUMI_LOG, `${JSON.stringify({ argv, cwd: process.cwd() })}\n`);
  process.on("SIGINT", () => {
    interrupts += 1;
    if (process.env.FAKE_PULUMI_LOG)
      fs.appendFileSync(
        process.env.FAKE_PULUMI_LOG,
        `${JSON.stringify({ argv, signal: "SIGINT", pid: process.pid })}\n`,
      );
    // The second interrupt terminates at once: nothing is saved and the lock stays.
    if (interrupts > 1) process.exit(255);
  });
  try {
    const out = await execute(argv);
    if (out) process.stdout.write(`${out}\n`);
    return 0;
  } catch (e) {
    const message = e instanceof CliError ? e.message : ((e as { details?: string }).details ?? (e as Error).message);
    process.stderr.write(`error: ${message}\n`);
    return 255;
  }
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => process.exit(code));
