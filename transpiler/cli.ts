// The neuron-ts command line: `neuron-ts run <script.ts> [args...]`, `neuron-ts check [...]`.
// Only `run`'s cache lookup is loaded up front; the checker, TypeScript and esbuild load when a
// command needs them (a cached `run` does not).
import { runScript } from "./run.ts";

const USAGE = `usage: neuron-ts run <script.ts> [args...]
       neuron-ts check [files or directories...] [-p tsconfig.json]
  run     check a TypeScript script's units, then bundle and run it
  check   check the units of scripts or of a project (tsc-style output)`;

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
    case "check": {
      const [{ checkCommand }, { loadTypeScript }] = await Promise.all([import("./check.ts"), import("./load-typescript.ts")]);
      return checkCommand(loadTypeScript(), rest, env);
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

