// The figure object (plotly.py's go.Figure): to_json, update_layout's magic underscores, the
// self-contained HTML page, show(), and RangeVarPlot's other targets (a figure, plt).
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Figure } from "../../stdlib/plot/figure.ts";
import { graph_objects as go, plotly, plt } from "../../stdlib/plot/index.ts";
import { Cell, newH } from "./cases.ts";

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "neuron-ts-fig-"));

describe("Figure", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("the seed's go.Figure example: traces, magic-underscore layout, plotly.py's template", () => {
    const fig = go.Figure();
    fig.add_trace(go.Scatter({ x: [1, 2, 3, 4, 5], y: [1, 2, 3, 4, 5], name: "identity", line: { width: 4 } }));
    fig.add_trace(go.Scatter({ x: [1, 2, 3, 4, 5], y: [1, 4, 9, 16, 25], name: "square", line: { dash: "dash" } }));
    fig.update_layout({ xaxis_title: "My xlabel", yaxis_title: "My ylabel" });
    const j = JSON.parse(fig.to_json());
    expect(Object.keys(j)).toEqual(["data", "layout"]);
    expect(j.data.map((t: { type: string; name: string }) => [t.type, t.name])).toEqual([["scatter", "identity"], ["scatter", "square"]]);
    expect(j.layout.xaxis).toEqual({ title: { text: "My xlabel" } });
    expect(j.layout.yaxis).toEqual({ title: { text: "My ylabel" } });
    expect(j.layout.template.layout.scene.xaxis.backgroundcolor).toBe("#E5ECF6");
  });

  it("typed arrays become plain lists; traces are copies", () => {
    const x = new Float64Array([1, 2]);
    const fig = new Figure([{ type: "scatter", x, y: [3, 4] }]);
    x[0] = 99;
    expect(fig.to_dict().data[0]!.x).toEqual([1, 2]);
  });

  it("write_html: one self-contained page (plotly.js inlined, no network addresses in script tags)", () => {
    const dir = tmp();
    const file = plotly.graph_objects.Figure([go.Scatter({ x: [0, 1], y: [2, 3] })]).write_html(path.join(dir, "f.html"));
    const html = readFileSync(file, "utf8");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("plotly.js v4");
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect((html.match(/<\/script>/g) ?? []).length).toBe(2);
    expect(readdirSync(dir)).toEqual(["f.html"]); // no temporary file left
  });

  it("a '</script>' inside figure text cannot end the script element", () => {
    const dir = tmp();
    const file = new Figure([{ type: "scatter", x: [1], y: [1], name: "</script><b>x" }]).write_html(path.join(dir, "s.html"));
    const html = readFileSync(file, "utf8");
    expect((html.match(/<\/script>/g) ?? []).length).toBe(2);
    expect(html).toContain("\\u003c/script>\\u003cb>x");
  });

  it("show() writes into $NEURON_TS_FIGURES and says where on stderr", () => {
    const dir = tmp();
    vi.stubEnv("NEURON_TS_FIGURES", dir);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const file = new Figure().show();
    expect(path.dirname(file)).toBe(dir);
    expect(err).toHaveBeenCalledWith(`figure: ${file}\n`);
    expect(readdirSync(dir)).toEqual([path.basename(file)]);
  });
});

describe("RangeVarPlot targets", () => {
  it("plot(fig) adds a line to an existing figure; plot(plt) draws on pyplot", () => {
    const h = newH();
    const c = new Cell(h);
    const rvp = h.RangeVarPlot("v", c.main(0), c.dend2(1));
    const fig = go.Figure();
    expect(rvp.plot(fig, { name: "v" })).toBe(fig);
    expect(fig.data).toHaveLength(1);
    expect(fig.data[0]).toMatchObject({ type: "scatter", mode: "lines", name: "v" });
    plt.clf();
    rvp.plot(plt);
    expect(plt.gcf().lines).toHaveLength(1);
    expect(plt.gcf().lines[0]!.x).toEqual(fig.data[0]!.x);
    expect(rvp.vector().to_python()).toEqual(fig.data[0]!.y);
    plt.clf();
  });
});


describe("the package's separate bundles", () => {
  it("dist/index.js and dist/plot.js each carry a copy of the plot code; plotly and figures still match", async () => {
    const { build } = await import("esbuild");
    const { spawnSync } = await import("node:child_process");
    const { rmSync, writeFileSync } = await import("node:fs");
    const root = path.join(import.meta.dirname, "..", "..");
    const outdir = path.join(root, "node_modules", ".cache", "neuron-ts", `dist-test-${process.pid}`);
    try {
      await build({
        entryPoints: { index: path.join(root, "stdlib", "index.ts"), plot: path.join(root, "stdlib", "plot", "index.ts") },
        outdir, bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", logLevel: "error",
      });
      const main = path.join(outdir, "main.mjs");
      writeFileSync(main, `import { h } from "./index.js";
import { plotly, graph_objects as go } from "./plot.js";
const a = h.Section({ name: "a" });
const ps = h.PlotShape(false);
const fig = ps.plot(plotly);
const rvp = h.RangeVarPlot("v", a(0), a(1));
const f2 = go.Figure();
rvp.plot(f2);
console.log(fig.data.length, f2.data.length);
`);
      const r = spawnSync(process.execPath, [main], { encoding: "utf8" });
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe("1 1\n");
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
