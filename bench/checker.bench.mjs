// `npm run bench:checker`: bundles bench/checker.ts with esbuild (as bin/neuron-ts.mjs does the
// CLI) and runs it in a fresh process, so the cold numbers are a cold start's.
import { build } from "esbuild";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cacheDir = path.join(root, "node_modules", ".cache", "neuron-ts");
mkdirSync(cacheDir, { recursive: true });
const outfile = path.join(cacheDir, `bench-checker-${process.pid}.mjs`);
await build({
  entryPoints: [path.join(root, "bench", "checker.ts")],
  outfile, bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", logLevel: "error",
});
process.argv[2] = root;
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(outfile, { force: true });
}
