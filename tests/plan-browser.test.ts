import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import { withoutFakeClock } from "./helpers/clock";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planDocument } from "../plan/document";
import { listStacks } from "../config/stackFile";
import { FROM } from "./helpers/plan";

/**
 * What Chromium shows of the HTML plan, with scripts on and with scripts off (as mail clients and
 * SharePoint show it): the page must be the same, because it is static HTML.
 */
describe("plan: the HTML calendar in a real browser", function () {
  this.timeout(90000);
  const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
  let dir: string;
  let file: string;
  let timeline: any;

  const render = (url: string, ...flags: string[]) =>
    execFileSync(
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
        `--user-data-dir=${path.join(dir, `profile-${flags.length}`)}`,
        ...flags,
        "--dump-dom",
        url,
      ],
      // chromium does not start under libfaketime's preload; the page is rendered from a fixed --from, so the
      // browser needs no fake clock when the suite runs under one.
      { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 45000, env: withoutFakeClock() },
    );

  before(async function () {
    if (!chromium) {
      console.log("      skipped: no chromium on this machine (.ci/run installs Debian's chromium)");
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-html-"));
    file = path.join(dir, "plan.html");
    const options = { allStacks: true, runs: 4, weeks: 3, from: FROM.toISO()! };
    fs.writeFileSync(file, await planDocument({ ...options, format: "html" }));
    timeline = JSON.parse(await planDocument({ ...options, format: "json" })).timeline;
  });

  const cells = (dom: string, stack: string, day: string) => {
    const match = new RegExp(`<td class="day" data-stack="${stack}" data-day="${day}">(.*?)</td>`).exec(dom);
    assert.ok(match, `no cell for ${stack} ${day}`);
    return [...match[1].matchAll(/data-window="[^"]+">([^<]*)<small>([^<]*)</g)].map((m) => `${m[1]} | ${m[2]}`);
  };

  /**
   * The page as a browser shows it with scripts on, or off as a mail client has them: a Content
   * Security Policy of `script-src 'none'` (Chromium's --dump-dom itself needs scripts). A canary
   * script proves which.
   */
  const show = (scripts: boolean) => {
    const variant = path.join(dir, `plan-scripts-${scripts}.html`);
    const csp = scripts ? "" : `<meta http-equiv="Content-Security-Policy" content="script-src 'none'">`;
    const canary = `<script>document.documentElement.setAttribute("data-scripts", "ran")</script>`;
    fs.writeFileSync(variant, fs.readFileSync(file, "utf8").replace("<head>", `<head>${csp}${canary}`));
    const dom = render(`file://${variant}`);
    assert.equal(/<html[^>]* data-scripts="ran"/.test(dom), scripts);
    return dom;
  };

  for (const scripts of [true, false]) {
    it(`shows every install run in its row and day, with UTC, cutoff and overlaps (scripts ${scripts ? "on" : "off"})`, () => {
      const dom = show(scripts);
      assert.deepEqual(cells(dom, "dev", "2026-12-05"), ["02:00–04:00 Patching-Test | 02:00 UTC · cutoff 03:00"]);
      assert.deepEqual(cells(dom, "dev", "2026-12-06"), []);
      assert.deepEqual(cells(dom, "test", "2026-12-13"), ["03:00–06:00 QA-Weekly | 03:00 UTC · cutoff 05:00"]);
      // prod's nightly scan is folded into one row, so the installs stand out.
      assert.deepEqual(cells(dom, "prod", "2026-12-14"), [
        "21:00–01:00 Prod-Install-Web | 20:00 UTC · cutoff 00:00 · overlaps",
        "23:30–03:30 Prod-Install-App | 22:30 UTC · cutoff 02:30 · overlaps",
      ]);
      assert.match(
        dom,
        /<th class="stack">prod scans<\/th><td colspan="22"><span class="block Scan" data-window="Prod-Scan-Nightly">/,
      );
      const installs = timeline.entries.filter((e: { operations: string[] }) => e.operations.includes("Install"));
      assert.equal(
        (dom.match(/class="block Install( overlap)?" (title="[^"]*" )?data-window/g) ?? []).length,
        installs.length,
      );

      assert.match(
        dom,
        /<th class="day patch-tuesday" data-day="2026-12-08">Tue 8 Dec<div class="mark release">Patch Tuesday<\/div><\/th>/,
      );
      assert.match(
        dom,
        /<td class="day" data-stack="test" data-day="2026-12-11"><div class="mark" title="[^"]+">approved/,
      );
      assert.match(dom, /<ul id="legend">/);
      assert.match(dom, /Patch Tuesday Tue 8 Dec 2026: when each stage installs it/);
      assert.match(
        dom,
        /<tr><td>prod<\/td><td>Prod-Web<\/td><td>Mon 14 Dec 2026 18:00 UTC<\/td><td>Mon 14 Dec 2026 20:00 UTC<\/td><td>Prod-Install-Web<\/td><\/tr>/,
      );
      // Every stack file is planned: a staging added between test and prod is in the verdict too.
      assert.ok(dom.includes(`<p class="verdict">Order holds: ${listStacks().join(" before ")}.</p>`));
      assert.match(dom, /<h2 id="timeline-warnings">Warnings \(0\)<\/h2>\n<p>none<\/p>/);
    });
  }

  it("fits 1400 px: the calendar scrolls inside its own box, the page does not", () => {
    // A page of ours holding the plan in a 1400 px frame reports the plan's widths; file access between
    // the two pages is allowed for this check only.
    const probe = path.join(dir, "probe.html");
    fs.writeFileSync(
      probe,
      `<!doctype html><body><iframe id="f" src="plan.html" width="1400" height="900"></iframe><script>
document.getElementById("f").onload = function () {
  var d = this.contentDocument;
  document.body.setAttribute("data-page", d.documentElement.scrollWidth);
  document.body.setAttribute("data-grid", d.querySelector(".calendar").scrollWidth);
  document.body.setAttribute("data-box", d.querySelector(".scroll").clientWidth);
};</script></body>`,
    );
    const dom = render(`file://${probe}`, "--allow-file-access-from-files", "--virtual-time-budget=5000");
    const [page, grid, box] = ["page", "grid", "box"].map((k) =>
      Number(new RegExp(`data-${k}="(\\d+)"`).exec(dom)?.[1]),
    );
    assert.ok(page <= 1400, `the page is ${page} px wide`);
    assert.ok(box <= 1400 && grid > box, `the grid (${grid} px) scrolls inside its box (${box} px)`);
  });
});
