import * as http from "http";
import { AddressInfo } from "net";
import { patchNowDocumentContent } from "../../components/patching/PatchNowDocument";

/** A call the stand-in received: the SSM operation (or S3 `PutObject`) and its input. */
export interface StandInCall {
  readonly operation: string;
  readonly input: Record<string, unknown>;
}

/** The bucket the stand-in's patch-now documents take override lists from. */
export const STAND_IN_BUCKET = "patch-logs-0a1b2c";

/**
 * How the stand-in's commands behave, by target group: Prod-App's second instance fails, Prod-OnPrem
 * never ends (for Ctrl-C); any other group succeeds. A command is InProgress on the first poll.
 */
function commandStatus(group: string, polls: number): { command: string; instances: [string, string][] } {
  if (polls < 1 || group === "Prod-OnPrem")
    return {
      command: "InProgress",
      instances: [
        ["i-0a", "InProgress"],
        ["i-0b", "Pending"],
      ],
    };
  if (group === "Prod-App")
    return {
      command: "Failed",
      instances: [
        ["i-0a", "Success"],
        ["i-0b", "Failed"],
      ],
    };
  return {
    command: "Success",
    instances: [
      ["i-0a", "Success"],
      ["i-0b", "Success"],
    ],
  };
}

/**
 * A stand-in for the SSM JSON API (and S3's PutObject) on 127.0.0.1, shaped as AWS's API model
 * (botocore ssm service-2.json) documents it: compliance two pages per group, command invocations
 * one per page, every call recorded in `calls`.
 */
export function ssmStandIn(calls: StandInCall[] = []): Promise<http.Server> {
  const commands = new Map<string, { group: string; polls: number }>();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (req.method === "PUT") {
        calls.push({
          operation: "PutObject",
          input: { path: decodeURIComponent(new URL(req.url ?? "", "http://x").pathname), body },
        });
        res.writeHead(200, { etag: '"1"' });
        res.end();
        return;
      }
      const operation = String(req.headers["x-amz-target"]).replace("AmazonSSM.", "");
      const input = JSON.parse(body || "{}");
      calls.push({ operation, input });
      const out = answer(operation, input, commands);
      res.writeHead(out ? 200 : 400, { "content-type": "application/x-amz-json-1.1" });
      res.end(JSON.stringify(out ?? { __type: "UnknownOperationException", message: operation }));
    });
  });
  return new Promise((ready) => server.listen(0, "127.0.0.1", () => ready(server)));
}

function answer(operation: string, input: any, commands: Map<string, { group: string; polls: number }>): unknown {
  switch (operation) {
    case "DescribePatchGroupState":
      return {
        Instances: 2,
        InstancesWithMissingPatches: input.PatchGroup === "Prod-Web" ? 1 : 0,
        InstancesWithFailedPatches: 0,
      };
    case "DescribeInstancePatchStatesForPatchGroup": {
      const ended = Date.parse("2026-11-20T20:00:00Z") / 1000;
      const row = (id: string, missing: number) => ({
        InstanceId: id,
        PatchGroup: input.PatchGroup,
        BaselineId: "pb-1",
        MissingCount: missing,
        FailedCount: 0,
        Operation: "Install",
        OperationStartTime: ended - 600,
        OperationEndTime: ended,
      });
      const missing = input.PatchGroup === "Prod-Web" ? 3 : 0;
      return input.NextToken
        ? { InstancePatchStates: [row("i-0b", missing)] }
        : { InstancePatchStates: [row("i-0a", 0)], NextToken: "2" };
    }
    case "DescribeInstancePatches": {
      const state = input.InstanceId === "i-0a" ? "INSTALLED" : "MISSING";
      const wanted = input.Filters?.find((f: { Key: string }) => f.Key === "KBId")?.Values ?? ["KB5034441"];
      return {
        Patches: wanted.map((KBId: string) => ({
          Title: KBId,
          KBId,
          Classification: "SecurityUpdates",
          Severity: "Critical",
          State: state,
          InstalledTime: 0,
          ...(KBId === "KB5034441" ? { CVEIds: "CVE-2026-21001,CVE-2026-21002" } : {}),
        })),
      };
    }
    case "GetDocument":
      return {
        Name: input.Name,
        DocumentType: "Command",
        DocumentFormat: "JSON",
        Content: JSON.stringify(patchNowDocumentContent(STAND_IN_BUCKET, "prod/patch-now/")),
      };
    case "SendCommand": {
      const CommandId = `0b1c2d3e-0000-4000-8000-00000000000${commands.size + 1}`;
      commands.set(CommandId, { group: input.Targets[0].Values[0], polls: 0 });
      return { Command: { CommandId, DocumentName: input.DocumentName, Status: "Pending" } };
    }
    case "ListCommands": {
      const command = commands.get(input.CommandId)!;
      const status = commandStatus(command.group, command.polls).command;
      return { Commands: [{ CommandId: input.CommandId, Status: status }] };
    }
    case "ListCommandInvocations": {
      const command = commands.get(input.CommandId)!;
      const { instances } = commandStatus(command.group, command.polls);
      const index = Number(input.NextToken ?? 0);
      if (index === instances.length - 1) command.polls += 1; // the whole list read: the next poll moves on
      const [InstanceId, Status] = instances[index];
      return {
        CommandInvocations: [{ CommandId: input.CommandId, InstanceId, Status, StatusDetails: Status }],
        ...(index + 1 < instances.length ? { NextToken: String(index + 1) } : {}),
      };
    }
    case "CancelCommand":
      return {};
    default:
      return undefined;
  }
}

/**
 * Serves the stand-in for the calling describe's tests, through AWS_ENDPOINT_URL_SSM (and _S3) and
 * stand-in credentials. The returned list fills with the calls it receives.
 */
export function useSsmStandIn(): StandInCall[] {
  const calls: StandInCall[] = [];
  let server: http.Server;
  const keys = [
    "AWS_ENDPOINT_URL_SSM",
    "AWS_ENDPOINT_URL_S3",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_MAX_ATTEMPTS",
  ];
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  before(async () => {
    server = await ssmStandIn(calls);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_SSM: url,
      AWS_ENDPOINT_URL_S3: url,
      AWS_ACCESS_KEY_ID: "AKIDSTANDIN",
      AWS_SECRET_ACCESS_KEY: "stand-in",
      AWS_MAX_ATTEMPTS: "1",
    });
  });
  beforeEach(() => calls.splice(0));
  after(() => {
    server.close();
    for (const key of keys) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });
  return calls;
}
