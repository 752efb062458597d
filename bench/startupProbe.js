// Start-up probe for `npm run bench`, run in a fresh Node process. It loads the program the way
// the pulumi CLI's Node.js host does (@pulumi/pulumi cmd/run): Pulumi.yaml's `main`, through
// ts-node (transpileOnly from the tsconfig's noCheck) only when `runtime.options.typescript` is on,
// under Pulumi's mock runtime, and prints the milliseconds since process start at which the first
// resource is registered. Modes: `baseline` prints when `@pulumi/pulumi` alone has loaded, the
// floor of any Pulumi program; `typescript` loads index.ts through ts-node with type-checking,
// as a project with `typescript: true` and no noCheck does.
const { performance } = require("perf_hooks");
const path = require("path");

const root = path.join(__dirname, "..");
const mode = process.argv[2] ?? "program";
if (mode === "baseline") {
  require("@pulumi/pulumi");
  console.log(performance.now().toFixed(0));
  process.exit(0);
}

let main;
if (mode === "typescript") {
  require("ts-node").register({ project: path.join(root, "tsconfig.json"), transpileOnly: false, swc: false });
  main = path.join(root, "index.ts");
} else {
  const project = require("yaml").parse(require("fs").readFileSync(path.join(root, "Pulumi.yaml"), "utf8"));
  if (project.runtime.options?.typescript !== false)
    throw new Error("the probe expects a precompiled program (typescript: false)");
  main = path.join(root, project.main);
}

const pulumi = require("@pulumi/pulumi");
process.env.PULUMI_CONFIG = process.env.PROBE_CONFIG;
pulumi.runtime
  .setMocks(
    {
      newResource(args) {
        if (args.custom !== false) {
          console.log(performance.now().toFixed(0));
          process.removeAllListeners("exit"); // the runtime's leaked-promise report: the probe stops mid-program on purpose
          process.exit(0);
        }
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call() {
        return {};
      },
    },
    "patching",
    "dev",
    true,
  )
  .then(() => require(main));
