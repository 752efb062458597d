import { Command, Option } from "commander";

import { list } from "./parsers";

/** Ctrl-C while patch-now follows a command: stop following (or cancel it); a second Ctrl-C exits at once. */
function stopFollowingSignal(cancel?: boolean): AbortSignal {
  const controller = new AbortController();
  process.once("SIGINT", () => {
    process.stderr.write(
      cancel ? "cancelling the command (Ctrl-C)\n" : "stopping to follow; the command keeps running (Ctrl-C)\n",
    );
    controller.abort();
  });
  return controller.signal;
}

/** Commands that act on the fleet through Systems Manager (AWS credentials, no pulumi CLI): adopt, patch-now. */
export function addFleetCommands(program: Command): void {
  program
    .command("adopt")
    .description(
      "Bring a console-built Patch Manager setup under a stack: write its stack file and a pulumi import file (read-only AWS calls).",
    )
    .requiredOption("-s, --stack <name>", "stack to write, e.g. prod")
    .option("--region <region>", "region to read (default: the SDK's, from AWS_REGION or the profile)")
    .option("--import-file <file>", "where the pulumi import --file document goes (default: <stack>.import.json)")
    .option("--force", "overwrite an existing stack file or import file")
    .action(async (o) => (await import("./adopt")).adoptCommand(o, (text) => process.stdout.write(`${text}\n`)));

  program
    .command("patch-now")
    .description(
      "Patch one patch group now, outside its windows (SCCM: an out-of-band deployment), through the stack's patch-now document.",
    )
    .requiredOption("-s, --stack <name>", "stack whose patch group to patch")
    .requiredOption("--group <name>", "patch group; its instances are targeted by tag, never by id")
    .addOption(new Option("--operation <operation>", "what to run").choices(["Install", "Scan"]).default("Install"))
    .option("--kb <list>", "install only these updates, e.g. KB5034441,KB5034439 (an install-override list)", list)
    .option("--cve <list>", "install only the patches fixing these CVEs on the group's instances", list)
    .addOption(
      new Option("--reboot <when>", "reboot after installing").choices(["if-needed", "never"]).default("if-needed"),
    )
    .option("--max-concurrency <n|%>", "most instances patched at once", "10%")
    .option("--max-errors <n|%>", "errors after which no further instance starts", "1")
    .option("--wait", "follow the command to its end: each instance, then the group's compliance; exit 1 if any failed")
    .option("--cancel", "with --wait: Ctrl-C cancels the command (by default it keeps running)")
    .option("--interval <seconds>", "with --wait: seconds between polls of the command", Number, 5)
    .option("-y, --yes", "do not ask on a production stack")
    .option("--json", "machine-readable result")
    .action(async (o) => {
      const { patchNowCommand } = await import("./patchNow");
      const { terminalAsk } = await import("./ask");
      await patchNowCommand(o, {
        print: (text) => process.stdout.write(`${text}\n`),
        progress: (text) => process.stderr.write(`${text}\n`),
        ask: terminalAsk,
        signal: stopFollowingSignal(o.cancel),
        pollMilliseconds: o.interval * 1000,
      });
    });
}
