// The models of test/golden/plot/make_plot_goldens.py, line for line in neuron-ts, returning
// the same structures (figures as parsed JSON, RangeVarPlot x/y/left/right/d2root).
import path from "node:path";
import { createH } from "../../stdlib/h.ts";
import "../../stdlib/section.ts";
import type { H, Section, Segment } from "../../stdlib/api.ts";
import { cm, plotly } from "../../stdlib/plot/index.ts";
import type { RangeVarPlot } from "../../stdlib/plot/api.ts";
import type { Figure } from "../../stdlib/plot/figure.ts";
import { runC91662Seed } from "../morphology/helpers.ts";

export const root = path.join(import.meta.dirname, "..", "..");

export function newH(): H {
  const h = createH();
  h.load_file("stdrun.hoc");
  return h;
}

const figJson = (fig: Figure) => JSON.parse(fig.to_json());

/** The seed's three-section cell (no 3-D points). */
export class Cell {
  main: Section;
  dend1: Section;
  dend2: Section;
  all: Section[];
  constructor(h: H) {
    const main = h.Section({ name: "main", cell: this });
    const dend1 = h.Section({ name: "dend1", cell: this });
    const dend2 = h.Section({ name: "dend2", cell: this });
    dend1.connect(main);
    dend2.connect(main);
    main.diam = 10;
    dend1.diam = 2;
    dend2.diam = 2;
    this.main = main;
    this.dend1 = dend1;
    this.dend2 = dend2;
    this.all = main.wholetree();
  }
}

export function rvpData(h: H, rvp: RangeVarPlot) {
  const y = h.Vector();
  const x = h.Vector();
  rvp.to_vector(y, x);
  return { x: x.to_python(), y: y.to_python(), left: rvp.left(), right: rvp.right(), d2root: rvp.d2root() };
}

/** The seed's three-section cell with nonuniform v and its PlotShape of v on [-80, 80]. */
export function threeCellShape(h: H) {
  const c = new Cell(h);
  c.main.v = 50;
  c.dend1.v = 0;
  c.dend2.v = -65;
  const ps = h.PlotShape(false);
  ps.variable("v");
  ps.scale(-80, 80);
  return { c, ps };
}

export function seed_three_cell() {
  const h = newH();
  const { c, ps } = threeCellShape(h);
  const shape = figJson(ps.plot(plotly));
  for (const sec of c.all) sec.nseg = 101;
  const rvp = h.RangeVarPlot("v", c.main(0), c.dend2(1));
  const rfig = figJson(rvp.plot(plotly));
  return { shape, rvp: rvpData(h, rvp), rvp_fig: rfig };
}

export function three_cell_paths() {
  const h = newH();
  const c = new Cell(h);
  c.main.nseg = 5;
  c.dend1.nseg = 7;
  c.dend2.nseg = 4;
  c.main.L = 20;
  c.dend1.L = 150;
  c.dend2.L = 93.7;
  c.all.forEach((sec, k) => {
    for (const seg of sec.allseg()) seg.v = -70 + 30 * k + 17.5 * seg.x;
  });
  const out: Record<string, unknown> = {};
  const cases: [string, Segment, Segment][] = [
    ["main0_dend2_1", c.main(0), c.dend2(1)],
    ["dend2_1_main0", c.dend2(1), c.main(0)],
    ["dend1_03_dend2_07", c.dend1(0.3), c.dend2(0.7)],
    ["main05_dend1_1", c.main(0.5), c.dend1(1)],
    ["dend1_1_main05", c.dend1(1), c.main(0.5)],
    ["dend2_05_dend2_05", c.dend2(0.5), c.dend2(0.5)],
  ];
  for (const [name, a, b] of cases) out[name] = rvpData(h, h.RangeVarPlot("v", a, b));
  const rvp = h.RangeVarPlot("v", c.dend1(1), c.dend2(1));
  rvp.origin(12.3);
  out.origin = rvpData(h, rvp);
  return out;
}

