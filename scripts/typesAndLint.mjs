// `npm test`'s type check and lint in one process: ESLint's typed rules read the TypeScript program
// the type check built, instead of building their own (the project's reaches 4,000 declaration
// files of @pulumi/aws through examples/policy, which imports its index as other programs do).
// `tsc --noEmit` and `eslint .` one after the other took 67 s of processor time here; this takes
// 32 s. The output is tsc's and ESLint's own; the exit code is 1 when either found a problem.
import { ESLint } from "eslint";
import ts from "typescript";

/** The program a tsconfig describes, with `overrides` on its compiler options, as `tsc -p` builds it. */
function program(configFile, overrides) {
  const host = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  };
  const { fileNames, options, projectReferences } = ts.getParsedCommandLineOfConfigFile(configFile, overrides, host);
  return ts.createProgram({ rootNames: fileNames, options, projectReferences });
}

// tsconfig.json sets noCheck for ts-node's sake; the check is what this step is for.
const project = program("tsconfig.json", { noEmit: true, noCheck: false });
const diagnostics = ts.getPreEmitDiagnostics(project);
const host = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: ts.sys.getCurrentDirectory,
  getNewLine: () => "\n",
};
const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
process.stdout.write(format(diagnostics, host));

// The same two projects eslint.config.mjs names, so `eslint .` alone (and an editor) agrees.
const embed = program("examples/embed/tsconfig.json", { noEmit: true });
const eslint = new ESLint({
  overrideConfig: { files: ["**/*.ts"], languageOptions: { parserOptions: { programs: [project, embed] } } },
});
const results = await eslint.lintFiles(["."]);
process.stdout.write(await (await eslint.loadFormatter("stylish")).format(results));

process.exitCode = diagnostics.length > 0 || ESLint.getErrorResults(results).length > 0 ? 1 : 0;
