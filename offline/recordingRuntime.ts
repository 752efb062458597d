import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, StackConfig } from "../config/load";

/** A resource the program declared, as the engine would have received it. */
export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  /** The id the mocks gave it, which other resources' inputs name. */
  readonly id?: string;
  readonly inputs: Record<string, any>;
  /** The retainOnDelete resource option: audit data must survive `pulumi destroy`. */
  readonly retainOnDelete: boolean;
  /** The URN the engine gives it: stack, project, the parent's type chain, type and name. */
  readonly urn: string;
  /** URNs the resource was known by before (the aliases option), resolved as the engine does. */
  readonly aliases: readonly string[];
  /** The deleteBeforeReplace resource option. */
  readonly deleteBeforeReplace: boolean;
  /** Outputs the engine stores encrypted in the state (additionalSecretOutputs). */
  readonly additionalSecretOutputs: readonly string[];
  /** Each input's dependencies, as the SDK sends them to the engine: the URNs its value came from. */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** The parent's URN, when the resource has a parent. */
  readonly parent?: string;
}

/** Resource options of one registration, which the mocks API does not pass on. */
type RegistrationOptions = Pick<
  RecordedResource,
  | "retainOnDelete"
  | "urn"
  | "aliases"
  | "deleteBeforeReplace"
  | "additionalSecretOutputs"
  | "propertyDependencies"
  | "parent"
>;

/** A URN as the engine builds it (resource.NewURN): the parent's qualified type prefixes the type. */
export function engineUrn(stack: string, type: string, name: string, parentUrn?: string): string {
  const qualified = parentUrn ? `${parentUrn.split("::")[2]}$${type}` : type;
  return `urn:pulumi:${stack}::patching::${qualified}::${name}`;
}

/** A recorded resource's inputs, typed by the provider's own argument type (e.g. aws.ssm.MaintenanceWindowArgs). */
export const declaredInputs = <T>(resource: RecordedResource): pulumi.Unwrap<T> => resource.inputs as pulumi.Unwrap<T>;

import { invokeResult, mockResource } from "./awsAnswers";

export { generatedName, MOCK_ACCOUNT, MOCK_AMI } from "./awsAnswers";

/** Records every registration and answers like AWS would: ids, ARNs and generated names. */
export class RecordingMocks implements pulumi.runtime.Mocks {
  readonly resources: RecordedResource[] = [];
  /** Every invoke (data source) the program made, e.g. `aws:index/getCallerIdentity:getCallerIdentity`. */
  readonly invokes: { readonly token: string; readonly inputs: Record<string, unknown> }[] = [];
  /** URNs registered twice: the engine refuses such a program ("Duplicate resource URN"). */
  readonly duplicateUrns: string[] = [];
  private readonly options = new Map<string, RegistrationOptions>();
  private readonly urns = new Set<string>();

  constructor(private readonly region = "us-east-1") {}

