// hh (src/nrnoc/hh.mod), as the C that nocmodl 8.2.2 emits for it: rates with vtrap, the
// TABLE over -100..100 mV (201 points, linear interpolation, rebuilt when celsius changes),
// currents at v+0.001 and at v for the finite-difference conductance, and cnexp updates written
// exactly as nocmodl writes them (the constant folding matters to the last bit).
import type { MechanismSpec, WasmEmitter } from "../mechanism.ts";
import { exp, expArray, expScratch, pow } from "../math.ts";
import {
  add, convertI32, div, f64, F64, fge, fgt, fle, flt, get, I32, i32, iand, ifElse, imul,
  load, mul, neg, seq, set, store, sub, truncI32, type Code,
} from "../wasm.ts";

const TMIN = -100.0;
const TMAX = 100.0;
const NPOINTS = 201;

function vtrap(x: number, y: number): number {
  if (Math.abs(x / y) < 1e-6) return y * (1.0 - x / y / 2.0);
  return x / (exp(x / y) - 1.0);
}

/** f_rates(v) at temperature celsius into out = [minf, mtau, hinf, htau, ninf, ntau]. */
function fRates(v: number, celsius: number, out: Float64Array): void {
  const q10 = pow(3.0, (celsius - 6.3) / 10.0);
  let alpha = 0.1 * vtrap(-(v + 40.0), 10.0);
  let beta = 4.0 * exp(-(v + 65.0) / 18.0);
  let sum = alpha + beta;
  out[1] = 1.0 / (q10 * sum);
  out[0] = alpha / sum;
  alpha = 0.07 * exp(-(v + 65.0) / 20.0);
  beta = 1.0 / (exp(-(v + 35.0) / 10.0) + 1.0);
  sum = alpha + beta;
  out[3] = 1.0 / (q10 * sum);
  out[2] = alpha / sum;
  alpha = 0.01 * vtrap(-(v + 55.0), 10.0);
  beta = 0.125 * exp(-(v + 65.0) / 80.0);
  sum = alpha + beta;
  out[5] = 1.0 / (q10 * sum);
  out[4] = alpha / sum;
}

/** The six tables for one temperature, interleaved: table[6*i + k] is quantity k at point i. */
const tableCache = new Map<number, Float64Array>();
function tablesFor(celsius: number): Float64Array {
  let t = tableCache.get(celsius);
  if (t) return t;
  t = new Float64Array(6 * NPOINTS);
  const out = new Float64Array(6);
  const dx = (TMAX - TMIN) / 200;
  // x is accumulated (x += dx), as the generated code does.
  let x = TMIN;
  for (let i = 0; i < NPOINTS; x += dx, i++) {
    fRates(x, celsius, out);
    for (let k = 0; k < 6; k++) t[6 * i + k] = out[k]!;
  }
  if (tableCache.size > 64) tableCache.clear();
  tableCache.set(celsius, t);
  return t;
}

// GLOBAL indices in hh.globals.
const G_MINF = 0, G_HINF = 1, G_NINF = 2, G_MTAU = 3, G_HTAU = 4, G_NTAU = 5, G_USETABLE = 6;

/** rates(v): the TABLE lookup (or f_rates when usetable is 0) into r. */
function ratesInto(vv: number, table: Float64Array, globals: Float64Array, celsius: number, r: Float64Array): void {
  if (globals[G_USETABLE] === 0) {
    fRates(vv, celsius, r);
    return;
  }
  const xi = 1.0 * (vv - TMIN);
  if (Number.isNaN(xi)) {
    r.fill(xi);
    return;
  }
  if (xi <= 0) {
    for (let q = 0; q < 6; q++) r[q] = table[q]!;
    return;
  }
  if (xi >= 200) {
    for (let q = 0; q < 6; q++) r[q] = table[1200 + q]!;
    return;
  }
  const i = xi | 0;
  const theta = xi - i;
  const o = 6 * i;
  for (let q = 0; q < 6; q++) {
    const a = table[o + q]!;
    r[q] = a + theta * (table[o + 6 + q]! - a);
  }
}

function saveGlobals(globals: Float64Array, r: Float64Array): void {
  globals[G_MINF] = r[0]!; globals[G_MTAU] = r[1]!;
  globals[G_HINF] = r[2]!; globals[G_HTAU] = r[3]!;
  globals[G_NINF] = r[4]!; globals[G_NTAU] = r[5]!;
}

