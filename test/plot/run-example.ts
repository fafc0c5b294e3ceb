// Runs an example script as a user would: `neuron-ts run script [args]` in a given folder.
import { spawnSync } from "node:child_process";
import path from "node:path";

export const root = path.join(import.meta.dirname, "..", "..");

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  args?: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** The command line (argv[0] is node) that runs `script` with the neuron-ts runner. */
export function exampleCommand(script: string, args: string[] = []): string[] {
  return [process.execPath, path.join(root, "bin", "neuron-ts.mjs"), "run", path.resolve(root, script), ...args];
}

export function runExample(script: string, o: RunOptions): RunResult {
  const argv = exampleCommand(script, o.args);
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd: o.cwd, env: { ...process.env, ...o.env }, encoding: "utf8", timeout: o.timeoutMs ?? 180_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
