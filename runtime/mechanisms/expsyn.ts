// ExpSyn (src/nrnoc/expsyn.mod): g decays with tau, i = g*(v - e) (nA), each event adds its
// weight to g. As nocmodl emits it: the point-process current scaled by 1e2/area, the cnexp
// update written literally, and NET_RECEIVE without the state-adjust branch
// (nrn_netrec_state_adjust is 0).
import type { MechanismSpec, WasmEmitter } from "../mechanism.ts";
import { exp } from "../math.ts";
import { conductanceCurrent } from "./mfact.ts";
import { add, call, type Code, div, f64, F64, fne, get, ifThen, ior, load, mul, seq, set, store, sub } from "../wasm.ts";

export const ExpSyn: MechanismSpec = {
  name: "ExpSyn",
  kind: "point",
  parameters: [
    { name: "tau", init: 0.1, unit: "ms", min: 1e-9, max: 1e9 },
    { name: "e", init: 0, unit: "mV" },
  ],
  assigned: [{ name: "i", init: 0, unit: "nA" }],
  states: [{ name: "g", init: 0, unit: "uS" }],
  globals: [],
  ions: [],
  internal: ["_g", "_decay_dt", "_decay_tau", "_decay", "_z", "_area", "_mfact"],
  netReceive: ["weight"],
  bind(b) {
    const { n, node, slot, env } = b;
    const v = b.nodeCol("v"), rhs = b.nodeCol("rhs"), d = b.nodeCol("d"), area = b.nodeCol("area");
    const tau = b.col("tau"), e = b.col("e"), i = b.col("i"), g = b.col("g"), G = b.col("_g");
    // (1 - exp(dt*(-1/tau))) depends only on dt and tau: computed again only when they change,
    // which gives the same bits as computing it every step.
    // The WebAssembly kernels also keep -(0)/t1 in that cache: keep it in step.
    const cDt = b.col("_decay_dt"), cTau = b.col("_decay_tau"), cDecay = b.col("_decay");
    const cZ = b.col("_z");
    return {
      initialize() {
        for (let k = 0; k < n; k++) g[slot[k]!] = 0.0;
      },
      current() {
        for (let k = 0; k < n; k++) {
          const s = slot[k]!, nd = node[k]!;
          const vv = v[nd]!;
          const gg = g[s]!, ee = e[s]!;
          const ig = gg * (vv + 0.001 - ee);
          const ir = gg * (vv - ee);
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
          const t1 = (-1.0) / tau[s]!;
          if (cDt[s] !== dt || cTau[s] !== tau[s]) {
            cDt[s] = dt;
            cTau[s] = tau[s]!;
            cDecay[s] = 1. - exp(dt * t1);
            cZ[s] = -(0.0) / t1;
          }
          g[s] = g[s]! + cDecay[s]! * (-(0.0) / t1 - g[s]!);
        }
      },
      receive(s, w, wo) {
        g[s] = g[s]! + w[wo]!;
      },
    };
  },
  wasm: {
    bind: () => ({
      current(e, rhs, d) {
        const gg = e.local(F64);
        return seq(set(gg, load(e.col("g"), get(e.s8))), conductanceCurrent(e, gg, rhs, d));
      },
      // NET_RECEIVE: g = g + weight
      receive: (e, w) => store(e.col("g"), get(e.s8), add(load(e.col("g"), get(e.s8)), get(w))),
      prepare: (e) => refreshDecay(e),
      stateAfter(e) {
        const s = get(e.s8);
        const refresh = refreshDecay(e);
        const g = e.local(F64);
        return seq(
          refresh,
          set(g, load(e.col("g"), s)),
          store(e.col("g"), s, add(get(g), mul(load(e.col("_decay"), s), sub(load(e.col("_z"), s), get(g))))),
        );
      },
    }),
  },
};

/**
 * -(0)/t1 (t1 = -1/tau) and the decay factor depend on tau and dt only: kept per instance and
 * recomputed when they change (the same doubles as computing them each step).
 */
function refreshDecay(e: WasmEmitter): Code {
  const s = get(e.s8);
  const tau = e.local(F64);
  return seq(
    set(tau, load(e.col("tau"), s)),
    ifThen(ior(fne(load(e.col("_decay_dt"), s), get(e.dt)), fne(load(e.col("_decay_tau"), s), get(tau))),
      store(e.col("_decay_dt"), s, get(e.dt)),
      store(e.col("_decay_tau"), s, get(tau)),
      storeDecay(e, tau, "_z", "_decay")),
  );
}

/**
 * cnexp's terms for x' = -x/tau over one step, for the instance at e.s8 (`tau`: an f64 local):
 * t1 = -1/tau, then -(0)/t1 into column `z` and 1 - exp(dt*t1) into column `decay`, so that
 * x + decay*(z - x) is nocmodl's update. ExpSyn's g, Exp2Syn's A and B.
 */
export function storeDecay(e: WasmEmitter, tau: number, z: string, decay: string): Code {
  const s = get(e.s8), t1 = e.local(F64);
  return seq(
    set(t1, div(f64(-1.0), get(tau))),
    store(e.col(z), s, div(f64(-0.0), get(t1))),
    store(e.col(decay), s, sub(f64(1.), call(e.expFn, mul(get(e.dt), get(t1))))),
  );
}