export const hh: MechanismSpec = {
  name: "hh",
  kind: "density",
  parameters: [
    { name: "gnabar", init: 0.12, unit: "S/cm2", min: 0, max: 1e9 },
    { name: "gkbar", init: 0.036, unit: "S/cm2", min: 0, max: 1e9 },
    { name: "gl", init: 0.0003, unit: "S/cm2", min: 0, max: 1e9 },
    { name: "el", init: -54.3, unit: "mV" },
  ],
  assigned: [
    { name: "gna", init: 0, unit: "S/cm2" },
    { name: "gk", init: 0, unit: "S/cm2" },
    { name: "il", init: 0, unit: "mA/cm2" },
  ],
  states: [
    { name: "m", init: 0, unit: "1" },
    { name: "h", init: 0, unit: "1" },
    { name: "n", init: 0, unit: "1" },
  ],
  globals: [
    { name: "minf", init: 0, unit: "1" },
    { name: "hinf", init: 0, unit: "1" },
    { name: "ninf", init: 0, unit: "1" },
    { name: "mtau", init: 0, unit: "ms" },
    { name: "htau", init: 0, unit: "ms" },
    { name: "ntau", init: 0, unit: "ms" },
    { name: "usetable", init: 1, unit: "1" },
  ],
  ions: [
    { ion: "na", read: ["ena"], write: ["ina"] },
    { ion: "k", read: ["ek"], write: ["ik"] },
  ],
  internal: ["_g"],
  bind(b) {
    const { n, node, env, globals } = b;
    const v = b.nodeCol("v"), rhs = b.nodeCol("rhs"), d = b.nodeCol("d");
    const ena = b.nodeCol("ena"), ek = b.nodeCol("ek");
    const ina = b.nodeCol("ina"), ik = b.nodeCol("ik");
    const dinadv = b.nodeCol("dina_dv_"), dikdv = b.nodeCol("dik_dv_");
    const gnabar = b.col("gnabar"), gkbar = b.col("gkbar"), gl = b.col("gl"), el = b.col("el");
    const gna = b.col("gna"), gk = b.col("gk"), il = b.col("il");
    const m = b.col("m"), h = b.col("h"), nn = b.col("n"), G = b.col("_g");
    const r = new Float64Array(6); // minf, mtau, hinf, htau, ninf, ntau
    let table = tablesFor(env.celsius);
    // Scratch for the batched state update: exp arguments (then results) and cnexp targets.
    const ex = expScratch(3 * n), cf = new Float64Array(3 * n);

    const rates = (vv: number): void => ratesInto(vv, table, globals, env.celsius, r);


    return {
      tableCheck() {
        table = tablesFor(env.celsius);
      },
      initialize() {
        for (let k = 0; k < n; k++) {
          const nd = node[k]!;
          rates(v[nd]!);
          m[nd] = r[0]!;
          h[nd] = r[2]!;
          nn[nd] = r[4]!;
        }
        if (n > 0) saveGlobals(globals, r);
      },
      current() {
        for (let k = 0; k < n; k++) {
          const nd = node[k]!;
          const vv = v[nd]!;
          const eNa = ena[nd]!, eK = ek[nd]!;
          const mm = m[nd]!, hh_ = h[nd]!, n4 = nn[nd]!;
          // I(v + 0.001)
          const vp = vv + 0.001;
          let gNa = gnabar[nd]! * mm * mm * mm * hh_;
          let iNa = gNa * (vp - eNa);
          let gK = gkbar[nd]! * n4 * n4 * n4 * n4;
          let iK = gK * (vp - eK);
          let iL = gl[nd]! * (vp - el[nd]!);
          const gI = 0.0 + iNa + iK + iL;
          const dINa = iNa, dIK = iK;
          // I(v)
          gNa = gnabar[nd]! * mm * mm * mm * hh_;
          iNa = gNa * (vv - eNa);
          gK = gkbar[nd]! * n4 * n4 * n4 * n4;
          iK = gK * (vv - eK);
          iL = gl[nd]! * (vv - el[nd]!);
          const rI = 0.0 + iNa + iK + iL;
          dinadv[nd]! += (dINa - iNa) / 0.001;
          dikdv[nd]! += (dIK - iK) / 0.001;
          G[nd] = (gI - rI) / 0.001;
          ina[nd]! += iNa;
          ik[nd]! += iK;
          gna[nd] = gNa;
          gk[nd] = gK;
          il[nd] = iL;
          rhs[nd]! -= rI;
        }
      },
      jacobian() {
        for (let k = 0; k < n; k++) {
          const nd = node[k]!;
          d[nd]! += G[nd]!;
        }
      },
      state() {
        // Three passes so that exp runs as one batch: rates and the cnexp coefficients, then
        // the exps, then the updates — each expression exactly as nocmodl writes it.
        const dt = env.dt;
        const useTable = globals[G_USETABLE] !== 0;
        for (let k = 0; k < n; k++) {
          const nd = node[k]!;
          let minf: number, mtau: number, hinf: number, htau: number, ninf: number, ntau: number;
          const xi = 1.0 * (v[nd]! - TMIN);
          if (useTable && xi > 0 && xi < 200) {
            const i = xi | 0;
            const theta = xi - i;
            const o = 6 * i;
            const t = table;
            minf = t[o]! + theta * (t[o + 6]! - t[o]!);
            mtau = t[o + 1]! + theta * (t[o + 7]! - t[o + 1]!);
            hinf = t[o + 2]! + theta * (t[o + 8]! - t[o + 2]!);
            htau = t[o + 3]! + theta * (t[o + 9]! - t[o + 3]!);
            ninf = t[o + 4]! + theta * (t[o + 10]! - t[o + 4]!);
            ntau = t[o + 5]! + theta * (t[o + 11]! - t[o + 5]!);
          } else {
            rates(v[nd]!);
            minf = r[0]!; mtau = r[1]!; hinf = r[2]!; htau = r[3]!; ninf = r[4]!; ntau = r[5]!;
          }
          const j = 3 * k;
          const bm = (-1.0) / mtau, bh = (-1.0) / htau, bn = (-1.0) / ntau;
          ex[j] = dt * bm;
          ex[j + 1] = dt * bh;
          ex[j + 2] = dt * bn;
          cf[j] = -(minf / mtau) / bm;
          cf[j + 1] = -(hinf / htau) / bh;
          cf[j + 2] = -(ninf / ntau) / bn;
          if (k === n - 1) {
            r[0] = minf; r[1] = mtau; r[2] = hinf; r[3] = htau; r[4] = ninf; r[5] = ntau;
          }
        }
        expArray(ex, 3 * n);
        for (let k = 0; k < n; k++) {
          const nd = node[k]!;
          const j = 3 * k;
          const m0 = m[nd]!, h0 = h[nd]!, n0 = nn[nd]!;
          m[nd] = m0 + (1. - ex[j]!) * (cf[j]! - m0);
          h[nd] = h0 + (1. - ex[j + 1]!) * (cf[j + 1]! - h0);
          nn[nd] = n0 + (1. - ex[j + 2]!) * (cf[j + 2]! - n0);
        }
        if (n > 0) saveGlobals(globals, r);
      },
    };
  },
  wasm: {
    nexp: 3,
    // the table for the current celsius (6 × 201), the last instance's rates (6), the cnexp targets (3n)
    scratchDoubles: (n) => 6 * NPOINTS + 6 + 3 * n,
    bind(b, scratch) {
      const { env, globals, n, node } = b;
      const v = b.nodeCol("v");
      let celsius = Number.NaN;
      const RATES = 6 * NPOINTS, CF = RATES + 6;
      const r = new Float64Array(6);
      const lastRates = () => {
        ratesInto(v[node[n - 1]!]!, tablesFor(env.celsius), globals, env.celsius, r);
        saveGlobals(globals, r);
      };
      return {
        ready() {
          if (globals[G_USETABLE] === 0) return false;
          if (env.celsius !== celsius) {
            scratch.set(tablesFor(env.celsius), 0);
            celsius = env.celsius;
          }
          return true;
        },
        // The GLOBALs minf..ntau hold the last instance's rates (as the JavaScript state leaves them).
        afterState: () => lastRates(),
        current: (e, rhs, d) => hhCurrentWasm(e, rhs, d),
        stateBefore(e) {
          const x = get(e.x8);
          const T = e.scratch;
          const xi = e.local(F64), theta = e.local(F64), o = e.local(I32);
          const r = [0, 1, 2, 3, 4, 5].map(() => e.local(F64)); // minf, mtau, hinf, htau, ninf, ntau
          const row = (off: Code, byteOff: number): Code => seq(...r.map((q, i) => set(q, load(T + byteOff + 8 * i, off))));
          const interp = seq(...r.map((q, i) => set(q, add(load(T + 8 * i, get(o)), mul(get(theta), sub(load(T + 48 + 8 * i, get(o)), load(T + 8 * i, get(o))))))));
          const nan = seq(...r.map((q) => set(q, f64(Number.NaN))));
          const [minf, mtau, hinf, htau, ninf, ntau] = r as [number, number, number, number, number, number];
          const bm = e.local(F64), bh = e.local(F64), bn = e.local(F64);
          const cf = e.local(I32);
          return seq(
            set(xi, sub(load(e.node("v"), x), f64(TMIN))),
            ifElse(iand(fgt(get(xi), f64(0)), flt(get(xi), f64(200))),
              seq(set(o, truncI32(get(xi))), set(theta, sub(get(xi), convertI32(get(o)))), set(o, imul(get(o), i32(48))), interp),
              ifElse(fle(get(xi), f64(0)), row(i32(0), 0),
                ifElse(fge(get(xi), f64(200)), row(i32(0), 48 * 200), nan))),
            set(bm, div(f64(-1.0), get(mtau))), set(bh, div(f64(-1.0), get(htau))), set(bn, div(f64(-1.0), get(ntau))),
            store(0, get(e.ex), mul(get(e.dt), get(bm))),
            store(8, get(e.ex), mul(get(e.dt), get(bh))),
            store(16, get(e.ex), mul(get(e.dt), get(bn))),
            set(cf, imul(get(e.k), i32(24))),
            store(T + 8 * CF, get(cf), div(neg(div(get(minf), get(mtau))), get(bm))),
            store(T + 8 * CF + 8, get(cf), div(neg(div(get(hinf), get(htau))), get(bh))),
            store(T + 8 * CF + 16, get(cf), div(neg(div(get(ninf), get(ntau))), get(bn))),
          );
        },
        stateAfter(e) {
          const x = get(e.x8);
          const cf = e.local(I32), q0 = e.local(F64);
          const T = e.scratch + 8 * CF;
          const upd = (col: string, j: number): Code => seq(
            set(q0, load(e.col(col), x)),
            store(e.col(col), x, add(get(q0), mul(sub(f64(1.), load(8 * j, get(e.ex))), sub(load(T + 8 * j, get(cf)), get(q0))))),
          );
          return seq(set(cf, imul(get(e.k), i32(24))), upd("m", 0), upd("h", 1), upd("n", 2));
        },
      };
    },
  },
};

