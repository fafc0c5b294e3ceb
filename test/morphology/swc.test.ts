// SWC files through Import3d against NEURON 8.2.2: section count, total area, and per section
// names, parents, connection points, wires (pt3dstyle), 3-D points (exactly), L, areas; then
// the points after h.define_shape(). Both instantiate(null) (HOC names on h) and
// instantiate(cell) (cell.soma, cell.all, ...), and the loadSWC shortcut.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, compare, dumpCell, freshH, golden, ptsOf, report, totals } from "./helpers.ts";

const G = golden("swc_goldens.json") as Record<string, any>;

function read(h: ReturnType<typeof freshH>, file: string) {
  const r = h.Import3d_SWC_read();
  r.quiet = 1;
  r.input(file);
  return h.Import3d_GUI(r, false);
}

describe("Import3d SWC, top level (instantiate(null))", () => {
  for (const key of Object.keys(G).filter((k) => !k.includes("#"))) {
    it(key, () => {
      const g = G[key];
      const h = freshH();
      read(h, path.join(ROOT, g.source)).instantiate(null);
      const t = totals(h);
      expect(t.n_sections).toBe(g.totals.n_sections);
      expect(Math.abs(t.area - g.totals.area)).toBeLessThanOrEqual(1e-9 * g.totals.area);
      let d = compare(g.totals, t);
      expect(d.count, report(d)).toBe(0);
      d = compare(g.cell, dumpCell(h));
      expect(d.count, report(d)).toBe(0);
      expect(String(h.cas())).toBe(g.cas);
      for (const [name, n] of Object.entries(g.hoc_arrays as Record<string, number>)) {
        expect((h[name] as unknown[]).length, name).toBe(n);
      }
      h.define_shape();
      d = compare({ pts: g.pts_after_define_shape }, { pts: ptsOf(h.allsec()) });
      expect(d.count, report(d)).toBe(0);
    });
  }
});

describe("Import3d SWC inside a cell object (instantiate(cell))", () => {
  for (const key of Object.keys(G).filter((k) => k.includes("#cell"))) {
    it(key, () => {
      const g = G[key];
      const h = freshH();
      class Cell {
        all: any[] = [];
        soma: any[] = [];
        toString() {
          return "Cell[0]";
        }
      }
      const cell = new Cell();
      read(h, path.join(ROOT, g.source ?? G[key.replace("#cell", "")].source)).instantiate(cell);
      let d = compare(g.totals, totals(h));
      expect(d.count, report(d)).toBe(0);
      d = compare(g.cell, dumpCell(h, cell.all));
      expect(d.count, report(d)).toBe(0);
      expect(String(cell.soma[0])).toBe("Cell[0].soma[0]");
      expect(h.soma).toBeUndefined();
      h.define_shape();
      d = compare({ pts: g.pts_after_define_shape }, { pts: ptsOf(cell.all) });
      expect(d.count, report(d)).toBe(0);
    });
  }
});

describe("h.loadSWC", () => {
  it("is read + Import3d_GUI + instantiate(null), returning the sections", () => {
    const h = freshH();
    const g = G["c91662.swc"];
    const secs = h.loadSWC(path.join(ROOT, g.source));
    expect(secs.length).toBe(194);
    expect(secs.map((s) => s.name())).toEqual(g.totals.names);
    expect(h.dend[57].name()).toBe("dend[57]");
    expect(h.soma[0] === secs[0]).toBe(true);
  });

  it("gives the .ses geometry: c91662.swc and c91662.ses have the same areas", () => {
    const a = freshH();
    a.loadSWC(path.join(ROOT, G["c91662.swc"].source));
    expect(totals(a).area).toBe(18937.124703056685);
  });
});
