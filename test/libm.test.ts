// runtime/libm.ts against glibc's own results (test/golden/libm.json, made by
// test/golden/make_libm.py from libm.so.6 on an FMA machine): every value must be bit-identical.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exp, expArray, expInternals, expScratch, expUsesWasm, fma, log, pow } from "../runtime/libm.ts";

const golden = JSON.parse(readFileSync(path.join(import.meta.dirname, "golden", "libm.json"), "utf8"));

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function fromHex(h: string): number {
  u32[1] = parseInt(h.slice(0, 8), 16);
  u32[0] = parseInt(h.slice(8, 16), 16);
  return f64[0];
}

function toHex(x: number): string {
  f64[0] = x;
  return u32[1].toString(16).padStart(8, "0") + u32[0].toString(16).padStart(8, "0");
}

/** Runs f over the golden rows ("arg... result" bit patterns) and lists the mismatches. */
function mismatches(rows: string[], f: (...args: number[]) => number): string[] {
  const bad: string[] = [];
  for (const row of rows) {
    const v = row.split(" ").map(fromHex);
    const want = v.pop()!;
    const got = f(...v);
    // Object.is: +0 and -0 differ; every NaN equals every NaN (JS cannot promise NaN payloads)
    if (!Object.is(got, want)) {
      bad.push(`${row.split(" ").slice(0, -1).join(",")} (${v.join(", ")}): got ${toHex(got)} ${got}, glibc ${toHex(want)} ${want}`);
    }
  }
  return bad;
}

