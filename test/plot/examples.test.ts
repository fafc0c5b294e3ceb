// The plotting and data examples (examples/plots) run with `neuron-ts run` and produce what the
// seed's snippets produce: the figures' traces and colours as NEURON's, the SVG and HTML plots,
// the exact CSV round trip.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runExample, root } from "./run-example.ts";

const golden = (name: string) => JSON.parse(readFileSync(path.join(root, "test", "golden", "plot", `${name}.json`), "utf8"));

/** Runs the example in a fresh folder; returns its output and the figures show() wrote. */
function run(name: string, args: string[] = []) {
  const cwd = mkdtempSync(path.join(os.tmpdir(), `neuron-ts-ex-${name}-`));
  const figures = path.join(cwd, "figures");
  const r = runExample(`examples/plots/${name}.ts`, { cwd, args, env: { NEURON_TS_FIGURES: figures } });
  expect(r.status, r.stderr).toBe(0);
  const shown = [...r.stderr.matchAll(/^figure: (.*)$/gm)].map((m) => m[1]!);
  expect(r.stderr.replace(/^figure: .*\n/gm, "")).toBe("");
  const figs = shown.map((f) => {
    const html = readFileSync(f, "utf8");
    return JSON.parse(/var fig = (.*);\n/.exec(html)![1]!);
  });
  return { ...r, cwd, shown, figs };
}

describe("plot examples", () => {
  it("shape_three_cell: 3 lines coloured as NEURON's", () => {
    const r = run("shape_three_cell");
    expect(r.figs).toHaveLength(1);
    const ref = golden("seed_three_cell").shape;
    expect(r.figs[0].data).toEqual(ref.data);
  });

  it("rangevarplot_three_cell: 205 points from main(0) to dend2(1), as NEURON's", () => {
    const r = run("rangevarplot_three_cell");
    expect(r.stdout).toBe("points: 205 x from 0.0 to 200.0\n");
    const ref = golden("seed_three_cell").rvp;
    expect(r.figs[0].data[0].x).toEqual(ref.x);
    expect(r.figs[0].data[0].y).toEqual(ref.y);
  });

  it("hh_trace: one line in the page and an SVG image", () => {
    const r = run("hh_trace");
    expect(r.figs[0].data).toHaveLength(1);
    expect(r.figs[0].data[0].x).toHaveLength(401);
    expect(Math.max(...r.figs[0].data[0].y)).toBeGreaterThan(40);
    const svg = readFileSync(path.join(r.cwd, "hh_trace.svg"), "utf8");
    expect(svg.match(/<path d="M/g)).toHaveLength(1);
    expect(svg).toContain("t (ms)");
  });

  it("c91662_shape (the seed's first script): NEURON's 194 colours", () => {
    const r = run("c91662_shape");
    const ref = golden("c91662").cool;
    expect(r.figs[0].data).toHaveLength(194);
    expect(r.figs[0].data.map((t: { line: { color: string } }) => t.line.color)).toEqual(ref.data.map((t: { line: { color: string } }) => t.line.color));
    expect(r.figs[0].data.map((t: { hovertemplate: string }) => t.hovertemplate)).toEqual(ref.data.map((t: { hovertemplate: string }) => t.hovertemplate));
  });
});

describe("data examples", () => {
  it("csv_roundtrip: data.csv with t and v, read back exactly", () => {
    const r = run("csv_roundtrip");
    expect(r.stdout).toBe("rows: 401 columns: t,v\nt exact: true v exact: true\n");
    expect(readdirSync(r.cwd).filter((f) => f !== "figures")).toEqual(["data.csv"]);
    expect(readFileSync(path.join(r.cwd, "data.csv"), "utf8").split("\n")[0]).toBe("t,v");
  });
});
