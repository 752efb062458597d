/**
 * Embedding patching in another Node program through its public exports only: an offline plan,
 * then a staged rollout through the Pulumi Automation API.
 *
 *   node bin/index.js <work dir with Pulumi.yaml and stack files> [stage ...]
 *
 * The pulumi CLI, its backend (PULUMI_BACKEND_URL) and PULUMI_CONFIG_PASSPHRASE come from the
 * environment, as for `pulumi up`.
 */
import { automationOps, progressLine, rollout, rolloutTable } from "patching/automation";
import { planStack, renderPlan } from "patching/plan";

async function main(): Promise<number> {
  const [workDir = process.cwd(), ...stages] = process.argv.slice(2);
  const order = stages.length > 0 ? stages : ["dev", "test"];

  const plan = await planStack(order[0], { dir: workDir, runs: 1 });
  console.log(renderPlan(plan).split("\n").slice(0, 3).join("\n"));

  const results = await rollout(automationOps({ workDir }), {
    stages: order,
    confirm: async () => true,
    onStage: (stage, step) => console.error(`[${stage}] ${step}`),
    onEvent: (event) => {
      const line = progressLine(event);
      if (line) console.error(line);
    },
  });
  console.log(rolloutTable(results));
  return results.every((r) => r.status === "deployed") ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (e: Error) => {
    console.error(e.message);
    process.exitCode = 1;
  },
);
