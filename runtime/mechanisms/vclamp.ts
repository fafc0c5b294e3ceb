// VClamp (src/nrnoc/vclmp.mod): a two-electrode clamp with an amplifier (gain, time constants
// tau1, tau2, input feedback fac) driving the cell through rstim (MOhm). The command is
// amp[j] for dur[j] ms, j = 0..2 (then the clamp is off). Three states: vi (input amplifier),
// vo (output amplifier), e (error), from the 3x3 LINEAR block `clamp` solved by scopmath's
// simeq each time the current is evaluated:
//    -vi + fac*vo                        = -v + fac*v
//    -(t2 + 1)*vo - gain*e               = -t2*vo0
//    -(1 + t1)*vi + (1 + 1 + t1)*e       = -stim - t1*(vi0 - e0)        (t1 = tau1/dt, t2 = tau2/dt)
// and i = (vo - v)/rstim (nA, ELECTRODE_CURRENT). vstim() picks stim and tc at the step's
// midpoint; `SOLVE update METHOD after_cvode` re-solves with the new v and t, keeps i and
// copies e, vo, vi into e0, vo0, vi0 for the next step. The coefficient arithmetic below is
// nocmodl's (accumulation into a zeroed matrix, in its order).
import type { MechanismSpec, WasmEmitter } from "../mechanism.ts";
import { AugmentedMatrix, simeq3Wasm } from "./simeq.ts";
import { pointTerms } from "./mfact.ts";
import { add, type Code, div, f64, F64, fgt, flt, get, I32, i32, iadd, ifElse, imul, load, mul, seq, set, store, sub } from "../wasm.ts";

const NSTEP = 3;

