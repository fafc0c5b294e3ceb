// Bad input to the event machinery: a clear Error naming object, value and rule; the model
// (and the run's state) unchanged.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createH } from "../stdlib/h.ts";
import "../stdlib/section.ts";
import type { H } from "../stdlib/api.ts";

type AnyH = H & Record<string, any>;
const tmp = mkdtempSync(path.join(os.tmpdir(), "nts-bad-"));

function model() {
  const h = createH() as AnyH;
  const soma = h.Section({ name: "soma" });
  soma.insert("hh");
  const syn = h.ExpSyn(soma(0.5));
  const ns = h.NetStim();
  const nc = h.NetCon(ns, syn);
  const ic = h.IClamp(soma(0.5));
  return { h, soma, syn, ns, nc, ic };
}

function snapshot(m: ReturnType<typeof model>): string {
  m.h.finitialize(-65);
  m.h.continuerun(3);
  return JSON.stringify({ v: m.soma(0.5).v, g: m.syn.g, t: m.h.t, delay: m.nc.delay, w: m.nc.weight[0] });
}

describe("bad input to events, play and SaveState", () => {
  const cases: Array<{ name: string; act: (m: ReturnType<typeof model>) => unknown; message: RegExp }> = [
    { name: "negative NetCon delay", act: ({ nc }) => (nc.delay = -1), message: /^NetCon\[\d+\]\.delay must be ≥ 0, got -1$/ },
    { name: "negative delay in the constructor", act: ({ h, ns, syn }) => h.NetCon(ns, syn, 0, -2, 1), message: /^h\.NetCon delay must be ≥ 0, got -2$/ },
    { name: "NetCon to a point process without NET_RECEIVE", act: ({ h, ns, ic }) => h.NetCon(ns, ic), message: /^h\.NetCon target IClamp\[0\]: IClamp has no NET_RECEIVE block, so it cannot receive events$/ },
    { name: "NetCon to a section", act: ({ h, ns, soma }) => h.NetCon(ns, soma as never), message: /^h\.NetCon target must be a point process with a NET_RECEIVE block, or null, got soma$/ },
    { name: "weight index out of range", act: ({ nc }) => (nc.weight[1] = 0.1), message: /^NetCon\[\d+\]\.weight\[1\]: index must be an integer in \[0, 1\), got 1$/ },
    { name: "weight NaN", act: ({ nc }) => (nc.weight[0] = NaN), message: /^NetCon\[\d+\]\.weight\[0\] must be a finite number, got NaN$/ },
    { name: "play with a time vector of another length", act: ({ h, ic }) => h.Vector([1, 2, 3]).play(ic._ref_amp, h.Vector([0, 1])), message: /^Vector\[\d+\]\.play: the time vector's length must be the played vector's length \(3\), got 2$/ },
    { name: "play with decreasing times", act: ({ h, ic }) => h.Vector([1, 2]).play(ic._ref_amp, h.Vector([1, 0])), message: /time vector element 1 must be ≥ the previous time \(1\), got 0/ },
    { name: "play with Dt 0", act: ({ h, ic }) => h.Vector([1, 2]).play(ic._ref_amp, 0), message: /^Vector\[\d+\]\.play Dt must be in \[1e-9, 1e10\], got 0$/ },
    { name: "restore before save", act: ({ h }) => h.SaveState().restore(), message: /^SaveState\[\d+\]\.restore: nothing saved/ },
    { name: "fread of a file that is not a state", act: ({ h }) => { const f = path.join(tmp, "junk.dat"); writeFileSync(f, "not json"); return h.SaveState().fread(f); }, message: /^SaveState\[\d+\]\.fread\(".*junk\.dat"\): cannot read a saved state/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const m = model();
      const before = snapshot(model());
      expect(() => c.act(m)).toThrowError(c.message);
      expect(snapshot(m)).toBe(before);
    });
  }

  it("NetCon.record with a bad id keeps the vectors the source recorded into", () => {
    const { h, soma, ic } = model();
    soma.L = soma.diam = 20;
    ic.delay = 1;
    ic.dur = 1e9;
    ic.amp = 0.5;
    const det = h.NetCon(soma(0.5)._ref_v, null, { sec: soma });
    const v = h.Vector(), v2 = h.Vector(), ids = h.Vector();
    det.record(v);
    expect(() => det.record(v2, ids, NaN)).toThrowError(/^NetCon\[\d+\]\.record id must be a finite number, got NaN$/);
    h.finitialize(-65);
    h.continuerun(30);
    expect(v.size()).toBeGreaterThan(1);
    expect(v2.size()).toBe(0);
    expect(ids.size()).toBe(0);
  });

  it("a state from another model is refused at fread, naming the difference", () => {
    const a = model();
    a.h.finitialize(-65);
    const s = a.h.SaveState();
    s.save();
    const file = path.join(tmp, "a.json");
    s.fwrite(file);
    const b = model();
    b.soma.nseg = 3;
    const before = snapshot(b);
    expect(() => b.h.SaveState().fread(file)).toThrowError(/the saved state does not match the model: saved nodes=3, model has nodes=5/);
    expect(snapshot(b)).toBe(before);
  });

  it("a state saved before a NetCon was added is refused at restore", () => {
    const m = model();
    m.h.finitialize(-65);
    const s = m.h.SaveState();
    s.save();
    m.h.NetCon(m.soma(0.5)._ref_v, null, { sec: m.soma });
    expect(() => s.restore()).toThrowError(/saved netcons=1, model has netcons=2/);
  });
});
