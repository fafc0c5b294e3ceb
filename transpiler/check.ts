// `neuron-ts check [files|dirs] [-p tsconfig]`: the unit checker over scripts or a project, with
// tsc-style output and exit code 1 when there are errors.
//
// Files and directories are checked as `neuron-ts run` compiles scripts; a directory is searched
// for .ts files, except that a directory holding a tsconfig.json contributes the files that
// tsconfig includes (so a folder of deliberately wrong scripts can be left out). With -p, or with
// no arguments in a folder that has a tsconfig.json, the project's own options and files are used.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { TS, TypeScript } from "./analysis/typescript.ts";
import { checkFile, isLibraryFile, type UnitDiagnostic } from "./checker.ts";
import { formatDiagnostic, formatSummary } from "./format.ts";
import { createScriptProgram, scriptCompilerOptions } from "./program.ts";
import { syntaxDiagnostics } from "./service.ts";

export const CHECK_USAGE = `usage: neuron-ts check [files or directories...] [-p tsconfig.json]
  checks the units of every numeric expression; exits 1 when there are unit errors`;

export class UsageError extends Error {
  override name = "UsageError";
}

export interface CheckInput {
  /** Script files or directories. */
  readonly files?: readonly string[];
  /** A tsconfig.json (or a directory holding one). */
  readonly project?: string;
}

const SCRIPT = /\.(ts|mts|cts|tsx)$/;

function parseConfig(ts: TypeScript, configPath: string): TS.ParsedCommandLine {
  const file = statSync(configPath).isDirectory() ? path.join(configPath, "tsconfig.json") : configPath;
  if (!existsSync(file)) throw new UsageError(`neuron-ts check: no tsconfig.json at ${configPath}`);
  const parsed = ts.getParsedCommandLineOfConfigFile(path.resolve(file), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new UsageError(`neuron-ts check: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    },
  });
  if (!parsed) throw new UsageError(`neuron-ts check: cannot read ${file}`);
  return parsed;
}

/** The script files named by command-line arguments (directories searched as described above). */
export function expandInputs(ts: TypeScript, inputs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (existsSync(path.join(dir, "tsconfig.json"))) {
      out.push(...parseConfig(ts, dir).fileNames.filter((f) => SCRIPT.test(f) && !f.endsWith(".d.ts")));
      return;
    }
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (SCRIPT.test(e.name) && !e.name.endsWith(".d.ts")) out.push(p);
    }
  };
  for (const input of inputs) {
    if (!existsSync(input)) throw new UsageError(`neuron-ts check: no such file or directory: ${input}`);
    const abs = path.resolve(input);
    if (statSync(abs).isDirectory()) walk(abs);
    else out.push(abs);
  }
  return [...new Set(out)];
}

/** The unit diagnostics of scripts or of a project; `root` is the neuron-ts package root. */
export function check(ts: TypeScript, input: CheckInput, root: string): UnitDiagnostic[] {
  const known = new Set(["files", "project"]);
  for (const k of Object.keys(input)) if (!known.has(k)) throw new UsageError(`neuron-ts check: unknown option '${k}'`);
  let program: TS.Program;
  let targets: Set<string> | undefined;
  if (input.project !== undefined) {
    const parsed = parseConfig(ts, input.project);
    program = createScriptProgram(ts, parsed.fileNames, root, { ...parsed.options, noEmit: true });
  } else {
    const files = expandInputs(ts, input.files ?? []);
    program = createScriptProgram(ts, files, root, scriptCompilerOptions(ts));
    targets = new Set(files.map((f) => path.resolve(f)));
  }
  const out: UnitDiagnostic[] = [];
  for (const sf of program.getSourceFiles()) {
    if (isLibraryFile(program, sf)) continue;
    if (targets && !targets.has(path.resolve(sf.fileName))) continue;
    out.push(...syntaxDiagnostics(ts, program, sf), ...checkFile(ts, program, sf));
  }
  return out;
}

/** The command: parses argv, prints tsc-style diagnostics, returns the exit code. */
export function checkCommand(ts: TypeScript, argv: readonly string[], env: { root: string; cwd?: string }): number {
  const files: string[] = [];
  let project: string | undefined;
  try {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === "-p" || a === "--project") {
        project = argv[++i];
        if (project === undefined) throw new UsageError(`neuron-ts check: ${a} needs a tsconfig.json path`);
      } else if (a === "-h" || a === "--help") {
        process.stdout.write(`${CHECK_USAGE}\n`);
        return 0;
      } else if (a.startsWith("-")) {
        throw new UsageError(`neuron-ts check: unknown option '${a}'`);
      } else files.push(a);
    }
    const cwd = env.cwd ?? process.cwd();
    if (files.length === 0 && project === undefined) {
      if (!existsSync(path.join(cwd, "tsconfig.json"))) throw new UsageError("neuron-ts check: no files given and no tsconfig.json here");
      project = cwd;
    }
    if (files.length > 0 && project !== undefined) throw new UsageError("neuron-ts check: give files or -p, not both");
    const ds = check(ts, project !== undefined ? { project } : { files }, env.root);
    for (const d of ds) process.stdout.write(`${formatDiagnostic(d, cwd)}\n`);
    if (ds.length) process.stdout.write(`\n${formatSummary(ds, cwd)}\n`);
    return ds.length ? 1 : 0;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n${CHECK_USAGE}\n`);
    return 2;
  }
}
