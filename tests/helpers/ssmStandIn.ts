import * as http from "http";
import { AddressInfo } from "net";

/** A stand-in for the SSM JSON API on 127.0.0.1, serving canned compliance (two pages per group). */
export function ssmStandIn(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"]);
      const input = JSON.parse(body || "{}");
      let out: unknown;
      if (target === "AmazonSSM.DescribePatchGroupState") {
        out = {
          Instances: 2,
          InstancesWithMissingPatches: input.PatchGroup === "Prod-Web" ? 1 : 0,
          InstancesWithFailedPatches: 0,
        };
      } else if (target === "AmazonSSM.DescribeInstancePatchStatesForPatchGroup") {
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
        out = input.NextToken
          ? { InstancePatchStates: [row("i-0b", missing)] }
          : { InstancePatchStates: [row("i-0a", 0)], NextToken: "2" };
      } else if (target === "AmazonSSM.DescribeInstancePatches") {
        const state = input.InstanceId === "i-0a" ? "INSTALLED" : "MISSING";
        const wanted = input.Filters?.find((f: { Key: string }) => f.Key === "KBId")?.Values ?? ["KB5034441"];
        out = {
          Patches: wanted.map((KBId: string) => ({
            Title: KBId,
            KBId,
            Classification: "SecurityUpdates",
            Severity: "Critical",
            State: state,
            InstalledTime: 0,
          })),
        };
      } else {
        res.writeHead(400, { "content-type": "application/x-amz-json-1.1" });
        res.end(JSON.stringify({ __type: "UnknownOperationException", message: target }));
        return;
      }
      res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
      res.end(JSON.stringify(out));
    });
  });
  return new Promise((ready) => server.listen(0, "127.0.0.1", () => ready(server)));
}

/** Serves the stand-in for the calling describe's tests, through AWS_ENDPOINT_URL_SSM and stand-in credentials. */
export function useSsmStandIn(): void {
  let server: http.Server;
  const saved = { ...process.env };
  before(async () => {
    server = await ssmStandIn();
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_SSM: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      AWS_ACCESS_KEY_ID: "AKIDSTANDIN",
      AWS_SECRET_ACCESS_KEY: "stand-in",
      AWS_MAX_ATTEMPTS: "1",
    });
  });
  after(() => {
    server.close();
    for (const key of ["AWS_ENDPOINT_URL_SSM", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_MAX_ATTEMPTS"]) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });
}
