#!/usr/bin/env node
// neuron-ts command-line entry. The CLI is TypeScript (transpiler/cli.ts); this file bundles it
// with esbuild on each start (tens of milliseconds) so that no build step can leave it stale,
// then runs it. The bundle goes under node_modules/.cache so that its imports resolve.
import { build } from "esbuild";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cacheDir = path.join(root, "node_modules", ".cache", "neuron-ts");
mkdirSync(cacheDir, { recursive: true });
const outfile = path.join(cacheDir, `cli-${process.pid}.mjs`);
await build({
  entryPoints: [path.join(root, "transpiler", "cli.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "inline",
  logLevel: "error",
});
process.setSourceMapsEnabled(true);
const { main } = await import(pathToFileURL(outfile).href);
const { rmSync } = await import("node:fs");
rmSync(outfile, { force: true });
process.exitCode = await main(process.argv.slice(2), { root });
