// Event machinery against NEURON 8.2.2 (make_event_goldens.py, each case written again here line
// for line): Vector.play, SaveState, NetStim/NetCon delivery and tie order, a ring network.
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createH } from "../../stdlib/h.ts";
import "../../stdlib/section.ts";
import type { H, Section } from "../../stdlib/api.ts";
import { EXACT, expectMatches } from "../helpers/compare.ts";

const golden = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, "events", `${name}.json`), "utf8"));
type AnyH = H & Record<string, any>;

function hhSoma(h: H, name = "soma"): Section {
  const s = h.Section({ name });
  s.L = s.diam = 20;
  s.insert("hh");
  return s;
}

function netModel(h: AnyH) {
  const s = hhSoma(h);
  const syn = h.ExpSyn(s(0.5));
  syn.tau = 2;
  const ns = h.NetStim();
  ns.start = 5;
  ns.interval = 7.3;
  ns.number = 10;
  const nc = h.NetCon(ns, syn);
  nc.delay = 1.3;
  nc.weight[0] = 0.01;
  const ns2 = h.NetStim();
  ns2.start = 2;
  ns2.interval = 4.1;
  ns2.number = 20;
  const nc2 = h.NetCon(ns2, syn);
  nc2.delay = 0.5;
  nc2.weight[0] = 0.004;
  const det = h.NetCon(s(0.5)._ref_v, null, { sec: s });
  return { s, syn, ns, det };
}

