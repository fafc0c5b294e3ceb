// APCount (src/nrnoc/apcount.mod): counts threshold crossings of v at its location. check()
// runs in the state phase (`SOLVE check METHOD after_cvode`), so it sees the new v and
// t = t_n: a crossing is counted when v >= thresh and the counter is not already firing, and
// `time` = t_n (a NetCon watching the same v reports t_n + 1e-10). It re-arms when v < thresh
// at a later t. INITIAL zeroes n, empties the record vector and checks once at t = 0.
// record(vec) keeps the vector (NEURON keeps its pointer in the double `space`); each count
// resizes it to n and stores the time in the last element.
import type { Env, MechanismSpec } from "../mechanism.ts";
import type { Vec } from "../vec.ts";

/** The record vectors, per model (its Env) and storage slot. */
const recordVectors = new WeakMap<Env, Map<number, Vec>>();

function vectorsOf(env: Env): Map<number, Vec> {
  let m = recordVectors.get(env);
  if (!m) recordVectors.set(env, (m = new Map()));
  return m;
}

function isVec(x: unknown): x is Vec {
  return !!x && typeof x === "object" && "buf" in x && "resize" in x;
}

export const APCount: MechanismSpec = {
  name: "APCount",
  kind: "point",
  parameters: [
    { name: "n", init: 0, unit: "1" },
    { name: "thresh", init: -20, unit: "mV" },
    { name: "time", init: 0, unit: "ms" },
  ],
  assigned: [{ name: "firing", init: 0, unit: "1" }],
  states: [],
  globals: [],
  ions: [],
  internal: [],
  methods: {
    /** record(vec) records into vec; record() stops recording. */
    record(self, vec) {
      const vectors = vectorsOf(self.env);
      if (vec === undefined) vectors.delete(self.slot);
      else if (isVec(vec)) vectors.set(self.slot, vec);
      else throw new Error(`APCount.record: the argument must be a Vector, got ${String(vec)}`);
      return 1.0;
    },
  },
  bind(b) {
    const { n: count, node, slot, env } = b;
    const v = b.nodeCol("v");
    const n = b.col("n"), thresh = b.col("thresh"), time = b.col("time"), firing = b.col("firing");
    const vectors = vectorsOf(env);
    const check = (s: number, vv: number) => {
      const t = env.t;
      if (vv >= thresh[s]! && !firing[s]) {
        firing[s] = 1;
        time[s] = t;
        n[s] = n[s]! + 1.;
        const vec = vectors.get(s);
        if (vec) {
          const size = Math.trunc(n[s]!);
          vec.resize(size);
          vec.buf[size - 1] = time[s]!;
        }
      }
      if (firing[s] && vv < thresh[s]! && t > time[s]!) firing[s] = 0;
    };
    return {
      initialize() {
        for (let k = 0; k < count; k++) {
          const s = slot[k]!;
          n[s] = 0.0;
          firing[s] = 0.0;
          vectors.get(s)?.resize(0);
          check(s, v[node[k]!]!);
        }
      },
      state() {
        for (let k = 0; k < count; k++) check(slot[k]!, v[node[k]!]!);
      },
    };
  },
};