export const VClamp: MechanismSpec = {
  name: "VClamp",
  kind: "point",
  parameters: [
    ...Array.from({ length: NSTEP }, (_, j) => ({ name: `dur[${j}]`, init: 0, unit: "ms", min: 0, max: 1e9 })),
    ...Array.from({ length: NSTEP }, (_, j) => ({ name: `amp[${j}]`, init: 0, unit: "mV" })),
    { name: "gain", init: 1e5, unit: "1", min: 0, max: 1e9 },
    { name: "rstim", init: 1, unit: "Mohm", min: 1e-9, max: 1e9 },
    { name: "tau1", init: 0.001, unit: "ms", min: 0, max: 1e9 },
    { name: "tau2", init: 0, unit: "ms", min: 0, max: 1e9 },
    { name: "e0", init: 0, unit: "mV" },
    { name: "vo0", init: 0, unit: "mV" },
    { name: "vi0", init: 0, unit: "mV" },
    // vclmp.mod declares fac <1,10> but its default is 0 (an ideal input amplifier); the lower
    // limit here is 0 so that the default can be written back.
    { name: "fac", init: 0, unit: "1", min: 0, max: 10 },
  ],
  assigned: [{ name: "i", init: 0, unit: "nA" }],
  states: [
    { name: "e", init: 0, unit: "mV" },
    { name: "vo", init: 0, unit: "mV" },
    { name: "vi", init: 0, unit: "mV" },
  ],
  globals: [],
  ions: [],
  // stim and tc are ASSIGNED but not RANGE: Python cannot see them.
  // _singular: the t at which the generated step found the clamp equations singular (afterState throws)
  internal: ["stim", "tc", "_g", "_area", "_mfact", "_singular"],
  electrode: true,
  bind(b) {
    const { n, node, slot, env } = b;
    const v = b.nodeCol("v"), rhs = b.nodeCol("rhs"), d = b.nodeCol("d"), area = b.nodeCol("area");
    const dur = Array.from({ length: NSTEP }, (_, j) => b.col(`dur[${j}]`));
    const amp = Array.from({ length: NSTEP }, (_, j) => b.col(`amp[${j}]`));
    const gain = b.col("gain"), rstim = b.col("rstim"), tau1 = b.col("tau1"), tau2 = b.col("tau2");
    const e0 = b.col("e0"), vo0 = b.col("vo0"), vi0 = b.col("vi0"), fac = b.col("fac");
    const i = b.col("i"), e = b.col("e"), vo = b.col("vo"), vi = b.col("vi");
    const stim = b.col("stim"), tc = b.col("tc"), G = b.col("_g");
    const m = new AugmentedMatrix(3);
    const x = new Float64Array(3); // (vi, vo, e): nocmodl's _slist1 order

    const vstim = (s: number, t: number) => {
      tc[s] = 0.0;
      for (let j = 0; j < NSTEP; j++) {
        stim[s] = amp[j]![s]!;
        tc[s] = tc[s]! + dur[j]![s]!;
        if (t < tc[s]!) {
          tc[s] = tc[s]! + 100.0; // the clamp is on for this whole step
          break;
        }
      }
    };
    const clamp = (s: number, vv: number) => {
      m.zero();
      const c = m.rows;
      const t1 = tau1[s]! / env.dt, t2 = tau2[s]! / env.dt;
      const r0 = c[0]!, r1 = c[1]!, r2 = c[2]!;
      r0[0] = r0[0]! - 1.0;
      r0[3] = r0[3]! - vv;
      r0[1] = r0[1]! + fac[s]! * 1.0;
      r0[3] = r0[3]! + fac[s]! * vv;
      r1[1] = r1[1]! - t2 * 1.0;
      r1[3] = r1[3]! - t2 * vo0[s]!;
      r1[1] = r1[1]! - 1.0;
      r1[2] = r1[2]! - gain[s]! * 1.0;
      r2[3] = r2[3]! - stim[s]!;
      r2[2] = r2[2]! + 1.0;
      r2[0] = r2[0]! - 1.0;
      r2[2] = r2[2]! + 1.0;
      r2[0] = r2[0]! - t1 * 1.0;
      r2[2] = r2[2]! + t1 * 1.0;
      r2[3] = r2[3]! - t1 * (vi0[s]! - e0[s]!);
      r2[3] = r2[3]! - 0.0;
      if (!m.solve(x)) throw new Error(`VClamp: the clamp equations are singular at t = ${env.t} (scopmath simeq error 2)`);
      vi[s] = x[0]!;
      vo[s] = x[1]!;
      e[s] = x[2]!;
    };
    const icur = (s: number, vv: number) => {
      if (env.t > tc[s]!) {
        e0[s] = 0.0;
        vo0[s] = 0.0;
        return 0.0;
      }
      clamp(s, vv);
      return (vo[s]! - vv) / rstim[s]!;
    };
    const current = (s: number, vv: number) => {
      vstim(s, env.t);
      i[s] = icur(s, vv);
      return i[s]!;
    };
    return {
      initialize() {
        for (let k = 0; k < n; k++) {
          const s = slot[k]!, vv = v[node[k]!]!;
          e0[s] = 0.0;
          vo[s] = vv;
          vo0[s] = vv;
          vi[s] = vv;
          vi0[s] = vv;
          e[s] = 0.0;
        }
      },
      current() {
        for (let k = 0; k < n; k++) {
          const s = slot[k]!, nd = node[k]!;
          const vv = v[nd]!;
          const ig = current(s, vv + 0.001);
          const ir = current(s, vv);
          const mfact = 1.e2 / area[nd]!;
          G[s] = ((ig - ir) / 0.001) * mfact;
          rhs[nd]! += ir * mfact;
        }
      },
      jacobian() {
        for (let k = 0; k < n; k++) d[node[k]!]! -= G[slot[k]!]!;
      },
      state() {
        for (let k = 0; k < n; k++) {
          const s = slot[k]!;
          i[s] = icur(s, v[node[k]!]!);
          e0[s] = e[s]!;
          vo0[s] = vo[s]!;
          vi0[s] = vi[s]!;
        }
      },
    };
  },
  // The same operations for the generated step (the clamp block built and solved as above, in
  // each instance's 12 doubles of scratch). Within the parameters' limits the block is never
  // singular (its determinant is (t2 + 1)(2 + t1) + fac·gain·(1 + t1) > 0); should it be, the
  // generated step cannot throw: it stores the t in _singular (t > 0 within a step) and leaves
  // vi, vo, e as they were, and afterState (after the step, or at the end of a continuerun)
  // throws the JavaScript kernels' error with that t.
  wasm: {
    scratchDoubles: (n) => 12 * n,
    bind(b) {
      const { n, slot } = b;
      const singular = b.col("_singular");
      return {
        afterState() {
          for (let k = 0; k < n; k++) {
            const t = singular[slot[k]!]!;
            if (t === 0) continue;
            singular[slot[k]!] = 0;
            throw new Error(`VClamp: the clamp equations are singular at t = ${t} (scopmath simeq error 2)`);
          }
        },
        current(e, rhs, d) {
          const ig = e.local(F64), ir = e.local(F64), vv = e.local(F64);
          return seq(
            vstimWasm(e),
            set(vv, load(e.node("v"), get(e.x8))),
            set(ig, icurWasm(e, add(get(vv), f64(0.001)))), store(e.col("i"), get(e.s8), get(ig)),
            set(ir, icurWasm(e, get(vv))), store(e.col("i"), get(e.s8), get(ir)),
            pointTerms(e, ig, ir, rhs, d, true),
          );
        },
        stateAfter(e) {
          const s = get(e.s8);
          return seq(
            store(e.col("i"), s, icurWasm(e, load(e.node("v"), get(e.x8)))),
            store(e.col("e0"), s, load(e.col("e"), s)),
            store(e.col("vo0"), s, load(e.col("vo"), s)),
            store(e.col("vi0"), s, load(e.col("vi"), s)),
          );
        },
      };
    },
  },
};

