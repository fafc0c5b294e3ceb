// Colormaps and NEURON's hover number against matplotlib 3.6.3 / Python (test/golden/plot):
// all 256 RGBA entries of every colormap as the same doubles, the hex colours NEURON makes of
// them, and "%.3f" for awkward values.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cm, colormap, colorToHex, COLORMAP_NAMES, toColormap } from "../../stdlib/plot/colormap.ts";
import { formatFixed } from "../../stdlib/plot/format.ts";
import { root } from "./cases.ts";

const golden = (name: string) => JSON.parse(readFileSync(path.join(root, "test", "golden", "plot", `${name}.json`), "utf8"));

describe("colormaps are matplotlib's tables", () => {
  const ref = golden("colormaps") as Record<string, { rgba: number[][]; hex: string[] }>;

  it("covers every colormap in the golden, and only those", () => {
    expect([...COLORMAP_NAMES].sort()).toEqual(Object.keys(ref).sort());
  });

  for (const name of Object.keys(ref)) {
    it(`${name}: 256 entries bit for bit, and NEURON's hex colours`, () => {
      const cmap = colormap(name);
      const rgba = Array.from({ length: 256 }, (_, i) => cmap(i));
      const bad = rgba.flatMap((c, i) => c.map((v, k) => (Object.is(v, ref[name]!.rgba[i]![k]) ? null : `${i}.${k}: ${v} vs ${ref[name]!.rgba[i]![k]}`))).filter(Boolean);
      expect(bad).toEqual([]);
      expect(rgba.map(colorToHex)).toEqual(ref[name]!.hex);
    });
  }

  it("cool's truncation quirk: index 33 is #20deff, not #21deff", () => {
    expect(colorToHex(cm.cool(33))).toBe("#20deff");
  });

  it("cm, names and functions as cmap", () => {
    expect(cm.viridis).toBe(colormap("viridis"));
    expect(toColormap("t", "jet")).toBe(cm.jet);
    const gray = toColormap("t", (i: number) => [i / 255, i / 255, i / 255]);
    expect(gray(255)).toEqual([1, 1, 1, 1]);
    expect("cool" in cm).toBe(true);
    expect(Object.keys(cm)).toEqual([...COLORMAP_NAMES]);
  });
});

describe("bad colormaps are clear errors", () => {
  it("cm.nosuch names the colormap and lists the ones there are", () => {
    expect(() => (cm as Record<string, unknown>).nosuch).toThrow(/cm\.nosuch: no colormap named "nosuch"; neuron-ts has .*cool.*viridis/);
  });
  it("a cmap name that does not exist", () => {
    expect(() => toColormap("PlotShape.plot", "Viridis")).toThrow(/PlotShape\.plot: colormap "Viridis" does not exist/);
  });
  it("a cmap that is not a colormap", () => {
    expect(() => toColormap("PlotShape.plot", 42)).toThrow(/cmap must be a colormap .* got 42/);
  });
  it("a colormap function returning something else", () => {
    const bad = toColormap("PlotShape.plot", () => "red");
    expect(() => bad(3)).toThrow(/must return \[r, g, b\].*for 3 it returned "red"/);
  });
  it("an index outside 0..255", () => {
    expect(() => cm.cool(256)).toThrow(/cm\.cool\(256\): the index must be an integer in 0\.\.255/);
    expect(() => cm.cool(0.5)).toThrow(/integer/);
  });
});

describe("hover numbers are C's %.3f", () => {
  it("matches Python's '%.3f' % val (ties to even, -0.000, no exponent form)", () => {
    const ref = golden("hover_format") as { values: number[]; text: string[] };
    expect(ref.values.map((v) => formatFixed(v, 3))).toEqual(ref.text);
  });
  it("nan and inf as C prints them", () => {
    expect([NaN, Infinity, -Infinity].map((v) => formatFixed(v))).toEqual(["nan", "inf", "-inf"]);
  });
});
