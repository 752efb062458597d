/**
 * Ctrl-C through the real LocalWorkspace against the stand-in pulumi CLI, which records every
 * signal it receives. The contract (@pulumi/pulumi/automation cmd.js; the CLI's cancellation): the
 * first interrupt lets the CLI finish the steps in flight, save the state and release its lock; a
 * second one terminates it at once; a preview takes no lock; `pulumi cancel` cancels whatever update
 * holds the stack, so it is run only for an update this process started and stopped at once.
 */
import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { forceInterrupt, MINIMUM_CLI_VERSION } from "../automation/pulumiCli";
import { PROJECT_DIR } from "../config/stackFile";
import { bundled, bundleEnv } from "./helpers/bundled";
import { CURRENT_CLI, useStandInWorkspace } from "./helpers/standInWorkspace";

describe("automation: Ctrl-C through the real LocalWorkspace (stand-in pulumi CLI)", function () {
  this.timeout(120000);
  // Known flake of the test double, not of the product: now and then the SDK's in-process runtime
  // gets "14 UNAVAILABLE: No connection established" from the stand-in engine's resource monitor.
  // Each test starts from a fresh workspace, so one retry is safe; a real failure fails twice.
  this.retries(1);
  const ws = useStandInWorkspace();
  const { ops, calls } = ws;
  // The current CLI streams engine events over gRPC, the oldest supported writes them to a file:
  // the interrupt is sent on an event, so both paths are run.
  for (const version of [CURRENT_CLI, MINIMUM_CLI_VERSION])
    describe(`CLI ${version}`, () => {
      beforeEach(() => (process.env.FAKE_PULUMI_VERSION = version));
      const locks = () => path.join(ws.fake.backendDir, ".pulumi", "locks", "organization", "patching", "dev");
      const lockFiles = () => (fs.existsSync(locks()) ? fs.readdirSync(locks()) : []);
      const resources = () =>
        (
          JSON.parse(fs.readFileSync(path.join(ws.fake.backendDir, ".pulumi/stacks/patching/dev.json"), "utf8")) as {
            resources: unknown[];
          }
        ).resources.length;
      beforeEach(() => (process.env.FAKE_PULUMI_STEP_DELAY_MS = "40"));

      it("one interrupt: the CLI gets one SIGINT, saves the state of the steps it finished and releases its lock; nothing is cancelled", async () => {
        const controller = new AbortController();
        const error = await ops()
          .up("dev", { signal: controller.signal, onEvent: (e) => e.resOutputsEvent && controller.abort() })
          .catch((e: Error) => e);
        assert.match(
          String(error),
          /up of dev was interrupted \(Ctrl-C\): the pulumi CLI finished the steps in flight and saved the state; run it again to finish/,
        );
        assert.deepEqual(
          ws.fake.signals().map((s) => `${s.signal} ${s.argv[0]}`),
          ["SIGINT up"],
        );
        assert.ok(!calls().some((c) => c.startsWith("cancel")), calls().join("\n"));
        assert.deepEqual(lockFiles(), []);
        assert.ok(resources() > 0 && resources() < 15, `saved ${resources()} resources, the steps that finished`);
      });

      it("a preview, which takes no lock, is interrupted without touching a colleague's running update", async () => {
        ws.pulumi("stack", "init", "dev", "--no-select"); // set-up
        const stackOps = ops();
        fs.mkdirSync(locks(), { recursive: true });
        const colleague = { pid: 4242, username: "alice", hostname: "jump01", timestamp: "2026-11-30T09:00:00Z" };
        fs.writeFileSync(path.join(locks(), "alice.json"), JSON.stringify(colleague));
        const controller = new AbortController();
        const error = await stackOps
          .preview("dev", { signal: controller.signal, onEvent: (e) => e.resOutputsEvent && controller.abort() })
          .catch((e: Error) => e);
        assert.match(String(error), /preview of dev was interrupted \(Ctrl-C\); a preview changes nothing/);
        forceInterrupt(); // even a second Ctrl-C never cancels for a preview
        assert.ok(!calls().some((c) => c.startsWith("cancel")), calls().join("\n"));
        assert.deepEqual(lockFiles(), ["alice.json"]);
      });

      it("a signal already aborted starts nothing", async () => {
        await assert.rejects(ops().up("dev", { signal: AbortSignal.abort() }), {
          message: "up of dev not started: interrupted (Ctrl-C) before it began",
        });
        assert.ok(!calls().some((c) => /^(up|preview|stack init)/.test(c)), calls().join("\n"));
      });

      it("a second interrupt stops the CLI at once; only then, and only for its own update, this process runs `pulumi cancel` and says so", async () => {
        const controller = new AbortController();
        let sent = 0;
        const error = await ops()
          .up("dev", {
            signal: controller.signal,
            onEvent: (e) => {
              if (!e.resOutputsEvent || sent++ > 0) return;
              controller.abort();
              setTimeout(forceInterrupt, 5);
            },
          })
          .catch((e: Error) => e);
        assert.deepEqual(
          ws.fake.signals().map((s) => `${s.signal} ${s.argv[0]}`),
          ["SIGINT up", "SIGINT up"],
        );
        assert.match(
          String(error),
          /up of dev was stopped at once \(second Ctrl-C\); this process ran `pulumi cancel --stack dev` to release the lock of its own update; run `pulumi refresh --stack dev`/,
        );
        assert.deepEqual(
          calls().filter((c) => c.startsWith("cancel")),
          ["cancel --yes --stack dev --non-interactive"],
        );
        assert.deepEqual(lockFiles(), []);
      });

      // How a terminal's Ctrl-C reaches the CLI does not depend on how the CLI reports events, which
      // the tests above cover at both versions: this slow, whole-process test runs at the current one.
      if (version === CURRENT_CLI)
        it("the `patching` command in a terminal's process group: Ctrl-C reaches the CLI once, and the rollout stops before the next stage", async () => {
          const child = spawn(
            process.execPath,
            [
              ...bundled(),
              "--cwd",
              ws.workDir,
              "--backend",
              ws.fake.backendUrl,
              "rollout",
              "--stages",
              "dev,test",
              "--yes",
            ],
            { cwd: PROJECT_DIR, detached: true, stdio: ["ignore", "pipe", "pipe"], env: bundleEnv() },
          );
          let stderr = "";
          let stdout = "";
          let pressed = false;
          child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
          child.stderr.on("data", (d: Buffer) => {
            stderr += d.toString();
            // The terminal's Ctrl-C: SIGINT to the whole foreground process group, once the update runs.
            if (!pressed && /\[dev\] up/.test(stderr) && /created/.test(stderr)) {
              pressed = true;
              process.kill(-child.pid!, "SIGINT");
            }
          });
          const code = await new Promise<number | null>((ok) => child.on("close", ok));
          assert.equal(code, 1, stderr);
          assert.deepEqual(
            ws.fake.signals().map((s) => `${s.signal} ${s.argv[0]}`),
            ["SIGINT up"],
            "exactly one interrupt reached the CLI",
          );
          assert.match(stderr, /interrupting: the pulumi CLI finishes the steps in flight and saves the state/);
          assert.match(stdout, /dev +failed .*up of dev was interrupted \(Ctrl-C\)/);
          assert.match(stdout, /test +not run .*interrupted \(Ctrl-C\) before this stage/);
          assert.ok(!calls().some((c) => c.includes("--stack test")), calls().join("\n"));
          assert.ok(!calls().some((c) => c.startsWith("cancel")));
        });
    });
});
