// A point process's 1e2/area (NEURON's mfact: its current in nA as mA/cm² of its node), for the
// WebAssembly kernels: kept per instance in the `_area` and `_mfact` columns and divided again only
// when the node's area changes — the same double as dividing every step, without the division.
import type { WasmEmitter } from "../mechanism.ts";
import { add, type Code, div, f64, F64, fne, get, ifThen, load, mul, neg, seq, set, store, sub } from "../wasm.ts";

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

/**
 * A point process's node terms from its current at v + 0.001 (`ig`) and at v (`ir`), f64 locals:
 * G = (ig - ir)/0.001·mfact, stored in `_g`; an ELECTRODE_CURRENT (positive depolarises: IClamp,
 * SEClamp, VClamp) sets `rhs` = ir·mfact and `d` = -G, any other current `rhs` = -(ir·mfact) and
 * `d` = G. The engine adds rhs and d to the node (nrn_cur's rhs and d updates).
 */
export function pointTerms(e: WasmEmitter, ig: number, ir: number, rhs: number, d: number, electrode: boolean): Code {
  const mfact = e.local(F64), G = e.local(F64);
  return seq(
    mfactOf(e, mfact),
    set(G, mul(div(sub(get(ig), get(ir)), f64(0.001)), get(mfact))),
    store(e.col("_g"), get(e.s8), get(G)),
    electrode ? set(rhs, mul(get(ir), get(mfact))) : set(rhs, neg(mul(get(ir), get(mfact)))),
    electrode ? set(d, neg(get(G))) : set(d, get(G)),
  );
}

/**
 * A conductance synapse's BREAKPOINT as nocmodl emits it (ExpSyn, Exp2Syn, AlphaSynapse):
 * i = g*(v - e) at v + 0.001 and at v, i stored, then the node terms (pointTerms). `gg`: an f64
 * local holding g.
 */
export function conductanceCurrent(e: WasmEmitter, gg: number, rhs: number, d: number): Code {
  const s = get(e.s8);
  const vv = e.local(F64), ee = e.local(F64), ig = e.local(F64), ir = e.local(F64);
  return seq(
    set(vv, load(e.node("v"), get(e.x8))), set(ee, load(e.col("e"), s)),
    set(ig, mul(get(gg), sub(add(get(vv), f64(0.001)), get(ee)))),
    set(ir, mul(get(gg), sub(get(vv), get(ee)))),
    store(e.col("i"), s, get(ir)),
    pointTerms(e, ig, ir, rhs, d, false),
  );
}
