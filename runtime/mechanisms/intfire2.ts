// IntFire2 (src/nrnoc/intfire2.mod), an artificial cell: a synaptic current i decays with taus
// toward the bias ib and jumps by each weight; the membrane m follows taum*m' + m = i and the
// cell fires when m crosses 1 (then m = 0). Everything is analytic between events: the firing
// time is found by firetime()/newton1() and kept as one movable flag-1 self-event. Written as
// nocmodl emits it (`x^r` is pow(x, r)); M() and I() give m and i decayed to the current t.
import type { MechanismSpec, MethodSelf } from "../mechanism.ts";
import { exp, log, pow } from "../math.ts";

/** newton1: solves 1 = a + b*x^r + c*x from x, staying in 0 < x <= 1. */
function newton1(a: number, b: number, c: number, r: number, x: number): number {
  let dx = 1.0, f = 0.0, iter = 0.0;
  while (Math.abs(dx) > 1e-6 || Math.abs(f - 1.0) > 1e-6) {
    f = a + b * pow(x, r) + c * x;
    const df = r * b * pow(x, r - 1.0) + c;
    dx = (1.0 - f) / df;
    x = x + dx;
    if (x <= 0.0) x = 1e-4;
    else if (x > 1.0) x = 1.0;
    iter = iter + 1.0;
    if (iter > 10.0) {
      // NEURON prints "Intfire2 iter ..." here and gives up with the current x.
      f = 1.0;
      dx = 0.0;
    }
  }
  return x;
}

/** firetime: when 1 = a + b*exp(-t/taus) + (c - a - b)*exp(-t/taum); 1e9 if never. */
function firetime(taus: number, taum: number, a: number, b: number, c: number): number {
  const r = taum / taus;
  if (a <= 1.0 && a + b <= 1.0) return 1e9;
  if (a > 1.0 && b <= 0.0) {
    const cab = c - a - b;
    const m = r * b + cab; // slope at x = 1
    if (m >= 0.0) return -taus * log(newton1(a, cab, b, 1.0 / r, 0.0));
    const x = (1.0 - c + m) / m;
    if (x <= 0.0) return -taus * log(newton1(a, cab, b, 1.0 / r, 0.0));
    return -taum * log(newton1(a, b, cab, r, x));
  }
  const cab = c - a - b;
  let x = pow(-cab / (r * b), 1.0 / (r - 1.0)); // where the maximum is
  const f = a + b * pow(x, r) + cab * x;
  if (x >= 1.0 || f <= 1.0) return 1e9;
  const m = r * b + cab;
  x = (1.0 - c + m) / m;
  return -taum * log(newton1(a, b, cab, r, x));
}

function cols(self: MethodSelf) {
  const s = self.slot;
  return {
    taus: self.col("taus")[s]!, taum: self.col("taum")[s]!, ib: self.col("ib")[s]!,
    i: self.col("i")[s]!, m: self.col("m")[s]!, t0: self.col("t0")[s]!, t: self.env.t,
  };
}

function M(self: MethodSelf): number {
  const { taus, taum, ib, i, m, t0, t } = cols(self);
  const f = taus / (taus - taum);
  const x = (i - ib) * exp(-(t - t0) / taus);
  return ib + f * x + (m - (ib + (i - ib) * f)) * exp(-(t - t0) / taum);
}

function I(self: MethodSelf): number {
  const { taus, ib, i, t0, t } = cols(self);
  const x = (i - ib) * exp(-(t - t0) / taus);
  return x + ib;
}

export const IntFire2: MechanismSpec = {
  name: "IntFire2",
  kind: "artificial",
  parameters: [
    { name: "taus", init: 20, unit: "ms" },
    { name: "taum", init: 10, unit: "ms" },
    { name: "ib", init: 0, unit: "1" },
  ],
  assigned: [
    { name: "i", init: 0, unit: "1" },
    { name: "m", init: 0, unit: "1" },
  ],
  states: [],
  globals: [],
  ions: [],
  internal: ["t0"],
  netReceive: ["w"],
  methods: { M, I },
  bind(b) {
    const { n, slot, env, events } = b;
    const taus = b.col("taus"), taum = b.col("taum"), ib = b.col("ib");
    const i = b.col("i"), m = b.col("m"), t0 = b.col("t0");
    return {
      initialize() {
        const t = env.t;
        for (let k = 0; k < n; k++) {
          const s = slot[k]!;
          i[s] = ib[s]!;
          m[s] = 0.0;
          if (taus[s]! <= taum[s]!) taus[s] = taum[s]! + .1;
          t0[s] = t;
          events.netSend(s, t + firetime(taus[s]!, taum[s]!, ib[s]!, 0.0, 0.0), 1.0, -1);
        }
      },
      receive(s, w, wo, flag, wid) {
        const t = env.t;
        const TS = taus[s]!, TM = taum[s]!, IB = ib[s]!;
        const f = TS / (TS - TM);
        const x = (i[s]! - IB) * exp(-(t - t0[s]!) / TS);
        let inew = IB + x;
        if (flag === 1.0) {
          events.netEvent(s, t);
          m[s] = 0.0;
          const ibf = (inew - IB) * f;
          events.netSend(s, t + firetime(TS, TM, IB, ibf, 0.0), 1.0, wid);
        } else {
          m[s] = IB + f * x + (m[s]! - (IB + (i[s]! - IB) * f)) * exp(-(t - t0[s]!) / TM);
          inew = inew + w[wo]!;
          if (m[s]! >= 1.0) {
            events.netMove(s, t);
          } else {
            const ibf = (inew - IB) * f;
            events.netMove(s, firetime(TS, TM, IB, ibf, m[s]!) + t);
          }
        }
        t0[s] = t;
        i[s] = inew;
      },
    };
  },
};
