// A point process's 1e2/area (NEURON's mfact: its current in nA as mA/cm² of its node), for the
// WebAssembly kernels: kept per instance in the `_area` and `_mfact` columns and divided again only
// when the node's area changes — the same double as dividing every step, without the division.
import type { WasmEmitter } from "../mechanism.ts";
import { type Code, div, f64, F64, fne, get, ifThen, load, seq, set, store } from "../wasm.ts";

/** Sets f64 local `mfact` to 1e2/area for the instance at e.s8 (node e.x8). */
export function mfactOf(e: WasmEmitter, mfact: number): Code {
  const s = get(e.s8), area = e.local(F64);
  return seq(
    set(area, load(e.node("area"), get(e.x8))),
    ifThen(fne(load(e.col("_area"), s), get(area)),
      store(e.col("_area"), s, get(area)),
      store(e.col("_mfact"), s, div(f64(1.e2), get(area)))),
    set(mfact, load(e.col("_mfact"), s)),
  );
}
