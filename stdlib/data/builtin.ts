// Node built-ins that only writing a file, opening a figure or starting threads needs, loaded on first use rather
// than when `neuron-ts` is imported. Loading them costs every start-up that imports them (Node 20,
// measured): node:crypto ~5 ms, node:child_process ~1 ms plus ~1 ms for node:net (which it
// needs; a terminal's stdout loads it anyway), node:os ~0.3 ms. process.getBuiltinModule (Node
// 20.16+) returns a built-in synchronously; older versions get it from a require made on the
// first call (node:module is part of Node's module loader: importing it costs nothing).
import { createRequire } from "node:module";

type Builtins = {
  "node:crypto": typeof import("node:crypto");
  "node:child_process": typeof import("node:child_process");
  "node:os": typeof import("node:os");
  "node:worker_threads": typeof import("node:worker_threads");
};

const loaded: Partial<Builtins> = {};

/** The Node built-in `id`, loaded on the first call. */
export function builtin<K extends keyof Builtins>(id: K): Builtins[K] {
  let mod = loaded[id] as Builtins[K] | undefined;
  if (mod === undefined) {
    const get = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
    mod = (get ? get(id) : createRequire(import.meta.url)(id)) as Builtins[K];
    loaded[id] = mod;
  }
  return mod;
}