/** hh's BREAKPOINT for one node: the JavaScript `current` and `jacobian`, operation for operation. */
function hhCurrentWasm(e: WasmEmitter, rhs: number, d: number): Code {
  const x = get(e.x8);
  const L = (name: string) => load(e.col(name), x);
  const N = (name: string) => load(e.node(name), x);
  const vv = e.local(F64), vp = e.local(F64), eNa = e.local(F64), eK = e.local(F64);
  const mm = e.local(F64), hh_ = e.local(F64), n4 = e.local(F64);
  const gNa = e.local(F64), gK = e.local(F64), iNa = e.local(F64), iK = e.local(F64), iL = e.local(F64);
  const dINa = e.local(F64), dIK = e.local(F64), gI = e.local(F64), rI = e.local(F64), G = e.local(F64), gl = e.local(F64), el = e.local(F64);
  return seq(
    set(vv, N("v")), set(eNa, N("ena")), set(eK, N("ek")),
    set(mm, L("m")), set(hh_, L("h")), set(n4, L("n")),
    set(gl, L("gl")), set(el, L("el")),
    set(vp, add(get(vv), f64(0.001))),
    set(gNa, mul(mul(mul(mul(L("gnabar"), get(mm)), get(mm)), get(mm)), get(hh_))),
    set(gK, mul(mul(mul(mul(L("gkbar"), get(n4)), get(n4)), get(n4)), get(n4))),
    // I(v + 0.001)
    set(dINa, mul(get(gNa), sub(get(vp), get(eNa)))),
    set(dIK, mul(get(gK), sub(get(vp), get(eK)))),
    set(gI, add(add(add(f64(0.0), get(dINa)), get(dIK)), mul(get(gl), sub(get(vp), get(el))))),
    // I(v)
    set(iNa, mul(get(gNa), sub(get(vv), get(eNa)))),
    set(iK, mul(get(gK), sub(get(vv), get(eK)))),
    set(iL, mul(get(gl), sub(get(vv), get(el)))),
    set(rI, add(add(add(f64(0.0), get(iNa)), get(iK)), get(iL))),
    store(e.node("dina_dv_"), x, add(N("dina_dv_"), div(sub(get(dINa), get(iNa)), f64(0.001)))),
    store(e.node("dik_dv_"), x, add(N("dik_dv_"), div(sub(get(dIK), get(iK)), f64(0.001)))),
    set(G, div(sub(get(gI), get(rI)), f64(0.001))),
    store(e.col("_g"), x, get(G)),
    store(e.node("ina"), x, add(N("ina"), get(iNa))),
    store(e.node("ik"), x, add(N("ik"), get(iK))),
    store(e.col("gna"), x, get(gNa)),
    store(e.col("gk"), x, get(gK)),
    store(e.col("il"), x, get(iL)),
    set(rhs, sub(get(rhs), get(rI))),
    set(d, add(get(d), get(G))),
  );
}
