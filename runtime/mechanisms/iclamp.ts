// IClamp (src/nrnoc/stim.mod): i = amp while del <= t < del + dur, evaluated at the step's
// midpoint. ELECTRODE_CURRENT: rhs += i*(1e2/area); its finite-difference conductance is 0.
import type { MechanismSpec } from "../mechanism.ts";
import { pointTerms } from "./mfact.ts";
import { add, f64, F64, fge, flt, get, iand, ifF64, load, seq, set, store } from "../wasm.ts";

export const IClamp: MechanismSpec = {
  name: "IClamp",
  kind: "point",
  parameters: [
    { name: "del", init: 0, unit: "ms", alias: "delay" },
    { name: "dur", init: 0, unit: "ms", min: 0 },
    { name: "amp", init: 0, unit: "nA" },
  ],
  assigned: [{ name: "i", init: 0, unit: "nA" }],
  states: [],
  globals: [],
  ions: [],
  internal: ["_g", "_area", "_mfact"],
  electrode: true,
  bind(b) {
    const { n, node, slot, env } = b;
    const rhs = b.nodeCol("rhs"), d = b.nodeCol("d"), area = b.nodeCol("area");
    const del = b.col("del"), dur = b.col("dur"), amp = b.col("amp"), i = b.col("i"), G = b.col("_g");
    return {
      current() {
        const t = env.t;
        for (let k = 0; k < n; k++) {
          const s = slot[k]!, nd = node[k]!;
          // Both evaluations (at v + 0.001 and at v) give the same value: no v dependence.
          const on = t < del[s]! + dur[s]! && t >= del[s]!;
          const cur = on ? amp[s]! : 0.0;
          i[s] = cur;
          const g = (cur - cur) / 0.001;
          G[s] = g * (1.e2 / area[nd]!);
          rhs[nd]! += cur * (1.e2 / area[nd]!);
        }
      },
      jacobian() {
        for (let k = 0; k < n; k++) {
          d[node[k]!]! -= G[slot[k]!]!;
        }
      },
    };
  },
  wasm: {
    bind: () => ({
      // the current does not depend on v: the same value at v + 0.001 and at v
      current(e, rhs, d) {
        const s = get(e.s8);
        const del = e.local(F64), cur = e.local(F64);
        return seq(
          set(del, load(e.col("del"), s)),
          set(cur, ifF64(iand(flt(get(e.t), add(get(del), load(e.col("dur"), s))), fge(get(e.t), get(del))), load(e.col("amp"), s), f64(0.0))),
          store(e.col("i"), s, get(cur)),
          pointTerms(e, cur, cur, rhs, d, true),
        );
      },
    }),
  },
};
