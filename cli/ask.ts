import * as readline from "readline";

/** Asks on a terminal; refuses to guess when nobody can answer. */
export function terminalAsk(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    return Promise.reject(
      new Error(`${question.replace(/\?$/, "")} needs confirmation: run it in a terminal or pass --yes`),
    );
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) =>
    rl.question(`${question} [y/N] `, (answer) => {
      rl.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    }),
  );
}
