// `neuron-ts run script.ts`: checks the script's units (refusing to run it on a unit error),
// bundles it with esbuild — `neuron-ts`, `neuron-ts/units`, `/plot` and `/data` resolve to this
// package's sources, unit expressions compile to NEURON's numbers — and runs it in this process
// with source maps, so stack traces point at the user's file and line.
import { build, type Plugin } from "esbuild";
import type TS from "typescript";
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, existsSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { unitsPlugin } from "./esbuild-plugin.ts";
import { formatDiagnostic, formatSummary } from "./format.ts";
import { packageEntryPoints } from "./program.ts";
import { UnitProject } from "./service.ts";
import { loadTypeScript } from "./load-typescript.ts";

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
  const entries = packageEntryPoints(root);
  return {
    name: "neuron-ts-package",
    setup(b) {
      b.onResolve({ filter: /^neuron-ts(\/(units|plot|data))?$/ }, (args) => ({ path: entries[args.path]! }));
    },
  };
}

/** Bundles `script`; returns the bundle's path (the caller removes it). */
export async function bundleScript(script: string, opts: RunOptions): Promise<string> {
  return (await bundleWithInputs(script, opts)).outfile;
}

async function bundleWithInputs(script: string, opts: RunOptions): Promise<{ outfile: string; inputs: string[] }> {
  const abs = path.resolve(script);
  if (!existsSync(abs)) throw new Error(`neuron-ts run: no such file: ${script}`);
  // Written in the run cache's own directory: the inline source map holds paths relative to the
  // bundle, so the bundle must not move to another directory afterwards.
  const cacheDir = cachePaths(opts.root, abs).dir;
  mkdirSync(cacheDir, { recursive: true });
  const outfile = path.join(cacheDir, `run-${process.pid}-${Date.now()}.mjs`);
  const result = await build({
    metafile: true,
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
    plugins: [packageAliasPlugin(opts.root), unitsPlugin({ project: opts.project ?? new UnitProject(await typescript(), { root: opts.root }) })],
    banner: {
      js: "import { createRequire as __ntsCreateRequire } from 'node:module'; const require = __ntsCreateRequire(import.meta.url);",
    },
  });
  const inputs = Object.keys(result.metafile!.inputs).map((f) => path.resolve(f));
  return { outfile, inputs };
}

// ---------------------------------------------------------------- the run cache
//
// A checked, transformed bundle is reused while nothing it was made from changed: the script
// and every file esbuild bundled into it (neuron-ts's own sources included), plus the checker's
// sources and the TypeScript version, compared by size and modification time. Unchanged
// scripts then start without loading TypeScript at all.

interface CacheEntry {
  readonly bundle: string;
  readonly files: Array<[string, number, number]>;
  readonly checker: string;
}

function fileStamp(f: string): [string, number, number] | null {
  try {
    const st = statSync(f);
    return [f, st.size, st.mtimeMs];
  } catch {
    return null;
  }
}

/** TypeScript, loaded on first use: a run served from the cache never needs it. */
async function typescript(): Promise<typeof TS> {
  return loadTypeScript();
}

/** The TypeScript package's version, read without loading TypeScript. */
function typescriptVersion(root: string): string {
  for (const dir of [root, path.dirname(root)]) {
    try {
      return JSON.parse(readFileSync(path.join(dir, "node_modules", "typescript", "package.json"), "utf8")).version;
    } catch {
      // try the next place
    }
  }
  return "unknown";
}

/** What the check and transform themselves depend on: the checker's sources and TypeScript. */
function checkerFingerprint(root: string): string {
  const h = createHash("sha256");
  h.update(typescriptVersion(root));
  for (const dir of ["transpiler", "transpiler/analysis", "transpiler/rules", "units"]) {
    const full = path.join(root, dir);
    if (!existsSync(full)) continue;
    for (const name of readdirSync(full).sort()) {
      const st = fileStamp(path.join(full, name));
      if (st) h.update(`${dir}/${name}:${st[1]}:${st[2]};`);
    }
  }
  return h.digest("hex");
}

function cachePaths(root: string, abs: string) {
  const key = createHash("sha256").update(abs).digest("hex").slice(0, 24);
  const dir = path.join(root, "node_modules", ".cache", "neuron-ts", "runs");
  return { dir, entry: path.join(dir, `${key}.json`), bundle: path.join(dir, `${key}.mjs`) };
}

function cachedBundle(root: string, abs: string): string | null {
  if (process.env.NEURON_TS_NO_CACHE) return null;
  const p = cachePaths(root, abs);
  try {
    const e = JSON.parse(readFileSync(p.entry, "utf8")) as CacheEntry;
    if (!existsSync(e.bundle) || e.checker !== checkerFingerprint(root)) return null;
    for (const [f, size, mtime] of e.files) {
      const st = fileStamp(f);
      if (!st || st[1] !== size || st[2] !== mtime) return null;
    }
    return e.bundle;
  } catch {
    return null;
  }
}

function storeBundle(root: string, abs: string, outfile: string, inputs: string[]): string {
  const p = cachePaths(root, abs);
  mkdirSync(p.dir, { recursive: true });
  const files = [abs, ...inputs].map(fileStamp).filter((x): x is [string, number, number] => x !== null);
  // Written under temporary names and renamed, so a concurrent run never sees half a file.
  renameSync(outfile, p.bundle);
  const tmp = `${p.entry}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ bundle: p.bundle, files, checker: checkerFingerprint(root) } satisfies CacheEntry));
  renameSync(tmp, p.entry);
  return p.bundle;
}

/** Runs a script to completion; returns the process exit code it should produce. */
export async function runScript(script: string, opts: RunOptions): Promise<number> {
  let outfile: string;
  try {
    const abs = path.resolve(script);
    if (!existsSync(abs)) throw new Error(`neuron-ts run: no such file: ${script}`);
    const cached = cachedBundle(opts.root, abs);
    if (process.env.NEURON_TS_DEBUG_CACHE) process.stderr.write(`neuron-ts run: cache ${cached ? "hit" : "miss"}\n`);
    if (cached) {
      outfile = cached;
    } else {
      // Unit errors refuse the run: the numbers they would store are not what the script says.
      const project = opts.project ?? new UnitProject(await typescript(), { root: opts.root });
      project.setFile(abs);
      const errors = project.checkAll();
      if (errors.length) {
        for (const d of errors) process.stderr.write(`${formatDiagnostic(d)}\n`);
        process.stderr.write(`\n${formatSummary(errors)}\nneuron-ts run: not running ${script}: fix the unit errors above.\n`);
        return 1;
      }
      const built = await bundleWithInputs(script, { ...opts, project });
      outfile = storeBundle(opts.root, abs, built.outfile, built.inputs);
    }
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
  }
}