const cases: Record<string, (h: AnyH) => unknown> = {
  play_step(h) {
    const s = hhSoma(h);
    const ic = h.IClamp(s(0.5));
    ic.dur = 1e9;
    const y = h.Vector([0, 1, 2, 0.3, 0.7]);
    const tv = h.Vector([0, 0.05, 0.07, 1.0, 1.01]);
    y.play(ic._ref_amp, tv);
    const amp = h.Vector().record(ic._ref_amp);
    const v = h.Vector().record(s(0.5)._ref_v);
    const ic2 = h.IClamp(s(0.5));
    ic2.dur = 1e9;
    const y2 = h.Vector([0.1, -0.2, 0.05, 0.4]);
    y2.play(ic2._ref_amp, 0.3);
    const amp2 = h.Vector().record(ic2._ref_amp);
    h.finitialize(-65);
    h.continuerun(3);
    return { amp: amp.to_python(), amp2: amp2.to_python(), v: v.to_python() };
  },

  play_continuous(h) {
    const s = hhSoma(h);
    const ic = h.IClamp(s(0.5));
    ic.dur = 1e9;
    const y = h.Vector([0, 1]);
    const tv = h.Vector([0, 2]);
    y.play(ic._ref_amp, tv, 1);
    const i = h.Vector().record(ic._ref_i);
    const amp = h.Vector().record(ic._ref_amp);
    const ic2 = h.IClamp(s(0.5));
    ic2.dur = 1e9;
    const y2 = h.Vector([0, 0.5, 0.5, -0.3, 0.2, 0.2]);
    const t2 = h.Vector([0.5, 1.0, 1.0, 2.0, 2.5, 4.0]);
    y2.play(ic2._ref_amp, t2, 1);
    const i2 = h.Vector().record(ic2._ref_i);
    const ic3 = h.IClamp(s(0.5));
    ic3.dur = 1e9;
    const y3 = h.Vector([0, 0.2, 0.6, 0.1]);
    const t3 = h.Vector([0, 1.0, 1.0, 3.0]);
    const d3 = h.Vector([1, 2]);
    y3.play(ic3._ref_amp, t3, d3);
    const i3 = h.Vector().record(ic3._ref_i);
    const v = h.Vector().record(s(0.5)._ref_v);
    h.finitialize(-65);
    h.continuerun(5);
    return { i: i.to_python(), amp: amp.to_python(), i2: i2.to_python(), i3: i3.to_python(), v: v.to_python() };
  },

  savestate_continue(h) {
    const { s, syn, det } = netModel(h);
    const v = h.Vector().record(s(0.5)._ref_v);
    const g = h.Vector().record(syn._ref_g);
    const spikes = h.Vector();
    det.record(spikes);
    h.finitialize(-65);
    h.continuerun(10);
    const ss = h.SaveState();
    ss.save();
    h.continuerun(30);
    const full_v = v.to_python();
    const full_spikes = spikes.to_python();
    h.finitialize(-65);
    ss.restore();
    const t_restored = h.t;
    h.continuerun(30);
    const out: Record<string, unknown> = {
      full_v, full_spikes, t_restored, cont_v: v.to_python(), cont_g: g.to_python(), cont_spikes: spikes.to_python(), final_v: s(0.5).v,
    };
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "nts-state-")), "state.json");
    ss.fwrite(file);
    const ss2 = h.SaveState();
    ss2.fread(file);
    h.finitialize(-65);
    ss2.restore();
    h.continuerun(30);
    out.file_v = v.to_python();
    return out;
  },

  savestate_in_flight(h) {
    const { s, syn, ns } = netModel(h);
    const nc3 = h.NetCon(ns, syn);
    nc3.delay = 3;
    nc3.weight[0] = 0.002;
    const v = h.Vector().record(s(0.5)._ref_v);
    const g = h.Vector().record(syn._ref_g);
    h.finitialize(-65);
    h.continuerun(12.5);
    const ss = h.SaveState();
    ss.save();
    h.continuerun(30);
    const full_v = v.to_python();
    h.finitialize(-65);
    ss.restore();
    h.continuerun(30);
    return { full_v, cont_v: v.to_python(), cont_g: g.to_python(), final_g: syn.g };
  },

  netcon_event(h) {
    const s = hhSoma(h);
    const syn = h.ExpSyn(s(0.5));
    syn.tau = 2;
    const nc = h.NetCon(null, syn);
    nc.weight[0] = 0.01;
    const v = h.Vector().record(s(0.5)._ref_v);
    const g = h.Vector().record(syn._ref_g);
    h.finitialize(-65);
    nc.event(2);
    nc.event(2);
    nc.event(5.5);
    h.continuerun(10);
    return { v: v.to_python(), g: g.to_python() };
  },

  savestate_type1(h) {
    const s = hhSoma(h);
    const ic = h.IClamp(s(0.5));
    ic.delay = 1;
    ic.dur = 100;
    ic.amp = 0.2;
    const v = h.Vector().record(s(0.5)._ref_v);
    const m = h.Vector().record(s(0.5)._ref_m_hh);
    h.finitialize(-65);
    h.continuerun(10);
    const ss = h.SaveState();
    ss.save();
    h.continuerun(20);
    const full = v.to_python();
    h.finitialize(-65);
    ss.restore(1);
    const t1 = h.t;
    h.continuerun(20);
    return { full, t: t1, cont: v.to_python(), m: m.to_python() };
  },

  out_of_order(h) {
    netModel(h);
    h.finitialize(-65);
    h.continuerun(10);
    const ss = h.SaveState();
    ss.save();
    h.finitialize(-65);
    ss.restore(1);
    try {
      h.continuerun(12);
      return { error: null };
    } catch (e) {
      expect(String(e)).toMatch(/NetStim\[1\]: an event for t = .* arrived after one for t = .* \(events out of order\)/);
      return { error: "out of order", t: h.t };
    }
  },

  netstim_edges(h) {
    const s = hhSoma(h);
    const syn = h.ExpSyn(s(0.5));
    syn.tau = 3;
    const ns0 = h.NetStim();
    ns0.start = 0;
    ns0.number = 2;
    ns0.interval = 4;
    h.NetCon(ns0, syn, 0, 0, 0.002);
    const ns1 = h.NetStim();
    ns1.start = 1.0;
    ns1.number = 3;
    ns1.interval = 0.1;
    const nc1 = h.NetCon(ns1, syn);
    nc1.delay = 2;
    nc1.weight[0] = 0.003;
    const ns2 = h.NetStim();
    ns2.start = -1;
    ns2.number = 5;
    h.NetCon(ns2, syn);
    const ns3 = h.NetStim();
    ns3.start = 3;
    ns3.number = 0;
    h.NetCon(ns3, syn);
    const ns4 = h.NetStim();
    ns4.start = -1;
    ns4.interval = 0.7;
    ns4.number = 100;
    const drv = h.NetStim();
    drv.start = 2;
    drv.number = 1;
    h.NetCon(drv, ns4, 0, 0, 1);
    const drv2 = h.NetStim();
    drv2.start = 4.5;
    drv2.number = 1;
    h.NetCon(drv2, ns4, 0, 0.01, -1);
    h.NetCon(ns4, syn, 0, 0.2, 0.001);
    const inactive = h.NetCon(ns1, syn, 0, 0.3, 0.05);
    inactive.active(false);
    const tvecs = [ns0, ns1, ns2, ns3, ns4].map((src) => {
      const tv = h.Vector();
      h.NetCon(src, null).record(tv);
      return tv;
    });
    const g = h.Vector().record(syn._ref_g);
    h.finitialize(-65);
    h.continuerun(12);
    return { g: g.to_python(), spikes: tvecs.map((tv) => tv.to_python()), active: [inactive.active() === 1, nc1.active() === 1] };
  },

  equal_time_events(h) {
    const s = hhSoma(h);
    const syn = h.ExpSyn(s(0.5));
    syn.tau = 1.5;
    const syns = [0, 1, 2].map(() => h.ExpSyn(s(0.5)));
    const ns = h.NetStim();
    ns.start = 1;
    ns.interval = 2;
    ns.number = 4;
    for (const w of [0.0011, 0.0023, 0.0037, 0.0041, 0.0053]) {
      const nc = h.NetCon(ns, syn);
      nc.delay = 0.5;
      nc.weight[0] = w;
    }
    syns.forEach((sy, k) => {
      sy.tau = 1 + k;
      const nc = h.NetCon(ns, sy);
      nc.delay = 0.5 + 0.25 * k;
      nc.weight[0] = 0.002 * (k + 1);
    });
    const ns2 = h.NetStim();
    ns2.start = 2.5;
    ns2.interval = 1;
    ns2.number = 3;
    for (const w of [0.0007, 0.0009]) {
      const nc = h.NetCon(ns2, syn);
      nc.delay = 0.0;
      nc.weight[0] = w;
    }
    const g = h.Vector().record(syn._ref_g);
    const v = h.Vector().record(s(0.5)._ref_v);
    const gs = syns.map((sy) => h.Vector().record(sy._ref_g));
    h.finitialize(-65);
    h.continuerun(10);
    return { g: g.to_python(), v: v.to_python(), gs: gs.map((x) => x.to_python()) };
  },

  ring(h) {
    const n = 8;
    const cells = Array.from({ length: n }, (_, i) => {
      const soma = h.Section({ name: `soma${i}` });
      soma.L = soma.diam = 12.6157;
      soma.insert("hh");
      const dend = h.Section({ name: `dend${i}` });
      dend.L = 200;
      dend.diam = 1;
      dend.nseg = 5;
      dend.insert("pas");
      dend.g_pas = 0.001;
      dend.e_pas = -65;
      dend.connect(soma(1));
      const syn = h.ExpSyn(dend(0.5));
      syn.tau = 2;
      return { soma, dend, syn };
    });
    const ncs = cells.map((c, i) => {
      const nc = h.NetCon(c.soma(0.5)._ref_v, cells[(i + 1) % n]!.syn, { sec: c.soma });
      nc.weight[0] = 0.05;
      nc.delay = 5;
      return nc;
    });
    const stim = h.NetStim();
    stim.number = 1;
    stim.start = 9;
    const kick = h.NetCon(stim, cells[0]!.syn);
    kick.delay = 1;
    kick.weight[0] = 0.04;
    const tv = h.Vector();
    const idv = h.Vector();
    ncs.forEach((nc, i) => nc.record(tv, idv, i));
    const v0 = h.Vector().record(cells[0]!.soma(0.5)._ref_v);
    h.finitialize(-65);
    h.continuerun(100);
    return { t: tv.to_python(), id: idv.to_python(), v0: v0.to_python() };
  },
};

describe("event machinery matches NEURON 8.2.2 bit for bit", () => {
  for (const [name, run] of Object.entries(cases)) {
    it(name, () => {
      const h = createH() as AnyH;
      h.load_file("stdrun.hoc");
      expectMatches(run(h), golden(name), EXACT);
    });
  }
});
