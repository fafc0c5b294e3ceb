#!/usr/bin/env node
// neuron-ts command-line entry. The CLI is TypeScript (transpiler/cli.ts), run from an esbuild
// bundle cached in node_modules/.cache/neuron-ts/cli/ (under node_modules so that its imports
// resolve). A start reuses the bundle while every file it was built from — esbuild's metafile
// inputs, the tsconfig/package.json files esbuild may read, this file and esbuild itself — has
// the size, mtime and ctime recorded with it, and rebuilds it otherwise, so no edit can run a
// stale CLI and no build step is needed. esbuild is loaded only to rebuild.
//
// Concurrent starts are safe: a bundle is named by its content (cli-<hash>.mjs, written to a
// temporary name and renamed), and cli.json, which lists the inputs and names the bundle, is
// replaced in one rename. A build whose inputs changed less than RACY_MS before it began is run
// but not recorded (file times can be coarse: the file may have changed again under the same
// stamp while esbuild read it).
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { fileStamp, pruneBundles, RACY_MS, sameStamp, writeAtomic, writeBundle } from "../transpiler/bundle-cache.mjs";

const self = fileURLToPath(import.meta.url);
const root = path.dirname(path.dirname(self));
const cacheDir = path.join(root, "node_modules", ".cache", "neuron-ts", "cli");
const manifestFile = path.join(cacheDir, "cli.json");
const debug = (msg) => process.env.NEURON_TS_DEBUG_CACHE && process.stderr.write(`neuron-ts: ${msg}\n`);

/** A file's stamp; a missing file is [file, -1, -1, -1] (its creation is a change). */
const stamp = (file) => fileStamp(file) ?? [file, -1, -1, -1];

/** The cached bundle's path when all its inputs are unchanged, else null. */
function cachedCli() {
  if (process.env.NEURON_TS_NO_CACHE) return null;
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
  } catch {
    return null;
  }
  for (const s of manifest.inputs) if (!sameStamp(stamp(s[0]), s)) return null;
  return path.join(cacheDir, manifest.bundle);
}

/** Bundles the CLI into the cache; returns the bundle's path. */
async function buildCli() {
  const started = Date.now();
  const require = createRequire(import.meta.url);
  // require(), not import(): importing esbuild's CommonJS entry makes Node scan it for export names.
  const esbuild = require("esbuild");
  mkdirSync(cacheDir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [path.join(root, "transpiler", "cli.ts")],
    absWorkingDir: root,
    outfile: path.join(cacheDir, "cli.mjs"), // not written: it places the map's relative paths
    write: false,
    metafile: true,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    // Linked, not inline: the map is read only with --enable-source-maps (the CLI's own frames);
    // the scripts it runs get their own maps (transpiler/run.ts).
    sourcemap: "linked",
    logLevel: "error",
  });
  const js = result.outputFiles.find((f) => f.path.endsWith(".mjs")).text;
  const map = result.outputFiles.find((f) => f.path.endsWith(".map")).text;
  const bundle = writeBundle(cacheDir, "cli", js, map, "cli.mjs.map");

  const files = new Set([self, require.resolve("esbuild"), path.join(root, "package.json")]);
  for (const rel of Object.keys(result.metafile.inputs)) {
    const file = path.resolve(root, rel);
    files.add(file);
    // tsconfig.json files that esbuild would find for this file (their absence is recorded too).
    for (let dir = path.dirname(file); dir.startsWith(root); dir = path.dirname(dir)) {
      files.add(path.join(dir, "tsconfig.json"));
      if (dir === root) break;
    }
  }
  const inputs = [...files].map(stamp);
  const racy = inputs.some(([, , mtime, ctime]) => Math.max(mtime, ctime) >= started - RACY_MS);
  debug(`CLI rebuilt${racy ? " (inputs changed just now: not cached)" : ""}`);
  if (!racy && !process.env.NEURON_TS_NO_CACHE) {
    writeAtomic(manifestFile, JSON.stringify({ bundle: path.basename(bundle), inputs }));
    // older bundles are unreachable now (loadCli builds again if its bundle went meanwhile)
    pruneBundles(cacheDir, "cli", bundle, started - 60e3);
  }
  return bundle;
}

async function loadCli() {
  const cached = cachedCli();
  if (cached) {
    debug("CLI cache hit");
    try {
      return await import(pathToFileURL(cached).href);
    } catch (e) {
      let gone = false;
      try {
        statSync(cached);
      } catch {
        gone = true;
      }
      if (!(e && e.code === "ERR_MODULE_NOT_FOUND" && gone)) throw e;
    }
  }
  return import(pathToFileURL(await buildCli()).href);
}

const { main } = await loadCli();
// After the CLI's import: mapping the CLI's own frames costs ~5–10 ms of every start (run Node
// with --enable-source-maps to have them). Scripts that `run` executes are always mapped.
process.setSourceMapsEnabled(true);
process.exitCode = await main(process.argv.slice(2), { root });
