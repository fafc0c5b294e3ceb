// IntFire1 (src/nrnoc/intfire1.mod), an artificial cell: m decays with tau between events and
// jumps by each weight; when m > 1 the cell fires (net_event), sets m = 2 and ignores input for
// refrac ms (a flag-1 self-event ends the refractory period and resets m to 0). The state is
// computed only at events; M() gives the decayed value at the current t (2 for the first
// 0.5 ms of the refractory period, then -1, for plotting).
import type { MechanismSpec, MethodSelf } from "../mechanism.ts";
import { exp } from "../math.ts";

function M(self: MethodSelf): number {
  const s = self.slot, t = self.env.t;
  const refractory = self.col("refractory")[s]!, t0 = self.col("t0")[s]!;
  if (refractory === 0.0) return self.col("m")[s]! * exp(-(t - t0) / self.col("tau")[s]!);
  if (refractory === 1.0) return t - t0 < .5 ? 2.0 : -1.0;
  return NaN; // refractory is only ever 0 or 1 (NEURON would return an uninitialised double)
}

export const IntFire1: MechanismSpec = {
  name: "IntFire1",
  kind: "artificial",
  parameters: [
    { name: "tau", init: 10, unit: "ms" },
    { name: "refrac", init: 5, unit: "ms" },
  ],
  assigned: [{ name: "m", init: 0, unit: "1" }],
  states: [],
  globals: [],
  ions: [],
  // t0 and refractory are ASSIGNED but not RANGE: Python cannot see them.
  internal: ["t0", "refractory"],
  netReceive: ["w"],
  methods: { M },
  bind(b) {
    const { n, slot, env, events } = b;
    const tau = b.col("tau"), refrac = b.col("refrac"), m = b.col("m");
    const t0 = b.col("t0"), refractory = b.col("refractory");
    return {
      initialize() {
        for (let k = 0; k < n; k++) {
          const s = slot[k]!;
          m[s] = 0.0;
          t0[s] = env.t;
          refractory[s] = 0.0;
        }
      },
      receive(s, w, wo, flag, wid) {
        const t = env.t;
        if (refractory[s] === 0.0) {
          m[s] = m[s]! * exp(-(t - t0[s]!) / tau[s]!);
          t0[s] = t;
          m[s] = m[s]! + w[wo]!;
          if (m[s]! > 1.0) {
            refractory[s] = 1.0;
            m[s] = 2.0;
            events.netSend(s, t + refrac[s]!, refractory[s]!, wid);
            events.netEvent(s, t);
          }
        } else if (flag === 1.0) {
          t0[s] = t;
          refractory[s] = 0.0;
          m[s] = 0.0;
        }
      },
    };
  },
};
