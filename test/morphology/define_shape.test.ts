// h.define_shape() against NEURON 8.2.2 (exact float32 points), and the float trigonometry it
// needs (glibc's cosf/sinf/atan2f, sampled through ctypes).
import { describe, expect, it } from "vitest";
import { atan2f, cosf, sinf } from "../../runtime/shape.ts";
import type { Section } from "../../stdlib/api.ts";
import { compare, freshH, golden, ptsOf, report } from "./helpers.ts";

const G = golden("define_shape.json");

describe("h.define_shape", () => {
  it("places the seed's Cell (main with two children at main(1)) as NEURON does", () => {
    const h = freshH();
    class Cell {
      main: Section;
      dend1: Section;
      dend2: Section;
      all: Section[];
      constructor() {
        this.main = h.Section({ name: "main", cell: this });
        this.dend1 = h.Section({ name: "dend1", cell: this });
        this.dend2 = h.Section({ name: "dend2", cell: this });
        this.dend1.connect(this.main);
        this.dend2.connect(this.main);
        this.main.diam = 10;
        this.dend1.diam = 2;
        this.dend2.diam = 2;
        this.all = this.main.wholetree();
      }
      toString() {
        return "Cell[0]";
      }
    }
    const c = new Cell();
    expect(h.define_shape()).toBe(1);
    const d = compare({ pts: G.seed_cell }, { pts: ptsOf(c.all) });
    expect(d.count, report(d)).toBe(0);
  });

  it("follows every placement rule (reversed, interior, spread, child end 1, second root, translation)", () => {
    const h = freshH();
    const sec = (name: string, L?: number, diam?: number, nseg?: number) => {
      const s = h.Section(name);
      if (L !== undefined) s.L = L;
      if (diam !== undefined) s.diam = diam;
      if (nseg !== undefined) s.nseg = nseg;
      return s;
    };
    const a = sec("a", 50, 4, 3);
    sec("b", 30, 1.5).connect(a(0));
    sec("c", 20, 0.7).connect(a(0.3));
    const d = [0, 1, 2].map((i) => {
      const s = sec(`d${i}`, 40 + 7 * i, 1.1 + 0.1 * i, 1 + 2 * i);
      s.connect(a(1));
      return s;
    });
    const e = sec("e", 33.3, 0.9, 4);
    e.connect(d[1]!(1), 1);
    sec("f", 12.5, 0.5).connect(e(0.5));
    const g = sec("g", 77, 3);
    const k = sec("k");
    k.connect(g(1));
    k.pt3dadd(5, 5, 5, 2);
    k.pt3dadd(25.5, 9.25, -3, 1.25);
    k.pt3dadd(40.1, 3.3, 7.7, 1);
    sec("m", 10, 1).connect(k(0.5));
    h.define_shape();
    const secs = Array.from(h.allsec());
    const got = Object.fromEntries(secs.map((s, i) => [s.name(), ptsOf(secs)[i]]));
    let diff = compare({ pts: G.tree }, { pts: got });
    expect(diff.count, report(diff)).toBe(0);
    diff = compare(G.tree_L, Object.fromEntries(secs.map((s) => [s.name(), s.L])));
    expect(diff.count, report(diff)).toBe(0);
    diff = compare(G.tree_area, Object.fromEntries(secs.map((s) => [s.name(), Array.from(s, (x) => x.area())])));
    expect(diff.count, report(diff)).toBe(0);
  });
});

describe("float trigonometry (glibc 2.36 cosf, sinf, atan2f)", () => {
  const L = golden("libmf.json");
  it("cosf and sinf match glibc on 6000 arguments", () => {
    const bad = (L.x as number[]).filter((x, i) => cosf(x) !== L.cosf[i] || sinf(x) !== L.sinf[i]);
    expect(bad).toEqual([]);
  });
  it("atan2f matches glibc on 6000 pairs", () => {
    const bad = (L.yx as Array<[number, number]>).filter(([y, x], i) => atan2f(y, x) !== L.atan2f[i]);
    expect(bad).toEqual([]);
  });
  it("is needed: Math.cos/Math.atan2 rounded to float differ from glibc on some of them", () => {
    const naive = (L.yx as Array<[number, number]>).filter(([y, x], i) => Math.fround(Math.atan2(y, x)) !== L.atan2f[i]);
    expect(naive.length).toBeGreaterThan(0);
  });
});
