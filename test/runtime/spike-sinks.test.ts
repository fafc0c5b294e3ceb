// A detector whose spikes are only recorded skips PreSyn.send (Simulator.spike, from a table of
// what each spike does). The table must follow every change between the pieces of a run: a new
// record vector, an id vector, a NetCon that now delivers the spikes. Reference: the same cells
// recorded into one vector per detector for the whole run, which nothing changes.
import { describe, expect, it } from "vitest";
import { createH } from "../../stdlib/h.ts";
import "../../stdlib/section.ts";
import type { H } from "../../stdlib/api.ts";

type AnyH = H & Record<string, any>;

/** Three spiking hh cells with detectors, and a passive cell with an ExpSyn (no detector). */
function cells(h: AnyH) {
  const hh = [0.3, 0.45, 0.6].map((amp, i) => {
    const s = h.Section({ name: `c${i}` });
    s.L = s.diam = 20;
    s.insert("hh");
    const ic = h.IClamp(s(0.5));
    ic.delay = 1 + i;
    ic.dur = 1e9;
    ic.amp = amp;
    return { s, ic, det: h.NetCon(s(0.5)._ref_v, null, { sec: s }) };
  });
  const p = h.Section({ name: "passive" });
  p.L = p.diam = 20;
  p.insert("pas");
  const syn = h.ExpSyn(p(0.5));
  return { hh, p, syn };
}

const after = (v: number[], t: number) => v.filter((x) => x > t);
const until = (v: number[], t: number) => v.filter((x) => x <= t);
const sorted = (v: number[]) => [...v].sort((a, b) => a - b);

function reference(threads: number): number[][] {
  const h = createH() as AnyH;
  h.load_file("stdrun.hoc");
  const { hh } = cells(h);
  const r = hh.map((c) => {
    const v = h.Vector();
    c.det.record(v);
    return v;
  });
  h.ParallelContext().nthread(threads);
  h.finitialize(-65);
  h.continuerun(40);
  return r.map((v) => v.to_python());
}

/** Spikes recorded into `all`; at 15 ms detector 0's into v2 and detector 2's with ids; at 25 ms a NetCon from detector 1. */
function changedAt15(threads: number) {
  const h = createH() as AnyH;
  h.load_file("stdrun.hoc");
  const { hh, syn } = cells(h);
  const all = h.Vector();
  for (const c of hh) c.det.record(all);
  const g = h.Vector().record(syn._ref_g);
  const t = h.Vector().record(h._ref_t);
  const pc = h.ParallelContext();
  pc.nthread(threads);
  h.finitialize(-65);
  h.continuerun(15);
  const v2 = h.Vector(), tv = h.Vector(), idv = h.Vector();
  hh[0]!.det.record(v2);
  hh[2]!.det.record(tv, idv, 7);
  h.continuerun(25);
  const nc = h.NetCon(hh[1]!.s(0.5)._ref_v, syn, { sec: hh[1]!.s });
  nc.delay = 1;
  nc.weight[0] = 0.01;
  h.continuerun(40);
  const gv = g.to_python(), tt = t.to_python();
  return { blocker: pc.threadBlocker(), all: all.to_python(), v2: v2.to_python(), tv: tv.to_python(), idv: idv.to_python(), gFirst: tt[gv.findIndex((x: number) => x > 0)] };
}

describe("a spike that is only recorded follows the changes between the pieces of a run", () => {
  for (const threads of [1, 2]) {
    it(`on ${threads} thread${threads > 1 ? "s" : ""}: new vectors get the later spikes, the first keeps the earlier, a new NetCon delivers`, () => {
      const [r0, r1, r2] = reference(threads) as [number[], number[], number[]];
      expect(r0.length).toBeGreaterThan(3);
      expect(after(r1, 25).length).toBeGreaterThan(0);
      const got = changedAt15(threads);
      expect(got.blocker).toBeNull();
      expect(got.v2).toEqual(after(r0, 15));
      expect(got.tv).toEqual(after(r2, 15));
      expect(got.idv).toEqual(after(r2, 15).map(() => 7));
      expect(sorted(got.all)).toEqual(sorted([...until(r0, 15), ...r1, ...until(r2, 15)]));
      // the synapse's first event: detector 1's first spike after 25 ms, 1 ms later (g > 0 from that step on)
      expect(got.gFirst).toBeGreaterThanOrEqual(after(r1, 25)[0]! + 1);
      expect(got.gFirst).toBeLessThan(after(r1, 25)[0]! + 1 + 0.05);
    });
  }
});
