/**
 * `npm test` (scripts/test.mjs) starts the type check with ESLint, Prettier and the suite at once,
 * names each step as it starts, times it as it ends, shows a check's output when it ends, and
 * fails when any step fails. Driven here with stand-in tools in a scratch directory; the terminal
 * is a real pseudo-terminal (util-linux's `script`, in Debian's essential bsdutils).
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../config/stackFile";

const runner = path.join(PROJECT_DIR, "scripts", "test.mjs");

describe("npm test: the checks and the suite at once, each named and timed", function () {
  this.timeout(20000);
  let dir: string;
  const tool = (name: string, body: string) => {
    const file = path.join(dir, "node_modules", ".bin", name);
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-testrunner-"));
    fs.mkdirSync(path.join(dir, "node_modules", ".bin"), { recursive: true });
    tool("prettier", "sleep 1.3; echo 'All matched files use Prettier code style!'");
    tool("mocha", "touch mocha-ran");
    // The project's own script, run by Node.
    fs.mkdirSync(path.join(dir, "scripts"));
    const lint = "console.log('x.ts  1:1  error  no-floating-promises'); process.exitCode = 1;";
    fs.writeFileSync(path.join(dir, "scripts", "typesAndLint.mjs"), lint);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("outside a terminal: every step starts at once and ends with its time; a failing check fails the run, and the suite still ran", () => {
    const result = spawnSync(process.execPath, [runner], { cwd: dir, encoding: "utf8" });
    assert.equal(result.status, 1);
    const lines = result.stderr
      .replace(/\d+\.\d s/g, "N s")
      .trimEnd()
      .split("\n");
    assert.deepEqual(lines.slice(0, 3), [
      "▸ types and lint (scripts/typesAndLint.mjs)…",
      "▸ format (prettier)…",
      "▸ tests (mocha)…",
    ]);
    // Prettier sleeps 1.3 s, so it ends last: the others did not wait for it.
    assert.equal(lines[5], "✓ format: N s");
    assert.deepEqual(lines.slice(3, 5).sort(), ["✓ tests: N s", "✗ types and lint: N s"]);
    assert.deepEqual(result.stdout.trimEnd().split("\n").sort(), [
      "All matched files use Prettier code style!",
      "x.ts  1:1  error  no-floating-promises",
    ]);
    assert.equal(fs.existsSync(path.join(dir, "mocha-ran")), true);
  });

  it("on a terminal: the same lines, and nothing rewrites a line the suite printed", () => {
    const result = spawnSync("script", ["-qec", `"${process.execPath}" "${runner}"`, "/dev/null"], {
      cwd: dir,
      encoding: "utf8",
    });
    assert.equal(result.status, 1);
    const screen = result.stdout.replace(/\r\n/g, "\n");
    assert.match(
      screen,
      /^▸ types and lint \(scripts\/typesAndLint\.mjs\)…\n▸ format \(prettier\)…\n▸ tests \(mocha\)…\n/,
    );
    assert.match(screen, /\nx\.ts {2}1:1 {2}error {2}no-floating-promises\n✗ types and lint: \d+\.\d s\n/);
    assert.match(screen, /\n✓ format: \d+\.\d s\n$/);
    assert.ok(!/\r|\x1b\[/.test(screen), JSON.stringify(screen));
  });
});
