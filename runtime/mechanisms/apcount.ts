// APCount (src/nrnoc/apcount.mod): counts threshold crossings of v at its location. check()
// runs in the state phase (`SOLVE check METHOD after_cvode`), so it sees the new v and
// t = t_n: a crossing is counted when v >= thresh and the counter is not already firing, and
// `time` = t_n (a NetCon watching the same v reports t_n + 1e-10). It re-arms when v < thresh
// at a later t. INITIAL zeroes n, empties the record vector and checks once at t = 0.
// record(vec) keeps the vector (NEURON keeps its pointer in the double `space`); each count
// resizes it to n and stores the time in the last element.
import type { Env, MechanismSpec } from "../mechanism.ts";
import type { Vec } from "../vec.ts";
import { f64, fge, feq, fgt, flt, fne, get, ifThen, iand, ior, load, seq, set, store, add, F64 } from "../wasm.ts";

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
  // _counted: set by the generated check when it counts, cleared by afterState (record vectors)
  internal: ["_counted"],
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
    const n = b.col("n"), thresh = b.col("thresh"), time = b.col("time"), firing = b.col("firing"), counted = b.col("_counted");
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
          counted[s] = 0.0;
          vectors.get(s)?.resize(0);
          check(s, v[node[k]!]!);
        }
      },
      state() {
        for (let k = 0; k < count; k++) check(slot[k]!, v[node[k]!]!);
      },
    };
  },
  // check() for the generated step, operation for operation (`!firing` is true for 0 and NaN, as
  // in JavaScript). A count also sets _counted; while any APCount records into a Vector,
  // afterState runs after every step and does what check() does with the vector for each count.
  wasm: {
    bind(b) {
      const vectors = vectorsOf(b.env);
      const n = b.col("n"), time = b.col("time"), counted = b.col("_counted");
      return {
        afterEveryStep: () => vectors.size > 0,
        afterState() {
          for (const [s, vec] of vectors) {
            if (counted[s] === 0) continue;
            counted[s] = 0;
            const size = Math.trunc(n[s]!);
            vec.resize(size);
            vec.buf[size - 1] = time[s]!;
          }
        },
        stateAfter(e) {
          const s = get(e.s8);
          const vv = e.local(F64), th = e.local(F64), f = e.local(F64);
          return seq(
            set(vv, load(e.node("v"), get(e.x8))), set(th, load(e.col("thresh"), s)), set(f, load(e.col("firing"), s)),
            ifThen(iand(fge(get(vv), get(th)), ior(feq(get(f), f64(0)), fne(get(f), get(f)))),
              store(e.col("firing"), s, f64(1)),
              store(e.col("time"), s, get(e.t)),
              store(e.col("n"), s, add(load(e.col("n"), s), f64(1.))),
              store(e.col("_counted"), s, f64(1))),
            set(f, load(e.col("firing"), s)),
            ifThen(iand(iand(iand(fne(get(f), f64(0)), feq(get(f), get(f))), flt(get(vv), get(th))), fgt(get(e.t), load(e.col("time"), s))),
              store(e.col("firing"), s, f64(0))),
          );
        },
      };
    },
  },
};
