import * as http from "http";
import { AddressInfo } from "net";
import { Estate } from "../../adopt/read";

/** An AWS-owned baseline, as GetDefaultPatchBaseline names one: every OS the estate gives none has it. */
const AWS_DEFAULT = "arn:aws:ssm:us-east-1:075727635805:patchbaseline/pb-0000000000000000a";

/**
 * A stand-in for the SSM JSON API adopt reads, serving an estate one item per page (every list
 * call pages, as AWS's may), and answering the first `throttle` calls with ThrottlingException, which
 * the SDK retries. `calls` records each operation with its input.
 */
export function adoptStandIn(
  estate: Estate,
  calls: { operation: string; input: any }[] = [],
  throttle = 0,
): Promise<http.Server> {
  const page = <T>(items: T[], token: string | undefined, key: string) => {
    const index = Number(token ?? 0);
    return {
      [key]: items.slice(index, index + 1),
      ...(index + 1 < items.length ? { NextToken: String(index + 1) } : {}),
    };
  };
  const window = (id: string) => estate.windows.find((w) => w.window.WindowId === id)!;
  const answer = (operation: string, input: any): unknown => {
    switch (operation) {
      case "DescribePatchBaselines": {
        const self = input.Filters?.some((f: any) => f.Key === "OWNER" && f.Values.includes("Self"));
        const ids = self
          ? estate.baselines.map((b) => ({ BaselineId: b.BaselineId, BaselineName: b.Name, DefaultBaseline: false }))
          : [];
        return page(ids, input.NextToken, "BaselineIdentities");
      }
      case "GetPatchBaseline":
        return estate.baselines.find((b) => b.BaselineId === input.BaselineId);
      case "DescribePatchGroups":
        return page(estate.patchGroups, input.NextToken, "Mappings");
      case "GetDefaultPatchBaseline":
        return {
          OperatingSystem: input.OperatingSystem,
          BaselineId: estate.defaults[input.OperatingSystem] ?? AWS_DEFAULT,
        };
      case "DescribeMaintenanceWindows":
        return page(
          estate.windows.map((w) => ({ WindowId: w.window.WindowId, Name: w.window.Name })),
          input.NextToken,
          "WindowIdentities",
        );
      case "GetMaintenanceWindow":
        return window(input.WindowId).window;
      case "DescribeMaintenanceWindowTargets":
        return page(window(input.WindowId).targets, input.NextToken, "Targets");
      case "DescribeMaintenanceWindowTasks":
        return page(
          window(input.WindowId).tasks.map(({ WindowId, WindowTaskId, TaskArn, TaskType }) => ({
            WindowId,
            WindowTaskId,
            TaskArn,
            Type: TaskType,
          })),
          input.NextToken,
          "Tasks",
        );
      case "GetMaintenanceWindowTask":
        return window(input.WindowId).tasks.find((t) => t.WindowTaskId === input.WindowTaskId);
      default:
        return undefined;
    }
  };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const operation = String(req.headers["x-amz-target"]).replace("AmazonSSM.", "");
      const input = JSON.parse(body || "{}");
      calls.push({ operation, input });
      const throttled = calls.length <= throttle;
      const out = throttled
        ? { __type: "ThrottlingException", message: "Rate exceeded" }
        : (answer(operation, input) ?? { __type: "UnknownOperationException", message: operation });
      res.writeHead(throttled || !answer(operation, input) ? 400 : 200, {
        "content-type": "application/x-amz-json-1.1",
      });
      res.end(JSON.stringify(out));
    });
  });
  return new Promise((ready) => server.listen(0, "127.0.0.1", () => ready(server)));
}

export const standInUrl = (server: http.Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