describe("libm.ts is bit-identical to glibc 2.36 (x86_64, FMA variants)", () => {
  const cases: [string, (...args: number[]) => number][] = [
    ["exp", exp],
    ["log", log],
    ["pow", pow],
    ["fma", fma],
  ];
  for (const [name, f] of cases) {
    it(`${name}: ${golden[name].length} values`, () => {
      const rows: string[] = golden[name];
      expect(rows.length).toBeGreaterThan(name === "fma" ? 5000 : 20000);
      const bad = mismatches(rows, f);
      if (bad.length) console.log(`${name}: ${bad.length} of ${rows.length} mismatch\n  ${bad.slice(0, 20).join("\n  ")}`);
      expect(bad.length, `${name}: ${bad.length} of ${rows.length} values differ from glibc`).toBe(0);
    });
  }

  it("has the exact special values", () => {
    expect(Object.is(exp(-Infinity), 0)).toBe(true);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(710)).toBe(Infinity);
    expect(Object.is(exp(-746), 0)).toBe(true);
    expect(exp(0)).toBe(1);
    expect(log(0)).toBe(-Infinity);
    expect(log(-0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(Object.is(log(1), 0)).toBe(true);
    expect(pow(0, -1)).toBe(Infinity);
    expect(pow(-0, -1)).toBe(-Infinity);
    expect(pow(-2, 0.5)).toBeNaN();
    expect(pow(Number.NaN, 0)).toBe(1);
    expect(pow(1, Number.NaN)).toBe(1);
    expect(Object.is(pow(-8, 1 / 3), Number.NaN)).toBe(true);
    expect(Object.is(pow(-0.5, 1075), -0)).toBe(true);
  });
});

describe("expArray is bit-identical to exp (glibc's __exp_fma)", () => {
  const rows: string[] = golden.exp;
  const args = new Float64Array(rows.map((r) => fromHex(r.split(" ")[0])));
  const want = new Float64Array(rows.map((r) => fromHex(r.split(" ")[1])));

  /** Indices where got differs from want (Object.is: +0/-0 differ, NaNs are equal). */
  function diff(got: Float64Array, ref: Float64Array, n = ref.length): number[] {
    const bad: number[] = [];
    for (let i = 0; i < n; i++) if (!Object.is(got[i], ref[i])) bad.push(i);
    return bad;
  }

  function report(name: string, bad: number[], x: Float64Array, got: Float64Array, ref: Float64Array): void {
    if (bad.length) {
      console.log(`${name}: ${bad.length} mismatch\n  ` + bad.slice(0, 10).map((i) => `${x[i]}: got ${toHex(got[i])}, want ${toHex(ref[i])}`).join("\n  "));
    }
  }

  it("uses the WebAssembly kernel where the CPU has FMA (x86_64 Linux)", () => {
    const fmaCpu = process.arch === "x64" && existsSync("/proc/cpuinfo") && /\bfma\b/.test(readFileSync("/proc/cpuinfo", "utf8"));
    console.log(`exp/expArray via WebAssembly relaxed-SIMD fma: ${expUsesWasm()}`);
    if (fmaCpu) expect(expUsesWasm()).toBe(true);
  });

  it(`golden exp values (${rows.length}), one array (copied in chunks) and in scratch (in place)`, () => {
    const a = args.slice();
    expArray(a, a.length);
    let bad = diff(a, want);
    report("expArray", bad, args, a, want);
    expect(bad.length).toBe(0);
    const s = expScratch(args.length);
    s.set(args);
    expArray(s, s.length);
    bad = diff(s, want);
    report("expArray scratch", bad, args, s, want);
    expect(bad.length).toBe(0);
  });

  it("golden exp values through the JavaScript path", () => {
    const a = args.slice();
    expInternals.expArrayJs(a, a.length);
    const bad = diff(a, want);
    report("expArrayJs", bad, args, a, want);
    expect(bad.length).toBe(0);
  });

  it("every length 0..40 and offset, specials anywhere, elements past n untouched", () => {
    const specials = [Infinity, -Infinity, NaN, 512, -512, 511.99999999999994, 709.78, 710, -745.2, -708.5, 0, -0, 1e-300, 5e-324];
    const s = expScratch(48);
    for (let n = 0; n <= 40; n++) {
      for (let k = 0; k < n + 1; k++) {
        const x = new Float64Array(48);
        for (let i = 0; i < 48; i++) x[i] = -0.4 + 0.0173 * i;
        if (k < n) x[k] = specials[(n + k) % specials.length];
        if (k + 9 < n) x[k + 9] = specials[(n * k) % specials.length];
        const ref = x.map((v, i) => (i < n ? exp(v) : v));
        for (const a of [x.slice(), s]) {
          a.set(x);
          expArray(a, n);
          const bad = diff(a, ref, 48);
          if (bad.length) console.log(`n ${n} k ${k}: ${bad.map((i) => `${x[i]} -> ${a[i]}, want ${ref[i]}`).join("; ")}`);
          expect(bad.length).toBe(0);
        }
      }
    }
    expect(() => expArray(new Float64Array(3), 4)).toThrow(RangeError);
  });

  it("random arguments (hh range, [-50, 50], [-745, 710]) agree with the exact path", () => {
    let seed = 12345;
    const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) | 0) >>> 0) / 4294967296;
    const M = 100_000;
    for (const [lo, hi] of [[-0.5, -1e-4], [-50, 50], [-745, 710]]) {
      const x = new Float64Array(M);
      for (let i = 0; i < M; i++) x[i] = lo + (hi - lo) * rnd();
      const ref = x.map((v) => expInternals.expExact(v));
      const a = x.slice();
      expArray(a, M);
      const j = x.slice();
      expInternals.expArrayJs(j, M);
      const sc = x.map((v) => exp(v));
      for (const [name, got] of [["expArray", a], ["expArrayJs", j], ["exp", sc]] as const) {
        const bad = diff(got, ref);
        report(`${name} [${lo}, ${hi}]`, bad, x, got, ref);
        expect(bad.length).toBe(0);
      }
    }
  });

  // last: it switches the WebAssembly kernels off for this module instance
  it("falls back to JavaScript, same results, when the kernel's madd does not fuse", () => {
    const s = expScratch(args.length);
    expInternals.breakFusionTest();
    s.set(args);
    expArray(s, s.length); // the kernel refuses at once; everything in JavaScript
    expect(expUsesWasm()).toBe(false);
    let bad = diff(s, want);
    report("expArray after fallback", bad, args, s, want);
    expect(bad.length).toBe(0);
    const a = args.slice();
    expArray(a, a.length);
    bad = diff(a, want);
    expect(bad.length).toBe(0);
    expect(mismatches(rows, exp).length).toBe(0);
  });
});
