import type { EngineEvent } from "@pulumi/pulumi/automation";

/** What an engine step did, said as done. */
const DONE: Record<string, string> = {
  create: "created",
  update: "updated",
  delete: "deleted",
  replace: "replaced",
  "create-replacement": "created replacement",
  "delete-replaced": "deleted replaced",
  read: "read",
  refresh: "refreshed",
  import: "imported",
};

/** One live line per finished or failed resource step, and every error the engine reports. */
export function progressLine(event: EngineEvent): string | undefined {
  const name = (urn: string) => urn.split("::").pop();
  if (event.resOutputsEvent) {
    const m = event.resOutputsEvent.metadata;
    if (m.op === "same") return undefined;
    // A preview's events are planned steps (`planning`): they say what would happen, not what did.
    const verb = event.resOutputsEvent.planning ? `would ${m.op}` : (DONE[m.op] ?? m.op);
    return `  ✓ ${verb} ${m.type} ${name(m.urn)}`;
  }
  if (event.resOpFailedEvent) {
    const m = event.resOpFailedEvent.metadata;
    return `  ✗ ${m.op} ${m.type} ${name(m.urn)} failed`;
  }
  if (event.diagnosticEvent && event.diagnosticEvent.severity === "error") {
    return `  ! ${event.diagnosticEvent.message.trim()}`;
  }
  return undefined;
}
