/**
 * The stand-in CLI's engine for preview, up, refresh and destroy. For an inline program it does
 * what the real engine does with `--client`: it serves a resource monitor and an engine service
 * over gRPC and calls the Automation API's language host to Run the program
 * (pulumi/pulumi proto/pulumi/language.proto RunRequest). Registrations are answered by the SDK's
 * own MockMonitor with this project's mock answers; each step is diffed against the stack's state
 * and reported as JSON engine events (sdk/go/common/apitype/events.go), ending with a summaryEvent
 * and a cancelEvent, as the CLI does. `--event-log` is a file for CLIs up to 3.205.0; newer ones
 * stream each event to `tcp://host:port` through the client's gRPC `pulumirpc.Events/StreamEvents`
 * (proto/pulumi/events.proto), which the Automation API serves for them (automation/stack.js setupEventLog).
 */
import * as grpc from "@grpc/grpc-js";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import * as langrpc from "@pulumi/pulumi/proto/language_grpc_pb";
import * as langproto from "@pulumi/pulumi/proto/language_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { invokeResult, mockResource } from "../../../offline/awsAnswers";
import { StackState, StateResource } from "./store";
import { eventSink } from "./events";

/** The SDK's marker for a secret value on the wire (sdk/nodejs/runtime/rpc.ts specialSigKey). */
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const FEATURES = new Set(["secrets", "resourceReferences", "aliasSpecs", "deletedWith"]);

export type Operation = "preview" | "up" | "refresh" | "destroy";

export interface EngineRun {
  readonly operation: Operation;
  readonly project: string;
  readonly stack: string;
  readonly workDir: string;
  readonly config: Record<string, string>;
  readonly secretKeys: string[];
  readonly region: string;
  /** `--parallel`: resource operations at once; the CLI's default is unbounded (2147483647). */
  readonly parallel: number;
  /** The language host to Run the program on (`--client`); refresh and destroy work from the state. */
  readonly client?: string;
  readonly eventLog?: string;
  /** Whether the event log may be a gRPC address (CLIs newer than 3.205.0). */
  readonly eventStream: boolean;
  /** Whether Ctrl-C (SIGINT) has arrived: checked before each step, as the engine does. */
  readonly cancelled: () => boolean;
}

/** What an operation ends with: the state to save, and whether Ctrl-C cut it short. */
export interface EngineResult {
  readonly state: StackState;
  readonly cancelled: boolean;
}

export class Cancelled extends Error {}

const unwrapSecrets = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (o[SIG_KEY] === SECRET_SIG) return unwrapSecrets(o.value);
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
};

const isSecret = (value: unknown) =>
  !!value && typeof value === "object" && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;

const delay = () => new Promise((r) => setTimeout(r, Number(process.env.FAKE_PULUMI_STEP_DELAY_MS ?? 0)));

/**
 * Runs one operation; returns the new state (unchanged for a preview). After Ctrl-C it finishes the
 * step in flight and returns the state so far, as the CLI does on its first interrupt.
 */
export async function runEngine(run: EngineRun, old: StackState): Promise<EngineResult> {
  let sequence = 0;
  const sink = eventSink(run);
  const emit = (event: Record<string, unknown>) =>
    sink.write({ sequence: sequence++, timestamp: Math.floor(Date.now() / 1000), ...event });
  try {
    return await operate(run, old, emit);
  } finally {
    await sink.close();
  }
}

async function operate(
  run: EngineRun,
  old: StackState,
  emit: (event: Record<string, unknown>) => void,
): Promise<EngineResult> {
  const planning = run.operation === "preview";
  const counts: Record<string, number> = {};
  const next: StateResource[] = [];
  const removed = new Set<string>();
  const step = async (op: string, resource: StateResource, previous?: StateResource) => {
    if (run.cancelled()) throw new Cancelled();
    await delay();
    counts[op] = (counts[op] ?? 0) + 1;
    if (op === "delete") removed.add(resource.urn);
    const metadata = { op, urn: resource.urn, type: resource.type, provider: "", old: previous, new: resource };
    emit({ resourcePreEvent: { metadata, planning } });
    emit({ resOutputsEvent: { metadata, planning } });
  };
  emit({ preludeEvent: { config: run.config } });
  const oldByUrn = new Map(old.resources.map((r) => [r.urn, r]));
  let outputs = old.outputs;
  let secretOutputs = old.secretOutputs;

  let cancelled = false;
  try {
    if (run.operation === "preview" || run.operation === "up") {
      if (!run.client) throw new Error("the stand-in engine runs inline programs only (--client)");
      const program = await runProgram(run, async (resource) => {
        const previous = oldByUrn.get(resource.urn);
        const same = previous && JSON.stringify(previous.inputs) === JSON.stringify(resource.inputs);
        await step(previous ? (same ? "same" : "update") : "create", resource, previous);
        next.push(resource);
      });
      for (const gone of old.resources.filter((r) => !next.some((n) => n.urn === r.urn))) await step("delete", gone);
      outputs = program.outputs;
      secretOutputs = program.secretOutputs;
    } else if (run.operation === "refresh") {
      for (const r of old.resources) {
        await step("refresh", r, r);
        next.push(r);
      }
    } else {
      for (const r of [...old.resources].reverse()) await step("delete", r, r);
      outputs = {};
      secretOutputs = [];
    }
  } catch (e) {
    if (!(e instanceof Cancelled)) throw e;
    cancelled = true;
    // What was not reached is still there: the state keeps it beside the steps that finished.
    for (const r of old.resources) if (!removed.has(r.urn) && !next.some((n) => n.urn === r.urn)) next.push(r);
  }
  emit({
    summaryEvent: { maybeCorrupt: false, durationSeconds: 1, resourceChanges: counts, policyPacks: {} },
  });
  emit({ cancelEvent: {} });
  if (planning) return { state: old, cancelled };
  const history = [
    {
      version: old.history.length + 1,
      kind: run.operation === "up" ? "update" : run.operation,
      startTime: new Date().toISOString(),
      endTime: new Date().toISOString(),
      message: "",
      environment: { "exec.kind": "auto.inline" },
      config: {},
      result: cancelled ? "failed" : "succeeded",
      resourceChanges: counts,
    },
    ...old.history,
  ];
  return { state: { resources: next, outputs, secretOutputs, history }, cancelled };
}

