// PlotShape and RangeVarPlot figures against NEURON 8.2.2's (test/golden/plot, made by
// make_plot_goldens.py): every trace, coordinate, hover text, colour and layout value, and every
// RangeVarPlot x/y, bit for bit (tolerance 0).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diff, EXACT } from "../helpers/compare.ts";
import * as cases from "./cases.ts";

const golden = (name: string) => JSON.parse(readFileSync(path.join(cases.root, "test", "golden", "plot", `${name}.json`), "utf8"));

type Fig = { data: { hovertemplate: string; line?: { color: string }; x: number[]; y: number[]; z: number[] }[]; layout: Record<string, unknown> };

/** Largest |got - ref| over every number of two figures' traces. */
function maxAbsDiff(ref: Fig, got: Fig): number {
  let m = 0;
  ref.data.forEach((tr, i) => {
    for (const k of ["x", "y", "z"] as const) tr[k]?.forEach((v, j) => (m = Math.max(m, Math.abs(v - got.data[i]![k][j]!))));
  });
  return m;
}

function expectSame(ref: unknown, got: unknown): void {
  const bad = diff(ref, got, "$", EXACT);
  expect(bad.slice(0, 5), `${bad.length} values differ from NEURON`).toEqual([]);
}

describe("figures equal NEURON's, value by value", () => {
  it("the seed's three-section cell: PlotShape (define_shape layout) and RangeVarPlot main(0) → dend2(1)", () => {
    const ref = golden("seed_three_cell");
    const got = cases.seed_three_cell();
    expect(got.shape.data).toHaveLength(3);
    expect(got.shape.data.map((t: { hovertemplate: string }) => t.hovertemplate)).toEqual([
      "Cell[0].main(0.5)<br>50.000", "Cell[0].dend1(0.5)<br>0.000", "Cell[0].dend2(0.5)<br>-65.000",
    ]);
    expect(got.rvp.x).toHaveLength(205);
    expect(maxAbsDiff(ref.shape, got.shape)).toBe(0);
    expectSame(ref, got);
  });

  it("RangeVarPlot paths: through the common ancestor, reversed, mid-section ends, origin", () => {
    expectSame(golden("three_cell_paths"), cases.three_cell_paths());
  });

  it("3-D points with nseg > 1 (segments cut at arc positions), variables, colormaps, scales, SectionList, mark()", () => {
    const ref = golden("pt3d_shapes");
    const got = cases.pt3d_shapes() as Record<string, Fig>;
    expect(got.v_viridis!.data).toHaveLength(9); // 1 + 5 + 3 segments
    expect(got.sectionlist_mark!.data).toHaveLength(3 + 1 + 2); // obl, soma, then two marks
    for (const k of ["v_viridis", "v_jet_scaled", "m_hh", "ina_hot", "diam_default_cmap", "sectionlist_mark"]) {
      expect(maxAbsDiff(ref[k], got[k]!), k).toBe(0);
    }
    expect(got.m_hh!.data.filter((t) => t.line!.color === "black")).toHaveLength(3); // obl has no hh
    expect((got as unknown as { rvp_m_hh_obl_error: boolean }).rvp_m_hh_obl_error).toBe(true);
    expectSame(ref, got);
  });

  it("c91662 (the seed's first script): 194 traces, 1702 points, 82 colours (cool), viridis colours, RangeVarPlots", () => {
    const ref = golden("c91662");
    const got = cases.c91662();
    expect(got.cool.data).toHaveLength(194);
    expect(got.cool.data.reduce((n: number, t: { x: number[] }) => n + t.x.length, 0)).toBe(1702);
    expect(new Set(got.cool.data.map((t: { line: { color: string } }) => t.line.color)).size).toBe(82);
    expect(got.cool.data[0].hovertemplate).toBe("soma(0.5)<br>42.814");
    expect(maxAbsDiff(ref.cool, got.cool)).toBe(0);
    expect(got.viridis_colors).toEqual(ref.viridis_colors);
    expect(got.rvp_soma.x).toHaveLength(69);
    expect(got.rvp_basal.x).toHaveLength(77);
    expectSame(ref, got);
  });
});

describe("the comparison can fail", () => {
  it("a one-ulp change in a coordinate or a different colour is caught", () => {
    const ref = golden("seed_three_cell");
    const got = cases.seed_three_cell();
    got.shape.data[1].x[1] = got.shape.data[1].x[1] + 2 ** -40;
    got.shape.data[2].line.color = "#000000";
    expect(diff(ref, got, "$", EXACT).map((m) => m.path)).toEqual(["$.shape.data[1].x[1]", "$.shape.data[2].line.color"]);
  });
});
