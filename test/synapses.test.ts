// Exp2Syn, AlphaSynapse, SEClamp, VClamp, APCount, IntFire1/2/4 against NEURON 8.2.2
// (test/golden/make_synapse_goldens.py, each case written again in golden/synapses/cases.ts),
// their handles (methods, array variables, locations) and their bad input.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createH } from "../stdlib/h.ts";
import "../stdlib/section.ts";
import type { H, PointProcess } from "../stdlib/api.ts";
import { EXACT, expectMatches } from "./helpers/compare.ts";
import { cases } from "./golden/synapses/cases.ts";

const golden = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, "golden", "synapses", `${name}.json`), "utf8"));

function newH(): H {
  const h = createH();
  h.load_file("stdrun.hoc");
  return h;
}

describe("synapse, clamp and artificial-cell goldens match NEURON 8.2.2 bit for bit", () => {
  for (const [name, run] of Object.entries(cases)) {
    it(name, () => {
      const got = JSON.parse(JSON.stringify(run(newH() as never)));
      expectMatches(got, golden(name), EXACT);
    });
  }
});

describe("point-process handles of the new mechanisms", () => {
  it("methods NEURON exposes are callable on the handle and read the current t", () => {
    const h = newH() as H & Record<string, any>;
    const f = h.IntFire1();
    const ns = h.NetStim();
    ns.start = 1;
    ns.number = 1;
    h.NetCon(ns, f, 0, 0, 0.5);
    h.finitialize(-65);
    h.continuerun(2);
    // m = 0.5 at t = 1; M() decays it to the current t with tau = 10.
    expect(f.M()).toBe(0.5 * Math.exp(-(h.t - 1) / 10));
    const f4 = h.IntFire4();
    h.finitialize(-65);
    expect([f4.M(), f4.E(), f4.I()]).toEqual([0, 0, 0]);
    const syn = h.AlphaSynapse(h.Section({ name: "s" })(0.5));
    expect(syn.alpha(1)).toBe(1);
    expect(syn.alpha(-1)).toBe(0);
  });

  it("APCount.record fills the vector with crossing times and record() stops it", () => {
    const h = newH() as H & Record<string, any>;
    const s = h.Section({ name: "s" });
    s.L = s.diam = 20;
    s.insert("hh");
    const ic = h.IClamp(s(0.5));
    [ic.delay, ic.dur, ic.amp] = [1, 100, 0.3];
    const apc = h.APCount(s(0.5));
    const times = h.Vector();
    expect(apc.record(times)).toBe(1);
    h.finitialize(-65);
    h.continuerun(20);
    expect(times.length).toBe(apc.n);
    expect(apc.n).toBeGreaterThan(1);
    apc.record();
    h.finitialize(-65);
    h.continuerun(20);
    expect(times.length).toBe(2); // untouched once detached
  });

  it("VClamp's dur and amp are indexable arrays of three with limits per element", () => {
    const h = newH();
    const vc = h.VClamp(h.Section({ name: "s" })(0.5));
    vc.dur[0] = 1;
    vc.amp[2] = -70;
    expect([...vc.dur]).toEqual([1, 0, 0]);
    expect([...vc.amp]).toEqual([0, 0, -70]);
    expect(vc.dur.length).toBe(3);
    expect(() => (vc.dur[3] = 1)).toThrowError(/^VClamp\.dur\[3\]: index must be an integer in \[0, 3\), got 3$/);
    expect(() => (vc.dur[1] = -1)).toThrowError(/^VClamp\.dur\[1\] must be ≥ 0, got -1$/);
    expect([...vc.dur]).toEqual([1, 0, 0]);
  });

  it("get_segment, loc and has_loc work for placed and artificial point processes", () => {
    const h = newH();
    const a = h.Section({ name: "a" });
    a.nseg = 5;
    const b = h.Section({ name: "b" });
    const procs: PointProcess[] = [h.Exp2Syn(a(0.5)), h.AlphaSynapse(a(0.5)), h.SEClamp(a(0.5)), h.VClamp(a(0.5)), h.APCount(a(0.5))];
    for (const pp of procs) {
      expect(pp.has_loc()).toBe(true);
      expect(String(pp.get_segment())).toBe("a(0.5)");
      expect(pp.loc(b(1))).toBe(1);
      expect(String(pp.get_segment())).toBe("b(1)");
    }
    for (const f of [h.IntFire1(), h.IntFire2(), h.IntFire4()]) {
      expect(f.has_loc()).toBe(false);
      expect(f.get_segment()).toBe(null);
    }
  });

  it("Exp2Syn's INITIAL writes the adjusted tau1 back, as NEURON does", () => {
    const h = newH();
    const syn = h.Exp2Syn(h.Section({ name: "s" })(0.5));
    [syn.tau1, syn.tau2] = [5, 5];
    h.finitialize(-65);
    expect(syn.tau1).toBe(0.9999 * 5);
  });
});

