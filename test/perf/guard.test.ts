// CI guard against V8 deoptimisation cliffs in the engine's hot JavaScript: each hot path is timed
// against a plain reference loop of comparable arithmetic in the same process, alternately, and the
// median ratio must stay under a generous bound. A deoptimised kernel (a megamorphic call, a heap
// number per element, a typed array turned generic) runs 10-100 times slower, which no bound here
// lets through; a slow or loaded machine slows both sides alike, so no absolute time is checked.
//
// The bounds are about 3 times the ratios measured on the development machine (in the comments);
// a kernel kept out of optimised code altogether measured 4.6 times slower (the queue's dq/pushP
// under %NeverOptimizeFunction), so such a cliff fails the bound.
import { afterAll, describe, expect, it } from "vitest";
import { TQueue } from "../../runtime/events.ts";
import { setFusedEnabled } from "../../runtime/fused.ts";
import { createH } from "../../stdlib/h.ts";
import "../../stdlib/section.ts";
import type { H } from "../../stdlib/api.ts";

type AnyH = H & Record<string, any>;

afterAll(() => setFusedEnabled(true));

/** Median of `reps` alternating timings of f and g (after warm-up); returns median(f) / median(g). */
function ratio(f: () => void, g: () => void, reps = 9): number {
  for (let i = 0; i < 10; i++) {
    f();
    g();
  }
  const tf: number[] = [], tg: number[] = [];
  for (let i = 0; i < reps; i++) {
    let t = performance.now();
    f();
    tf.push(performance.now() - t);
    t = performance.now();
    g();
    tg.push(performance.now() - t);
  }
  const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1]!;
  return med(tf) / med(tg);
}

/** Reference: hh-like arithmetic over typed arrays, `n` elements `steps` times (3 divisions each). */
function referenceLoop(n: number, steps: number): () => void {
  const v = new Float64Array(n).fill(-65), m = new Float64Array(n).fill(0.05), h = new Float64Array(n).fill(0.6);
  const nn = new Float64Array(n).fill(0.3), out = new Float64Array(n);
  return () => {
    for (let s = 0; s < steps; s++) {
      for (let i = 0; i < n; i++) {
        const vv = v[i]!, mm = m[i]!, hh = h[i]!, n4 = nn[i]!;
        const gna = 0.12 * mm * mm * mm * hh, gk = 0.036 * n4 * n4 * n4 * n4;
        const ina = gna * (vv - 50), ik = gk * (vv + 77), il = 0.0003 * (vv + 54.3);
        const a = (ina + 1e-3) / 0.001, b = (ik + 1e-3) / 0.001, c = (il + ina + ik) / 0.001;
        out[i] = a + b + c;
        m[i] = mm + 1e-9 * (a - b);
        v[i] = vv + 1e-12 * c;
      }
    }
  };
}

function cable(h: AnyH, nseg: number) {
  const s = h.Section({ name: "cable" });
  s.L = 1000;
  s.diam = 1;
  s.nseg = nseg;
  s.insert("hh");
  const ic = h.IClamp(s(0));
  ic.delay = 0;
  ic.dur = 1e9;
  ic.amp = 0.2;
  return s;
}

describe("no deoptimisation cliff in the hot paths (ratio to a reference loop)", () => {
  it("the JavaScript engine's step (hh cable: matrix, solve, currents, states)", () => {
    setFusedEnabled(false);
    const h = createH() as AnyH;
    cable(h, 101);
    h.finitialize(-65);
    const r = ratio(() => {
      for (let i = 0; i < 200; i++) h.fadvance();
    }, referenceLoop(101, 2000));
    setFusedEnabled(true);
    // measured 1.2-1.3
    expect(r).toBeLessThan(4);
  });

  it("the fused step's JavaScript around the generated code (one small cell: per-step overhead)", () => {
    const h = createH() as AnyH;
    const s = h.Section({ name: "soma" });
    s.insert("hh");
    const syn = h.ExpSyn(s(0.5));
    const ns = h.NetStim();
    ns.interval = 1;
    ns.number = 1e9;
    ns.start = 0;
    const nc = h.NetCon(ns, syn);
    nc.weight[0] = 0.001;
    const det = h.NetCon(s(0.5)._ref_v, null, { sec: s });
    const rec = h.Vector();
    det.record(rec);
    h.finitialize(-65);
    const r = ratio(() => {
      for (let i = 0; i < 2000; i++) h.fadvance();
    }, referenceLoop(40, 1000));
    // measured 1.4-3.2 (noisier: the per-step JavaScript is short)
    expect(r).toBeLessThan(9);
  });

  it("the event queue (push and deliver, many equal and near-equal times)", () => {
    const q = new TQueue();
    q.setResolution(0.025);
    let t = 0, rnd = 1;
    const R = () => ((rnd = (Math.imul(rnd, 1664525) + 1013904223) >>> 0) % 100);
    const queueWork = () => {
      for (let step = 0; step < 200; step++) {
        for (let k = 0; k < 50; k++) q.pushId(t + 1 + R() / 100 + 1e-10, k);
        t += 0.025;
        for (let e = q.dq(t); e !== null; e = q.dq(t));
      }
    };
    const r = ratio(queueWork, referenceLoop(100, 1000));
    // measured 1.1-1.2; with dq and pushId kept out of TurboFan (%NeverOptimizeFunction) 5.3
    expect(r).toBeLessThan(4);
  });
});
