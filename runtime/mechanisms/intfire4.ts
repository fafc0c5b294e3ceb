// IntFire4 (src/nrnoc/intfire4.mod), an artificial cell: a fast excitatory current e (taue),
// an alpha-like inhibitory current i1 -> i2 (taui1, taui2) and a membrane m (taum), all
// analytic between events (newstates). Excitatory weights (w > 0) add to e, inhibitory ones
// to i1. The cell fires when m > 1 - eps. The next threshold time is bounded from below by a
// Newton step (firetimebound) and kept as one movable flag-1 self-event, re-checked on arrival.
// INITIAL fixes the time constants (fixprecondition: taue < taui2, taui1 < taui2, all at
// least taueps apart) and normalises the currents (factors, with a bisection `search` for the
// peak of m after a unit i1). As nocmodl emits it; M(), E(), I() give m, ae*e and ai2*i2 at
// the current t. GLOBALs: ib (unused by the model), eps, taueps.
import type { MechanismSpec, MethodSelf } from "../mechanism.ts";
import { exp, log } from "../math.ts";

/** The per-instance variables the model's procedures use, as one record (slot `s`). */
interface Vars {
  taue: Float64Array; taui1: Float64Array; taui2: Float64Array; taum: Float64Array;
  e: Float64Array; i1: Float64Array; i2: Float64Array; m: Float64Array;
  nself: Float64Array; nexcite: Float64Array; ninhibit: Float64Array;
  ae: Float64Array; ai1: Float64Array; ai2: Float64Array;
  enew: Float64Array; i1new: Float64Array; i2new: Float64Array; mnew: Float64Array;
  t0: Float64Array; ke: Float64Array; ki1: Float64Array; ki2: Float64Array; km: Float64Array;
  be: Float64Array; bi1: Float64Array; bi2: Float64Array; a: Float64Array; b: Float64Array;
  tau_swap: Float64Array; flag: Float64Array;
}

const NAMES = [
  "taue", "taui1", "taui2", "taum", "e", "i1", "i2", "m", "nself", "nexcite", "ninhibit", "ae", "ai1", "ai2",
  "enew", "i1new", "i2new", "mnew", "t0", "ke", "ki1", "ki2", "km", "be", "bi1", "bi2", "a", "b", "tau_swap", "flag",
] as const;

function vars(col: (name: string) => Float64Array): Vars {
  const out: Record<string, Float64Array> = {};
  for (const name of NAMES) out[name] = col(name);
  return out as unknown as Vars;
}

