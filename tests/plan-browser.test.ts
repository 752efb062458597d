import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import { withoutFakeClock } from "./helpers/clock";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planDocument } from "../cli/plan";
import { FROM } from "./helpers/plan";

describe("plan: the HTML calendar in a real browser", function () {
  this.timeout(60000);
  const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

  it("draws each window run in its environment's row and day cell", async function () {
    if (!chromium) {
      console.log("      skipped: no chromium on this machine (.ci/run installs Debian's chromium)");
      this.skip();
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-html-"));
    const file = path.join(dir, "plan.html");
    fs.writeFileSync(
      file,
      await planDocument({ allStacks: true, format: "html", runs: 4, weeks: 3, from: FROM.toISO()! }),
    );
    const dom = execFileSync(
      chromium!,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--user-data-dir=${path.join(dir, "profile")}`,
        "--dump-dom",
        `file://${file}`,
      ],
      // chromium does not start under libfaketime's preload; the page is rendered from a fixed --from, so the
      // browser needs no fake clock when the suite runs under one.
      { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 45000, env: withoutFakeClock() },
    );
    const cell = (stack: string, day: string) => {
      const match = new RegExp(`<td class="day" data-stack="${stack}" data-day="${day}">(.*?)</td>`).exec(dom);
      assert.ok(match, `no cell for ${stack} ${day}`);
      return [...match[1].matchAll(/data-window="([^"]+)"[^>]*>([^<]*)</g)].map((m) => m[2]);
    };
    assert.deepEqual(cell("dev", "2026-12-05"), ["02:00 Patching-Test"]);
    assert.deepEqual(cell("dev", "2026-12-06"), []);
    assert.deepEqual(cell("test", "2026-12-13"), ["03:00 QA-Weekly"]);
    assert.deepEqual(cell("prod", "2026-12-14"), [
      "04:00 Prod-Scan-Nightly",
      "21:00 Prod-Install-Web",
      "23:30 Prod-Install-App",
    ]);
    // One install block per install run the timeline holds, whatever stacks exist (three weeks from FROM).
    const timeline = JSON.parse(
      await planDocument({ allStacks: true, format: "json", runs: 4, weeks: 3, from: FROM.toISO()! }),
    );
    const installs = timeline.timeline.entries.filter((e: { operations: string[] }) =>
      e.operations.includes("Install"),
    );
    assert.equal((dom.match(/class="block Install"/g) ?? []).length, installs.length);
    assert.ok(installs.length >= 8, "dev, test and prod install at least 3 + 3 + 2 times in three weeks");
  });
});