/** vstim(): the command level and its end (tc) for the step's t, for the instance at e.s8. */
function vstimWasm(e: WasmEmitter): Code {
  const s = get(e.s8), t = get(e.t);
  const level = (j: number, rest: Code): Code => seq(
    store(e.col("stim"), s, load(e.col(`amp[${j}]`), s)),
    store(e.col("tc"), s, add(load(e.col("tc"), s), load(e.col(`dur[${j}]`), s))),
    ifElse(flt(t, load(e.col("tc"), s)), store(e.col("tc"), s, add(load(e.col("tc"), s), f64(100.0))), rest));
  return seq(store(e.col("tc"), s, f64(0.0)), level(0, level(1, level(2, []))));
}

/**
 * icur() as an f64 value: 0 (and e0 = vo0 = 0) after the command's end, else the clamp block
 * solved at `vAt` (vi, vo, e stored) and (vo - vAt)/rstim.
 */
function icurWasm(e: WasmEmitter, vAt: Code): Code {
  const s = get(e.s8);
  const vx = e.local(F64), t1 = e.local(F64), t2 = e.local(F64), fac = e.local(F64), base = e.local(I32), sing = e.local(I32), res = e.local(F64);
  const x = [e.local(F64), e.local(F64), e.local(F64)] as const;
  const M = (r: number, c: number, value: Code): Code => store(8 * (4 * r + c), get(base), value);
  const col = (name: string): Code => load(e.col(name), s);
  return seq(
    set(vx, vAt),
    ifElse(fgt(get(e.t), col("tc")),
      seq(store(e.col("e0"), s, f64(0.0)), store(e.col("vo0"), s, f64(0.0)), set(res, f64(0.0))),
      seq(
        set(base, iadd(i32(e.scratch), imul(get(e.k), i32(96)))),
        set(t1, div(col("tau1"), get(e.dt))), set(t2, div(col("tau2"), get(e.dt))), set(fac, col("fac")),
        // the block as nocmodl accumulates it into a zeroed matrix (rows: vi, vo, e equations)
        M(0, 0, sub(f64(0.0), f64(1.0))),
        M(0, 1, add(f64(0.0), mul(get(fac), f64(1.0)))),
        M(0, 2, f64(0.0)),
        M(0, 3, add(sub(f64(0.0), get(vx)), mul(get(fac), get(vx)))),
        M(1, 0, f64(0.0)),
        M(1, 1, sub(sub(f64(0.0), mul(get(t2), f64(1.0))), f64(1.0))),
        M(1, 2, sub(f64(0.0), mul(col("gain"), f64(1.0)))),
        M(1, 3, sub(f64(0.0), mul(get(t2), col("vo0")))),
        M(2, 0, sub(sub(f64(0.0), f64(1.0)), mul(get(t1), f64(1.0)))),
        M(2, 1, f64(0.0)),
        M(2, 2, add(add(add(f64(0.0), f64(1.0)), f64(1.0)), mul(get(t1), f64(1.0)))),
        M(2, 3, sub(sub(sub(f64(0.0), col("stim")), mul(get(t1), sub(col("vi0"), col("e0")))), f64(0.0))),
        simeq3Wasm(e, base, x, sing),
        ifElse(get(sing), store(e.col("_singular"), s, get(e.t)),
          seq(store(e.col("vi"), s, get(x[0])), store(e.col("vo"), s, get(x[1])), store(e.col("e"), s, get(x[2])))),
        set(res, div(sub(col("vo"), get(vx)), col("rstim"))))),
    get(res),
  );
}
