// pas (src/nrnoc/passive.mod): i = g*(v - e). The conductance used in the matrix is NEURON's
// finite difference (I(v+0.001) - I(v))/0.001, reproduced literally (it is not exactly g).
import type { MechanismSpec } from "../mechanism.ts";
import { add, div, f64, F64, get, load, mul, seq, set, store, sub } from "../wasm.ts";

export const pas: MechanismSpec = {
  name: "pas",
  kind: "density",
  parameters: [
    { name: "g", init: 0.001, unit: "S/cm2" },
    { name: "e", init: -70, unit: "mV" },
  ],
  assigned: [{ name: "i", init: 0, unit: "mA/cm2" }],
  states: [],
  globals: [],
  ions: [],
  internal: ["_g"],
  bind(b) {
    const { n, node } = b;
    const v = b.nodeCol("v"), rhs = b.nodeCol("rhs"), d = b.nodeCol("d");
    const g = b.col("g"), e = b.col("e"), i = b.col("i"), G = b.col("_g");
    return {
      current() {
        for (let k = 0; k < n; k++) {
          const nd = node[k]!;
          const vv = v[nd]!;
          const ig = g[nd]! * (vv + 0.001 - e[nd]!);
          const ir = g[nd]! * (vv - e[nd]!);
          i[nd] = ir;
          G[nd] = (ig - ir) / 0.001;
          rhs[nd]! -= ir;
        }
      },
      jacobian() {
        for (let k = 0; k < n; k++) {
          const nd = node[k]!;
          d[nd]! += G[nd]!;
        }
      },
    };
  },
  wasm: {
    bind: () => ({
      current(e, rhs, d) {
        const x = get(e.x8);
        const vv = e.local(F64), g = e.local(F64), ee = e.local(F64), ig = e.local(F64), ir = e.local(F64), G = e.local(F64);
        return seq(
          set(vv, load(e.node("v"), x)), set(g, load(e.col("g"), x)), set(ee, load(e.col("e"), x)),
          set(ig, mul(get(g), sub(add(get(vv), f64(0.001)), get(ee)))),
          set(ir, mul(get(g), sub(get(vv), get(ee)))),
          store(e.col("i"), x, get(ir)),
          set(G, div(sub(get(ig), get(ir)), f64(0.001))),
          store(e.col("_g"), x, get(G)),
          set(rhs, sub(get(rhs), get(ir))),
          set(d, add(get(d), get(G))),
        );
      },
    }),
  },
};
