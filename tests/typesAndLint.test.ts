/**
 * `npm test`'s type check and lint (scripts/typesAndLint.mjs): one TypeScript program, ESLint's
 * typed rules reading it. Run here on a scratch project laid out like this one, so what it reports
 * and how it exits are checked, not assumed. The clean case is `npm test` itself: this project
 * passes the step only when the script exits 0.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../config/stackFile";

const script = path.join(PROJECT_DIR, "scripts", "typesAndLint.mjs");

describe("npm test's type check and lint, over one program", function () {
  this.timeout(60000);
  let dir: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-typeslint-"));
    fs.symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(dir, "node_modules"));
    // As in this project: tsconfig.json turns the check off for ts-node; the script turns it on.
    write(
      "tsconfig.json",
      JSON.stringify({ compilerOptions: { strict: true, noCheck: true, target: "es2022", types: [] } }),
    );
    write("examples/embed/tsconfig.json", JSON.stringify({ compilerOptions: { strict: true }, files: ["index.ts"] }));
    write("examples/embed/index.ts", "export const embedded = 1;\n");
    write(
      "eslint.config.mjs",
      `import tseslint from "typescript-eslint";
export default tseslint.config({
  files: ["**/*.ts"],
  languageOptions: {
    parser: tseslint.parser,
    parserOptions: { project: ["./tsconfig.json", "./examples/embed/tsconfig.json"], tsconfigRootDir: import.meta.dirname },
  },
  plugins: { "@typescript-eslint": tseslint.plugin },
  rules: { "@typescript-eslint/no-floating-promises": "error" },
});
`,
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reports tsc's type error and ESLint's typed rule in one run, and exits 1", () => {
    // A type error, and a promise left floating: one problem for each tool.
    write("count.ts", 'export const count: number = "one";\n');
    write("later.ts", "async function later() {}\nexport function start() {\n  later();\n}\n");
    const result = spawnSync(process.execPath, [script], { cwd: dir, encoding: "utf8" });
    assert.equal(result.status, 1);
    assert.match(
      result.stdout,
      /^count\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'\./m,
    );
    assert.match(
      result.stdout,
      /later\.ts\n\s+3:3\s+error\s+Promises must be awaited[^\n]*@typescript-eslint\/no-floating-promises/,
    );
  });
});