  /**
   * Installs these mocks and records the resource options the mocks API does not pass on, by
   * looking at each registration request first. A second registration of one URN fails as the
   * engine fails it; the mock runtime alone would accept it.
   */
  async install(stack: string): Promise<void> {
    await pulumi.runtime.setMocks(this, "patching", stack, false);
    const monitor = pulumi.runtime.getMonitor() as unknown as {
      registerResource(req: any, callback: (err: Error | null, res?: unknown) => void): unknown;
    };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: Error | null, res?: unknown) => void) => {
      const parent: string | undefined = req.getParent() || undefined;
      const urn = engineUrn(stack, req.getType(), req.getName(), parent);
      if (this.urns.has(urn)) {
        this.duplicateUrns.push(urn);
        return callback(new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`));
      }
      this.urns.add(urn);
      const aliases = (req.getAliasesList() as any[]).map((alias) => {
        if (alias.getUrn()) return alias.getUrn() as string;
        const spec = alias.getSpec();
        const aliasParent = spec.getNoparent() ? undefined : spec.getParenturn() || parent;
        return engineUrn(
          spec.getStack() || stack,
          spec.getType() || req.getType(),
          spec.getName() || req.getName(),
          aliasParent,
        );
      });
      this.options.set(`${req.getType()}::${req.getName()}`, {
        urn,
        parent,
        aliases,
        retainOnDelete: req.getRetainondelete?.() ?? false,
        deleteBeforeReplace: req.getDeletebeforereplace(),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        propertyDependencies: Object.fromEntries(
          (req.getPropertydependenciesMap().toArray() as [string, any][]).map(([key, deps]) => [
            key,
            deps[0] as string[],
          ]),
        ),
      });
      return register(req, callback);
    };
  }

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, any> } {
    const options = this.options.get(`${args.type}::${args.name}`)!;
    const answer = mockResource(args, this.region);
    this.resources.push({
      type: args.type,
      name: args.name,
      custom: args.custom ?? true,
      id: answer.id,
      inputs: args.inputs,
      ...options,
    });
    return answer;
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
    this.invokes.push({ token: args.token, inputs: args.inputs });
    return invokeResult(args.token, args.inputs, this.region);
  }

  /** Custom (AWS) resources only, in declaration order. */
  customResources(): RecordedResource[] {
    return this.resources.filter((r) => r.custom);
  }
}

/** Waits until every registration and output of the program has been handled by the mocks. */
export async function settle(): Promise<void> {
  // waitForRPCs is internal to the SDK but stable; it drains the registration queue.
  const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
  await settings.waitForRPCs();
}

/**
 * Resolves every Output and promise inside a value to a plain value, as the SDK awaits a stack's
 * outputs: by walking it, not through `pulumi.output(value)`, which wraps every plain string of a
 * large summary in an Output of its own (at 200 groups 30-39 ms, against 18-23 ms walked).
 */
export async function resolve<T>(value: T): Promise<pulumi.Unwrap<T>> {
  return (await plain(value)) as pulumi.Unwrap<T>;
}

async function plain(value: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) return plain(await new Promise((done) => value.apply(done)));
  if (value instanceof Promise) return plain(await value);
  if (Array.isArray(value)) return Promise.all(value.map(plain));
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await plain(v)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}

export interface MockRunResult<T> {
  readonly config: StackConfig;
  readonly resources: RecordedResource[];
  readonly outputs: pulumi.Unwrap<T>;
  readonly invokes: RecordingMocks["invokes"];
}

/**
 * Runs a program under Pulumi's mock runtime with a stack's raw config values (keys without
 * the `patching:` prefix), exactly as `pulumi up` would run it, and records what it declares.
 */
export async function runUnderMocks<T>(
  program: (config: StackConfig) => T,
  stack: string,
  raw: Record<string, unknown>,
  region = "us-east-1",
): Promise<MockRunResult<T>> {
  const config = parseStackConfig(raw, stack);
  return withoutStackTraces(async () => {
    const mocks = new RecordingMocks(region);
    await mocks.install(stack);
    const outputs = await resolve(program(config));
    await settle();
    if (mocks.duplicateUrns.length > 0)
      throw new Error(
        mocks.duplicateUrns.map((urn) => `Duplicate resource URN '${urn}'; try giving it a unique name`).join("\n"),
      );
    return { config, resources: mocks.resources, outputs, invokes: mocks.invokes };
  });
}

/**
 * Runs with stack traces off and unmapped. The SDK records one for every resource and promise;
 * under ts-node each is source-mapped, which measured as about 85% of an offline run. Nothing
 * offline reads them.
 */
export async function withoutStackTraces<T>(run: () => Promise<T>): Promise<T> {
  const { stackTraceLimit, prepareStackTrace } = Error;
  Error.stackTraceLimit = 0;
  delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
  try {
    return await run();
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    Error.prepareStackTrace = prepareStackTrace;
  }
}
