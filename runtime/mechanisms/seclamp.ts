// SEClamp (src/nrnoc/svclmp.mod): a single-electrode clamp through series resistance rs (MOhm)
// to the command vc = amp1, amp2, amp3 for dur1, dur2, dur3 ms (then off, i = 0).
// ELECTRODE_CURRENT i = (vc - v)/rs (nA, positive depolarises): rhs += i*1e2/area, d -= _g.
// vstim() runs at the step's midpoint (BREAKPOINT, at v + 0.001 and at v); after v is updated,
// `SOLVE icur METHOD after_cvode` recomputes i with the new v, so the recorded i is (vc - v_new)/rs.
import type { MechanismSpec } from "../mechanism.ts";
import { pointTerms } from "./mfact.ts";
import { type Code, div, f64, F64, fne, flt, get, ifElse, load, seq, set, select, store, sub, add } from "../wasm.ts";

export const SEClamp: MechanismSpec = {
  name: "SEClamp",
  kind: "point",
  parameters: [
    { name: "rs", init: 1, unit: "Mohm", min: 1e-9, max: 1e9 },
    { name: "dur1", init: 0, unit: "ms" },
    { name: "amp1", init: 0, unit: "mV" },
    { name: "dur2", init: 0, unit: "ms", min: 0, max: 1e9 },
    { name: "amp2", init: 0, unit: "mV" },
    { name: "dur3", init: 0, unit: "ms", min: 0, max: 1e9 },
    { name: "amp3", init: 0, unit: "mV" },
  ],
  assigned: [
    { name: "i", init: 0, unit: "nA" },
    { name: "vc", init: 0, unit: "mV" },
  ],
  states: [],
  globals: [],
  ions: [],
  internal: ["tc2", "tc3", "on", "_g", "_area", "_mfact"],
  electrode: true,
  bind(b) {
    const { n, node, slot, env } = b;
    const v = b.nodeCol("v"), rhs = b.nodeCol("rhs"), d = b.nodeCol("d"), area = b.nodeCol("area");
    const rs = b.col("rs"), dur1 = b.col("dur1"), amp1 = b.col("amp1"), amp2 = b.col("amp2");
    const dur2 = b.col("dur2"), dur3 = b.col("dur3"), amp3 = b.col("amp3");
    const i = b.col("i"), vc = b.col("vc"), tc2 = b.col("tc2"), tc3 = b.col("tc3"), on = b.col("on");
    const G = b.col("_g");
    const icur = (s: number, vv: number) => {
      i[s] = on[s] ? (vc[s]! - vv) / rs[s]! : 0.0;
    };
    const vstim = (s: number, t: number, vv: number) => {
      on[s] = 1.0;
      if (t < dur1[s]!) vc[s] = amp1[s]!;
      else if (t < tc2[s]!) vc[s] = amp2[s]!;
      else if (t < tc3[s]!) vc[s] = amp3[s]!;
      else {
        vc[s] = 0.0;
        on[s] = 0.0;
      }
      icur(s, vv);
      return i[s]!;
    };
    return {
      initialize() {
        for (let k = 0; k < n; k++) {
          const s = slot[k]!;
          tc2[s] = dur1[s]! + dur2[s]!;
          tc3[s] = tc2[s]! + dur3[s]!;
          on[s] = 0.0;
        }
      },
      current() {
        const t = env.t;
        for (let k = 0; k < n; k++) {
          const s = slot[k]!, nd = node[k]!;
          const vv = v[nd]!;
          const ig = vstim(s, t, vv + 0.001);
          const ir = vstim(s, t, vv);
          const mfact = 1.e2 / area[nd]!;
          G[s] = ((ig - ir) / 0.001) * mfact;
          rhs[nd]! += ir * mfact;
        }
      },
      jacobian() {
        for (let k = 0; k < n; k++) d[node[k]!]! -= G[slot[k]!]!;
      },
      state() {
        for (let k = 0; k < n; k++) icur(slot[k]!, v[node[k]!]!);
      },
    };
  },
  // The same operations for the generated step. vstim's two calls in a step set the same on and vc
  // (the same t), so they are set once; i is computed at v + 0.001 and at v as there.
  wasm: {
    bind: () => ({
      current(e, rhs, d) {
        const s = get(e.s8), t = get(e.t);
        const vv = e.local(F64), ig = e.local(F64), ir = e.local(F64);
        const level = (amp: string): Code => seq(store(e.col("on"), s, f64(1.0)), store(e.col("vc"), s, load(e.col(amp), s)));
        return seq(
          ifElse(flt(t, load(e.col("dur1"), s)), level("amp1"),
            ifElse(flt(t, load(e.col("tc2"), s)), level("amp2"),
              ifElse(flt(t, load(e.col("tc3"), s)), level("amp3"),
                seq(store(e.col("vc"), s, f64(0.0)), store(e.col("on"), s, f64(0.0)))))),
          set(vv, load(e.node("v"), get(e.x8))),
          set(ig, icur(e, add(get(vv), f64(0.001)))),
          set(ir, icur(e, get(vv))),
          store(e.col("i"), s, get(ir)),
          pointTerms(e, ig, ir, rhs, d, true),
        );
      },
      // SOLVE icur METHOD after_cvode: i with the new v
      stateAfter: (e) => store(e.col("i"), get(e.s8), icur(e, load(e.node("v"), get(e.x8)))),
    }),
  },
};

/** icur(): on ? (vc - v)/rs : 0, for the instance at e.s8 and the voltage `vAt`. */
function icur(e: { s8: number; col(name: string): number }, vAt: Code): Code {
  const s = get(e.s8);
  return select(div(sub(load(e.col("vc"), s), vAt), load(e.col("rs"), s)), f64(0.0), fne(load(e.col("on"), s), f64(0.0)));
}
