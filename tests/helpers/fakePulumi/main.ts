/**
 * A stand-in `pulumi` executable: a test double at the process boundary, so the Automation API's
 * real LocalWorkspace and Stack code run in tests. It implements the documented CLI contract for
 * exactly the commands that code runs here (https://www.pulumi.com/docs/iac/cli/commands/):
 * version; stack init/select/ls/output/history; config get/set/set-all/rm (`--path`, `--json`);
 * preview/up/refresh/destroy with `--event-log`; cancel. It refuses any flag the real command
 * lacks, records every invocation as a JSON line in $FAKE_PULUMI_LOG, and keeps its state in the
 * file backend named by PULUMI_BACKEND_URL.
 *
 * It answers `v3.205.0`: the last CLI that writes `--event-log` to a file (newer ones stream events
 * over gRPC, which the SDK chooses by version), and newer than 3.181 (inline refresh and destroy)
 * and the addition of `config set-all --json` (pulumi/pulumi#19427).
 */
import * as fs from "fs";
import { Document, isNode, YAMLMap } from "yaml";
import { Cancelled, Operation, runEngine } from "./engine";
import { CliError, Store } from "./store";

export const FAKE_VERSION = "3.205.0";

type FlagKind = "bool" | "value" | "list";
const GLOBAL: Record<string, FlagKind> = { "--non-interactive": "bool", "--stack": "value" };
const ENGINE: Record<string, FlagKind> = {
  "--exec-kind": "value",
  "--client": "value",
  "--event-log": "value",
  "--message": "value",
  "--parallel": "value",
};
const FLAGS: Record<string, Record<string, FlagKind>> = {
  version: {},
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
  return { command, positional, flags };
}

/** A config key path (`ns:a["b"].c[0]`) as the CLI parses it (resource.ParsePropertyPath). */
export function parseKeyPath(key: string): (string | number)[] {
  const colon = key.indexOf(":");
  const ns = key.slice(0, colon + 1);
  const segments: (string | number)[] = [];
  const re = /^(?:\.?([A-Za-z_$][\w$-]*)|\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\])/;
  let rest = key.slice(colon + 1);
  while (rest) {
    const m = re.exec(rest);
    if (!m) throw new CliError(`invalid config key path: ${key}`);
    segments.push(m[3] !== undefined ? Number(m[3]) : (m[1] ?? JSON.parse(`"${m[2]}"`)));
    rest = rest.slice(m[0].length);
  }
  return [`${ns}${segments[0]}`, ...segments.slice(1)];
}

/** A plaintext value set with --path, typed as the CLI types it (config.adjustObjectValue). */
const adjust = (value: string): unknown =>
  value === "true" ? true : value === "false" ? false : /^(0|[1-9]\d*)$/.test(value) ? Number(value) : value;

/** Plain values of a stack file's config, secrets decrypted, objects as objects. */
function readConfig(store: Store, doc: Document): Map<string, { value: unknown; secret: boolean }> {
  const config = doc.get("config") as YAMLMap | undefined;
  const plain = (node: unknown): { value: unknown; secret: boolean } => {
    const value = isNode(node) ? node.toJSON() : node;
    let secret = false;
    const open = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(open);
      if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (Object.keys(o).length === 1 && typeof o.secure === "string") {
          secret = true;
          return store.decrypt(doc, o.secure);
        }
        return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, open(x)]));
      }
      return v;
    };
    return { value: open(value), secret };
  };
  return new Map(
    (config?.items ?? []).map((item) => [String((item.key as { value: unknown }).value), plain(item.value)]),
  );
}

/** The value the engine passes to the program: text, with objects as JSON text. */
const asText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

function setValue(store: Store, doc: Document, key: string, value: unknown, secret: boolean, path: boolean) {
  const stored = secret ? { secure: store.encrypt(doc, asText(value)) } : value;
  if (!path) return void doc.setIn(["config", key], doc.createNode(stored));
  const segments = parseKeyPath(key);
  // Missing containers are made as the CLI makes them: a list for a numeric segment, else a map.
  for (let i = 1; i < segments.length; i++) {
    const at = ["config", ...segments.slice(0, i)];
    if (!doc.hasIn(at)) doc.setIn(at, doc.createNode(typeof segments[i] === "number" ? [] : {}));
  }
  doc.setIn(["config", ...segments], doc.createNode(secret ? stored : adjust(String(value))));
}

async function execute(argv: string[]): Promise<string> {
  const { command, positional, flags } = parseArgs(argv);
  if (command === "version") return `v${FAKE_VERSION}`;
  const store = new Store(process.cwd());
  const stack = (flags["--stack"] as string | undefined) ?? positional[0];
  switch (command) {
    case "stack init":
      store.init(positional[0]);
      return `Created stack '${positional[0]}'`;
    case "stack select":
      store.require(stack);
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
      const all = [...readConfig(store, store.document(stack))].map(([k, { value, secret }]) => {
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
        setValue(store, doc, positional[0], positional[1] ?? "", !!flags["--secret"], path);
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
      return runOperation(store, command as Operation, stack, flags);
  }
}

let interrupted = false;

async function runOperation(store: Store, operation: Operation, stack: string, flags: Parsed["flags"]) {
  const old = store.load(stack);
  const lock = store.lock(stack);
  let released = false;
  const release = () => {
    if (!released) fs.rmSync(lock, { force: true });
    released = true;
  };
  try {
    const doc = store.document(stack);
    const config = readConfig(store, doc);
    const state = await runEngine(
      {
        operation,
        project: store.project,
        stack,
        workDir: store.workDir,
        config: Object.fromEntries([...config].map(([k, v]) => [k, asText(v.value)])),
        secretKeys: [...config].filter(([, v]) => v.secret).map(([k]) => k),
        region: String(config.get("aws:region")?.value ?? "us-east-1"),
        client: flags["--client"] as string | undefined,
        eventLog: flags["--event-log"] as string | undefined,
        cancelled: () => interrupted,
      },
      old,
    );
    store.save(stack, state);
    return "";
  } catch (e) {
    // A CLI that dies holding its lock (kill -9, or a second Ctrl-C during cleanup), for the tests of `pulumi cancel`.
    if (e instanceof Cancelled && process.env.FAKE_PULUMI_SIGINT === "hold-lock") released = true;
    throw e instanceof Cancelled ? new CliError("update canceled") : e;
  } finally {
    release();
  }
}

export async function main(argv: string[]): Promise<number> {
  if (process.env.FAKE_PULUMI_LOG)
    fs.appendFileSync(process.env.FAKE_PULUMI_LOG, `${JSON.stringify({ argv, cwd: process.cwd() })}\n`);
  process.on("SIGINT", () => (interrupted = true));
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
