import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, readRawConfig, StackConfig } from "../config/load";
import { mergeProjectConfig, readProject } from "../config/projectConfig";
import { PROJECT_DIR, readStackFile } from "../config/stackFile";

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
}

/** Resource options of one registration, which the mocks API does not pass on. */
type RegistrationOptions = Pick<RecordedResource, "retainOnDelete" | "urn" | "aliases" | "deleteBeforeReplace" | "additionalSecretOutputs">;

/** A URN as the engine builds it (resource.NewURN): the parent's qualified type prefixes the type. */
export function engineUrn(stack: string, type: string, name: string, parentUrn?: string): string {
  const qualified = parentUrn ? `${parentUrn.split("::")[2]}$${type}` : type;
  return `urn:pulumi:${stack}::patching::${qualified}::${name}`;
}

/** A recorded resource's inputs, typed by the provider's own argument type (e.g. aws.ssm.MaintenanceWindowArgs). */
export const declaredInputs = <T>(resource: RecordedResource): pulumi.Unwrap<T> => resource.inputs as pulumi.Unwrap<T>;

/** The fixed account the offline runs pretend to deploy into. */
export const MOCK_ACCOUNT = "123456789012";
/** What the mocks answer for the latest-AMI parameter. */
export const MOCK_AMI = "ami-0abcdef1234567890";

