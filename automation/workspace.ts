import * as fs from "fs";
import * as path from "path";
import {
  CommandError,
  ConfigMap,
  EngineEvent,
  LocalWorkspace,
  Stack,
  StackNotFoundError,
} from "@pulumi/pulumi/automation";
import { classified, UnknownStackError } from "./errors";
import { InterruptedBeforeStartError, isolatedPulumiCommand, setSecretConfig, withoutSelecting } from "./pulumiCli";
import { readStackFile } from "../config/stackFile";
import { StackConfig } from "../config/load";
import { declarePatchingStack, runPatchingProgram } from "../program";
import { UserError } from "../text/userError";

/** What an operation reports: resource counts by operation, e.g. {create: 12, same: 3}. */
export interface OperationResult {
  readonly changes: Record<string, number>;
}

export interface OperationOptions {
  /**
   * Config set (and written to the stack file) before the operation, keys as `patching:<key>` or `aws:<key>`.
   * Objects stay objects; keys with a path (`aws:assumeRoles[0].roleArn`) set inside structured config.
   * @default none
   */
  readonly config?: Record<string, unknown>;
  /** Keys of `config` written as secrets, encrypted with the stack's own key. @default none */
  readonly secrets?: readonly string[];
  /** Create the stack when the backend has none. @default only when the work directory has its stack file */
  readonly create?: boolean;
  /** Engine events as they happen, for progress. @default none */
  readonly onEvent?: (event: EngineEvent) => void;
  /**
   * Aborting sends the CLI one SIGINT, as one Ctrl-C does: it finishes the steps in flight, saves the
   * state and releases its lock. Already aborted: the operation does not start.
   */
  readonly signal?: AbortSignal;
}

/** A stack's config as the CLI holds it: plain values (secrets decrypted, objects as objects) and which are secret. */
export interface StackConfigValues {
  readonly values: Record<string, unknown>;
  readonly secrets: string[];
}

/**
 * The stack operations the rollout, fan-out and CLI need. The Automation API implements it;
 * tests inject their own, so orchestration is tested without a pulumi CLI.
 */
export interface StackOps {
  preview(stack: string, options?: OperationOptions): Promise<OperationResult>;
  up(stack: string, options?: OperationOptions): Promise<OperationResult>;
  refresh(stack: string, options?: OperationOptions): Promise<OperationResult>;
  destroy(stack: string, options?: OperationOptions): Promise<OperationResult>;
  outputs(stack: string): Promise<Record<string, { value: unknown; secret: boolean }>>;
  /** One config value as the engine holds it (structured values as JSON text); undefined when unset. */
  getConfig(stack: string, key: string): Promise<string | undefined>;
  /** Every config value of a stack, for copying it to another stack. */
  readConfig(stack: string): Promise<StackConfigValues>;
  /**
   * Sets a value; with `path`, `key` addresses inside structured config, e.g.
   * `patching:baselines["W"].approvalRules[0].approveUntilDate`.
   */
  setConfig(stack: string, key: string, value: string, path?: boolean): Promise<void>;
  /** Removes a value; with `path`, `key` addresses inside structured config. */
  removeConfig(stack: string, key: string, path?: boolean): Promise<void>;
}

export interface WorkspaceOptions {
  /**
   * Backend, e.g. `file:///var/lib/pulumi-state` or `s3://bucket`; the CLI's login when absent. @default - the
   * logged-in backend
   */
  readonly backendUrl?: string;
  /** Secrets provider for new stacks, e.g. `passphrase` or `awskms://alias/pulumi`. @default - the backend's default */
  readonly secretsProvider?: string;
  /** Passphrase for the passphrase secrets provider. @default PULUMI_CONFIG_PASSPHRASE from the environment */
  readonly passphrase?: string;
  /**
   * Directory with Pulumi.yaml and the stack files; a directory without a Pulumi.yaml (fan-out's)
   * gets this project's settings. @default the current directory
   */
  readonly workDir?: string;
  /** Where a failed operation's full CLI output is written. @default .patching/logs in the current directory */
  readonly logDir?: string;
}

/** Thrown when a command needs the pulumi CLI and it is not installed. */
export class PulumiCliMissingError extends UserError {
  constructor() {
    super(
      "This command needs the pulumi CLI, which is not on PATH: install it (curl -fsSL https://get.pulumi.com | sh, or see https://www.pulumi.com/docs/install/) and run it again.",
    );
    this.name = "PulumiCliMissingError";
  }
}

