// Loads the TypeScript compiler API with require(), not import(): importing a CommonJS module
// from ES modules makes Node scan all 9 MB of typescript.js for its export names first
// (cjs-module-lexer), which was about a third of a cold `neuron-ts check`.
import { createRequire } from "node:module";
import type TS from "typescript";

let loaded: typeof TS | undefined;

export function loadTypeScript(): typeof TS {
  if (!loaded) loaded = createRequire(import.meta.url)("typescript") as typeof TS;
  return loaded;
}