/** Invokes the program makes; anything else is a new dependency the mocks must learn about, so it throws. */
function invokeResult(token: string, inputs: Record<string, any>, region: string): Record<string, any> {
  switch (token) {
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
    case "aws:index/getRegion:getRegion":
      return { name: region, region, id: region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId: MOCK_ACCOUNT, arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/plan`, userId: "AIDAPLAN", id: MOCK_ACCOUNT };
    case "aws:ec2/getVpc:getVpc":
      return { id: inputs.id, cidrBlock: "10.0.0.0/16", arn: `arn:aws:ec2:${region}:${MOCK_ACCOUNT}:vpc/${inputs.id}` };
    case "aws:ec2/getRouteTables:getRouteTables":
      return { id: region, ids: [String(inputs.vpcId).replace(/^vpc-/, "rtb-")] };
    case "aws:ssm/getPatchBaselines:getPatchBaselines":
      return {
        id: region,
        baselineIdentities: [
          { baselineId: "pb-0123456789abcdef0", baselineName: "AWS-DefaultPatchBaseline", baselineDescription: "Default Patch Baseline Provided by AWS.", defaultBaseline: true, operatingSystem: "WINDOWS" },
          { baselineId: "pb-0123456789abcdef1", baselineName: "AWS-AmazonLinux2023DefaultPatchBaseline", baselineDescription: "Default Patch Baseline for Amazon Linux 2023 Provided by AWS.", defaultBaseline: true, operatingSystem: "AMAZON_LINUX_2023" },
        ],
      };
    case "aws:ssm/getParameter:getParameter":
      return { id: inputs.name, name: inputs.name, type: "String", value: MOCK_AMI, version: 1, arn: `arn:aws:ssm:${region}::parameter${inputs.name}` };
    default:
      throw new Error(`unexpected invoke ${token} ${JSON.stringify(inputs)}: teach plan/mockRuntime.ts what it returns`);
  }
}

/** Records every registration and answers like AWS would: ids, ARNs and generated names. */
export class RecordingMocks implements pulumi.runtime.Mocks {
  readonly resources: RecordedResource[] = [];
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
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: any, callback: (err: Error | null, res?: unknown) => void): unknown };
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
        return engineUrn(spec.getStack() || stack, spec.getType() || req.getType(), spec.getName() || req.getName(), aliasParent);
      });
      this.options.set(`${req.getType()}::${req.getName()}`, {
        urn,
        aliases,
        retainOnDelete: req.getRetainondelete?.() ?? false,
        deleteBeforeReplace: req.getDeletebeforereplace(),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      });
      return register(req, callback);
    };
  }

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, any> } {
    const options = this.options.get(`${args.type}::${args.name}`)!;
    const id = args.custom === false ? undefined : `${args.name}-id`;
    this.resources.push({ type: args.type, name: args.name, custom: args.custom ?? true, id, inputs: args.inputs, ...options });
    if (args.custom === false) return { id: undefined, state: remoteComponentOutputs(args) };
    const name = args.inputs.name ?? generatedName(args.name);
    const service = args.type.split(":")[1]?.split("/")[0] ?? "svc";
    const state = { ...args.inputs, name, arn: `arn:aws:${service}:${this.region}:${MOCK_ACCOUNT}:${args.name}`, ...computedOutputs(args, this.region) };
    return { id, state };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
    return invokeResult(args.token, args.inputs, this.region);
  }

  /** Custom (AWS) resources only, in declaration order. */
  customResources(): RecordedResource[] {
    return this.resources.filter((r) => r.custom);
  }
}

/** Outputs AWS computes that the program reads, beyond id, name and arn. */
function computedOutputs(args: pulumi.runtime.MockResourceArgs, region: string): Record<string, string> {
  switch (args.type) {
    case "aws:s3/bucket:Bucket": {
      const bucket = args.inputs.bucket ?? generatedName(args.name).toLowerCase();
      return { bucket, arn: `arn:aws:s3:::${bucket}` };
    }
    case "aws:cloudwatch/eventRule:EventRule":
      return { arn: `arn:aws:events:${region}:${MOCK_ACCOUNT}:rule/${args.inputs.name ?? generatedName(args.name)}` };
    case "aws:kms/key:Key":
      return { keyId: `${args.name}-key-id` };
    case "aws:ssm/association:Association":
      return { associationId: `${args.name}-association-id` };
    default:
      return {};
  }
}

/** Outputs of components a provider plugin builds (awsx), which the mocks must make up. */
function remoteComponentOutputs(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
  if (args.type !== "awsx:ec2:Vpc") return {};
  const zones = Array.from({ length: args.inputs.numberOfAvailabilityZones ?? 2 }, (_, i) => i + 1);
  const kinds = (args.inputs.subnetSpecs ?? []).map((s: { type: string }) => s.type);
  const subnets = (kind: string) => (kinds.includes(kind) ? zones.map((z) => `subnet-${kind.toLowerCase().slice(0, 3)}${String(z).padStart(5, "0")}`) : []);
  return { vpcId: "vpc-0a1b2c3d4e5f60718", isolatedSubnetIds: subnets("Isolated"), privateSubnetIds: subnets("Private"), publicSubnetIds: subnets("Public") };
}

/** The physical name the mocks give a resource declared without one, as AWS auto-naming would. */
export function generatedName(resourceName: string): string {
  let h = 0;
  for (const c of resourceName) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `${resourceName}-${h.toString(16).padStart(7, "0").slice(0, 7)}`;
}

/** Waits until every registration and output of the program has been handled by the mocks. */
export async function settle(): Promise<void> {
  // waitForRPCs is internal to the SDK but stable; it drains the registration queue.
  const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
  await settings.waitForRPCs();
}

/** Resolves every Output inside a value to a plain value. */
export async function resolve<T>(value: T): Promise<pulumi.Unwrap<T>> {
  return new Promise((done) => pulumi.output(value).apply((v) => done(v as pulumi.Unwrap<T>)));
}

export interface MockRunResult<T> {
  readonly config: StackConfig;
  readonly resources: RecordedResource[];
  readonly outputs: pulumi.Unwrap<T>;
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
    if (mocks.duplicateUrns.length > 0) throw new Error(mocks.duplicateUrns.map((urn) => `Duplicate resource URN '${urn}'; try giving it a unique name`).join("\n"));
    return { config, resources: mocks.resources, outputs };
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

/**
 * Plain config values of a stack as `pulumi up` hands them to the program: Pulumi.<stack>.yaml merged
 * with Pulumi.yaml's declarations by the CLI's rules (`patching:` keys only; `aws:region` apart).
 * Keys holding a `secure:` value are listed in secretKeys; offline their plaintext is unknown.
 */
export function rawConfigFromStackFile(stack: string, dir = PROJECT_DIR): { raw: Record<string, unknown>; region: string; secretKeys: string[] } {
  const merged = mergeProjectConfig(readProject(dir), stack, readStackFile(stack, dir));
  const texts = Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, v.value]));
  return {
    raw: readRawConfig(texts),
    region: merged["aws:region"]?.value ?? "us-east-1",
    secretKeys: Object.keys(merged).filter((k) => merged[k].secret),
  };
}
