/**
 * Where the stand-in engine's events go, by the CLI version's contract (automation/stack.js
 * setupEventLog): a JSON-lines file for CLIs up to 3.205.0; for newer ones, each event streamed to
 * `tcp://host:port` through the client side of `pulumirpc.Events/StreamEvents` (proto/pulumi/events.proto).
 */
import * as fs from "fs";
import * as grpc from "@grpc/grpc-js";
import * as eventsrpc from "@pulumi/pulumi/proto/events_grpc_pb";
import * as eventsproto from "@pulumi/pulumi/proto/events_pb";

export interface EventSink {
  write(event: Record<string, unknown>): void;
  close(): Promise<void>;
}

export function eventSink(run: { readonly eventLog?: string; readonly eventStream: boolean }): EventSink {
  const target = run.eventLog;
  if (target?.startsWith("tcp://") && run.eventStream) {
    const client = new eventsrpc.EventsClient(target.slice("tcp://".length), grpc.credentials.createInsecure());
    let finished: (error: Error | null) => void = () => undefined;
    const done = new Promise<Error | null>((ok) => (finished = ok));
    const call = client.streamEvents((error) => finished(error));
    // A stream error reaches the callback; without a listener it would also crash the process unnamed.
    call.on("error", () => undefined);
    return {
      write: (event) => void call.write(new eventsproto.EventRequest().setEvent(JSON.stringify(event))),
      close: async () => {
        call.end();
        const error = await done;
        client.close();
        if (error) throw new Error(`the event stream to ${target} failed: ${error.message}`);
      },
    };
  }
  // An older CLI takes the value as a file path, whatever it looks like (tcp://… fails with ENOENT).
  return {
    write: (event) => target && fs.appendFileSync(target, `${JSON.stringify(event)}\n`),
    close: async () => undefined,
  };
}
