// Exp2Syn (src/nrnoc/exp2syn.mod): g = B - A, two exponentials with rise tau1 and decay tau2,
// normalised so that a weight of 1 gives a peak g of 1 (uS); i = g*(v - e) (nA). As nocmodl
// emits it: INITIAL adjusts tau1 (a user's tau1 changes: NEURON writes the parameter back),
// then the peak-time factor; cnexp updates A then B; NET_RECEIVE adds weight*factor to both.
import type { MechanismSpec, WasmEmitter } from "../mechanism.ts";
import { exp, log } from "../math.ts";
import { storeDecay } from "./expsyn.ts";
import { conductanceCurrent } from "./mfact.ts";
import { add, type Code, F64, fne, get, ifThen, ior, load, mul, seq, set, store, sub } from "../wasm.ts";

export const Exp2Syn: MechanismSpec = {
  name: "Exp2Syn",
  kind: "point",
  parameters: [
    { name: "tau1", init: 0.1, unit: "ms", min: 1e-9, max: 1e9 },
    { name: "tau2", init: 10, unit: "ms", min: 1e-9, max: 1e9 },
    { name: "e", init: 0, unit: "mV" },
  ],
  assigned: [
    { name: "i", init: 0, unit: "nA" },
    { name: "g", init: 0, unit: "uS" },
  ],
  states: [
    { name: "A", init: 0, unit: "uS" },
    { name: "B", init: 0, unit: "uS" },
  ],
  globals: [],
  ions: [],
  internal: ["factor", "_g", "_area", "_mfact", "_decay_dt", "_decay_tau1", "_decay_tau2", "_decay1", "_decay2", "_z1", "_z2"],
  netReceive: ["weight"],
  bind(b) {
    const { n, node, slot, env } = b;
    const v = b.nodeCol("v"), rhs = b.nodeCol("rhs"), d = b.nodeCol("d"), area = b.nodeCol("area");
    const tau1 = b.col("tau1"), tau2 = b.col("tau2"), e = b.col("e"), i = b.col("i"), g = b.col("g");
    const A = b.col("A"), B = b.col("B"), factor = b.col("factor"), G = b.col("_g");
    return {
      initialize() {
        for (let k = 0; k < n; k++) {
          const s = slot[k]!;
          if (tau1[s]! / tau2[s]! > 0.9999) tau1[s] = 0.9999 * tau2[s]!;
          if (tau1[s]! / tau2[s]! < 1e-9) tau1[s] = tau2[s]! * 1e-9;
          A[s] = 0.0;
          B[s] = 0.0;
          const t1 = tau1[s]!, t2 = tau2[s]!;
          const tp = (t1 * t2) / (t2 - t1) * log(t2 / t1);
          const f = -exp(-tp / t1) + exp(-tp / t2);
          factor[s] = 1.0 / f;
        }
      },
      current() {
        for (let k = 0; k < n; k++) {
          const s = slot[k]!, nd = node[k]!;
          const vv = v[nd]!, ee = e[s]!;
          // BREAKPOINT at v + 0.001, then at v (g = B - A is the same both times).
          const gg = B[s]! - A[s]!;
          const ig = gg * (vv + 0.001 - ee);
          const ir = gg * (vv - ee);
          g[s] = gg;
          i[s] = ir;
          const mfact = 1.e2 / area[nd]!;
          G[s] = ((ig - ir) / 0.001) * mfact;
          rhs[nd]! -= ir * mfact;
        }
      },
      jacobian() {
        for (let k = 0; k < n; k++) d[node[k]!]! += G[slot[k]!]!;
      },
      state() {
        const dt = env.dt;
        for (let k = 0; k < n; k++) {
          const s = slot[k]!;
          const r1 = (-1.0) / tau1[s]!;
          A[s] = A[s]! + (1. - exp(dt * r1)) * (-(0.0) / r1 - A[s]!);
          const r2 = (-1.0) / tau2[s]!;
          B[s] = B[s]! + (1. - exp(dt * r2)) * (-(0.0) / r2 - B[s]!);
        }
      },
      receive(s, w, wo) {
        A[s] = A[s]! + w[wo]! * factor[s]!;
        B[s] = B[s]! + w[wo]! * factor[s]!;
      },
    };
  },
  // The same operations as the JavaScript kernels above, for the generated step; the decay
  // factors (1 - exp(dt*r)) and -(0)/r are kept per instance and computed again only when dt, tau1
  // or tau2 change (the same doubles as computing them every step).
  wasm: {
    bind: () => ({
      // g = B - A, stored; then i and the jacobian as ExpSyn's
      current(e, rhs, d) {
        const s = get(e.s8), gg = e.local(F64);
        return seq(set(gg, sub(load(e.col("B"), s), load(e.col("A"), s))), store(e.col("g"), s, get(gg)), conductanceCurrent(e, gg, rhs, d));
      },
      // NET_RECEIVE: A = A + weight*factor, B = B + weight*factor
      receive(e, w) {
        const s = get(e.s8), f = e.local(F64);
        return seq(
          set(f, load(e.col("factor"), s)),
          store(e.col("A"), s, add(load(e.col("A"), s), mul(get(w), get(f)))),
          store(e.col("B"), s, add(load(e.col("B"), s), mul(get(w), get(f)))),
        );
      },
      prepare: (e) => refreshDecays(e),
      stateAfter(e) {
        const s = get(e.s8);
        const a = e.local(F64), b = e.local(F64);
        return seq(
          refreshDecays(e),
          set(a, load(e.col("A"), s)),
          store(e.col("A"), s, add(get(a), mul(load(e.col("_decay1"), s), sub(load(e.col("_z1"), s), get(a))))),
          set(b, load(e.col("B"), s)),
          store(e.col("B"), s, add(get(b), mul(load(e.col("_decay2"), s), sub(load(e.col("_z2"), s), get(b))))),
        );
      },
    }),
  },
};

/** The two decay factors and -(0)/r for the instance at e.s8, computed again when dt, tau1 or tau2 changed. */
function refreshDecays(e: WasmEmitter): Code {
  const s = get(e.s8);
  const tau1 = e.local(F64), tau2 = e.local(F64);
  return seq(
    set(tau1, load(e.col("tau1"), s)), set(tau2, load(e.col("tau2"), s)),
    ifThen(ior(ior(fne(load(e.col("_decay_dt"), s), get(e.dt)), fne(load(e.col("_decay_tau1"), s), get(tau1))), fne(load(e.col("_decay_tau2"), s), get(tau2))),
      store(e.col("_decay_dt"), s, get(e.dt)),
      store(e.col("_decay_tau1"), s, get(tau1)),
      store(e.col("_decay_tau2"), s, get(tau2)),
      storeDecay(e, tau1, "_z1", "_decay1"),
      storeDecay(e, tau2, "_z2", "_decay2")),
  );
}
