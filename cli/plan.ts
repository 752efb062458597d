import * as fs from "fs";
import * as path from "path";
import { planDocument, PlanCommandOptions } from "../plan/document";

/**
 * One status line on a terminal, rewritten in place and cleared at the end, so a plan over many
 * stacks is not silent; nothing at all when stderr is a file or a pipe, so scripts see only output.
 */
export function terminalStatus(stream: Pick<NodeJS.WriteStream, "isTTY" | "write"> = process.stderr) {
  const show = (text: string) => stream.isTTY && stream.write(`\r\x1b[K${text}`);
  return { show, clear: () => show("") };
}

export async function runPlan(
  options: PlanCommandOptions & { out?: string },
  status = terminalStatus(),
): Promise<void> {
  const dir = options.out && path.dirname(path.resolve(options.out));
  if (dir && !fs.existsSync(dir))
    throw new Error(`--out ${options.out}: the directory ${dir} does not exist; create it first`);
  let document: string;
  try {
    document = await planDocument({
      ...options,
      onStack: (stack, i, n) => status.show(`planning ${stack} (${i}/${n})…`),
    });
  } finally {
    status.clear();
  }
  if (options.out) {
    fs.writeFileSync(options.out, document);
    console.error(`plan written to ${options.out}`);
  } else {
    process.stdout.write(document);
  }
}
