// `neuron-ts run script.ts`: checks the script's units (refusing to run it on a unit error),
// bundles it with esbuild — `neuron-ts`, `neuron-ts/units`, `/plot` and `/data` resolve to this
// package's sources, unit expressions compile to NEURON's numbers — and runs it in this process
// with source maps, so stack traces point at the user's file and line.
//
// This module is what every `run` loads; the check and the bundle (TypeScript, esbuild and the
// checker) are in ./bundle-script.ts, imported only when the run cache has no bundle to reuse.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { fileStamp, pruneBundles, RACY_MS, sameStamp, type Stamp, writeAtomic, writeBundle } from "./bundle-cache.mjs";
import type { UnitProject } from "./service.ts";

export interface RunOptions {
  /** The neuron-ts package root (where runtime/, stdlib/ and units/ live). */
  root: string;
  /** Arguments passed to the script as process.argv.slice(2). */
  args?: string[];
  /** The unit project to check the script with (one is made when absent). */
  project?: UnitProject;
}

// ---------------------------------------------------------------- the run cache
//
// A checked, transformed bundle is reused while nothing it was made from changed: the script
// and every file esbuild bundled into it (neuron-ts's own sources included), compared by size,
// mtime and ctime, plus the checker's sources and the TypeScript version. Unchanged scripts then
// start without loading TypeScript or esbuild at all.
//
// A bundle and its source map are named by their content (<key>-<hash>.mjs), and the entry that
// points at them is replaced in one rename, so concurrent runs never pair an entry with another
// build's bundle. A build whose inputs may have changed while it read them (the script's stamp
// moved during the check, or another input changed less than RACY_MS before the run began) is
// run but not recorded: the next run checks again.

