// Bad input gets a clear Error that names the object, the value and the rule, and the model is
// left exactly as it was (compared through a snapshot of every section and of h's state).
import { describe, expect, it } from "vitest";
import { createH } from "../stdlib/h.ts";
import "../stdlib/section.ts";
import type { H, Section } from "../stdlib/api.ts";

function model() {
  const h = createH();
  const soma = h.Section({ name: "soma" });
  soma.L = 20;
  soma.diam = 20;
  soma.insert("hh");
  const dend = h.Section({ name: "dend" });
  dend.nseg = 3;
  dend.insert("pas");
  dend.connect(soma(1));
  const tip = h.Section({ name: "tip" });
  tip.connect(dend(1));
  const ic = h.IClamp(soma(0.5));
  ic.dur = 1;
  const v = h.Vector([1, 2, 3]);
  const lone = h.Section({ name: "lone" });
  return { h, soma, dend, tip, ic, v, lone };
}

function snapshot(h: H): unknown {
  const secs = Array.from(h.allsec(), (s: Section) => {
    const p = s.psection();
    return { ...p, morphology: { ...p.morphology, parent: String(p.morphology.parent), trueparent: String(p.morphology.trueparent) }, point_processes: Object.keys(p.point_processes), v: s.allseg().map((x) => x.v), area: Array.from(s, (x) => x.area()) };
  });
  return { secs, t: h.t, dt: h.dt, tstop: h.tstop, celsius: h.celsius };
}

