// Invariants of the h facade that are about identity and views rather than numbers.
import { describe, expect, it } from "vitest";
import { createH } from "../stdlib/h.ts";
import "../stdlib/section.ts";

describe("the h facade", () => {
  it("a section has one handle: segments, allsec and children return the same object", () => {
    const h = createH();
    const a = h.Section({ name: "a" });
    const b = h.Section({ name: "b" });
    b.connect(a(1));
    expect(a(0.5).sec).toBe(a);
    expect(Array.from(h.allsec())[1]).toBe(b);
    expect(a.children()[0]).toBe(b);
    expect(b.parentseg()!.sec).toBe(a);
    expect(String(a)).toBe("a");
    expect(`${b}`).toBe("b");
  });

  it("connect(parent, x, end) is connect(parent(x), end)", () => {
    const h = createH();
    const p = h.Section({ name: "p" });
    p.nseg = 3;
    const c1 = h.Section({ name: "c1" });
    const c2 = h.Section({ name: "c2" });
    c1.connect(p, 0.5, 1);
    c2.connect(p(0.5), 1);
    expect(String(c1.parentseg())).toBe(String(c2.parentseg()));
    expect(c1.orientation()).toBe(1);
    expect(c2.orientation()).toBe(1);
  });

  it("as_numpy is a view on the vector's storage, not a copy", () => {
    const h = createH();
    const v = h.Vector([1, 2, 3]);
    const a = v.as_numpy();
    expect(a).toBeInstanceOf(Float64Array);
    a[1] = 20;
    expect(v[1]).toBe(20);
    v[2] = 30;
    expect(a[2]).toBe(30);
    expect([...v]).toEqual([1, 20, 30]);
    expect(v.length).toBe(3);
  });

  it("a recording vector holds one value per step plus the initial one", () => {
    const h = createH();
    const s = h.Section({ name: "s" });
    const v = h.Vector().record(s(0.5)._ref_v);
    const t = h.Vector().record(h._ref_t);
    h.finitialize(-60);
    for (let i = 0; i < 10; i++) h.fadvance();
    expect(v.size()).toBe(11);
    expect(t[10]).toBe(0.25000000000000006);
    // Re-initialising starts the recording over.
    h.finitialize(-60);
    expect(v.size()).toBe(1);
  });

  it("a vector records one thing: recording a second reference replaces the first", () => {
    const h = createH();
    const s = h.Section({ name: "s" });
    const v = h.Vector();
    v.record(s(0.5)._ref_v);
    v.record(h._ref_t);
    h.finitialize(-60);
    h.fadvance();
    expect(v.to_python()).toEqual([0, 0.025]);
  });

  it("handles stay valid across nseg changes and renumbering", () => {
    const h = createH();
    const a = h.Section({ name: "a" });
    const b = h.Section({ name: "b" });
    const seg = b(0.9);
    seg.v = -30;
    a.nseg = 9;
    b.connect(a(1)); // b's nodes move behind a's
    h.finitialize();
    expect(seg.v).toBe(-30);
  });

  it("every mechanism's GLOBALs are h.<name>_<mechanism>, readable and writable", () => {
    const h = createH() as ReturnType<typeof createH> & Record<string, number>;
    expect(h.usetable_hh).toBe(1);
    expect(h.eps_IntFire4).toBe(1e-6);
    expect(h.taueps_IntFire4).toBe(0.01);
    h.eps_IntFire4 = 2e-6;
    expect(h.eps_IntFire4).toBe(2e-6);
    expect(() => (h.eps_IntFire4 = NaN)).toThrowError(/^h\.eps_IntFire4 must be a finite number, got NaN$/);
  });

  it("nc.weight is a view on each NetCon's own weights: length, index, iteration, no other keys", () => {
    const h = createH() as any;
    const s = h.Section({ name: "s" });
    const ns = h.NetStim();
    const a = h.NetCon(ns, h.ExpSyn(s(0.5)));
    const b = h.NetCon(ns, h.IntFire4());
    expect(a.weight.length).toBe(1);
    a.weight[0] = 0.25;
    b.weight[0] = -2;
    expect(a.weight[0]).toBe(0.25);
    expect([...a.weight, ...b.weight]).toEqual([0.25, -2]);
    expect(Object.keys(a.weight)).toEqual([]);
    expect(Reflect.ownKeys(a.weight)).toEqual([]);
    expect("w" in a.weight).toBe(false);
    expect(() => delete a.weight.w).toThrowError(TypeError);
    expect(() => Object.defineProperty(a.weight, "w", { value: 1 })).toThrowError(TypeError);
    expect(() => Object.preventExtensions(a.weight)).toThrowError(TypeError);
    expect("0" in a.weight).toBe(false);
    expect(a.weight.w).toBeUndefined();
    expect(() => (a.weight[1] = 1)).toThrowError(/^NetCon\[\d+\]\.weight\[1\]: index must be an integer in \[0, 1\), got 1$/);
    expect(() => (b.weight[0] = Infinity)).toThrowError(/^NetCon\[\d+\]\.weight\[0\] must be a finite number, got Infinity$/);
    expect([...a.weight, ...b.weight]).toEqual([0.25, -2]);
  });
});
