// The neuron-ts command line: `neuron-ts run <script.ts> [args...]`.
import { runScript } from "./run.ts";

const USAGE = `usage: neuron-ts run <script.ts> [args...]
  run     bundle and run a TypeScript script that imports neuron-ts`;

export async function main(argv: string[], env: { root: string }): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case "run": {
      const [script, ...args] = rest;
      if (!script) {
        process.stderr.write(`neuron-ts run: missing script\n${USAGE}\n`);
        return 2;
      }
      return runScript(script, { root: env.root, args });
    }
    case undefined:
    case "-h":
    case "--help":
      process.stdout.write(`${USAGE}\n`);
      return cmd === undefined ? 2 : 0;
    default:
      process.stderr.write(`neuron-ts: unknown command '${cmd}'\n${USAGE}\n`);
      return 2;
  }
}
