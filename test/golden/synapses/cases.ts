// The synapse/clamp/artificial-cell golden cases: make_synapse_goldens.py's scripts written
// again in TypeScript, line for line. Each returns the same JSON shape as its Python twin.
import type { H, NetCon, PointProcess, Section, Segment, Vector } from "../../../stdlib/api.ts";

/** H with what the typed API does not cover yet: point-process sources for NetCon, ExpSyn, NetStim. */
type SH = H & {
  NetCon(source: PointProcess | object, target: PointProcess | null, threshold?: number, delay?: number, weight?: number, opts?: { sec?: Section }): NetCon;
  NetStim(): NetStimH;
  ExpSyn(seg: Segment): ExpSynH;
};
interface NetStimH extends PointProcess { start: number; interval: number; number: number }
interface ExpSynH extends PointProcess { tau: number; e: number; readonly g: number; readonly _ref_g: object; readonly _ref_i: object }

function rec(h: SH, ref: unknown): Vector {
  const v = h.Vector();
  v.record(ref as never);
  return v;
}

/** A Vector of the spike times of source (a point process, or a _ref_ with sec). */
function spikes(h: SH, source: object, sec?: Section, threshold?: number): [Vector, NetCon] {
  const nc = sec !== undefined ? h.NetCon(source, null, undefined, undefined, undefined, { sec }) : h.NetCon(source, null);
  if (threshold !== undefined) nc.threshold = threshold;
  const v = h.Vector();
  nc.record(v);
  return [v, nc];
}

function hhSoma(h: SH, name = "soma", size = 20): Section {
  const s = h.Section({ name });
  s.L = s.diam = size;
  s.insert("hh");
  return s;
}

function netstim(h: SH, start: number, interval: number, number: number): NetStimH {
  const ns = h.NetStim();
  ns.start = start;
  ns.interval = interval;
  ns.number = number;
  return ns;
}

const L = (v: Vector) => v.to_python();

/** fadvance to tstop; every `every` steps append [t, fn() for each fn]. */
function sampleLoop(h: SH, tstop: number, every: number, fns: Array<() => number>): number[][] {
  const out = [[h.t, ...fns.map((f) => f())]];
  let k = 0;
  while (h.t < tstop - h.dt / 2) {
    h.fadvance();
    k += 1;
    if (k % every === 0) out.push([h.t, ...fns.map((f) => f())]);
  }
  return out;
}

/** The APCount cases' cell: an hh soma with a 0.3 nA IClamp from 1 ms, and a passive dendrite at its 1 end. */
function apcountCell(h: SH) {
  const soma = hhSoma(h);
  const ic = h.IClamp(soma(0.5));
  [ic.delay, ic.dur, ic.amp] = [1, 100, 0.3];
  const dend = h.Section({ name: "dend" });
  [dend.L, dend.diam, dend.nseg] = [100, 2, 3];
  dend.insert("pas");
  dend.connect(soma(1));
  return { soma, dend, ic };
}

/** A passive section resting at -65 mV with an APCount whose threshold is exactly -65. */
function restingApcount(h: SH) {
  const rest = h.Section({ name: "rest" });
  rest.insert("pas");
  for (const seg of rest) seg.pas.e = -65;
  const apc4 = h.APCount(rest(0.5));
  apc4.thresh = -65;
  return { rest, apc4 };
}

