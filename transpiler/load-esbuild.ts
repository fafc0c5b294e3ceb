// Loads esbuild's API with require(), on first use: a `neuron-ts run` served from the run cache
// never bundles, and importing esbuild's CommonJS entry from ES modules costs a scan of its
// export names (cjs-module-lexer) on top of loading it (together ~40 ms of a ~250 ms start).
import { createRequire } from "node:module";

let loaded: typeof import("esbuild") | undefined;

export function loadEsbuild(): typeof import("esbuild") {
  if (!loaded) loaded = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  return loaded;
}
