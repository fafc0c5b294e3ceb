// Bad input to PlotShape / RangeVarPlot and to figure output: errors that name the object, the
// value and the rule, and no files left behind. (NEURON itself silently ignores an unknown
// variable name in PlotShape.variable; neuron-ts refuses it.)
import { chmodSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cm, plotly } from "../../stdlib/plot/index.ts";
import { Cell, newH } from "./cases.ts";

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "neuron-ts-bad-"));

describe("unknown variable names", () => {
  it("PlotShape.variable", () => {
    const h = newH();
    new Cell(h);
    const ps = h.PlotShape(false);
    expect(() => ps.variable("vm")).toThrow(/PlotShape\.variable\("vm"\): unknown range variable "vm"; valid are v, diam, cm/);
    expect(() => ps.variable("hh.m")).toThrow(/unknown range variable "hh\.m"; write "m_hh"/);
    expect(() => ps.variable(3 as unknown as string)).toThrow(/the variable must be a name such as "v" or "m_hh", got 3/);
  });
  it("RangeVarPlot", () => {
    const h = newH();
    const c = new Cell(h);
    expect(() => h.RangeVarPlot("voltage", c.main(0), c.dend2(1))).toThrow(/h\.RangeVarPlot\("voltage"\): unknown range variable "voltage"/);
  });
});

describe("PlotShape and RangeVarPlot arguments", () => {
  it("PlotShape(true) (an InterViews window) and a section as first argument", () => {
    const h = newH();
    const c = new Cell(h);
    expect(() => h.PlotShape(true as unknown as false)).toThrow(/h\.PlotShape flag must be false .*got true/);
    expect(() => h.PlotShape(c.main as never)).toThrow(/h\.PlotShape first argument must be a SectionList/);
  });
  it("plot() needs the plotly module; scale needs numbers; a colormap that does not exist", () => {
    const h = newH();
    new Cell(h);
    const ps = h.PlotShape(false);
    expect(() => ps.plot({} as never)).toThrow(/PlotShape\.plot: the first argument must be the plotly module/);
    expect(() => ps.scale(-80, NaN)).toThrow(/PlotShape\.scale hi must be a finite number, got NaN/);
    expect(() => ps.plot(plotly, { cmap: "coolest" })).toThrow(/PlotShape\.plot: colormap "coolest" does not exist; neuron-ts has autumn, binary/);
    expect(() => ps.plot(plotly, { cmap: (cm as unknown as Record<string, never>).coolest })).toThrow(/cm\.coolest: no colormap named "coolest"/);
  });
  it("RangeVarPlot between two trees, with a non-segment, after delete_section", () => {
    const h = newH();
    const a = h.Section({ name: "a" });
    const b = h.Section({ name: "b" });
    expect(() => h.RangeVarPlot("v", a(0), b(1))).toThrow(/RangeVarPlot: no path from a\(0\) to b\(1\): they are in different trees/);
    expect(() => h.RangeVarPlot("v", a as never, b(1))).toThrow(/RangeVarPlot\.begin must be a Segment such as dend\(0\), got a/);
    const rvp = h.RangeVarPlot("v", a(0), a(1));
    h.delete_section({ sec: a });
    expect(() => rvp.to_vector(h.Vector())).toThrow(/RangeVarPlot: section a has been deleted/);
    expect(() => h.RangeVarPlot("v", b(0), b(1)).to_vector([] as never)).toThrow(/RangeVarPlot\.to_vector yvec must be an h\.Vector/);
  });
});

describe("unwritable output paths leave nothing behind", () => {
  const fig = () => {
    const h = newH();
    new Cell(h);
    return h.PlotShape(false).plot(plotly);
  };
  it("a missing folder", () => {
    const dir = tmp();
    expect(() => fig().write_html(path.join(dir, "no", "f.html"))).toThrow(/Figure\.write_html: cannot write ".*no\/f\.html": its folder does not exist \(ENOENT\)/);
    expect(readdirSync(dir)).toEqual([]);
  });
  it("a read-only folder (as a non-root user) or a folder in the way", () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "keep.txt"), "x");
    expect(() => fig().write_html(dir)).toThrow(/Figure\.write_html: cannot write .*: it is a folder \(EISDIR\)|permission denied/);
    if (process.getuid?.() !== 0) {
      chmodSync(dir, 0o500);
      expect(() => fig().write_html(path.join(dir, "f.html"))).toThrow(/permission denied \(EACCES\)/);
      chmodSync(dir, 0o700);
    }
    expect(readdirSync(dir)).toEqual(["keep.txt"]);
  });
  it("an existing file is replaced whole or not at all", () => {
    const dir = tmp();
    const f = path.join(dir, "f.html");
    writeFileSync(f, "old");
    fig().write_html(f);
    expect(readdirSync(dir)).toEqual(["f.html"]);
  });
});
