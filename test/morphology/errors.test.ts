// Malformed input: every loader fails with file:line:column and the reason, quotes the source
// line, and leaves the model as it was (no half-built cell, no names on h).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { H } from "../../stdlib/api.ts";
import { BAD, DATA, freshH, inDir } from "./helpers.ts";

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error, but the call succeeded");
}

/** The model holds only `keep` and h has none of `names`. */
function untouched(h: H, keep: string[], names: string[]) {
  expect(Array.from(h.allsec(), (s) => s.name())).toEqual(keep);
  for (const n of names) expect(h[n], `h.${n}`).toBeUndefined();
}

describe("truncated Cell Builder sessions", () => {
  const full = readFileSync(path.join(DATA, "c91662.ses"), "latin1");

  it("fails at the end of the file when the 3-D data stop early, and builds nothing", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ntses-"));
    // Cut in the middle of the x y z d lines that rdses() reads with fscan().
    const cut = full.indexOf("\n", full.indexOf("slist.object(i).rdses()") + 20000);
    writeFileSync(path.join(dir, "cut.ses"), full.slice(0, cut + 1));
    const h = freshH();
    h.Section("keep");
    const e = thrown(() => inDir(dir, () => h.load_file("cut.ses")));
    const lines = full.slice(0, cut + 1).split("\n").length;
    expect(e.message).toMatch(new RegExp(`^cut\\.ses:${lines}:1: fscan\\(\\): end of file while reading a number \\(the file is truncated\\)`));
    untouched(h, ["keep"], ["soma", "axon", "basal", "apic", "all", "apical", "ocbox_"]);
  });

  it("fails when the session ends before cexport()", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ntses-"));
    const cut = full.indexOf("{object_push(subsets)}");
    writeFileSync(path.join(dir, "nocexport.ses"), full.slice(0, cut));
    const h = freshH();
    const e = thrown(() => inDir(dir, () => h.load_file("nocexport.ses")));
    expect(e.message).toMatch(/^nocexport\.ses:\d+:\d+: CellBuild session: the file ends before cexport\(\) \(is it truncated\?\); no cell was built/);
    untouched(h, [], ["soma", "ocbox_"]);
  });

  it("fails on a block that is never closed, naming where it opened", () => {
    const h = freshH();
    const e = thrown(() => inDir(BAD, () => h.load_file("truncated_block.ses")));
    expect(e.message).toMatch(/^truncated_block\.ses:10:1: block: '\{' is never closed with '\}' \(the file ends first\)\n {4}\{\n {4}\^/);
    untouched(h, [], ["ocbox_"]);
  });
});

describe("malformed SWC", () => {
  const cases: Array<[string, RegExp]> = [
    ["missing_parent.swc", /^missing_parent\.swc:5:1: SWC point: parent id 9 of point 4 does not exist\n {4}4 3 20 0 0 1 9\n {4}\^/],
    ["cycle.swc", /^cycle\.swc:4:1: SWC point: parent id 5 of point 3 is not smaller than its id: parents must come first \(a cycle or a forward reference\)/],
    ["duplicate.swc", /^duplicate\.swc:3:1: SWC point: id 2 is used twice \(first at line 2\)/],
    ["garbage.swc", /^garbage\.swc:2:1: SWC line: expected 7 numbers \(id type x y z radius parent\) or a # comment\n {4}2 3 5 0 zero 1 1/],
    ["unsorted.swc", /^unsorted\.swc:4:1: SWC point: ids must increase down the file \(id 21 follows id 23\)/],
  ];
  for (const [file, re] of cases) {
    it(`${file}: fails with file:line and the reason, and builds nothing`, () => {
      const h = freshH();
      h.Section("keep");
      const r = h.Import3d_SWC_read();
      const e = thrown(() => inDir(BAD, () => r.input(file)));
      expect(e.message).toMatch(re);
      expect(() => h.Import3d_GUI(r, false).instantiate(null)).toThrow(/call input\(file\)/);
      untouched(h, ["keep"], ["soma", "dend"]);
      expect(() => inDir(BAD, () => h.loadSWC(file))).toThrow(re);
      untouched(h, ["keep"], ["soma", "dend"]);
    });
  }
});

describe("HOC outside the subset, and failures mid-file", () => {
  it("an unknown statement (begintemplate) rolls back the sections made before it", () => {
    const h = freshH();
    h.Section("keep");
    const e = thrown(() => inDir(BAD, () => h.load_file("unknown_statement.hoc")));
    expect(e.message).toMatch(/^unknown_statement\.hoc:4:1: begintemplate: templates \(begintemplate \.\.\. endtemplate\) are outside the HOC subset/);
    expect(e.message).toContain("\n    begintemplate Cell\n    ^");
    untouched(h, ["keep"], ["soma", "dend"]);
  });

  it("an unknown function names itself and its position; SectionLists made before it go too", () => {
    const h = freshH();
    const e = thrown(() => inDir(BAD, () => h.load_file("unknown_function.hoc")));
    expect(e.message).toMatch(/^unknown_function\.hoc:6:1: frobnicate\(\): undefined function frobnicate\(\)\n {4}frobnicate\(3\)\n {4}\^/);
    untouched(h, [], ["soma", "all"]);
  });

  it("a syntax error names what was expected", () => {
    const h = freshH();
    const e = thrown(() => inDir(BAD, () => h.load_file("syntax.hoc")));
    expect(e.message).toMatch(/^syntax\.hoc:2:17: connect: expected ',', found 'soma'/);
    untouched(h, [], ["soma", "dend"]);
  });

  it("a failure in a nested load_file rolls back the outer file too", () => {
    const h = freshH();
    const e = thrown(() => inDir(BAD, () => h.load_file("outer.hoc")));
    expect(e.message).toMatch(/^inner_bad\.hoc:2:17: nseg =: .*nseg must be an integer in \[1, 32767\], got 0/);
    untouched(h, [], ["outer_soma", "outer_x", "inner_dend"]);
    // Nothing was marked loaded: fixing the problem and loading again works.
  });

  it("a missing file is an error that says where it looked", () => {
    const h = freshH();
    expect(() => h.load_file("no/such/file.hoc")).toThrow(/load_file\("no\/such\/file\.hoc"\): no such file \(looked for .*no\/such\/file\.hoc\)/);
  });
});
