// `neuron-ts run script.ts`: bundles a user's TypeScript script with esbuild — `neuron-ts`,
// `neuron-ts/units` and `neuron-ts/plot` resolve to this package's sources — and runs it in
// this process with source maps, so stack traces point at the user's file and line.
import { build, type Plugin } from "esbuild";
import { mkdirSync, rmSync, existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { unitsPlugin } from "./esbuild-plugin.ts";

export interface RunOptions {
  /** The neuron-ts package root (where runtime/, stdlib/ and units/ live). */
  root: string;
  /** Arguments passed to the script as process.argv.slice(2). */
  args?: string[];
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
    plugins: [packageAliasPlugin(opts.root), unitsPlugin()],
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
    outfile = await bundleScript(script, opts);
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
