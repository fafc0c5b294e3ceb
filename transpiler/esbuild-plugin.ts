// PROVISIONAL: the unit transform's esbuild plugin (issue 3 implements it). For now it passes
// sources through unchanged.
import type { Plugin } from "esbuild";

export function unitsPlugin(): Plugin {
  return { name: "neuron-ts-units", setup() {} };
}
