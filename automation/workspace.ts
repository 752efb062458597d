import * as fs from "fs";
import * as path from "path";
import { ConfigMap, EngineEvent, LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { PROJECT_DIR } from "../config/stackFile";
import { StackConfig } from "../config/load";
import { declarePatchingStack, runPatchingProgram } from "../program";

/** What an operation reports: resource counts by operation, e.g. {create: 12, same: 3}. */
export interface OperationResult {
  readonly changes: Record<string, number>;
}

export interface OperationOptions {
  /**
   * Config values set (and written to the stack file) before the operation, keys as `patching:<key>` or `aws:<key>`.
   * @default none
   */
  readonly config?: Record<string, unknown>;
  /** Engine events as they happen, for progress. @default none */
  readonly onEvent?: (event: EngineEvent) => void;
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
  /** A config value as the engine holds it (structured values as JSON text); undefined when unset. */
  getConfig(stack: string, key: string): Promise<string | undefined>;
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
  /** Directory with Pulumi.yaml and the stack files. @default the project directory */
  readonly workDir?: string;
}

/** Thrown when a command needs the pulumi CLI and it is not installed. */
export class PulumiCliMissingError extends Error {
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

/** Selects (or creates) a stack of this project with the inline program and the project's own Pulumi.yaml. */
export async function selectStack(stackName: string, options: WorkspaceOptions = {}): Promise<Stack> {
  if (!pulumiOnPath()) throw new PulumiCliMissingError();
  const envVars: Record<string, string> = {};
  if (options.backendUrl) envVars.PULUMI_BACKEND_URL = options.backendUrl;
  if (options.passphrase) envVars.PULUMI_CONFIG_PASSPHRASE = options.passphrase;
  return LocalWorkspace.createOrSelectStack(
    { stackName, projectName: "patching", program: patchingProgram() },
    { workDir: options.workDir ?? PROJECT_DIR, envVars, secretsProvider: options.secretsProvider },
  );
}

/** Whether a config key addresses inside structured config (`aws:assumeRoles[0].roleArn`). */
export const isPathKey = (key: string) => /[[.]/.test(key.slice(key.indexOf(":") + 1));

/**
 * Sets every override before an operation runs, awaiting each: whole keys in one call (objects as
 * JSON, which the program parses), path keys one by one.
 */
export async function applyConfig(stack: Stack, config: Record<string, unknown> = {}): Promise<void> {
  const text = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
  const whole: ConfigMap = Object.fromEntries(
    Object.entries(config)
      .filter(([k]) => !isPathKey(k))
      .map(([k, v]) => [k, { value: text(v) }]),
  );
  if (Object.keys(whole).length > 0) await stack.setAllConfig(whole);
  for (const [key, value] of Object.entries(config).filter(([k]) => isPathKey(k)))
    await stack.setConfig(key, { value: text(value) }, true);
}

const counts = (summary: Record<string, number | undefined> | undefined) =>
  Object.fromEntries(Object.entries(summary ?? {}).filter((e): e is [string, number] => typeof e[1] === "number"));

/** StackOps through the Pulumi Automation API and a LocalWorkspace of this project. */
export function automationOps(options: WorkspaceOptions = {}): StackOps {
  const run = async (
    stackName: string,
    op: OperationOptions | undefined,
    act: (stack: Stack) => Promise<OperationResult>,
  ) => {
    const stack = await selectStack(stackName, options);
    await applyConfig(stack, op?.config);
    return act(stack);
  };
  return {
    preview: (name, op) =>
      run(name, op, async (s) => ({ changes: counts((await s.preview({ onEvent: op?.onEvent })).changeSummary) })),
    up: (name, op) =>
      run(name, op, async (s) => ({ changes: counts((await s.up({ onEvent: op?.onEvent })).summary.resourceChanges) })),
    refresh: (name, op) =>
      run(name, op, async (s) => ({
        changes: counts((await s.refresh({ onEvent: op?.onEvent })).summary.resourceChanges),
      })),
    destroy: (name, op) =>
      run(name, op, async (s) => ({
        changes: counts((await s.destroy({ onEvent: op?.onEvent })).summary.resourceChanges),
      })),
    outputs: async (name) => (await selectStack(name, options)).outputs(),
    getConfig: async (name, key) => {
      const all = await (await selectStack(name, options)).getAllConfig();
      return all[key]?.value;
    },
    setConfig: async (name, key, value, path) => (await selectStack(name, options)).setConfig(key, { value }, path),
    removeConfig: async (name, key, path) => (await selectStack(name, options)).removeConfig(key, path),
  };
}