export const cases: Record<string, (h: SH) => unknown> = {
  case_e(h) {
    const soma = hhSoma(h);
    const es = h.ExpSyn(soma(0.5));
    es.tau = 2;
    const e2 = h.Exp2Syn(soma(0.5));
    e2.tau1 = 0.5;
    e2.tau2 = 5;
    const ns1 = netstim(h, 5, 7.3, 4);
    const ns2 = netstim(h, 0.3, 12.1, 3);
    h.NetCon(ns1, es, 0, 1.3, 0.01);
    h.NetCon(ns2, e2, 0, 0.7, 0.004);
    const [s1] = spikes(h, ns1);
    const [s2] = spikes(h, ns2);
    const [sv] = spikes(h, soma(0.5)._ref_v, soma);
    const v = rec(h, soma(0.5)._ref_v);
    const g1 = rec(h, es._ref_g), i1 = rec(h, es._ref_i);
    const g2 = rec(h, e2._ref_g), i2 = rec(h, e2._ref_i), a2 = rec(h, e2._ref_A), b2 = rec(h, e2._ref_B);
    h.finitialize(-65);
    h.continuerun(49.5);
    return { v: L(v), ns1: L(s1), ns2: L(s2), soma: L(sv), expsyn_g: L(g1), expsyn_i: L(i1), exp2syn_g: L(g2), exp2syn_i: L(i2), A: L(a2), B: L(b2) };
  },

  case_f(h) {
    const soma = h.Section({ name: "soma" });
    soma.L = soma.diam = 15;
    soma.insert("pas");
    soma.insert("hh");
    for (const seg of soma) {
      seg.pas.g = 1e-4;
      seg.pas.e = -60;
    }
    const syn = h.AlphaSynapse(soma(0.5));
    syn.onset = 3;
    syn.tau = 0.5;
    syn.gmax = 0.005;
    const cl = h.SEClamp(soma(0.5));
    cl.rs = 5;
    [cl.dur1, cl.amp1, cl.dur2, cl.amp2, cl.dur3, cl.amp3] = [10, -65, 5, -20, 5, -70];
    const v = rec(h, soma(0.5)._ref_v);
    const ci = rec(h, cl._ref_i), cvc = rec(h, cl._ref_vc), si = rec(h, syn._ref_i);
    h.finitialize(-65);
    h.continuerun(30);
    return { v: L(v), clamp_i: L(ci), clamp_vc: L(cvc), syn_i: L(si) };
  },

  exp2syn_same_node(h) {
    const soma = hhSoma(h);
    const e1 = h.Exp2Syn(soma(0.5));
    [e1.tau1, e1.tau2] = [0.5, 5];
    const e2 = h.Exp2Syn(soma(0.5));
    [e2.tau1, e2.tau2, e2.e] = [7, 3, -80];
    const e3 = h.Exp2Syn(soma(0.5));
    [e3.tau1, e3.tau2] = [1e-9, 10];
    const e4 = h.Exp2Syn(soma(0.5));
    [e4.tau1, e4.tau2] = [2, 2];
    const x1 = h.ExpSyn(soma(0.5));
    x1.tau = 3;
    const x2 = h.ExpSyn(soma(0.5));
    [x2.tau, x2.e] = [1, -80];
    const ns1 = netstim(h, 1.0, 0.5, 6);
    const ns2 = netstim(h, 1.5, 0.5, 5);
    const ns3 = netstim(h, 3, 2.5, 4);
    const ns4 = netstim(h, 0.7, 4, 3);
    h.NetCon(ns1, e1, 0, 0.5, 0.002);
    h.NetCon(ns1, e1, 0, 0.5, 0.003);
    h.NetCon(ns2, e1, 0, 0, 0.001);
    h.NetCon(ns2, e2, 0, 1, 0.01);
    h.NetCon(ns2, x1, 0, 1.25, 0.004);
    h.NetCon(ns3, e3, 0, 0.3, 0.005);
    h.NetCon(ns3, e4, 0, 0.3, 0.004);
    h.NetCon(ns4, x2, 0, 1.2, 0.02);
    const [sv] = spikes(h, soma(0.5)._ref_v, soma, 0);
    const v = rec(h, soma(0.5)._ref_v);
    const syns = [e1, e2, e3, e4];
    const g = syns.map((s) => rec(h, s._ref_g));
    const i = syns.map((s) => rec(h, s._ref_i));
    const a = syns.map((s) => rec(h, s._ref_A));
    const b = syns.map((s) => rec(h, s._ref_B));
    const xg = [x1, x2].map((s) => rec(h, s._ref_g));
    const xi = [x1, x2].map((s) => rec(h, s._ref_i));
    h.finitialize(-65);
    const tau1 = syns.map((s) => s.tau1);
    h.continuerun(30);
    return { v: L(v), soma: L(sv), tau1, g: g.map(L), i: i.map(L), A: a.map(L), B: b.map(L), expsyn_g: xg.map(L), expsyn_i: xi.map(L) };
  },

  min_delay_fanout(h) {
    const soma = h.Section({ name: "soma" });
    soma.L = soma.diam = 10;
    soma.insert("pas");
    const syn = h.ExpSyn(soma(0.5));
    syn.tau = 4;
    const f = h.IntFire2();
    const ns = netstim(h, 1, 0.6, 5);
    for (const w of [0.1, 0.2, 0.17]) h.NetCon(ns, syn, 0, 1, w);
    const ns2 = netstim(h, 10, 0.6, 5);
    for (const w of [0.1, 0.2, 0.17]) h.NetCon(ns2, f, 0, 1, w);
    // With mixed signs the order decides whether IntFire1 fires.
    const f1 = h.IntFire1();
    const ns3 = netstim(h, 20, 0.6, 2);
    for (const w of [-0.5, 0.6, 0.6]) h.NetCon(ns3, f1, 0, 1, w);
    const [s1] = spikes(h, f1);
    const g = rec(h, syn._ref_g);
    const fi = rec(h, f._ref_i);
    h.finitialize(-65);
    h.continuerun(25);
    return { g: L(g), intfire2_i: L(fi), intfire1_spikes: L(s1) };
  },

  alpha_synapses(h) {
    const soma = hhSoma(h);
    const dend = h.Section({ name: "dend" });
    [dend.L, dend.diam, dend.nseg] = [300, 2, 5];
    dend.insert("pas");
    for (const seg of dend) {
      seg.pas.g = 1e-4;
      seg.pas.e = -65;
    }
    dend.connect(soma(1));
    const specs: Array<[Segment, number, number, number, number]> = [
      [dend(0.5), 1.0125, 0.3, 0.01, 0], [dend(0.5), 2, 1, 0.003, -70], [dend(1), 0.5, 0.2, 0.002, 0],
      [soma(0), 3, 0.5, 0.001, 0], [soma(0.5), 1, 1, 0, 0],
    ];
    const syns = specs.map(([seg, onset, tau, gmax, e]) => {
      const s = h.AlphaSynapse(seg);
      [s.onset, s.tau, s.gmax, s.e] = [onset, tau, gmax, e];
      return s;
    });
    const vs = [soma(0.5), soma(0), dend(0.5), dend(1)].map((seg) => rec(h, seg._ref_v));
    const i = syns.map((s) => rec(h, s._ref_i));
    h.finitialize(-65);
    h.continuerun(15);
    const alpha = [-0.5, 0, 0.5, 1, 3, 10, 10.5].map((x) => syns[0]!.alpha(x));
    return { v: vs.map(L), i: i.map(L), alpha };
  },

  seclamp_cases(h) {
    const soma = hhSoma(h);
    const dend = h.Section({ name: "dend" });
    [dend.L, dend.diam, dend.nseg] = [200, 1, 3];
    dend.insert("pas");
    dend.connect(soma(1));
    const c1 = h.SEClamp(soma(0.5));
    c1.rs = 0.5;
    [c1.dur1, c1.amp1, c1.dur2, c1.amp2, c1.dur3, c1.amp3] = [2, -65, 3, -10, 4, -80];
    const c2 = h.SEClamp(dend(1));
    c2.rs = 20;
    [c2.dur1, c2.amp1, c2.dur2, c2.amp2, c2.dur3, c2.amp3] = [0, -30, 6, -50, 0, 0];
    const vs = [soma(0.5), dend(0.5), dend(1)].map((seg) => rec(h, seg._ref_v));
    const r = [rec(h, c1._ref_i), rec(h, c1._ref_vc), rec(h, c2._ref_i), rec(h, c2._ref_vc)];
    h.finitialize(-65);
    h.continuerun(5);
    c1.amp3 = -90;
    c2.rs = 10;
    h.continuerun(12);
    return { v: vs.map(L), c1_i: L(r[0]!), c1_vc: L(r[1]!), c2_i: L(r[2]!), c2_vc: L(r[3]!) };
  },

  vclamp_cases(h) {
    const soma = hhSoma(h);
    const vc1 = h.VClamp(soma(0.5));
    ([[1, -65], [4, -10], [2, -75]] as const).forEach(([d, a], j) => {
      vc1.dur[j] = d;
      vc1.amp[j] = a;
    });
    const cell = h.Section({ name: "cell" });
    cell.L = cell.diam = 10;
    cell.insert("pas");
    const dend = h.Section({ name: "dend" });
    [dend.L, dend.diam, dend.nseg] = [100, 1, 3];
    dend.insert("pas");
    dend.connect(cell(1));
    const vc2 = h.VClamp(cell(0.5));
    [vc2.gain, vc2.tau1, vc2.tau2, vc2.fac, vc2.rstim] = [1e3, 0.01, 0.02, 2, 2];
    ([[3, -50], [3, -60], [3, -40]] as const).forEach(([d, a], j) => {
      vc2.dur[j] = d;
      vc2.amp[j] = a;
    });
    const recs: Record<string, Record<string, Vector>> = {};
    for (const [name, vc, seg] of [["vc1", vc1, soma(0.5)], ["vc2", vc2, cell(0.5)]] as const) {
      recs[name] = { v: rec(h, seg._ref_v), i: rec(h, vc._ref_i), e: rec(h, vc._ref_e), vo: rec(h, vc._ref_vo), vi: rec(h, vc._ref_vi) };
    }
    const dv = rec(h, dend(1)._ref_v);
    h.finitialize(-65);
    h.continuerun(11);
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(recs)) out[name] = Object.fromEntries(Object.entries(recs[name]!).map(([k, v]) => [k, L(v)]));
    out.dend_v = L(dv);
    out.params = [vc1.dur[0], vc1.dur[1], vc1.dur[2], vc1.amp[1], vc2.gain, vc2.e0, vc2.vo0, vc2.vi0];
    return out;
  },

  apcount_cases(h) {
    const { soma, dend } = apcountCell(h);
    const apc = h.APCount(soma(0.5));
    const times = h.Vector();
    apc.record(times);
    const apc2 = h.APCount(soma(0.5));
    apc2.thresh = -70;
    const times2 = h.Vector();
    apc2.record(times2);
    const apc3 = h.APCount(dend(1));
    apc3.thresh = -40;
    const times3 = h.Vector();
    apc3.record(times3);
    const { rest, apc4 } = restingApcount(h);
    const [sv] = spikes(h, soma(0.5)._ref_v, soma, -20);
    const n = rec(h, apc._ref_n);
    const tm = rec(h, apc._ref_time);
    h.finitialize(-65);
    h.continuerun(30);
    const first = {
      times: L(times), times2: L(times2), times3: L(times3), netcon: L(sv), n: L(n), time: L(tm),
      counts: [apc.n, apc2.n, apc3.n, apc4.n],
      firing: [apc.firing, apc2.firing, apc3.firing, apc4.firing], rest_v: rest(0.5).v,
    };
    apc3.record();
    h.finitialize(-65);
    h.continuerun(8);
    const second = { times: L(times), times3: L(times3), counts: [apc.n, apc2.n, apc3.n] };
    return { first, second };
  },

  apcount_counts(h) {
    const { soma, dend } = apcountCell(h);
    const apc = h.APCount(soma(0.5));
    const apc2 = h.APCount(soma(0.5));
    apc2.thresh = -70;
    const apc3 = h.APCount(dend(1));
    apc3.thresh = -40;
    const { rest, apc4 } = restingApcount(h);
    const n = rec(h, apc._ref_n);
    const tm = rec(h, apc._ref_time);
    const fi = rec(h, apc3._ref_firing);
    h.finitialize(-65);
    h.continuerun(30);
    const first = {
      n: L(n), time: L(tm), firing3: L(fi), counts: [apc.n, apc2.n, apc3.n, apc4.n],
      times: [apc.time, apc2.time, apc3.time, apc4.time],
      firing: [apc.firing, apc2.firing, apc3.firing, apc4.firing], rest_v: rest(0.5).v,
    };
    h.finitialize(-65);
    h.continuerun(8);
    const second = { counts: [apc.n, apc2.n, apc3.n, apc4.n], times: [apc.time, apc2.time, apc3.time, apc4.time] };
    return { first, second };
  },

  apcount_record_only(h) {
    const { soma } = apcountCell(h);
    const apc = h.APCount(soma(0.5));
    const times = h.Vector();
    apc.record(times);
    h.finitialize(-65);
    h.continuerun(60);
    const first = { times: L(times), n: apc.n, time: apc.time };
    h.continuerun(75);
    return { first, second: { times: L(times), n: apc.n } };
  },

  intfire1_chain(h) {
    const ns = netstim(h, 1, 2, 100);
    const f1 = h.IntFire1();
    const f2 = h.IntFire1();
    const f3 = h.IntFire1();
    [f3.tau, f3.refrac] = [3, 2];
    h.NetCon(ns, f1, 0, 0.5, 0.3);
    h.NetCon(f1, f2, 0, 1, 0.7);
    h.NetCon(f2, f3, 0, 0, 1.5);
    h.NetCon(ns, f2, 0, 0.25, 0.15);
    h.NetCon(ns, f3, 0, 0.1, -0.4);
    const s = [f1, f2, f3].map((f) => spikes(h, f)[0]);
    h.finitialize(-65);
    const m = sampleLoop(h, 60, 4, [() => f1.M(), () => f2.M(), () => f3.M(), () => f1.m, () => f2.m]);
    return { spikes: s.map(L), M: m };
  },

  hoc_exp_clamp(h) {
    // nocmodl's exp is hoc_Exp: 0 below -700 (glibc's exp still gives ~1e-305 .. 5e-324 there).
    const ns = netstim(h, 1, 1, 1);
    const f = h.IntFire1();
    f.tau = 0.1;
    h.NetCon(ns, f, 0, 0, 0.5);
    h.finitialize(-65);
    const m = sampleLoop(h, 80, 40, [() => f.M()]);
    return { M: m };
  },

  intfire2_net(h) {
    const ns = netstim(h, 1, 3, 20);
    const nsi = netstim(h, 10, 7, 4);
    const g1 = h.IntFire2();
    const g2 = h.IntFire2();
    [g2.ib, g2.taus, g2.taum] = [1.2, 5, 8];
    const g3 = h.IntFire2();
    g3.ib = 0.5;
    h.NetCon(ns, g1, 0, 1, 0.4);
    h.NetCon(nsi, g1, 0, 0.5, -0.3);
    h.NetCon(g1, g2, 0, 2, 0.5);
    h.NetCon(nsi, g2, 0, 0.5, -0.8);
    h.NetCon(g2, g3, 0, 1, 0.7);
    const s = [g1, g2, g3].map((g) => spikes(h, g)[0]);
    h.finitialize(-65);
    const taus = [g1, g2, g3].map((g) => g.taus);
    const m = sampleLoop(h, 100, 10, [() => g1.M(), () => g1.I(), () => g2.M(), () => g2.I(), () => g3.M(), () => g3.I()]);
    return { spikes: s.map(L), taus, MI: m, final: [g1, g2, g3].map((g) => [g.i, g.m]) };
  },

  intfire4_net(h) {
    const ns = netstim(h, 1, 4, 20);
    const nsi = netstim(h, 6, 9, 5);
    const n1 = h.IntFire4();
    const n2 = h.IntFire4();
    [n2.taue, n2.taum] = [25, 20];
    const n3 = h.IntFire4();
    n3.taui1 = 30;
    h.NetCon(ns, n1, 0, 1, 0.6);
    h.NetCon(nsi, n1, 0, 0.5, -0.5);
    h.NetCon(n1, n2, 0, 2, 1.2);
    h.NetCon(ns, n3, 0, 0.75, 2.0);
    h.NetCon(nsi, n3, 0, 0.2, -1.5);
    const s = [n1, n2, n3].map((n) => spikes(h, n)[0]);
    h.finitialize(-65);
    const params = [n1, n2, n3].map((n) => [n.taue, n.taui1, n.taui2, n.taum, n.ae, n.ai1, n.ai2]);
    const fns = [n1, n2, n3].flatMap((n) => [() => n.M(), () => n.E(), () => n.I()]);
    const m = sampleLoop(h, 80, 10, fns);
    const counts = [n1, n2, n3].map((n) => [n.nself, n.nexcite, n.ninhibit, n.e, n.i1, n.i2, n.m]);
    return { spikes: s.map(L), params, MEI: m, counts };
  },

  netstim_edges(h) {
    const soma = h.Section({ name: "soma" });
    soma.L = soma.diam = 10;
    soma.insert("pas");
    const syn = h.ExpSyn(soma(0.5));
    syn.tau = 2;
    const syn2 = h.ExpSyn(soma(0.5));
    syn2.tau = 0.5;
    const cell2 = hhSoma(h, "cell2");
    const ic = h.IClamp(cell2(0.5));
    [ic.delay, ic.dur, ic.amp] = [0.5, 100, 0.5];
    const syn3 = h.ExpSyn(soma(0.5));
    const nsA = netstim(h, 0, 2, 3);
    const nsB = netstim(h, 1, 1, 0);
    const nsC = netstim(h, 2, 1, 1);
    const nsD = netstim(h, -1, 1.5, 4);
    const nsE = netstim(h, 5.3, 1, 1);
    const nsF = netstim(h, 4, 0.01, 7);
    const nsG = netstim(h, 1, 1, 2.5);
    const ncs = [
      h.NetCon(nsA, syn, 0, 0, 0.01), h.NetCon(nsA, syn, 0, 1, 0.5), h.NetCon(nsC, nsD, 0, 1, 1),
      h.NetCon(nsE, nsD, 0, 0, -1), h.NetCon(nsF, syn2, 0, 0, 0.001),
      h.NetCon(cell2(0.5)._ref_v, syn3, 0, 0, 0.02, { sec: cell2 }),
    ];
    ncs[1]!.active(false);
    const recs = [nsA, nsB, nsC, nsD, nsE, nsF, nsG].map((ns) => spikes(h, ns)[0]);
    const g = [syn, syn2, syn3].map((s) => rec(h, s._ref_g));
    const v = rec(h, soma(0.5)._ref_v);
    h.finitialize(-65);
    const g0 = syn.g;
    h.continuerun(12);
    return { spikes: recs.map(L), g: g.map(L), v: L(v), g_at_0: g0, active: [ncs[0]!.active() === 1, ncs[1]!.active() === 1] };
  },
};