describe("bad input to the new mechanisms: a clear Error, the model unchanged", () => {
  function model() {
    const h = newH() as H & Record<string, any>;
    const soma = h.Section({ name: "soma" });
    soma.L = soma.diam = 20;
    soma.insert("hh");
    const syn = h.Exp2Syn(soma(0.5));
    [syn.tau1, syn.tau2] = [0.5, 3];
    const alpha = h.AlphaSynapse(soma(0.5));
    [alpha.onset, alpha.gmax] = [1, 0.002];
    const cl = h.SEClamp(soma(0.5));
    [cl.dur1, cl.amp1, cl.rs] = [2, -50, 2];
    const vc = h.VClamp(soma(0.5));
    const apc = h.APCount(soma(0.5));
    const ns = h.NetStim();
    [ns.start, ns.interval, ns.number] = [0.5, 1, 3];
    const f1 = h.IntFire1();
    const f4 = h.IntFire4();
    const es = h.ExpSyn(soma(0.5));
    const nc = h.NetCon(ns, syn, 0, 0.5, 0.01);
    const nc1 = h.NetCon(ns, f1, 0, 0.5, 0.6);
    return { h, soma, syn, alpha, cl, vc, apc, ns, f1, f4, es, nc, nc1 };
  }
  type M = ReturnType<typeof model>;

  /** Everything a run shows: v, clamp and synapse currents, spikes, parameters. */
  function snapshot(m: M): string {
    const v = m.h.Vector().record(m.soma(0.5)._ref_v);
    const i = m.h.Vector().record(m.cl._ref_i);
    m.h.finitialize(-65);
    m.h.continuerun(4);
    return JSON.stringify({
      v: v.to_python(), i: i.to_python(), n: m.apc.n, f1: m.f1.M(), w: [m.nc.weight[0], m.nc1.weight[0]],
      params: [m.syn.tau1, m.syn.tau2, m.alpha.tau, m.alpha.gmax, m.cl.rs, m.cl.dur2, [...m.vc.dur], m.vc.rstim, m.vc.gain, m.vc.fac, m.f4.taue, m.es.tau],
    });
  }

  const cases: Array<{ name: string; act: (m: M) => unknown; message: RegExp }> = [
    { name: "SEClamp rs 0", act: ({ cl }) => (cl.rs = 0), message: /^SEClamp\.rs must be ≥ 1e-9, got 0$/ },
    { name: "SEClamp rs negative", act: ({ cl }) => (cl.rs = -5), message: /^SEClamp\.rs must be ≥ 1e-9, got -5$/ },
    { name: "SEClamp rs NaN", act: ({ cl }) => (cl.rs = NaN), message: /^SEClamp\.rs must be a number, got NaN$/ },
    { name: "SEClamp dur2 negative", act: ({ cl }) => (cl.dur2 = -1), message: /^SEClamp\.dur2 must be ≥ 0, got -1$/ },
    { name: "Exp2Syn tau1 0", act: ({ syn }) => (syn.tau1 = 0), message: /^Exp2Syn\.tau1 must be ≥ 1e-9, got 0$/ },
    { name: "Exp2Syn tau2 above 1e9", act: ({ syn }) => (syn.tau2 = 2e9), message: /^Exp2Syn\.tau2 must be ≤ 1000000000, got 2000000000$/ },
    { name: "ExpSyn tau 0", act: ({ es }) => (es.tau = 0), message: /^ExpSyn\.tau must be ≥ 1e-9, got 0$/ },
    { name: "AlphaSynapse tau below 1e-3", act: ({ alpha }) => (alpha.tau = 1e-4), message: /^AlphaSynapse\.tau must be ≥ 0\.001, got 0\.0001$/ },
    { name: "AlphaSynapse gmax negative", act: ({ alpha }) => (alpha.gmax = -0.1), message: /^AlphaSynapse\.gmax must be ≥ 0, got -0\.1$/ },
    { name: "VClamp rstim 0", act: ({ vc }) => (vc.rstim = 0), message: /^VClamp\.rstim must be ≥ 1e-9, got 0$/ },
    { name: "VClamp gain negative", act: ({ vc }) => (vc.gain = -1), message: /^VClamp\.gain must be ≥ 0, got -1$/ },
    { name: "VClamp fac above 10", act: ({ vc }) => (vc.fac = 11), message: /^VClamp\.fac must be ≤ 10, got 11$/ },
    { name: "VClamp dur element negative", act: ({ vc }) => (vc.dur[2] = -3), message: /^VClamp\.dur\[2\] must be ≥ 0, got -3$/ },
    { name: "VClamp dur index out of range", act: ({ vc }) => (vc.dur[5] = 1), message: /^VClamp\.dur\[5\]: index must be an integer in \[0, 3\), got 5$/ },
    { name: "IntFire4 taue negative", act: ({ f4 }) => (f4.taue = -1), message: /^IntFire4\.taue must be ≥ 0, got -1$/ },
    { name: "NetCon to an SEClamp", act: ({ h, ns, cl }) => h.NetCon(ns, cl), message: /^h\.NetCon target SEClamp\[0\]: SEClamp has no NET_RECEIVE block, so it cannot receive events$/ },
    { name: "NetCon to a VClamp", act: ({ h, ns, vc }) => h.NetCon(ns, vc), message: /^h\.NetCon target VClamp\[0\]: VClamp has no NET_RECEIVE block/ },
    { name: "NetCon to an AlphaSynapse", act: ({ h, ns, alpha }) => h.NetCon(ns, alpha), message: /^h\.NetCon target AlphaSynapse\[0\]: AlphaSynapse has no NET_RECEIVE block/ },
    { name: "NetCon to an APCount", act: ({ h, ns, apc }) => h.NetCon(ns, apc), message: /^h\.NetCon target APCount\[0\]: APCount has no NET_RECEIVE block/ },
    { name: "Exp2Syn weight index 1", act: ({ nc }) => (nc.weight[1] = 0.1), message: /^NetCon\[\d+\]\.weight\[1\]: index must be an integer in \[0, 1\), got 1$/ },
    { name: "IntFire1 weight index -1", act: ({ nc1 }) => (nc1.weight[-1] = 0.1), message: /^NetCon\[\d+\]\.weight\[-1\]: index must be an integer in \[0, 1\), got -1$/ },
    { name: "APCount.record of a non-Vector", act: ({ apc }) => apc.record({} as never), message: /^APCount\[0\]\.record argument 1 must be a number or a Vector, got \[object Object\]$/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const m = model();
      const before = snapshot(model());
      expect(() => c.act(m)).toThrowError(c.message);
      expect(snapshot(m)).toBe(before);
    });
  }
});
