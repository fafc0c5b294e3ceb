// NetStim (src/nrnoc/netstim.mod), noise = 0 exactly as NEURON: the first event is
// (start + interval) - interval*(1 - noise), then a flag-3 event starts the sequence, each
// flag-1 event fires (net_event) and schedules the next at t + interval. With noise > 0 the
// intervals use a seeded generator: statistically NEURON's, not its random stream.
import type { MechanismSpec } from "../mechanism.ts";
import { log } from "../math.ts";

/** A small seeded generator (mulberry32) for noisy intervals. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const NetStim: MechanismSpec = {
  name: "NetStim",
  kind: "artificial",
  parameters: [
    { name: "interval", init: 10, unit: "ms", min: 1e-9, max: 1e9 },
    { name: "number", init: 10, unit: "1", min: 0, max: 1e9 },
    { name: "start", init: 50, unit: "ms" },
    { name: "noise", init: 0, unit: "1", min: 0, max: 1 },
  ],
  assigned: [
    { name: "event", init: 0, unit: "ms" },
    { name: "on", init: 0, unit: "1" },
    { name: "ispike", init: 0, unit: "1" },
  ],
  states: [],
  globals: [],
  ions: [],
  internal: ["_seed"],
  netReceive: ["w"],
  bind(b) {
    const { n, slot, env, events } = b;
    const interval = b.col("interval"), number = b.col("number"), start = b.col("start"), noise = b.col("noise");
    const event = b.col("event"), on = b.col("on"), ispike = b.col("ispike"), seed = b.col("_seed");
    const streams = new Map<number, () => number>();
    const erand = (s: number) => {
      let r = streams.get(s);
      if (!r) streams.set(s, (r = rng(seed[s]! + 1 + s)));
      return -log(1 - r());
    };
    const invl = (s: number, mean: number) => {
      if (mean <= 0.) mean = .01;
      if (noise[s] === 0) return mean;
      return (1. - noise[s]!) * mean + noise[s]! * mean * erand(s);
    };
    const initSequence = (s: number) => {
      if (number[s]! > 0) {
        on[s] = 1;
        event[s] = 0;
        ispike[s] = 0;
      }
    };
    const nextInvl = (s: number) => {
      if (number[s]! > 0) event[s] = invl(s, interval[s]!);
      if (ispike[s]! >= number[s]!) on[s] = 0;
    };
    return {
      initialize() {
        streams.clear();
        const t = env.t;
        for (let k = 0; k < n; k++) {
          const s = slot[k]!;
          on[s] = 0;
          ispike[s] = 0;
          if (noise[s]! < 0) noise[s] = 0;
          if (noise[s]! > 1) noise[s] = 1;
          if (start[s]! >= 0 && number[s]! > 0) {
            on[s] = 1;
            event[s] = start[s]! + invl(s, interval[s]!) - interval[s]! * (1. - noise[s]!);
            if (event[s]! < 0) event[s] = 0;
            events.netSend(s, t + event[s]!, 3, -1);
          }
        }
      },
      receive(s, w, wo, flag, wid) {
        const t = env.t;
        if (flag === 0.0) {
          if (w[wo]! > 0.0 && on[s] === 0.0) {
            initSequence(s);
            nextInvl(s);
            event[s] = event[s]! - interval[s]! * (1. - noise[s]!);
            events.netSend(s, t + event[s]!, 1, wid);
          } else if (w[wo]! < 0.0) {
            on[s] = 0.0;
          }
        }
        if (flag === 3.0) {
          if (on[s] === 1.0) {
            initSequence(s);
            events.netSend(s, t + 0.0, 1, wid);
          }
        }
        if (flag === 1.0 && on[s] === 1.0) {
          ispike[s] = ispike[s]! + 1.0;
          events.netEvent(s, t);
          nextInvl(s);
          if (on[s] === 1.0) events.netSend(s, t + event[s]!, 1, wid);
        }
      },
    };
  },
};
