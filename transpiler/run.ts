// `neuron-ts run script.ts`: checks the script's units (refusing to run it on a unit error),
// bundles it with esbuild — `neuron-ts`, `neuron-ts/units` and `neuron-ts/plot` resolve to this
// package's sources, unit expressions compile to NEURON's numbers — and runs it in this process
// with source maps, so stack traces point at the user's file and line.
import { build, type Plugin } from "esbuild";
import ts from "typescript";
import { mkdirSync, rmSync, existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { unitsPlugin } from "./esbuild-plugin.ts";
import { formatDiagnostic, formatSummary } from "./format.ts";
import { UnitProject } from "./service.ts";

export interface RunOptions {
  /** The neuron-ts package root (where runtime/, stdlib/ and units/ live). */
  root: string;
  /** Arguments passed to the script as process.argv.slice(2). */
  args?: string[];
  /** The unit project the script was checked with (bundleScript makes one when absent). */
  project?: UnitProject;
}

/** esbuild plugin: resolves the package's own entry points to its sources. */
export function packageAliasPlugin(root: string): Plugin {
  const entries: Record<string, string> = {
    "neuron-ts": path.join(root, "stdlib", "index.ts"),
    "neuron-ts/units": path.join(root, "units", "index.ts"),
    "neuron-ts/plot": path.join(root, "stdlib", "plot", "index.ts"),
  };
  return {
    name: "neuron-ts-package",
    setup(b) {
      b.onResolve({ filter: /^neuron-ts(\/(units|plot))?$/ }, (args) => ({ path: entries[args.path]! }));
    },
  };
}

/** Bundles `script`; returns the bundle's path (the caller removes it). */
export async function bundleScript(script: string, opts: RunOptions): Promise<string> {
  const abs = path.resolve(script);
  if (!existsSync(abs)) throw new Error(`neuron-ts run: no such file: ${script}`);
  const cacheDir = path.join(opts.root, "node_modules", ".cache", "neuron-ts");
  mkdirSync(cacheDir, { recursive: true });
  const outfile = path.join(cacheDir, `run-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [abs],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "inline",
    sourcesContent: false,
    logLevel: "silent",
    // Native and large runtime packages stay external and load from this package's node_modules.
    external: ["better-sqlite3", "typescript", "esbuild", "playwright-core"],
    plugins: [packageAliasPlugin(opts.root), unitsPlugin({ project: opts.project ?? new UnitProject(ts, { root: opts.root }) })],
    banner: {
      js: "import { createRequire as __ntsCreateRequire } from 'node:module'; const require = __ntsCreateRequire(import.meta.url);",
    },
  });
  return outfile;
}

/** Runs a script to completion; returns the process exit code it should produce. */
export async function runScript(script: string, opts: RunOptions): Promise<number> {
  let outfile: string;
  try {
    const abs = path.resolve(script);
    if (!existsSync(abs)) throw new Error(`neuron-ts run: no such file: ${script}`);
    // Unit errors refuse the run: the numbers they would store are not what the script says.
    const project = opts.project ?? new UnitProject(ts, { root: opts.root });
    project.setFile(abs);
    const errors = project.checkAll();
    if (errors.length) {
      for (const d of errors) process.stderr.write(`${formatDiagnostic(d)}\n`);
      process.stderr.write(`\n${formatSummary(errors)}\nneuron-ts run: not running ${script}: fix the unit errors above.\n`);
      return 1;
    }
    outfile = await bundleScript(script, { ...opts, project });
  } catch (e) {
    const err = e as { errors?: Array<{ text: string; location?: { file: string; line: number; column: number } | null }>; message?: string };
    if (err.errors && err.errors.length) {
      for (const m of err.errors) {
        const loc = m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ` : "";
        process.stderr.write(`${loc}error: ${m.text}\n`);
      }
    } else {
      process.stderr.write(`${err.message ?? String(e)}\n`);
    }
    return 1;
  }
  process.setSourceMapsEnabled(true);
  const argvSaved = process.argv;
  process.argv = [process.argv[0]!, path.resolve(script), ...(opts.args ?? [])];
  try {
    await import(pathToFileURL(outfile).href);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    const err = e as Error;
    process.stderr.write(`${err && err.stack ? err.stack : String(e)}\n`);
    return 1;
  } finally {
    process.argv = argvSaved;
    rmSync(outfile, { force: true });
  }
}
