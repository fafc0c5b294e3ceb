// Static goldens (geometry, topology text, distance, names, psection, nseg copy semantics):
// each case is make_static_goldens.py's script written again in TypeScript, line for line,
// and its result compared with NEURON 8.2.2's value by value.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "vitest";
import { createH } from "../../stdlib/h.ts";
import "../../stdlib/section.ts";
import type { H, Section } from "../../stdlib/api.ts";
import { EXACT, expectMatches } from "../helpers/compare.ts";

const golden = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, "static", `${name}.json`), "utf8"));

/** Mulberry-free: the Python side uses random.Random; here we replay its numbers from the golden. */
function geo(sec: Section) {
  const n = sec.n3d();
  return {
    L: sec.L,
    x: sec.allseg().map((s) => s.x),
    name: sec.allseg().map((s) => String(s)),
    area: sec.allseg().map((s) => s.area()),
    ri: sec.allseg().map((s) => s.ri()),
    diam: Array.from(sec, (s) => s.diam),
    volume: Array.from(sec, (s) => s.volume()),
    n3d: n,
    pt3d: Array.from({ length: n }, (_, i) => [sec.x3d(i), sec.y3d(i), sec.z3d(i), sec.diam3d(i), sec.arc3d(i)]),
  };
}

function topology(h: H): string {
  const chunks: string[] = [];
  const write = process.stdout.write;
  (process.stdout as { write: unknown }).write = (s: string) => (chunks.push(String(s)), true);
  try {
    h.topology();
  } finally {
    process.stdout.write = write;
  }
  return chunks.join("");
}

function seven(h: H): Section[] {
  const soma = h.Section({ name: "soma" });
  const papic = h.Section({ name: "proxApical" });
  const apic1 = h.Section({ name: "apic1" });
  const apic2 = h.Section({ name: "apic2" });
  const pb = h.Section({ name: "proxBasal" });
  const db1 = h.Section({ name: "distBasal1" });
  const db2 = h.Section({ name: "distBasal2" });
  papic.connect(soma);
  pb.connect(soma(0));
  apic1.connect(papic);
  apic2.connect(papic);
  db1.connect(pb);
  db2.connect(pb);
  return [soma, papic, apic1, apic2, pb, db1, db2];
}