/** The model's PROCEDUREs and FUNCTIONs for instance s, given eps and taueps. */
function procedures(p: Vars) {
  const newstates = (s: number, d: number) => {
    const ee = exp(-p.ke[s]! * d);
    const ei1 = exp(-p.ki1[s]! * d);
    const ei2 = exp(-p.ki2[s]! * d);
    const em = exp(-p.km[s]! * d);
    const e = p.e[s]!, i1 = p.i1[s]!, i2 = p.i2[s]!;
    p.enew[s] = e * ee;
    p.i1new[s] = i1 * ei1;
    p.i2new[s] = i2 * ei2 + p.bi1[s]! * i1 * (ei2 - ei1);
    p.mnew[s] = p.m[s]! * em + p.be[s]! * e * (em - ee) + (p.bi2[s]! * i2 + p.a[s]! * i1) * (em - ei2) - p.b[s]! * i1 * (em - ei1);
  };
  const update = (s: number, t: number) => {
    p.e[s] = p.enew[s]!;
    p.i1[s] = p.i1new[s]!;
    p.i2[s] = p.i2new[s]!;
    p.m[s] = p.mnew[s]!;
    p.t0[s] = t;
  };
  const fixprecondition = (s: number, taueps: number) => {
    const { taue, taui1, taui2, taum } = p;
    if (taui2[s]! < 4.0 * taueps) taui2[s] = 4.0 * taueps;
    if (taui1[s]! < 3.0 * taueps) taui1[s] = 3.0 * taueps;
    if (taue[s]! < 2.0 * taueps) taue[s] = 2.0 * taueps;
    if (taue[s]! > taui2[s]!) {
      p.tau_swap[s] = taue[s]!;
      taue[s] = taui2[s]! - taueps;
      process.stdout.write(`Warning: Adjusted taue from ${fmtG(p.tau_swap[s]!)}  to ${fmtG(taue[s]!)}  to ensure taue < taui2\n`);
    } else if (taui2[s]! - taue[s]! < taueps) {
      taue[s] = taui2[s]! - taueps;
    }
    if (taui1[s]! > taui2[s]!) {
      p.tau_swap[s] = taui2[s]!;
      taui2[s] = taui1[s]!;
      taui1[s] = p.tau_swap[s]!;
      process.stdout.write("Warning: Swapped taui1 and taui2\n");
    }
    if (taui2[s]! - taui1[s]! < taueps) taui1[s] = taui2[s]! - taueps;
    if (taum[s]! <= taui2[s]!) {
      if (taui2[s]! - taum[s]! < taueps) taum[s] = taui2[s]! - taueps;
      if (Math.abs(taui1[s]! - taum[s]!) < taueps) taum[s] = taui1[s]! - taueps;
      if (Math.abs(taui1[s]! - taum[s]!) < taueps) {
        if (taui1[s]! - taum[s]! < 0.0) taum[s] = taui1[s]! - taueps;
        else taui1[s] = taum[s]! - taueps;
      }
      if (Math.abs(taue[s]! - taum[s]!) < taueps) {
        if (taue[s]! - taum[s]! < 0.0) taum[s] = taue[s]! - taueps;
        else taue[s] = taum[s]! - taueps;
      }
      if (Math.abs(taui1[s]! - taum[s]!) < taueps) taum[s] = taui1[s]! - taueps;
    } else if (taum[s]! - taui2[s]! < taueps) {
      taum[s] = taui2[s]! + taueps;
    }
  };
  /** Proportional to dm/dt after a unit i1 (sign exact when ki1 > ki2). */
  const deriv = (s: number, d: number) => {
    const km = p.km[s]!, ki1 = p.ki1[s]!, ki2 = p.ki2[s]!;
    return (-km * exp(-d * km) + ki2 * exp(-d * ki2)) / (ki2 - km) - ((-km * exp(-d * km) + ki1 * exp(-d * ki1))) / (ki1 - km);
  };
  /** The time of the extremum of m after a unit i1: decade search, then bisection. */
  const search = (s: number) => {
    let t1 = 1.0, t2 = 0.0, result = 0.0;
    p.flag[s] = 0.0;
    if (deriv(s, t1) < 0.0) {
      while (deriv(s, t1) < 0.0 && t1 > 1e-9) {
        t2 = t1;
        t1 = t1 / 10.0;
      }
      if (deriv(s, t1) < 0.0) {
        process.stdout.write(`Error wrong deriv(t1): t1=${fmtG(t1)} deriv(t1)=${fmtG(deriv(s, t1))}\n`);
        p.flag[s] = 1.0;
        result = 1e-9;
      }
    } else {
      t2 = t1;
      while (deriv(s, t2) > 0.0 && t2 < 1e9) {
        t1 = t2;
        t2 = t2 * 10.0;
      }
      if (deriv(s, t2) > 0.0) {
        process.stdout.write(`Error wrong deriv(t2): t2=${fmtG(t2)} deriv(t2)=${fmtG(deriv(s, t2))}\n`);
        p.flag[s] = 1.0;
        result = 1e9;
      }
    }
    while (t2 - t1 > 1e-6 && p.flag[s] === 0.0) {
      result = (t1 + t2) / 2.0;
      const x = deriv(s, result);
      if (x > 0.0) t1 = result;
      else t2 = result;
    }
    return result;
  };
  const factors = (s: number) => {
    p.ke[s] = 1.0 / p.taue[s]!;
    p.ki1[s] = 1.0 / p.taui1[s]!;
    p.ki2[s] = 1.0 / p.taui2[s]!;
    p.km[s] = 1.0 / p.taum[s]!;
    const ke = p.ke[s]!, ki1 = p.ki1[s]!, ki2 = p.ki2[s]!, km = p.km[s]!;
    let tp = log(km / ke) / (km - ke);
    p.be[s] = 1.0 / (exp(-km * tp) - exp(-ke * tp));
    p.ae[s] = p.be[s]! * (ke - km);
    tp = log(ki2 / ki1) / (ki2 - ki1);
    p.bi1[s] = 1.0 / (exp(-ki2 * tp) - exp(-ki1 * tp));
    p.ai1[s] = p.bi1[s]! * (ki1 - ki2);
    p.e[s] = 0.0;
    p.i1[s] = 1.0;
    p.i2[s] = 0.0;
    p.m[s] = 0.0;
    p.bi2[s] = 1.0;
    p.ai2[s] = p.bi2[s]! * (ki2 - km);
    p.a[s] = p.bi2[s]! * p.bi1[s]!;
    p.b[s] = p.a[s]! * (ki2 - km) / (ki1 - km);
    tp = search(s);
    newstates(s, tp);
    p.bi2[s] = 1.0 / p.mnew[s]!;
    p.ai2[s] = p.bi2[s]! * (ki2 - km);
    p.a[s] = p.bi2[s]! * p.bi1[s]!;
    p.b[s] = p.a[s]! * (ki2 - km) / (ki1 - km);
    newstates(s, tp);
    p.i1[s] = 0.0;
  };
  /** A lower bound on the time to threshold: Newton's step from the present slope. */
  const firetimebound = (s: number) => {
    const slope = -p.km[s]! * p.m[s]! + p.ae[s]! * p.e[s]! + p.ai2[s]! * p.i2[s]!;
    if (slope <= 1e-9) return 1e9;
    return (1.0 - p.m[s]!) / slope;
  };
  return { newstates, update, fixprecondition, factors, firetimebound };
}

