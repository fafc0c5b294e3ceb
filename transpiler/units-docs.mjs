// `npm run check:units-docs` checks that docs/units.md's slot table is what stdlib/api.ts's brands
// say; `npm run check:units-docs -- --write` rewrites it. Bundles the TypeScript on the fly.
import { build } from "esbuild";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cacheDir = path.join(root, "node_modules", ".cache", "neuron-ts");
mkdirSync(cacheDir, { recursive: true });
const outfile = path.join(cacheDir, `units-docs-${process.pid}.mjs`);
await build({
  stdin: {
    contents: `export { generatedSlotTable, renderUnitsDoc } from "./transpiler/units-docs.ts"; export { default as ts } from "typescript";`,
    resolveDir: root, loader: "ts",
  },
  outfile, bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", logLevel: "error",
});
const { generatedSlotTable, renderUnitsDoc, ts } = await import(pathToFileURL(outfile).href);
rmSync(outfile, { force: true });

const apiFiles = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? apiFiles(path.join(dir, e.name)) : e.name === "api.ts" ? [path.join(dir, e.name)] : []).sort();
const docPath = path.join(root, "docs", "units.md");
const doc = readFileSync(docPath, "utf8");
const next = renderUnitsDoc(doc, generatedSlotTable(ts, root, apiFiles(path.join(root, "stdlib"))));
if (process.argv.includes("--write")) {
  writeFileSync(docPath, next);
  console.log(next === doc ? "docs/units.md: slot table already current" : "docs/units.md: slot table rewritten");
} else if (next !== doc) {
  console.error("docs/units.md: the slot table differs from stdlib/api.ts's brands; run `npm run check:units-docs -- --write`");
  process.exitCode = 1;
}