const cases: Record<string, (h: H) => unknown> = {
  defaults(h) {
    const s = h.Section({ name: "s" });
    return { geo: geo(s), Ra: s.Ra, cm: s.cm, nseg: s.nseg, celsius: h.celsius, dt: h.dt, tstop: h.tstop, v: s(0.5).v };
  },

  cylinders(h) {
    const out: Record<string, unknown> = {};
    for (const nseg of [1, 2, 3, 4, 7, 10, 25]) {
      const s = h.Section({ name: `c${nseg}` });
      s.L = 123.4;
      s.diam = 2.7;
      s.Ra = 91.3;
      s.nseg = nseg;
      out[String(nseg)] = geo(s);
    }
    const d = h.Section({ name: "dend" });
    d.L = 3;
    d.diam = 2;
    d.nseg = 3;
    d(0.5).diam = 4;
    out.seed_dend = geo(d);
    return out;
  },

  pt3d_random(h) {
    // The points are Python's random numbers, stored as float32: replay them from the golden.
    const ref = golden("pt3d_random").nseg1.pt3d as number[][];
    const s = h.Section({ name: "p" });
    for (const p of ref) s.pt3dadd(p[0]!, p[1]!, p[2]!, p[3]!);
    const out: Record<string, unknown> = { n5: null };
    for (const nseg of [1, 4, 9, 31]) {
      s.nseg = nseg;
      out[`nseg${nseg}`] = geo(s);
    }
    return out;
  },

  pt3d_edits(h) {
    const s = h.Section({ name: "t" });
    s.pt3dadd(0, 0, 0, 1);
    s.pt3dadd(10, 0, 0, 5);
    const out: Record<string, unknown> = { two: geo(s) };
    s.nseg = 3;
    out.nseg3 = geo(s);
    s(0.5).diam = 2;
    out.set_mid_diam = geo(s);
    s.L = 25;
    out.set_L = geo(s);
    s.pt3dinsert(1, 4, 1, 0, 3);
    out.insert = geo(s);
    s.pt3dchange(2, 20, 2, 1, 2.5);
    out.change = geo(s);
    s.pt3dremove(0);
    out.remove = geo(s);
    s.pt3dadd(1.1, 2.2, 3.3, 1.1);
    out.float32 = geo(s);
    s.pt3dclear();
    out.cleared = { n3d: s.n3d(), L: s.L };
    return out;
  },

  topology_texts(h) {
    const out: Record<string, string> = {};
    seven(h);
    out.seven = topology(h);
    const s = h.Section({ name: "s" });
    const d1 = h.Section({ name: "d1" });
    d1.nseg = 5;
    const d2 = h.Section({ name: "d2" });
    d2.nseg = 3;
    const d3 = h.Section({ name: "d3" });
    d3.nseg = 2;
    const ax = h.Section({ name: "ax" });
    ax.nseg = 7;
    d1.connect(s(1));
    d2.connect(s(1));
    d3.connect(d1(0.5));
    ax.connect(s(0));
    const r = h.Section({ name: "rev" });
    r.nseg = 4;
    r.connect(d2(0.7), 1);
    const rb = h.Section({ name: "rb" });
    rb.rallbranch = 2.5;
    rb.connect(r(0.25));
    out.branched = topology(h);
    return out;
  },

  tree_queries(h) {
    const secs = seven(h);
    const [soma, papic, apic1, , pb] = secs as [Section, Section, Section, Section, Section];
    const names = (l: Iterable<Section>) => Array.from(l, String);
    return {
      wholetree: names(apic1.wholetree()),
      subtree_pb: names(pb.subtree()),
      children_soma: names(soma.children()),
      children_papic: names(papic.children()),
      parentseg: secs.map((s) => (s.parentseg() ? String(s.parentseg()) : "None")),
      trueparentseg: secs.map((s) => (s.trueparentseg() ? String(s.trueparentseg()) : "None")),
      allsec: names(h.allsec()),
      orientation: secs.map((s) => s.orientation()),
    };
  },

  distances(h) {
    const a = h.Section({ name: "a" });
    a.L = 100;
    a.nseg = 5;
    const b = h.Section({ name: "b" });
    b.L = 50;
    b.nseg = 3;
    b.connect(a(0.45));
    const c = h.Section({ name: "c" });
    c.L = 30;
    c.nseg = 2;
    c.connect(a(1));
    const d = h.Section({ name: "d" });
    d.L = 20;
    d.connect(a(0));
    const e = h.Section({ name: "e" });
    h.distance(0, a(0));
    const pts = [a(0), a(0.45), a(0.41), a(0.5), a(1), b(0), b(0.2), b(1), c(0.5), c(1), d(0.3), d(1)];
    const out: Record<string, unknown> = { from_a0: pts.map((p) => h.distance(p)) };
    out.pairs = pts.flatMap((p) => pts.map((q) => h.distance(p, q)));
    h.distance(0, b(0.9));
    out.from_b09 = pts.map((p) => h.distance(p));
    out.unconnected = h.distance(a(0.5), e(0.5));
    return out;
  },

  segment_names(h) {
    const out: Record<string, unknown> = {};
    for (const nseg of [1, 2, 3, 6, 7, 9, 11, 101, 1001]) {
      const s = h.Section({ name: `n${nseg}` });
      s.nseg = nseg;
      out[String(nseg)] = s.allseg().map(String);
    }
    const s = h.Section({ name: "q" });
    out.odd_x = [0.1, 0.123456789, 1e-7, 0.99999999, 0.5, 1 / 3, 2 / 3, 1e-5, 0.0001, 0.00012345].map((x) => String(s(x)));
    return out;
  },

  nseg_copy(h) {
    const s = h.Section({ name: "s" });
    s.L = 90;
    s.insert("hh");
    s.insert("pas");
    s.nseg = 3;
    const vals = [1.0, 2.0, 3.0];
    Array.from(s).forEach((seg, i) => {
      const v = vals[i]!;
      seg.diam = v;
      seg.cm = v * 10;
      seg.hh.gnabar = v / 10;
      seg.v = -60 - v;
      seg.pas.e = -70 + v;
    });
    const ic = h.IClamp(s(0.5));
    const ic0 = h.IClamp(s(0.1));
    const out: unknown[] = [];
    for (const n of [5, 2, 7, 1, 4, 3]) {
      s.nseg = n;
      out.push({
        nseg: n,
        diam: Array.from(s, (seg) => seg.diam),
        cm: Array.from(s, (seg) => seg.cm),
        gnabar: Array.from(s, (seg) => seg.hh.gnabar),
        v: s.allseg().map((seg) => seg.v),
        e_pas: Array.from(s, (seg) => seg.pas.e),
        ic_x: ic.get_segment()!.x,
        ic0_x: ic0.get_segment()!.x,
      });
    }
    return out;
  },

  psections(h) {
    const s = h.Section({ name: "soma" });
    s.insert("hh");
    s.insert("pas");
    s.nseg = 2;
    const d = h.Section({ name: "d" });
    d.connect(s(0.5));
    d.pt3dadd(0, 0, 0, 2);
    d.pt3dadd(5, 1, 0, 1);
    h.IClamp(s(0.5));
    const clean = (p: ReturnType<Section["psection"]>) => ({
      ...p,
      point_processes: Object.fromEntries(Object.entries(p.point_processes).map(([k, v]) => [k, v.length])),
      morphology: {
        ...p.morphology,
        parent: p.morphology.parent ? String(p.morphology.parent) : null,
        trueparent: p.morphology.trueparent ? String(p.morphology.trueparent) : null,
      },
    });
    return { soma: clean(s.psection()), d: clean(d.psection()) };
  },

  cell_names(h) {
    class Cell {
      soma: Section;
      dend: Section;
      constructor(readonly gid: number) {
        this.soma = h.Section({ name: "soma", cell: this });
        this.dend = h.Section({ name: "dend", cell: this });
        this.dend.connect(this.soma);
      }
      toString() {
        return `Cell[${this.gid}]`;
      }
    }
    const cells = [0, 1, 2].map((i) => new Cell(i));
    return { names: Array.from(h.allsec(), String), seg: String(cells[1]!.dend(0.25)), topology: topology(h) };
  },

  pt3d_volume_area_seed(h) {
    const dend = h.Section({ name: "dend" });
    dend.L = 3;
    dend.diam = 2;
    dend.nseg = 3;
    const before = Array.from(dend, (seg) => [String(seg), seg.area()]);
    dend(0.5).diam = 4;
    const after = Array.from(dend, (seg) => [String(seg), seg.area()]);
    dend.nseg = 1;
    dend.pt3dclear();
    dend.pt3dadd(0, 0, 0, 1);
    dend.pt3dadd(10, 0, 0, 5);
    return { before, after, volume: dend(0.5).volume(), geo: geo(dend) };
  },
};

