// Bundles bench/models.ts into bench/.build/models.mjs (npm run bench does this itself; this is
// for profiling one model: node bench/build.mjs && node --cpu-prof bench/.build/models.mjs hh_cable 1001).
import { build } from "esbuild";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export async function buildModels() {
  const outDir = path.join(root, "bench", ".build");
  mkdirSync(outDir, { recursive: true });
  const bundle = path.join(outDir, "models.mjs");
  await build({
    entryPoints: [path.join(root, "bench", "models.ts")],
    outfile: bundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "error",
    alias: { "neuron-ts": path.join(root, "stdlib", "index.ts") },
  });
  return bundle;
}
if (process.argv[1] === fileURLToPath(import.meta.url)) await buildModels();