/** Whether a `pulumi` executable is on PATH. */
export function pulumiOnPath(searchPath = process.env.PATH ?? ""): boolean {
  return searchPath
    .split(path.delimiter)
    .filter(Boolean)
    .some((dir) => {
      try {
        fs.accessSync(path.join(dir, process.platform === "win32" ? "pulumi.exe" : "pulumi"), fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/**
 * The inline program for the Automation API: exactly what index.ts runs, with the config of the
 * stack the workspace selected, or with an already validated config when one is given.
 */
export function patchingProgram(config?: StackConfig) {
  return async () => (config ? declarePatchingStack(config) : runPatchingProgram());
}

/** The `config:` keys a stack's own file sets; none when it has no file. */
function stackFileConfig(workDir: string, stack: string): Record<string, unknown> {
  const short = stackShortName(stack);
  if (!fs.existsSync(path.join(workDir, `Pulumi.${short}.yaml`))) return {};
  return readStackFile(short, workDir);
}

/** Whether a config key addresses inside structured config (`aws:assumeRoles[0].roleArn`). */
export const isPathKey = (key: string) => /[[.]/.test(key.slice(key.indexOf(":") + 1));

const text = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** The short name of a stack, which names its stack file: `acme/patching/prod` → `prod`. */
export const stackShortName = (stack: string) => stack.slice(stack.lastIndexOf("/") + 1);

/**
 * Sets every override before an operation runs, as `pulumi config` writes them: plain whole keys
 * in one `config set-all --json` call (the shape `pulumi config --json` prints, so an object is
 * written as YAML, not as JSON text), plain path keys in one `config set-all --path` call, and each
 * secret with `config set --secret`, its value on standard input, never in an argv. Secrets are
 * encrypted by the CLI with the target stack's key.
 */
export async function applyConfig(stack: Stack, options: Pick<OperationOptions, "config" | "secrets">): Promise<void> {
  const secret = new Set(options.secrets ?? []);
  const entries = Object.entries(options.config ?? {});
  const plain = entries.filter(([k]) => !secret.has(k));
  const whole = plain.filter(([k]) => !isPathKey(k));
  const paths = plain.filter(([k]) => isPathKey(k));
  if (whole.length > 0) {
    const json = whole.map(([k, v]) => {
      const object = typeof v === "object" && v !== null ? { objectValue: v } : {};
      return [k, { value: text(v), ...object, secret: false }];
    });
    await stack.setAllConfigJson(JSON.stringify(Object.fromEntries(json)));
  }
  if (paths.length > 0)
    await stack.setAllConfig(
      Object.fromEntries(paths.map(([k, v]) => [k, { value: text(v), secret: false }])) as ConfigMap,
      true,
    );
  for (const [k, v] of entries.filter(([key]) => secret.has(key)))
    await setSecretConfig(stack, k, text(v), isPathKey(k));
}

/** The plain text of every secret value in `options`, so no error or log repeats one. */
const secretTexts = (options: Pick<OperationOptions, "config" | "secrets">) =>
  (options.secrets ?? []).flatMap((k) => (options.config?.[k] === undefined ? [] : [text(options.config[k])]));

const counts = (summary: Record<string, number | undefined> | undefined) =>
  Object.fromEntries(Object.entries(summary ?? {}).filter((e): e is [string, number] => typeof e[1] === "number"));

/**
 * StackOps through the Pulumi Automation API: one LocalWorkspace (one `pulumi version`) and one
 * `stack select` per stack for the life of the returned object. Reading never creates a stack; an
 * operation or a config write creates one only when its stack file exists (or `create` is set).
 */
export function automationOps(options: WorkspaceOptions = {}): StackOps {
  const workDir = path.resolve(options.workDir ?? process.cwd());
  let workspace: Promise<LocalWorkspace> | undefined;
  const stacks = new Map<string, Promise<Stack>>();
  const open = () =>
    (workspace ??= (async () => {
      if (!pulumiOnPath()) throw new PulumiCliMissingError();
      fs.mkdirSync(workDir, { recursive: true });
      const envVars: Record<string, string> = {};
      if (options.backendUrl) envVars.PULUMI_BACKEND_URL = options.backendUrl;
      if (options.passphrase) envVars.PULUMI_CONFIG_PASSPHRASE = options.passphrase;
      // A directory of its own (fan-out) gets a Pulumi.yaml naming this project; the project's own is never rewritten.
      const ownProject = fs.existsSync(path.join(workDir, "Pulumi.yaml"));
      const ws = await LocalWorkspace.create({
        workDir,
        envVars,
        secretsProvider: options.secretsProvider,
        program: patchingProgram(),
        projectSettings: ownProject ? undefined : { name: "patching", runtime: "nodejs" },
        pulumiCommand: await isolatedPulumiCommand(),
      });
      return withoutSelecting(ws);
    })());
  const select = (name: string, create: boolean): Promise<Stack> => {
    const cached = stacks.get(name);
    if (cached) return cached;
    const selecting = (async () => {
      const ws = await open();
      try {
        return await Stack.select(name, ws);
      } catch (e) {
        if (!(e instanceof StackNotFoundError)) throw e;
        if (create) return Stack.create(name, ws);
        throw new UnknownStackError(
          name,
          (await ws.listStacks()).map((s) => s.name),
        );
      }
    })();
    stacks.set(name, selecting);
    selecting.catch(() => stacks.delete(name));
    return selecting;
  };
  const declared = (name: string) => fs.existsSync(path.join(workDir, `Pulumi.${stackShortName(name)}.yaml`));
  const run = async (
    operation: string,
    name: string,
    op: OperationOptions = {},
    act: (stack: Stack) => Promise<Record<string, number | undefined> | undefined>,
  ): Promise<OperationResult> =>
    classified(
      { operation, stack: name, logDir: options.logDir, signal: op.signal, secrets: secretTexts(op) },
      async (track) => {
        if (op.signal?.aborted) throw new InterruptedBeforeStartError(`${operation} of ${name}`);
        const stack = await select(
          name,
          op.create ?? (operation !== "refresh" && operation !== "destroy" && declared(name)),
        );
        await applyConfig(stack, op);
        // Tracked from here: an operation this process started, whose lock it may have to release.
        return { changes: counts(await act(track(stack))) };
      },
    );
  const base = (op?: OperationOptions) => ({ onEvent: op?.onEvent, signal: op?.signal });
  /** A one-call step on a stack: a read (never creates) or a config write (creates a declared stack). */
  const onStack = <T>(operation: string, name: string, create: boolean, act: (stack: Stack) => Promise<T>) =>
    classified({ operation, stack: name, logDir: options.logDir }, async () => act(await select(name, create)));
  const read = <T>(operation: string, name: string, act: (stack: Stack) => Promise<T>) =>
    onStack(operation, name, false, act);
  return {
    preview: (name, op) => run("preview", name, op, async (s) => (await s.preview(base(op))).changeSummary),
    up: (name, op) => run("up", name, op, async (s) => (await s.up(base(op))).summary.resourceChanges),
    refresh: (name, op) => run("refresh", name, op, async (s) => (await s.refresh(base(op))).summary.resourceChanges),
    destroy: (name, op) => run("destroy", name, op, async (s) => (await s.destroy(base(op))).summary.resourceChanges),
    outputs: (name) => read("outputs", name, (s) => s.outputs()),
    getConfig: (name, key) =>
      read("config get", name, async (s) => {
        try {
          return (await s.getConfig(key)).value;
        } catch (e) {
          if (e instanceof CommandError && /not found/.test(e.message)) return undefined;
          throw e;
        }
      }),
    readConfig: (name) =>
      read("config", name, async (s) => {
        const all = (await s.getAllConfig()) as Record<
          string,
          { value: string; secret?: boolean; objectValue?: unknown }
        >;
        // Only the keys the stack file itself sets: project defaults and ESC environments resolve
        // into `pulumi config`'s answer, and copying them would freeze them into other stacks.
        const given = new Set(Object.keys(stackFileConfig(workDir, name)));
        const own = Object.entries(all).filter(([k]) => given.has(k));
        return {
          values: Object.fromEntries(own.map(([k, v]) => [k, v.objectValue ?? v.value])),
          secrets: own.filter(([, v]) => v.secret).map(([k]) => k),
        };
      }),
    setConfig: (name, key, value, isPath) =>
      onStack("config set", name, declared(name), (s) => s.setConfig(key, { value }, isPath)),
    removeConfig: (name, key, isPath) => onStack("config rm", name, declared(name), (s) => s.removeConfig(key, isPath)),
  };
}
