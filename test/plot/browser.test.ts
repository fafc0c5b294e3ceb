// Every kind of page and image neuron-ts writes, opened in a real browser (Debian's chromium,
// driven by playwright-core) with the network cut off: each HTML page draws the expected number
// of traces with no console errors and no request leaving the file; each gets a screenshot
// (printed paths, in the system's temporary folder).
import { mkdtempSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureChromium, CHROMIUM, CHROMIUM_ARGS } from "./chromium.ts";
import { cm, graph_objects as go, plotly, plt } from "../../stdlib/plot/index.ts";
import { c91662Model, newH, pt3dCell, threeCellShape } from "./cases.ts";

// Plotly.newPlot has drawn when the div carries its data and the main SVG exists.
const FIGURE_DRAWN = `(() => { const d = document.getElementById("figure"); return !!d && Array.isArray(d.data) && !!d.querySelector(".main-svg"); })()`;
const TRACE_COUNT = `document.getElementById("figure").data.length`;
const DRAWN_LAYERS = `document.querySelectorAll(".scatterlayer .trace, .gl-container canvas").length`;
const SVG_PATHS = `document.querySelectorAll("svg path").length`;

const out = mkdtempSync(path.join(os.tmpdir(), "neuron-ts-browser-"));
const pages: { name: string; file: string; traces: number }[] = [];

function page(name: string, traces: number, write: (file: string) => string): void {
  pages.push({ name, traces, file: write(path.join(out, `${name}.html`)) });
}

// The pages: the seed's figures and the other figure kinds.
{
  const h = newH();
  const { c, ps } = threeCellShape(h);
  page("shape_three_cell", 3, (f) => ps.plot(plotly).write_html(f));
  for (const sec of c.all) sec.nseg = 101;
  page("rangevarplot_three_cell", 1, (f) => h.RangeVarPlot("v", c.main(0), c.dend2(1)).plot(plotly).write_html(f));
}
{
  const h = newH();
  const { dend, obl } = pt3dCell(h);
  const fig = h.PlotShape(false).plot(plotly, { cmap: cm.viridis }).mark(dend(0.3)).mark(obl(1));
  page("shape_pt3d_marks", 9 + 2, (f) => fig.write_html(f));
}
{
  const h = c91662Model();
  const ps = h.PlotShape(false);
  ps.variable("v");
  page("shape_c91662", 194, (f) => ps.plot(plotly, { cmap: cm.cool }).write_html(f));
}
{
  plt.clf();
  plt.plot([0, 1, 2, 3, 4], [-65, 30, -70, -66, -65], { label: "v1" });
  plt.plot([0, 1, 2, 3, 4], [-65, -64, -60, 20, -72], "r--", { label: "v2" });
  plt.xlim(0, 4);
  plt.xlabel("t (ms)");
  plt.ylabel("v (mV)");
  plt.legend();
  page("pyplot_two_lines", 2, (f) => plt.savefig(f));
  pages.push({ name: "pyplot_two_lines_svg", traces: -1, file: plt.savefig(path.join(out, "pyplot_two_lines.svg")) });
  plt.clf();
}
{
  const fig = go.Figure();
  fig.add_trace(go.Scatter({ x: [1, 2, 3, 4, 5], y: [1, 2, 3, 4, 5], name: "identity", line: { width: 4 } }));
  fig.add_trace(go.Scatter({ x: [1, 2, 3, 4, 5], y: [1, 4, 9, 16, 25], name: "square", line: { dash: "dash" } }));
  fig.update_layout({ xaxis_title: "My xlabel", yaxis_title: "My ylabel" });
  page("go_figure", 2, (f) => fig.write_html(f));
}

describe("pages in a browser, offline", () => {
  let browser: Browser;
  beforeAll(async () => {
    ensureChromium();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const p of pages) {
    it(`${p.name}: ${p.traces >= 0 ? `${p.traces} traces` : "SVG image"}, no console errors, no network`, async () => {
      const ctx = await browser.newContext({ viewport: { width: 1000, height: 700 } });
      try {
        const tab = await ctx.newPage();
        const errors: string[] = [];
        const requests: string[] = [];
        tab.on("console", (m) => m.type() === "error" && errors.push(m.text()));
        tab.on("pageerror", (e) => errors.push(e.message));
        await tab.route("**/*", (route) => {
          const url = route.request().url();
          if (url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
          requests.push(url);
          return route.abort();
        });
        await tab.goto(`file://${p.file}`);
        if (p.traces >= 0) {
          // (Page code is given as strings: this project's TypeScript has no DOM types.)
          await tab.waitForFunction(FIGURE_DRAWN, undefined, { timeout: 60_000 });
          await tab.waitForTimeout(300);
          expect(await tab.evaluate(TRACE_COUNT)).toBe(p.traces);
          expect(await tab.evaluate(DRAWN_LAYERS)).toBeGreaterThan(0);
        } else {
          expect(await tab.evaluate(SVG_PATHS)).toBeGreaterThan(1);
        }
        const shot = p.file.replace(/\.(html|svg)$/, p.traces >= 0 ? ".png" : ".svg.png");
        await tab.screenshot({ path: shot });
        expect(statSync(shot).size).toBeGreaterThan(5000);
        process.stdout.write(`screenshot: ${shot}\n`);
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
      } finally {
        await ctx.close();
      }
    }, 120_000);
  }
});
