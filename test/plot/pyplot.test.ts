// plt, the small pyplot: the seed's plt.plot(t, v) and plt.plot(t, v1, t, v2) with labels,
// limits and a legend, drawn as plotly (show, savefig .html) and as SVG (savefig .svg).
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { COLOR_CYCLE, plt, toPlotly } from "../../stdlib/plot/pyplot.ts";
import { newH } from "./cases.ts";

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "neuron-ts-plt-"));

describe("plt", () => {
  beforeEach(() => plt.clf());

  it("plot(t, v) with Vectors: one line of the recorded values, matplotlib's first colour", () => {
    const h = newH();
    const soma = h.Section({ name: "soma" });
    h.hh.insert(soma);
    const t = h.Vector().record(h._ref_t);
    const v = h.Vector().record(soma(0.5)._ref_v);
    h.finitialize(-65);
    h.continuerun(1);
    const [line] = plt.plot(t, v);
    expect(line!.x).toEqual(t.to_python());
    expect(line!.y).toEqual(v.to_python());
    expect(line!.color).toBe(COLOR_CYCLE[0]);
    const fig = toPlotly(plt.gcf()).to_dict();
    expect(fig.data).toHaveLength(1);
    expect(fig.data[0]).toMatchObject({ type: "scatter", mode: "lines", x: t.to_python(), y: v.to_python() });
  });

  it("plot(t, v1, t, v2) and xlim((0, 10)): two lines in the colour cycle, fixed x range", () => {
    plt.plot([0, 5, 10], [1, 2, 3], [0, 5, 10], [3, 2, 1]);
    plt.xlim([0, 10]);
    plt.legend(["cell 1", "cell 2"]);
    const f = plt.gcf();
    expect(f.lines.map((l) => [l.color, l.label])).toEqual([[COLOR_CYCLE[0], "cell 1"], [COLOR_CYCLE[1], "cell 2"]]);
    const fig = toPlotly(f).to_dict();
    expect(fig.layout.xaxis).toMatchObject({ range: [0, 10], autorange: false });
    expect(fig.layout.showlegend).toBe(true);
  });

  it("plot(y), format strings and options", () => {
    const [a] = plt.plot([3, 1, 2]);
    expect(a!.x).toEqual([0, 1, 2]);
    const [b] = plt.plot([1, 2], [3, 4], "r--", { label: "b", linewidth: 3 });
    expect(b).toMatchObject({ color: "#ff0000", linestyle: "--", linewidth: 3, label: "b" });
    const [c] = plt.plot([1, 2], [3, 4], "ko");
    expect(c).toMatchObject({ color: "#000000", marker: "o", linestyle: "" });
    expect(toPlotly(plt.gcf()).data[2]).toMatchObject({ mode: "markers" });
  });

  it("savefig .svg: axes, ticks, labels, legend and one path per line", () => {
    plt.plot([0, 1, 2, 3], [-65, 40, -70, -65], { label: "soma(0.5)" });
    plt.plot([0, 1, 2, 3], [-65, -60, -62, -65], { label: "dend <&>" });
    plt.xlabel("t (ms)");
    plt.ylabel("v (mV)");
    plt.title("HH");
    plt.legend();
    const dir = tmp();
    const file = plt.savefig(path.join(dir, "v.svg"));
    const svg = readFileSync(file, "utf8");
    expect(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")).toBe(true);
    expect(svg.match(/<path d="M/g)).toHaveLength(2);
    for (const s of ["t (ms)", "v (mV)", ">HH<", "soma(0.5)", "dend &lt;&amp;&gt;"]) expect(svg).toContain(s);
    expect(svg).toContain(">−60<"); // d3's tick labels (matplotlib also uses the minus sign)
    expect(readdirSync(dir)).toEqual(["v.svg"]);
  });

  it("savefig .html: the plotly page (the figure stays current)", () => {
    plt.plot([1, 2], [3, 4]);
    const dir = tmp();
    const html = readFileSync(plt.savefig(path.join(dir, "v.html")), "utf8");
    expect(html).toContain('"type":"scatter"');
    expect(plt.gcf().lines).toHaveLength(1);
  });

  it("NaN gaps break the SVG line instead of drawing to nowhere", () => {
    plt.plot([0, 1, 2, 3], [0, NaN, 2, 3]);
    const svg = readFileSync(plt.savefig(path.join(tmp(), "g.svg")), "utf8");
    expect(svg).toMatch(/<path d="M[^"]*M[^"]*"/); // two subpaths
  });
});

describe("plt bad input", () => {
  beforeEach(() => plt.clf());
  it("unknown format string, mismatched lengths, non-numbers", () => {
    expect(() => plt.plot([1], [2], "q")).toThrow(/plt\.plot: unknown format string "q"/);
    expect(() => plt.plot([1, 2], [2])).toThrow(/x and y must have the same length, got 2 and 1/);
    expect(() => plt.plot([1, "a"] as unknown as number[])).toThrow(/plt\.plot y \(argument 1\)\[1\] must be a number, got a/);
    expect(() => plt.plot()).toThrow(/nothing to plot/);
  });
  it("bad limits and savefig formats", () => {
    expect(() => plt.xlim(1, 1)).toThrow(/plt\.xlim: the two limits must differ/);
    expect(() => plt.ylim(0, NaN)).toThrow(/plt\.ylim: limits must be two finite numbers/);
    expect(() => plt.savefig(path.join(tmp(), "v.png"))).toThrow(/unsupported format "png"; the file name must end in \.svg or \.html/);
  });
  it("an unwritable path: a clear error and no file", () => {
    plt.plot([1, 2], [3, 4]);
    const dir = tmp();
    expect(() => plt.savefig(path.join(dir, "missing", "v.svg"))).toThrow(/plt\.savefig: cannot write ".*missing\/v\.svg": its folder does not exist \(ENOENT\)/);
    expect(() => plt.savefig(path.join(dir, "missing", "v.html"))).toThrow(/Figure\.write_html: cannot write .*its folder does not exist/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
