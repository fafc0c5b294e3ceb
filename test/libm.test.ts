// runtime/libm.ts against glibc's own results (test/golden/libm.json, made by
// test/golden/make_libm.py from libm.so.6 on an FMA machine): every value must be bit-identical.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exp, fma, log, pow } from "../runtime/libm.ts";

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
