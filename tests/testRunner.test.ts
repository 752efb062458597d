/**
 * `npm test` (scripts/test.mjs) names each step and times it, counts the seconds of the silent ones
 * on a terminal, shows their output when they end, and stops at the first that fails. Driven here
 * with stand-in tools in a scratch directory; the terminal is a real pseudo-terminal (util-linux's
 * `script`, in Debian's essential bsdutils).
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../config/stackFile";

const runner = path.join(PROJECT_DIR, "scripts", "test.mjs");

describe("npm test: every step named and timed, never silent on a terminal", function () {
  this.timeout(20000);
  let dir: string;
  const tool = (name: string, body: string) => {
    const file = path.join(dir, "node_modules", ".bin", name);
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-testrunner-"));
    fs.mkdirSync(path.join(dir, "node_modules", ".bin"), { recursive: true });
    tool("tsc", "sleep 1.3");
    tool("prettier", "echo 'All matched files use Prettier code style!'");
    tool("eslint", "echo 'x.ts  1:1  error  no-floating-promises'; exit 1");
    tool("mocha", "touch mocha-ran");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("outside a terminal: a line per step as it starts and ends, the failing step's output, its exit code", () => {
    const result = spawnSync(process.execPath, [runner], { cwd: dir, encoding: "utf8" });
    assert.equal(result.status, 1);
    const lines = result.stderr.replace(/\d+\.\d s/g, "N s").split("\n");
    assert.deepEqual(lines, [
      "▸ type check (tsc)…",
      "✓ type check: N s",
      "▸ format (prettier)…",
      "✓ format: N s",
      "▸ lint (eslint)…",
      "✗ lint: N s",
      "",
    ]);
    assert.equal(result.stdout, "All matched files use Prettier code style!\nx.ts  1:1  error  no-floating-promises\n");
    assert.equal(fs.existsSync(path.join(dir, "mocha-ran")), false, "the suite ran after a failed step");
  });

  it("on a terminal: the silent step's line counts the seconds, then gives way to its result", () => {
    const result = spawnSync("script", ["-qec", `"${process.execPath}" "${runner}"`, "/dev/null"], {
      cwd: dir,
      encoding: "utf8",
    });
    assert.equal(result.status, 1);
    const screen = result.stdout.replace(/\r\n/g, "\n");
    assert.match(
      screen,
      /^▸ type check \(tsc\)…(\r\x1b\[K▸ type check \(tsc\)… \d+\.\d s)+\r\x1b\[K✓ type check: \d+\.\d s\n/,
    );
    assert.match(screen, /\r\x1b\[Kx\.ts {2}1:1 {2}error {2}no-floating-promises\n✗ lint: \d+\.\d s\n$/);
  });
});
