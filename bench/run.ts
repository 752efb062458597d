import * as pulumi from "@pulumi/pulumi";
import {
  generatedName,
  MOCK_ACCOUNT,
  MockRunResult,
  RecordedResource,
  RecordingMocks,
  runUnderMocks,
  settle,
  withoutStackTraces,
} from "../offline/recordingRuntime";
import { declarePatchingStack } from "../program";
import { scheduleBench } from "./schedule";
import { measureCli, measureStartup } from "./startup";
import { syntheticConfig } from "./synthetic";

/**
 * `npm run bench`: the cost of our components over registering the same AWS resources directly,
 * both under Pulumi's mock runtime, at two fleet sizes. Prints figures; never fails on timing.
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

/**
 * The processor time a run takes (user and system, all threads), in ms. On a shared two-core
 * machine wall time moves with the neighbours; the work done moves far less.
 */
async function cpuMs(run: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await run();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

const timeProgram = (raw: Record<string, unknown>) => cpuMs(() => runUnderMocks(declarePatchingStack, "bench", raw));

/**
 * The baseline: the flat program someone would write without our components. It declares the same
 * leaf resources with the provider's own classes (`new aws.ssm.PatchGroup(…)`), the same inputs,
 * the same dependencies (an input that names another resource's id, ARN or name gets its Output)
 * the same resource options (a flat program with our history would carry the same aliases to the
 * first release's URNs) and the same invokes, and no components: what remains is the components'
 * own cost.
 */
function timeDirect(flat: Flat): Promise<number> {
  return cpuMs(() => declareFlat(flat));
}

/** What the program declared and looked up, for the flat program to do the same. */
type Flat = Pick<MockRunResult<unknown>, "invokes"> & { readonly leaves: RecordedResource[] };

function declareFlat({ leaves, invokes }: Flat): Promise<void> {
  return withoutStackTraces(async () => {
    await new RecordingMocks().install("bench"); // the same recording hook the program runs under
    // The same lookups (partition, region, account), as a flat program building ARNs makes them.
    const lookups = invokes.map(({ token, inputs }) => pulumi.runtime.invoke(token, inputs));
    const refs = new Map<string, pulumi.Output<any>>();
    const wire = (value: any): any => {
      if (typeof value === "string") return refs.get(value) ?? value;
      if (Array.isArray(value)) return value.map(wire);
      if (value && typeof value === "object")
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wire(v)]));
      return value;
    };
    for (const r of leaves) {
      const resource = new (providerClass(r.type))(r.name, wire(r.inputs), {
        aliases: [...r.aliases],
        deleteBeforeReplace: r.deleteBeforeReplace,
        retainOnDelete: r.retainOnDelete,
        additionalSecretOutputs: [...r.additionalSecretOutputs],
      });
      refs.set(`${r.name}-id`, resource.id);
      refs.set(`arn:aws:${r.type.split(":")[1].split("/")[0]}:us-east-1:${MOCK_ACCOUNT}:${r.name}`, resource.arn);
      if (r.inputs.name === undefined) refs.set(generatedName(r.name), resource.name);
    }
    await Promise.all(lookups);
    await settle();
  });
}

type ProviderClass = new (
  name: string,
  args: Record<string, unknown>,
  opts: pulumi.CustomResourceOptions,
) => pulumi.CustomResource & { arn: pulumi.Output<string>; name: pulumi.Output<string> };

/** The provider's class for a type token, from its own module (`aws:ssm/patchGroup:PatchGroup`). */
function providerClass(type: string): ProviderClass {
  const [, module, name] = type.split(":");
  return (require(`@pulumi/aws/${module}`) as Record<string, ProviderClass>)[name];
}

/**
 * Collects the garbage of the rounds before, when node runs with --expose-gc (npm run bench does),
 * so that no round pays for another's: collection was a quarter of a round's time.
 */
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * The median round. The fastest round favoured the shorter workload: a round of the flat program
 * (75 ms at 20 groups) escapes a garbage collection more often than a round of the program (125 ms),
 * and one such round decided the ratio. Three runs here gave 1.15, 1.50 and 1.27 at 20 groups by
 * the fastest round, and 1.21, 1.16 and 1.23 by the median.
 */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function measure(groups: number) {
  const raw = syntheticConfig(groups);
  const run = await runUnderMocks(declarePatchingStack, "bench", raw);
  const flat = { leaves: run.resources.filter((r) => r.custom), invokes: run.invokes };
  await timeDirect(flat); // warm-up of the baseline; the line above warmed the program up

  // The same time for each size: a small fleet's round is short, and a short round is the noisier.
  const rounds = Math.round((ROUNDS * 200) / groups);
  const program: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < rounds; i++) {
    collectGarbage();
    program.push(await timeProgram(raw));
    collectGarbage();
    direct.push(await timeDirect(flat));
  }
  const n = flat.leaves.length;
  const p = median(program) / n;
  const d = median(direct) / n;
  return { groups, rounds, resources: n, programMsPerResource: p, directMsPerResource: d, ratio: p / d };
}

async function main() {
  console.log(`patching bench: processor time, median round, under the Pulumi mock runtime (node ${process.version})`);
  const rows = [];
  for (const groups of [200, 20]) rows.push(await measure(groups));
  console.log("groups  rounds  resources  program ms/res  direct ms/res  ratio (target <= 1.3)");
  for (const r of rows) {
    console.log(
      `${String(r.groups).padStart(6)}  ${String(r.rounds).padStart(6)}  ${String(r.resources).padStart(9)}  ${r.programMsPerResource.toFixed(3).padStart(14)}  ${r.directMsPerResource.toFixed(3).padStart(13)}  ${r.ratio.toFixed(2).padStart(5)}`,
    );
  }
  const [big, small] = rows;
  console.log(
    `linearity: ms/resource at ${big.groups} groups ÷ at ${small.groups} groups = ${(big.programMsPerResource / small.programMsPerResource).toFixed(2)} (1.00 = linear)`,
  );

  console.log(`\nschedule maths vs croner, fastest of ${ROUNDS} rounds (target: ratio <= 2, 10 runs < 10 ms):`);
  for (const line of scheduleBench(ROUNDS)) console.log(`  ${line}`);

  const startup = measureStartup(ROUNDS, process.env.BENCH_TYPECHECK === "1");
  console.log(`\nstart-up of pulumi up -s dev, fastest of ${ROUNDS} fresh processes:`);
  console.log(`  node loads @pulumi/pulumi alone          ${String(startup.baselineMs).padStart(6)} ms`);
  console.log(
    `  program, first resource registered      ${String(startup.programMs).padStart(6)} ms   ratio ${startup.ratio.toFixed(2)} (target <= 1.6)`,
  );
  if (startup.typeCheckedMs !== undefined)
    console.log(
      `  index.ts through ts-node, type-checked  ${String(startup.typeCheckedMs).padStart(6)} ms   (before: typescript: true; one run)`,
    );

  const cli = measureCli(ROUNDS);
  const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;
  console.log(`\nthe patching command from bin/ (npx patching), fastest of ${ROUNDS} fresh processes:`);
  console.log(`  node loads @pulumi/pulumi alone          ${ms(cli.baselineMs)}`);
  console.log(`  patching --help                         ${ms(cli.helpMs)}   (target < 500 ms)`);
  console.log(
    `  patching plan --stack dev               ${ms(cli.planMs)}   ratio ${cli.planRatio.toFixed(2)} (target <= 1.3)`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