/** Serves a monitor and an engine, calls Run on the language host, and reports each registration. */
async function runProgram(
  run: EngineRun,
  onRegistered: (resource: StateResource) => Promise<void>,
): Promise<{ outputs: Record<string, unknown>; secretOutputs: string[] }> {
  // The SDK's in-process mock monitor answers registrations and invokes with the plan's answers.

  const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks") as { MockMonitor: new (mocks: unknown) => any };
  const monitor = new MockMonitor({
    newResource: (args: unknown) => mockResource(args as never, run.region),
    call: (args: { token: string; inputs: Record<string, unknown> }) =>
      invokeResult(args.token, args.inputs, run.region),
  });
  const urns = new Set<string>();
  let root = "";
  let stackOutputs: Record<string, unknown> = {};
  // A failed step (Ctrl-C) ends the run at once, as the engine does, without waiting for the program.
  let stop: (e: Error) => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => (stop = reject));

  const server = new grpc.Server();
  server.addService(resrpc.ResourceMonitorService, {
    supportsFeature: (call: any, cb: any) =>
      cb(null, new resproto.SupportsFeatureResponse().setHassupport(FEATURES.has(call.request.getId()))),
    invoke: (call: any, cb: any) => monitor.invoke(call.request, cb),
    registerResource: (call: any, cb: any) => {
      const req = call.request as resproto.RegisterResourceRequest;
      const urn = monitor.newUrn(req.getParent(), req.getType(), req.getName()) as string;
      if (urns.has(urn)) return cb(new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`));
      urns.add(urn);
      monitor.registerResource(req, (err: Error | null, resp: resproto.RegisterResourceResponse) => {
        if (err) return cb(err);
        const state = resp.getObject()!.toJavaScript() as Record<string, unknown>;
        for (const key of req.getAdditionalsecretoutputsList())
          if (key in state) state[key] = { [SIG_KEY]: SECRET_SIG, value: state[key] };
        resp.setObject(Struct.fromJavaScript(state as never));
        const resource: StateResource = {
          urn,
          type: req.getType(),
          id: resp.getId() || undefined,
          custom: req.getCustom(),
          inputs: unwrapSecrets(req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
          outputs: unwrapSecrets(state) as Record<string, unknown>,
        };
        onRegistered(resource).then(
          () => cb(null, resp),
          (e: Error) => {
            stop(e);
            cb(e);
          },
        );
      });
    },
    registerResourceOutputs: (call: any, cb: any) => {
      const req = call.request as resproto.RegisterResourceOutputsRequest;
      if (req.getUrn() === root) stackOutputs = req.getOutputs()?.toJavaScript() ?? {};
      monitor.registerResourceOutputs(req, (err: Error | null) => cb(err, new Empty()));
    },
    registerPackage: (call: any, cb: any) => monitor.registerPackage(call.request, cb),
  });
  server.addService(engrpc.EngineService, {
    log: (call: any, cb: any) => {
      const req = call.request as engproto.LogRequest;
      if (req.getSeverity() === engproto.LogSeverity.ERROR) process.stderr.write(`error: ${req.getMessage()}\n`);
      cb(null, new Empty());
    },
    getRootResource: (_call: any, cb: any) => cb(null, new engproto.GetRootResourceResponse().setUrn(root)),
    setRootResource: (call: any, cb: any) => {
      root = (call.request as engproto.SetRootResourceRequest).getUrn();
      cb(null, new engproto.SetRootResourceResponse());
    },
  });
  const port = await new Promise<number>((ok, fail) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? fail(e) : ok(p))),
  );
  const address = `127.0.0.1:${port}`;
  // The SDK's `newUrn` reads the project and stack from its settings, as under setMocks.

  require("@pulumi/pulumi/runtime/settings").resetOptions(run.project, run.stack, 1, "", "", false, "organization");

  const request = new langproto.RunRequest()
    .setProject(run.project)
    .setStack(run.stack)
    .setPwd(run.workDir)
    .setProgram(".")
    .setArgsList([address])
    .setDryrun(run.operation === "preview")
    // 1 would make the SDK register one resource at a time (runtime/settings.js serialize()).
    .setParallel(run.parallel)
    .setMonitorAddress(address)
    .setConfigsecretkeysList(run.secretKeys)
    .setOrganization("organization");
  for (const [k, v] of Object.entries(run.config)) request.getConfigMap().set(k, v);
  const client = new langrpc.LanguageRuntimeClient(run.client!, grpc.credentials.createInsecure());
  try {
    const response = await Promise.race([
      new Promise<langproto.RunResponse>((ok, fail) => client.run(request, (e, r) => (e ? fail(e) : ok(r)))),
      stopped,
    ]);
    if (response.getError()) throw new Error(response.getError());
  } finally {
    client.close();
    server.forceShutdown();
  }
  const secretOutputs = Object.entries(stackOutputs)
    .filter(([, v]) => isSecret(v))
    .map(([k]) => k);
  return { outputs: unwrapSecrets(stackOutputs) as Record<string, unknown>, secretOutputs };
}