/** C's %g for the two warnings NEURON prints. */
function fmtG(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const exp10 = Math.floor(Math.log10(Math.abs(x)));
  if (exp10 < -4 || exp10 >= 6) {
    const [mant, ex] = x.toExponential(5).split("e");
    const m = mant!.replace(/\.?0+$/, "");
    const n = Number(ex);
    return `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  }
  return String(Number(x.toPrecision(6)));
}

function withState(self: MethodSelf, read: (p: Vars) => number): number {
  const p = vars(self.col);
  procedures(p).newstates(self.slot, self.env.t - p.t0[self.slot]!);
  return read(p);
}

export const IntFire4: MechanismSpec = {
  name: "IntFire4",
  kind: "artificial",
  parameters: [
    { name: "taue", init: 5, unit: "ms", min: 0, max: 1e9 },
    { name: "taui1", init: 10, unit: "ms", min: 0, max: 1e9 },
    { name: "taui2", init: 20, unit: "ms", min: 0, max: 1e9 },
    { name: "taum", init: 50, unit: "ms", min: 0, max: 1e9 },
  ],
  assigned: [
    { name: "e", init: 0, unit: "1" },
    { name: "i1", init: 0, unit: "1" },
    { name: "i2", init: 0, unit: "1" },
    { name: "m", init: 0, unit: "1" },
    { name: "nself", init: 0, unit: "1" },
    { name: "nexcite", init: 0, unit: "1" },
    { name: "ninhibit", init: 0, unit: "1" },
    { name: "ae", init: 0, unit: "1/ms" },
    { name: "ai1", init: 0, unit: "1/ms" },
    { name: "ai2", init: 0, unit: "1/ms" },
  ],
  states: [],
  globals: [
    { name: "ib", init: 0, unit: "1" },
    { name: "eps", init: 1e-6, unit: "1", min: 1e-9, max: 0.01 },
    { name: "taueps", init: 0.01, unit: "ms", min: 1e-9, max: 1e9 },
  ],
  ions: [],
  // ASSIGNED but not RANGE in intfire4.mod: Python cannot see them.
  internal: ["enew", "i1new", "i2new", "mnew", "t0", "ke", "ki1", "ki2", "km", "be", "bi1", "bi2", "a", "b", "tau_swap", "flag"],
  netReceive: ["w"],
  methods: {
    M: (self) => withState(self, (p) => p.mnew[self.slot]!),
    E: (self) => withState(self, (p) => p.ae[self.slot]! * p.enew[self.slot]!),
    I: (self) => withState(self, (p) => p.ai2[self.slot]! * p.i2new[self.slot]!),
  },
  bind(b) {
    const { n, slot, env, events, globals } = b;
    const p = vars(b.col);
    const proc = procedures(p);
    return {
      initialize() {
        const t = env.t;
        for (let k = 0; k < n; k++) {
          const s = slot[k]!;
          proc.fixprecondition(s, globals[2]!);
          proc.factors(s);
          p.e[s] = 0.0;
          p.i1[s] = 0.0;
          p.i2[s] = 0.0;
          p.m[s] = 0.0;
          p.t0[s] = t;
          events.netSend(s, t + proc.firetimebound(s), 1.0, -1);
          p.nself[s] = 0.0;
          p.nexcite[s] = 0.0;
          p.ninhibit[s] = 0.0;
        }
      },
      receive(s, w, wo, flag, wid) {
        const t = env.t;
        proc.newstates(s, t - p.t0[s]!);
        proc.update(s, t);
        if (p.m[s]! > 1.0 - globals[1]!) {
          events.netEvent(s, t);
          p.m[s] = 0.0;
        }
        if (flag === 1.0) {
          p.nself[s] = p.nself[s]! + 1.0;
          events.netSend(s, t + proc.firetimebound(s), 1.0, wid);
        } else {
          if (w[wo]! > 0.0) {
            p.nexcite[s] = p.nexcite[s]! + 1.0;
            p.e[s] = p.e[s]! + w[wo]!;
          } else {
            p.ninhibit[s] = p.ninhibit[s]! + 1.0;
            p.i1[s] = p.i1[s]! + w[wo]!;
          }
          events.netMove(s, proc.firetimebound(s) + t);
        }
      },
    };
  },
};