interface CacheEntry {
  readonly bundle: string;
  readonly files: Stamp[];
  readonly checker: string;
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

/** What the check and transform themselves depend on: the checker's sources and TypeScript
 * (`hash`), and the newest change among those sources (`newest`, ms since the epoch). */
function checkerFingerprint(root: string): { hash: string; newest: number } {
  const h = createHash("sha256");
  h.update(typescriptVersion(root));
  let newest = 0;
  for (const dir of ["transpiler", "transpiler/analysis", "transpiler/rules", "units"]) {
    const full = path.join(root, dir);
    if (!existsSync(full)) continue;
    for (const name of readdirSync(full).sort()) {
      const st = fileStamp(path.join(full, name));
      if (!st) continue;
      h.update(`${dir}/${name}:${st[1]}:${st[2]}:${st[3]};`);
      newest = Math.max(newest, st[2], st[3]);
    }
  }
  return { hash: h.digest("hex"), newest };
}

function cachePaths(root: string, abs: string) {
  const key = createHash("sha256").update(abs).digest("hex").slice(0, 24);
  const dir = path.join(root, "node_modules", ".cache", "neuron-ts", "runs");
  return { key, dir, entry: path.join(dir, `${key}.json`) };
}

function cachedBundle(root: string, abs: string, checker: string): string | null {
  if (process.env.NEURON_TS_NO_CACHE) return null;
  try {
    const e = JSON.parse(readFileSync(cachePaths(root, abs).entry, "utf8")) as CacheEntry;
    if (e.checker !== checker || !existsSync(e.bundle)) return null;
    for (const s of e.files) {
      const now = fileStamp(s[0]);
      if (!now || !sameStamp(now, s)) return null;
    }
    return e.bundle;
  } catch {
    return null;
  }
}

interface Build {
  readonly code: string;
  readonly map: string;
  readonly inputs: string[];
  /** When the process started (ms since the epoch), and the script's stamp before the check. */
  readonly started: number;
  readonly scriptBefore: Stamp | null;
  /** The checker's fingerprint, and the newest change among its sources. */
  readonly checker: string;
  readonly checkerNewest: number;
}

/** Writes a bundle and its map under content names; records them in the cache unless racy. */
function storeBundle(root: string, abs: string, b: Build): string {
  const p = cachePaths(root, abs);
  mkdirSync(p.dir, { recursive: true });
  const bundle = writeBundle(p.dir, p.key, b.code, b.map, `${p.key}.mjs.map`);
  const files = [...new Set([abs, ...b.inputs])].map(fileStamp);
  const [script, ...others] = files;
  const racy =
    !b.scriptBefore || !script || !sameStamp(b.scriptBefore, script) ||
    others.some((s) => !s || Math.max(s[2], s[3]) >= b.started - RACY_MS) ||
    b.checkerNewest >= b.started - RACY_MS;
  if (!racy && !process.env.NEURON_TS_NO_CACHE) {
    writeAtomic(p.entry, JSON.stringify({ bundle, files: files as Stamp[], checker: b.checker } satisfies CacheEntry));
    // earlier builds of this script are unreachable now (runScript builds again if its bundle went)
    pruneBundles(p.dir, p.key, bundle, b.started - 60e3);
  }
  return bundle;
}

/** Checks and bundles the script into the cache; null when it has unit errors (printed). */
async function buildScript(script: string, abs: string, opts: RunOptions, checker: { hash: string; newest: number }): Promise<string | null> {
  // The process's start, not now: the checker's sources were read (the CLI's bundle) and
  // fingerprinted before this point.
  const started = Math.floor(performance.timeOrigin);
  const scriptBefore = fileStamp(abs);
  const { checkAndBundle } = await import("./bundle-script.ts");
  // Built for the run cache's own directory: the source map holds paths relative to the bundle,
  // so the bundle must not move to another directory afterwards.
  const p = cachePaths(opts.root, abs);
  const built = await checkAndBundle(script, path.join(p.dir, `${p.key}.mjs`), opts.root, opts.project);
  if (!built) return null;
  return storeBundle(opts.root, abs, { ...built, started, scriptBefore, checker: checker.hash, checkerNewest: checker.newest });
}

function reportBuildError(e: unknown): void {
  const err = e as { errors?: Array<{ text: string; location?: { file: string; line: number; column: number } | null }>; message?: string };
  if (err.errors && err.errors.length) {
    for (const m of err.errors) {
      const loc = m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ` : "";
      process.stderr.write(`${loc}error: ${m.text}\n`);
    }
  } else {
    process.stderr.write(`${err.message ?? String(e)}\n`);
  }
}

/** Runs a script to completion; returns the process exit code it should produce. */
export async function runScript(script: string, opts: RunOptions): Promise<number> {
  const abs = path.resolve(script);
  let outfile: string;
  let checker: { hash: string; newest: number };
  let cached: string | null;
  try {
    if (!existsSync(abs)) throw new Error(`neuron-ts run: no such file: ${script}`);
    checker = checkerFingerprint(opts.root);
    cached = cachedBundle(opts.root, abs, checker.hash);
    if (process.env.NEURON_TS_DEBUG_CACHE) process.stderr.write(`neuron-ts run: cache ${cached ? "hit" : "miss"}\n`);
    const built = cached ?? (await buildScript(script, abs, opts, checker));
    if (!built) return 1;
    outfile = built;
  } catch (e) {
    reportBuildError(e);
    return 1;
  }
  process.setSourceMapsEnabled(true);
  const argvSaved = process.argv;
  process.argv = [process.argv[0]!, abs, ...(opts.args ?? [])];
  try {
    try {
      await import(pathToFileURL(outfile).href);
    } catch (e) {
      // A concurrent run replaced this script's bundle between our reading the entry and the
      // import: build it again (nothing of the script ran, as its module was never found).
      if (!(cached && (e as { code?: string }).code === "ERR_MODULE_NOT_FOUND" && !existsSync(outfile))) throw e;
      let rebuilt: string | null;
      try {
        rebuilt = await buildScript(script, abs, opts, checker);
      } catch (e2) {
        reportBuildError(e2);
        return 1;
      }
      if (!rebuilt) return 1;
      await import(pathToFileURL(rebuilt).href);
    }
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    const err = e as Error;
    process.stderr.write(`${err && err.stack ? err.stack : String(e)}\n`);
    return 1;
  } finally {
    process.argv = argvSaved;
  }
}
