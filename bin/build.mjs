// Builds dist/ for plain-Node consumers of the package (`import { h } from "neuron-ts"` without
// the neuron-ts runner, and the esbuild/vite plugins for other build setups). The runner itself
// bundles from sources and needs no build. dist/units.js throws when loaded, by design: unit
// expressions only have values after the transform (docs/units.md).
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
await build({
  entryPoints: {
    index: path.join(root, "stdlib", "index.ts"),
    units: path.join(root, "units", "index.ts"),
    plot: path.join(root, "stdlib", "plot", "index.ts"),
    data: path.join(root, "stdlib", "data", "index.ts"),
    "esbuild-plugin": path.join(root, "transpiler", "esbuild-plugin.ts"),
    "vite-plugin": path.join(root, "transpiler", "vite-plugin.ts"),
  },
  outdir: path.join(root, "dist"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "error",
});