type M = ReturnType<typeof model>;
const cases: Array<{ name: string; act: (m: M) => unknown; message: RegExp }> = [
  { name: "nseg 0", act: ({ soma }) => (soma.nseg = 0), message: /^soma\.nseg must be an integer in \[1, 32767\], got 0$/ },
  { name: "nseg 2.5", act: ({ soma }) => (soma.nseg = 2.5), message: /^soma\.nseg must be an integer in \[1, 32767\], got 2\.5$/ },
  { name: "nseg NaN", act: ({ soma }) => (soma.nseg = NaN), message: /soma\.nseg must be .*got NaN/ },
  { name: "L 0", act: ({ soma }) => (soma.L = 0), message: /^soma\.L must be > 0, got 0$/ },
  { name: "L negative", act: ({ dend }) => (dend.L = -5), message: /^dend\.L must be > 0, got -5$/ },
  { name: "L NaN", act: ({ soma }) => (soma.L = NaN), message: /^soma\.L must be > 0, got NaN$/ },
  { name: "diam 0", act: ({ soma }) => (soma.diam = 0), message: /^soma\.diam must be > 0, got 0$/ },
  { name: "seg diam negative", act: ({ dend }) => (dend(0.5).diam = -1), message: /^dend\(0\.5\)\.diam must be > 0, got -1$/ },
  { name: "Ra 0", act: ({ soma }) => (soma.Ra = 0), message: /^soma\.Ra must be > 0, got 0$/ },
  { name: "Ra NaN", act: ({ soma }) => (soma.Ra = NaN), message: /^soma\.Ra must be > 0, got NaN$/ },
  { name: "cm 0", act: ({ soma }) => (soma.cm = 0), message: /^soma\.cm must be > 0, got 0$/ },
  { name: "seg cm negative", act: ({ soma }) => (soma(0.5).cm = -1), message: /^soma\(0\.5\)\.cm must be > 0, got -1$/ },
  { name: "x above 1", act: ({ soma }) => soma(1.5), message: /^soma\(x\): x must be in \[0, 1\], got 1\.5$/ },
  { name: "x below 0", act: ({ soma }) => soma(-0.1), message: /^soma\(x\): x must be in \[0, 1\], got -0\.1$/ },
  { name: "x NaN", act: ({ soma }) => soma(NaN), message: /^soma\(x\): x must be in \[0, 1\], got NaN$/ },
  { name: "connect into own subtree", act: ({ soma, tip }) => soma.connect(tip(1)), message: /soma\.connect\(tip\): the connection would form a loop/ },
  { name: "connect to itself", act: ({ lone }) => lone.connect(lone(1)), message: /lone\.connect\(lone\): the connection would form a loop/ },
  { name: "second parent", act: ({ tip, soma }) => tip.connect(soma(0.5)), message: /tip is already connected to dend\(1\); call tip\.disconnect\(\) first/ },
  { name: "connect childend 0.5", act: ({ lone, soma }) => lone.connect(soma, 1, 0.5), message: /^lone\.connect childend must be 0 or 1, got 0\.5$/ },
  { name: "read hh where not inserted", act: ({ dend }) => dend(0.5).hh.gnabar, message: /^dend\(0\.5\)\.hh: mechanism hh is not inserted in section dend$/ },
  { name: "read gnabar_hh where not inserted", act: ({ dend }) => dend(0.5).gnabar_hh, message: /^dend\(0\.5\)\.gnabar_hh: mechanism hh is not inserted in section dend$/ },
  { name: "write sec.gnabar_hh where not inserted", act: ({ dend }) => (dend.gnabar_hh = 0.1), message: /mechanism hh is not inserted in section dend/ },
  { name: "read ena where no sodium", act: ({ dend }) => dend(0.5).ena, message: /^dend\(0\.5\)\.ena: mechanism na_ion is not inserted in section dend$/ },
  { name: "negative conductance", act: ({ soma }) => (soma(0.5).hh.gnabar = -1), message: /^hh\.gnabar must be ≥ 0, got -1$/ },
  { name: "dt 0", act: ({ h }) => (h.dt = 0), message: /^h\.dt must be > 0, got 0$/ },
  { name: "dt negative", act: ({ h }) => (h.dt = -0.025), message: /^h\.dt must be > 0, got -0\.025$/ },
  { name: "tstop before t", act: ({ h }) => h.continuerun(0.5), message: /^h\.continuerun tstop must be ≥ the current t \(0\.99999\d+\), got 0\.5$/ },
  { name: "unknown mechanism", act: ({ soma }) => soma.insert("hhx"), message: /^soma\.insert: unknown mechanism "hhx"; known: pas, hh$/ },
  { name: "point process as density", act: ({ soma }) => soma.insert("IClamp"), message: /soma\.insert: IClamp is a point process; create it with h\.IClamp\(seg\)/ },
  { name: "IClamp dur negative", act: ({ ic }) => (ic.dur = -1), message: /^IClamp\.dur must be ≥ 0, got -1$/ },
  { name: "IClamp on a non-segment", act: ({ h }) => h.IClamp(0.5 as never), message: /^h\.IClamp location must be a Segment, or x with \{ sec \}, got 0\.5$/ },
  { name: "Vector index too large", act: ({ v }) => v[3], message: /^Vector\[\d+\]\[3\]: index must be an integer in \[-3, 3\), got 3$/ },
  { name: "Vector write out of range", act: ({ v }) => (v[-4] = 1), message: /^Vector\[\d+\]\[-4\]: index must be an integer in \[-3, 3\), got -4$/ },
  { name: "Vector record Dt 0", act: ({ h, v, soma }) => v.record(soma(0.5)._ref_v, 0), message: /record Dt must be in \[1e-9, 1e10\], got 0/ },
  { name: "pt3d index out of range", act: ({ soma }) => soma.x3d(0), message: /^soma\.x3d\(i\): i must be a valid index, but the section has no 3-D points, got 0$/ },
  { name: "secondorder 2", act: ({ h }) => (h.secondorder = 2), message: /^h\.secondorder must be 0 or 1 \(secondorder 2, the ion-current correction, is not implemented\), got 2$/ },
  { name: "Section option typo", act: ({ h }) => h.Section({ nmae: "x" } as never), message: /^h\.Section option "nmae" must be name or cell/ },
];

describe("bad input: a clear Error, and the model unchanged", () => {
  for (const c of cases) {
    it(c.name, () => {
      const m = model();
      const needsRun = c.name === "tstop before t";
      if (needsRun) {
        // The failing call comes after a legitimate run: snapshot after that run.
        m.h.finitialize(-65);
        m.h.continuerun(1);
      }
      const before = JSON.stringify(snapshot(m.h));
      expect(() => c.act(m)).toThrowError(c.message);
      expect(JSON.stringify(snapshot(m.h))).toBe(before);
    });
  }
});