export function pt3dCell(h: H) {
  const soma = h.Section({ name: "soma" });
  const dend = h.Section({ name: "dend" });
  const obl = h.Section({ name: "obl" });
  dend.connect(soma(1));
  obl.connect(dend(0.5));
  soma.pt3dclear();
  soma.pt3dadd(0, 0, 0, 12.3);
  soma.pt3dadd(7.1, 3.3, -1.2, 11.9);
  soma.pt3dadd(14.2, 4.0, -2.5, 10.1);
  dend.pt3dclear();
  for (const p of [[14.2, 4.0, -2.5, 3.1], [30.7, 11.3, 0.2, 2.9], [30.7, 11.3, 0.2, 2.9],
    [55.0, 20.1, 4.4, 2.2], [81.9, 18.6, 9.7, 1.7], [120.3, 27.4, 10.1, 1.2]]) dend.pt3dadd(p[0]!, p[1]!, p[2]!, p[3]!);
  obl.pt3dclear();
  for (const p of [[40.0, 15.0, 2.0, 1.5], [45.5, 40.2, 3.0, 1.1], [47.3, 71.9, -6.1, 0.8]]) obl.pt3dadd(p[0]!, p[1]!, p[2]!, p[3]!);
  soma.nseg = 1;
  dend.nseg = 5;
  obl.nseg = 3;
  h.hh.insert(soma);
  h.hh.insert(dend);
  obl.insert("pas");
  const ic = h.IClamp(soma(0.5));
  ic.delay = 0.5;
  ic.dur = 1;
  ic.amp = 0.8;
  h.finitialize(-65);
  h.continuerun(2.5);
  return { soma, dend, obl, ic };
}

export function pt3d_shapes() {
  const h = newH();
  const { soma, dend, obl } = pt3dCell(h);
  const out: Record<string, unknown> = {};
  const ps = h.PlotShape(false);
  ps.variable("v");
  out.v_viridis = figJson(ps.plot(plotly, { cmap: cm.viridis }));
  ps.scale(-70.3, 20.7);
  out.v_jet_scaled = figJson(ps.plot(plotly, { cmap: cm.jet }));
  ps.variable("m_hh");
  ps.scale(0, 1);
  out.m_hh = figJson(ps.plot(plotly, { cmap: cm.cool }));
  ps.variable("ina");
  ps.scale(-0.5, 0.1);
  out.ina_hot = figJson(ps.plot(plotly, { cmap: cm.hot }));
  ps.variable("diam");
  ps.scale(0, 12);
  out.diam_default_cmap = figJson(ps.plot(plotly));
  const sl = h.SectionList();
  sl.append(obl);
  sl.append(soma);
  const ps2 = h.PlotShape(sl, false);
  ps2.variable("v");
  const fig = ps2.plot(plotly, { cmap: cm.cool });
  fig.mark(dend(0.3)).mark(obl(1));
  out.sectionlist_mark = figJson(fig);
  out.rvp_m_hh = rvpData(h, h.RangeVarPlot("m_hh", soma(0), dend(1)));
  try {
    h.RangeVarPlot("m_hh", obl(1), soma(0));
    out.rvp_m_hh_obl_error = false;
  } catch {
    out.rvp_m_hh_obl_error = true;
  }
  out.rvp_v = rvpData(h, h.RangeVarPlot("v", obl(1), soma(0)));
  out.rvp_pas = rvpData(h, h.RangeVarPlot("g_pas", soma(0), obl(1)));
  return out;
}

/** The seed's first script on c91662.ses. */
export function c91662Model() {
  const h = newH();
  h.load_file(path.join(root, "examples", "data", "c91662.ses"));
  runC91662Seed(h);
  return h;
}

export function c91662() {
  const h = c91662Model();
  const ps = h.PlotShape(false);
  ps.variable("v");
  const cool = figJson(ps.plot(plotly, { cmap: cm.cool }));
  const viridis = figJson(ps.plot(plotly, { cmap: cm.viridis }));
  return {
    cool,
    viridis_colors: viridis.data.map((tr: { line: { color: string } }) => tr.line.color),
    rvp_soma: rvpData(h, h.RangeVarPlot("v", h.soma(0), h.apic[43](1))),
    rvp_basal: rvpData(h, h.RangeVarPlot("v", h.basal[4](0), h.apic[43](1))),
  };
}
