// c91662.ses (a Cell Builder session) and its "export hoc" twin against NEURON 8.2.2: sections,
// connections, 3-D points (exactly), areas, SectionLists, the accessed section, and the seed's
// simulation (hh everywhere, IClamp at soma(0.5), 2 ms).
import { describe, expect, it } from "vitest";
import type { H } from "../../stdlib/api.ts";
import { DATA, compare, dumpCell, freshH, golden, inDir, ptsOf, report, runC91662Seed, totals } from "./helpers.ts";

function seedRun(h: H) {
  runC91662Seed(h);
  const vs = Array.from(h.allsec()).flatMap((s) => Array.from(s, (g) => g.v));
  return { t: h.t, v_soma: h.soma(0.5).v, v_min: Math.min(...vs), v_max: Math.max(...vs), v: vs };
}

function listNames(h: H, name: string): string[] {
  return Array.from(h[name] as Iterable<{ name(): string }>, (s) => s.name());
}

const LISTS = ["all", "somatic", "axonal", "basaldend", "apical"];

for (const [file, gold] of [["c91662.ses", "ses_c91662.json"], ["c91662.cellbuilder-export.hoc", "hoc_export.json"]] as const) {
  describe(file, () => {
    const g = golden(gold);

    it("builds NEURON's cell: 194 sections, area 18937.124703056685", () => {
      const h = freshH();
      inDir(DATA, () => h.load_file(file));
      const t = totals(h);
      expect(t.n_sections).toBe(194);
      expect(t.area).toBe(18937.124703056685);
      const d = compare(g.totals, t);
      expect(d.count, report(d)).toBe(0);
    });

    it("matches every section: names, parents, 3-D points, L, areas, ri", () => {
      const h = freshH();
      inDir(DATA, () => h.load_file(file));
      const d = compare(g.cell, dumpCell(h));
      expect(d.count, report(d)).toBe(0);
      expect(String(h.cas())).toBe(g.cas);
      for (const name of LISTS) expect(listNames(h, name), name).toEqual(g.lists[name]);
      expect(h.soma(0.5).sec === h.soma).toBe(true);
      expect(h.apic[10].name()).toBe("apic[10]");
      expect(h.basal.length).toBe(58);
    });

    it("runs the seed script to NEURON's voltages", () => {
      const h = freshH();
      inDir(DATA, () => h.load_file(file));
      const r = seedRun(h);
      expect(r.t).toBe(1.999999999999995);
      const d = compare(g.run, r);
      expect(d.count, report(d)).toBe(0);
      expect(Math.abs(r.v_soma - 42.81355200726888)).toBeLessThanOrEqual(1e-9 * 42.8);
      expect(Math.abs(r.v_min - -64.39479284374232)).toBeLessThanOrEqual(1e-9 * 64.4);
    });
  });
}

describe("c91662.ses and define_shape", () => {
  it("leaves the 3-D points unchanged (every child starts on its parent)", () => {
    const h = freshH();
    inDir(DATA, () => h.load_file("c91662.ses"));
    h.define_shape();
    const g = golden("ses_c91662.json");
    const d = compare({ pts: g.pts_after_define_shape }, { pts: ptsOf(h.allsec()) });
    expect(d.count, report(d)).toBe(0);
  });

  it("loads a file once, as NEURON's load_file does", () => {
    const h = freshH();
    inDir(DATA, () => {
      expect(h.load_file("c91662.ses")).toBe(1);
      expect(h.load_file("c91662.ses")).toBe(1);
    });
    expect(Array.from(h.allsec()).length).toBe(194);
  });
});
