// The HOC interpreter on morphology files, against NEURON 8.2.2: NEURON's own demo pyramid.nrn
// (ntscable output: data read by fscan() after the statement, `\` continuations, an empty
// for loop, a redefined proc) and stylized.hoc (the rest of the subset, define_shape on a cell
// without 3-D points).
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { GOLDEN, compare, dumpCell, freshH, golden, inDir, report, totals } from "./helpers.ts";

const HOC = path.join(GOLDEN, "hoc");

function captureStdout<T>(fn: () => T): { value: T; out: string } {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  try {
    return { value: fn(), out };
  } finally {
    spy.mockRestore();
  }
}

describe("pyramid.nrn (NEURON demo, ntscable format)", () => {
  const g = golden("hoc_pyramid.json");
  it("builds NEURON's 79 sections with the same points, nseg, L and areas", () => {
    const h = freshH();
    inDir(HOC, () => h.load_file("pyramid.nrn"));
    let d = compare(g.totals, totals(h));
    expect(d.count, report(d)).toBe(0);
    d = compare(g.cell, dumpCell(h));
    expect(d.count, report(d)).toBe(0);
    expect(h.nspine).toBe(g.nspine);
  });

  it("replaces geometry() with the file's second definition", () => {
    const h = freshH();
    inDir(HOC, () => h.load_file("pyramid.nrn"));
    const { out } = captureStdout(() => h.geometry());
    expect(out).toBe("\nYou must re-read the entire geometry\nfile to execute geometry().\n\n");
  });
});

describe("semantics.hoc: operators, loops, procs, objects, sections, lists, patterns, files", () => {
  it("prints exactly what NEURON prints", () => {
    const h = freshH();
    const { out } = captureStdout(() => inDir(HOC, () => h.load_file("semantics.hoc")));
    const want = golden("hoc_semantics.json").stdout as string;
    expect(out.split("\n")).toEqual((want + "\n").split("\n"));
  });
});

describe("stylized.hoc", () => {
  const g = golden("hoc_stylized.json");
  it("matches NEURON: topology, nseg, tapers, mechanisms, define_shape points", () => {
    const h = freshH();
    const { out } = captureStdout(() => inDir(HOC, () => h.load_file("stylized.hoc")));
    let d = compare(g.totals, totals(h));
    expect(d.count, report(d)).toBe(0);
    d = compare(g.cell, dumpCell(h));
    expect(d.count, report(d)).toBe(0);
    expect(String(h.cas())).toBe(g.cas);
    expect(h.s).toBe(g.s);
    expect(out.replace(/\n$/, "")).toBe(g.stdout);
    for (const name of ["dends", "somatic", "everything"]) {
      expect(Array.from(h[name] as Iterable<{ name(): string }>, (s) => s.name()), name).toEqual(g.lists[name]);
    }
  });
});
