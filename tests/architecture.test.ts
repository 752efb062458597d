import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../config/stackFile";

/** The layering docs/ARCHITECTURE.md draws: components stand alone, whatever wires them. */
describe("architecture: components stand alone", () => {
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const file = path.join(dir, e.name);
      return e.isDirectory() ? files(file) : e.name.endsWith(".ts") ? [file] : [];
    });

  it("no file under components/ imports config/, stack/ or the program", () => {
    const offenders = files(path.join(PROJECT_DIR, "components")).flatMap((file) => {
      const imports = [...fs.readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
      return imports
        .filter((spec) => spec.startsWith("."))
        .map((spec) => path.relative(PROJECT_DIR, path.resolve(path.dirname(file), spec)))
        .filter((target) => /^(config|stack|program|plan|automation|cli)(\/|$)/.test(target))
        .map((target) => `${path.relative(PROJECT_DIR, file)} → ${target}`);
    });
    assert.deepEqual(offenders, []);
  });
});
