// ExpSyn (src/nrnoc/expsyn.mod): g decays with tau, i = g*(v - e) (nA), each event adds its
// weight to g. As nocmodl emits it: the point-process current scaled by 1e2/area, the cnexp
// update written literally, and NET_RECEIVE without the state-adjust branch
// (nrn_netrec_state_adjust is 0).
import type { MechanismSpec } from "../mechanism.ts";
import { exp } from "../math.ts";

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
  internal: ["_g", "_decay_dt", "_decay_tau", "_decay"],
  netReceive: ["weight"],
  bind(b) {
    const { n, node, slot, env } = b;
    const v = b.nodeCol("v"), rhs = b.nodeCol("rhs"), d = b.nodeCol("d"), area = b.nodeCol("area");
    const tau = b.col("tau"), e = b.col("e"), i = b.col("i"), g = b.col("g"), G = b.col("_g");
    // (1 - exp(dt*(-1/tau))) depends only on dt and tau: computed again only when they change,
    // which gives the same bits as computing it every step.
    const cDt = b.col("_decay_dt"), cTau = b.col("_decay_tau"), cDecay = b.col("_decay");
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
          }
          g[s] = g[s]! + cDecay[s]! * (-(0.0) / t1 - g[s]!);
        }
      },
      receive(s, w) {
        g[s] = g[s]! + w[0]!;
      },
    };
  },
};
