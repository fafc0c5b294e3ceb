// AlphaSynapse (src/nrnoc/syn.mod): g = gmax*alpha((t - onset)/tau) with alpha(x) = x*exp(1 - x)
// on [0, 10] and 0 elsewhere, evaluated at the step's midpoint t; i = g*(v - e) (nA). No states.
// at_time(onset) does nothing in the fixed step method.
import type { MechanismSpec } from "../mechanism.ts";
import { exp } from "../math.ts";
import { conductanceCurrent } from "./mfact.ts";
import { call, div, f64, F64, fgt, flt, get, ifF64, ior, load, mul, seq, set, store, sub } from "../wasm.ts";

function alpha(x: number): number {
  if (x < 0.0 || x > 10.0) return 0.0;
  return x * exp(1.0 - x);
}

export const AlphaSynapse: MechanismSpec = {
  name: "AlphaSynapse",
  kind: "point",
  parameters: [
    { name: "onset", init: 0, unit: "ms" },
    { name: "tau", init: 0.1, unit: "ms", min: 1e-3, max: 1e6 },
    { name: "gmax", init: 0, unit: "uS", min: 0, max: 1e9 },
    { name: "e", init: 0, unit: "mV" },
  ],
  assigned: [{ name: "i", init: 0, unit: "nA" }],
  states: [],
  globals: [],
  ions: [],
  // g is ASSIGNED but not RANGE in syn.mod: Python cannot see it.
  internal: ["g", "_g", "_area", "_mfact"],
  methods: {
    alpha: (_self, x) => alpha(Number(x)),
  },
  bind(b) {
    const { n, node, slot, env } = b;
    const v = b.nodeCol("v"), rhs = b.nodeCol("rhs"), d = b.nodeCol("d"), area = b.nodeCol("area");
    const onset = b.col("onset"), tau = b.col("tau"), gmax = b.col("gmax"), e = b.col("e");
    const i = b.col("i"), g = b.col("g"), G = b.col("_g");
    return {
      current() {
        const t = env.t;
        for (let k = 0; k < n; k++) {
          const s = slot[k]!, nd = node[k]!;
          const vv = v[nd]!, ee = e[s]!;
          const gg = gmax[s]! * alpha((t - onset[s]!) / tau[s]!);
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
    };
  },
  // The same operations for the generated step. alpha's exp is hoc's, through the module's import,
  // every step: a worker thread has no such import, so a model with an AlphaSynapse runs on one.
  wasm: {
    bind: () => ({
      oneThread: "AlphaSynapse (its current calls exp every step)",
      current(e, rhs, d) {
        const s = get(e.s8);
        const x = e.local(F64), gg = e.local(F64);
        return seq(
          set(x, div(sub(get(e.t), load(e.col("onset"), s)), load(e.col("tau"), s))),
          set(gg, mul(load(e.col("gmax"), s),
            ifF64(ior(flt(get(x), f64(0.0)), fgt(get(x), f64(10.0))), f64(0.0), mul(get(x), call(e.expFn, sub(f64(1.0), get(x))))))),
          store(e.col("g"), s, get(gg)),
          conductanceCurrent(e, gg, rhs, d),
        );
      },
    }),
  },
};