Object.assign(cases, {
  vector_api(h: H) {
    const vals = golden("vector_api").vals as number[];
    const v = h.Vector(vals);
    const out: Record<string, unknown> = { size: v.size(), sum: v.sum(), mean: v.mean(), var: v.var(), stdev: v.stdev(), max: v.max(), min: v.min(), last: v[-1], x3: v.x[3] };
    v.resize(5);
    out.resized = v.to_python();
    v.append(1.5, 2.5);
    out.appended = v.to_python();
    const w = h.Vector(4);
    w.indgen(2, 0.5);
    out.indgen = w.to_python();
    return { vals, out };
  },

  access_forms(h: H) {
    const s = h.Section({ name: "s" });
    s.nseg = 3;
    s.insert("hh");
    s.gnabar_hh = 0.2;
    s(0.5).hh.gkbar = 0.05;
    s(0.1).gl_hh = 0.001;
    s(0.9).ena = 55;
    s.ek = -80;
    const out: Record<string, unknown> = {
      gnabar: Array.from(s, (seg) => seg.hh.gnabar),
      gkbar: Array.from(s, (seg) => seg.gkbar_hh),
      gl: Array.from(s, (seg) => seg.hh.gl),
      ena: Array.from(s, (seg) => seg.ena),
      ek: Array.from(s, (seg) => seg.ek),
      sec_gnabar: s.gnabar_hh,
      has_hh: s.has_membrane("hh"),
      has_pas: s.has_membrane("pas"),
    };
    h.finitialize(-65);
    out.m = Array.from(s, (seg) => seg.hh.m);
    out.ina = Array.from(s, (seg) => seg.ina);
    out.minf = h.minf_hh;
    s.uninsert("hh");
    out.has_hh_after = s.has_membrane("hh");
    s.insert("hh");
    out.gnabar_reinserted = Array.from(s, (seg) => seg.hh.gnabar);
    return out;
  },

  finitialize_handlers(h: H) {
    const s = h.Section({ name: "s" });
    s.insert("hh");
    const ic = h.IClamp(s(0.5));
    ic.amp = 0.3;
    const seen: unknown[] = [];
    const probe = (tag: string) => () => seen.push([tag, s(0.5).v, s(0.5).hh.m, s(0.5).hh.gna, ic.i]);
    h.FInitializeHandler(3, probe("type3"));
    h.FInitializeHandler(0, probe("type0"));
    h.FInitializeHandler(probe("default"));
    h.FInitializeHandler(2, probe("type2"));
    h.FInitializeHandler(1, probe("type1"));
    s(0.5).v = 11;
    s(0.5).hh.m = 0.7;
    h.finitialize(-70);
    return seen;
  },

  netcon_presyn(h: H) {
    const s = h.Section({ name: "s" });
    s.L = s.diam = 20;
    s.insert("hh");
    const ic = h.IClamp(s(0.5));
    ic.delay = 1;
    ic.dur = 100;
    ic.amp = 0.2;
    const nc1 = h.NetCon(s(0.5)._ref_v, null, { sec: s });
    const nc2 = h.NetCon(s(0.5)._ref_v, null, { sec: s });
    nc2.threshold = -30;
    const v1 = h.Vector();
    nc1.record(v1);
    h.finitialize(-65);
    while (h.t < 30) h.fadvance();
    return { thresholds: [nc1.threshold, nc2.threshold], spikes: v1.to_python(), delay: nc1.delay, weight0: nc1.weight[0] };
  },
});

describe("static goldens match NEURON 8.2.2 bit for bit", () => {
  for (const [name, run] of Object.entries(cases)) {
    it(name, () => {
      const h = createH();
      h.load_file("stdrun.hoc");
      expectMatches(run(h), golden(name), EXACT);
    });
  }
});
