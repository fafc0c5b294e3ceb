// The TypeScript side of the loaders: h.SectionList (NEURON's seclist.cpp semantics), HOC names
// on h, h.delete_section on loaded sections, h.cas/h.secname, and the test helpers themselves.
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { DATA, GOLDEN, compare, freshH, inDir } from "./helpers.ts";

describe("h.SectionList", () => {
  function tree() {
    const h = freshH();
    const soma = h.Section("soma");
    const d = [0, 1, 2].map((i) => h.Section(`d${i}`));
    d[0]!.connect(soma(1));
    d[1]!.connect(soma(0));
    d[2]!.connect(d[0]!(1));
    const iso = h.Section("iso");
    return { h, soma, d, iso };
  }
  const names = (l: Iterable<{ name(): string }>) => Array.from(l, (s) => s.name());

  it("appends (positionally or { sec }), iterates, removes the first occurrence, unique, contains", () => {
    const { h, soma, d } = tree();
    const l = h.SectionList();
    l.append(soma);
    l.append({ sec: d[0]! });
    l.append(soma);
    expect(names(l)).toEqual(["soma", "d0", "soma"]);
    expect(l.length).toBe(3);
    expect(l.contains(d[0]!)).toBe(true);
    expect(l.contains({ sec: d[1]! })).toBe(false);
    expect(l.remove(soma)).toBe(1);
    expect(names(l)).toEqual(["d0", "soma"]);
    l.append(d[0]!);
    expect(l.unique()).toBe(1);
    expect(names(l)).toEqual(["d0", "soma"]);
    expect(String(l)).toBe("SectionList[0]");
  });

  it("subtree and wholetree are breadth first; children in sibling order; allroots in creation order", () => {
    const { h, soma, d, iso } = tree();
    const w = h.SectionList();
    w.wholetree(d[2]!);
    // soma's children by position: d1 at soma(0), then d0 at soma(1); then d0's child d2.
    expect(names(w)).toEqual(["soma", "d1", "d0", "d2"]);
    const s = h.SectionList();
    s.subtree(d[0]!);
    expect(names(s)).toEqual(["d0", "d2"]);
    const c = h.SectionList();
    c.children(soma);
    expect(names(c)).toEqual(names(soma.children()));
    const r = h.SectionList();
    r.allroots();
    expect(names(r)).toEqual(["soma", "iso"]);
    const fromIter = h.SectionList([iso, soma]);
    expect(names(fromIter)).toEqual(["iso", "soma"]);
    expect(fromIter.remove(r)).toBe(2);
    expect(fromIter.length).toBe(0);
  });

  it("drops deleted sections; rejects non-sections with a clear error", () => {
    const { h, soma, d } = tree();
    const l = h.SectionList([soma, d[0]!, d[1]!]);
    h.delete_section({ sec: d[0]! });
    expect(names(l)).toEqual(["soma", "d1"]);
    expect(() => l.append(3 as never)).toThrow(/SectionList\[0\]\.append must be a Section or \{ sec: Section \}, got 3/);
    expect(() => h.SectionList(5 as never)).toThrow(/an iterable of Sections/);
  });

  it("printnames prints one name per line", () => {
    const { h, soma, d } = tree();
    const l = h.SectionList([soma, d[2]!]);
    let out = "";
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
    l.printnames();
    spy.mockRestore();
    expect(out).toBe("soma\nd2\n");
  });
});

describe("loaded cells on h", () => {
  it("h.soma is the section, h.apic an array, h.apical a SectionList; delete_section removes one", () => {
    const h = freshH();
    inDir(DATA, () => h.load_file("c91662.ses"));
    expect(typeof h.soma).toBe("function");
    expect(h.soma(0.5).sec === h.soma).toBe(true);
    expect(h.apic[10] === h.apic[10]).toBe(true);
    expect(h.apical.length).toBe(134);
    expect(h.cas() === h.soma).toBe(true);
    expect(h.secname()).toBe("soma");
    const victim = h.apic[10];
    h.delete_section({ sec: victim });
    expect(Array.from(h.allsec()).length).toBe(193);
    expect(h.apical.length).toBe(133);
    expect(Array.from(h.all as Iterable<unknown>).includes(victim)).toBe(false);
    expect(() => victim.L).toThrow(/deleted/);
  });

  it("keeps the facade's own names: a HOC global never shadows h.<member>", () => {
    const h = freshH();
    const before = h.finitialize;
    inDir(path.join(GOLDEN, "hoc"), () => h.load_file("stylized.hoc"));
    expect(h.finitialize).toBe(before);
    expect(h.ndend).toBe(3);
    // H's index signature is read-only in the types; the HOC variable itself can be set.
    const hw = h as unknown as Record<string, unknown>;
    hw.ndend = 4;
    expect(h.ndend).toBe(4);
    expect(() => {
      hw.s = 5;
    }).toThrow(/HOC strdef and cannot be set to the number 5/);
  });

  it("h.pt3dstyle reports the wires Import3d makes", () => {
    const h = freshH();
    h.loadSWC(path.join(GOLDEN, "swc", "soma1pt_mixed.swc"));
    const wired = Array.from(h.allsec()).filter((s) => h.pt3dstyle({ sec: s })).map((s) => s.name());
    expect(wired.length).toBeGreaterThan(0);
    expect(h.pt3dstyle(0, { sec: h.dend[0] })).toBe(0);
  });
});

describe("the comparison the golden tests use", () => {
  it("finds a difference beyond 1e-9, any difference in 3-D points, and missing values", () => {
    expect(compare({ a: [1, 2] }, { a: [1, 2 + 1e-8] }).count).toBe(1);
    expect(compare({ a: [1, 2] }, { a: [1, 2 + 1e-12] }).count).toBe(0);
    expect(compare({ pts: [[1.5]] }, { pts: [[1.5 + 1e-12]] }).count).toBe(1);
    expect(compare({ a: 1, b: "x" }, { a: 1 }).count).toBe(1);
    expect(compare([1, 2, 3], [1, 2]).count).toBe(1);
  });
});
