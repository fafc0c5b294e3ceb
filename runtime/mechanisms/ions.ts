// Ion mechanisms (src/nrnoc/eion.cpp): per node, a reversal potential e, concentrations
// inside/outside, the summed current i and di/dv. Their "current" runs before every channel
// (it zeroes i and di/dv) and recomputes e by Nernst only when the node's ion style has the
// eadvance bit; INITIAL sets concentrations (cinit) and e (einit) as the style says.
//
// The ion style (NEURON's bit field, see `promote`) is derived per node from the USEION
// statements of the mechanisms inserted there; it lives in the node column `_style_<ion>`.
import type { IonUse, MechanismSpec } from "../mechanism.ts";
import { log } from "../math.ts";
import { f64, get, seq, store } from "../wasm.ts";

/** CODATA 2018 values: NEURON 8.2's defaults (nrnunit_use_legacy() == 0). */
export const FARADAY = 96485.33212331001;
export const GASCONSTANT = 8.31446261815324;

export function nernst(ci: number, co: number, z: number, celsius: number): number {
  if (z === 0) return 0;
  if (ci <= 0) return 1e6;
  if (co <= 0) return -1e6;
  const ktf = (1000. * GASCONSTANT * (celsius + 273.15)) / FARADAY;
  return (ktf / z) * log(co / ci);
}

export interface IonInfo {
  readonly name: string;
  readonly charge: number;
  readonly e0: number;
  readonly ci0: number;
  readonly co0: number;
}

const DEF_VREST = -65;
export const KNOWN_IONS: Readonly<Record<string, IonInfo>> = {
  na: { name: "na", charge: 1, e0: 115 + DEF_VREST, ci0: 10, co0: 140 },
  k: { name: "k", charge: 1, e0: -12 + DEF_VREST, ci0: 54.4, co0: 2.5 },
  ca: { name: "ca", charge: 2, e0: 12.5 * log(2 / 5e-5), ci0: 5e-5, co0: 2 },
  cl: { name: "cl", charge: -1, e0: 0, ci0: 1, co0: 1 },
};

export function ionInfo(name: string): IonInfo {
  return KNOWN_IONS[name] ?? { name, charge: 1, e0: 0, ci0: 1, co0: 1 };
}

/** The node-column names of an ion's variables. */
export function ionVarNames(ion: string) {
  return {
    e: `e${ion}`,
    ci: `${ion}i`,
    co: `${ion}o`,
    i: `i${ion}`,
    didv: `di${ion}_dv_`,
    style: `_style_${ion}`,
  };
}

/** nrn_promote: combine a mechanism's use (conc 0..3, rev 0..3) into an ion style. */
export function promote(style: number, conc: number, rev: number): number {
  let oldconc = style & 0o3;
  let oldrev = (style & 0o30) >> 3;
  if (oldconc < conc) oldconc = conc;
  if (oldrev < rev) oldrev = rev;
  if (oldconc > 0 && oldrev < 2) oldrev = 2;
  let s = style & ~0o177;
  s += oldconc + 0o10 * oldrev;
  if (oldconc === 3) {
    s += 4;
    if (oldrev === 2) s += 0o100;
  }
  if (oldconc > 0 && oldrev === 2) s += 0o40;
  return s;
}

/** The (conc, rev) promotion a USEION statement asks for, as nocmodl emits it. */
export function useionPromotion(use: IonUse): [number, number] {
  const v = ionVarNames(use.ion);
  const writesConc = use.write.includes(v.ci) || use.write.includes(v.co);
  const readsConc = use.read.includes(v.ci) || use.read.includes(v.co);
  const conc = writesConc ? 3 : readsConc ? 1 : 0;
  const rev = use.write.includes(v.e) ? 3 : use.read.includes(v.e) ? 1 : 0;
  return [conc, rev];
}

export function ionSpec(info: IonInfo): MechanismSpec {
  const v = ionVarNames(info.name);
  return {
    name: `${info.name}_ion`,
    kind: "ion",
    // Ion variables are node columns with their plain names (ena, nai, ...); the simulator
    // allocates them from these specs.
    parameters: [
      { name: v.e, init: info.e0, unit: "mV" },
      { name: v.ci, init: info.ci0, unit: "mM" },
      { name: v.co, init: info.co0, unit: "mM" },
    ],
    assigned: [
      { name: v.i, init: 0, unit: "mA/cm2" },
      { name: v.didv, init: 0, unit: "S/cm2" },
    ],
    states: [],
    globals: [
      { name: `${info.name}i0`, init: info.ci0, unit: "mM" },
      { name: `${info.name}o0`, init: info.co0, unit: "mM" },
    ],
    ions: [],
    internal: [],
    bind(b) {
      const { n, node, env, globals } = b;
      const e = b.nodeCol(v.e), ci = b.nodeCol(v.ci), co = b.nodeCol(v.co);
      const cur = b.nodeCol(v.i), didv = b.nodeCol(v.didv), style = b.nodeCol(v.style);
      const z = info.charge;
      return {
        initialize() {
          for (let k = 0; k < n; k++) {
            const nd = node[k]!;
            if (style[nd]! & 0o4) {
              ci[nd] = globals[0]!;
              co[nd] = globals[1]!;
            }
          }
          for (let k = 0; k < n; k++) {
            const nd = node[k]!;
            if (style[nd]! & 0o40) e[nd] = nernst(ci[nd]!, co[nd]!, z, env.celsius);
          }
        },
        current() {
          for (let k = 0; k < n; k++) {
            const nd = node[k]!;
            didv[nd] = 0;
            cur[nd] = 0;
            if (style[nd]! & 0o100) e[nd] = nernst(ci[nd]!, co[nd]!, z, env.celsius);
          }
        },
      };
    },
    wasm: {
      bind(b) {
        // Nernst at every step (concentrations written by a mechanism) stays in JavaScript.
        const style = b.nodeCol(v.style);
        for (let k = 0; k < b.n; k++) if (style[b.node[k]!]! & 0o100) return null;
        return {
          current: (e) => seq(store(e.node(v.didv), get(e.x8), f64(0)), store(e.node(v.i), get(e.x8), f64(0))),
        };
      },
    },
  };
}
