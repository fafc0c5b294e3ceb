// Value-by-value comparison with the project's tolerance: |got - ref| <= tol * max(1, |ref|).
import { expect } from "vitest";

export const TOL = 1e-9;
/** Bit-identical: what the engine achieves wherever NEURON's arithmetic is reproduced exactly. */
export const EXACT = 0;

/** Numbers as the strings of their exact values (-0 apart from 0), for bit-for-bit `toEqual`. */
export const bits = (xs: number[]): string[] => xs.map((x) => (Object.is(x, -0) ? "-0" : String(x)));

export interface Mismatch {
  path: string;
  ref: unknown;
  got: unknown;
}

/** Walks ref and got together; returns the mismatches (lengths and strings must be equal). */
export function diff(ref: unknown, got: unknown, path = "$", tol = TOL, out: Mismatch[] = []): Mismatch[] {
  if (typeof ref === "number") {
    if (typeof got !== "number") out.push({ path, ref, got });
    else if (Number.isNaN(ref) ? !Number.isNaN(got) : !(Math.abs(ref - got) <= tol * Math.max(1, Math.abs(ref)))) {
      out.push({ path, ref, got });
    }
  } else if (Array.isArray(ref)) {
    if (!Array.isArray(got) || got.length !== ref.length) {
      out.push({ path: `${path}.length`, ref: ref.length, got: Array.isArray(got) ? got.length : got });
    } else {
      for (let i = 0; i < ref.length; i++) diff(ref[i], got[i], `${path}[${i}]`, tol, out);
    }
  } else if (ref && typeof ref === "object") {
    for (const k of Object.keys(ref)) diff((ref as Record<string, unknown>)[k], (got as Record<string, unknown>)?.[k], `${path}.${k}`, tol, out);
  } else if (ref !== got) {
    out.push({ path, ref, got });
  }
  return out;
}

/** Asserts that got matches ref value by value; the failure lists the first mismatches. */
export function expectMatches(got: unknown, ref: unknown, tol = TOL): void {
  const bad = diff(ref, got, "$", tol);
  expect(bad.slice(0, 5), `${bad.length} values differ from NEURON`).toEqual([]);
}

/** Largest |got - ref| over two equally shaped numeric structures (for reporting). */
export function maxAbsDiff(ref: unknown, got: unknown): number {
  if (typeof ref === "number" && typeof got === "number") return Math.abs(ref - got);
  if (Array.isArray(ref) && Array.isArray(got)) {
    let m = 0;
    for (let i = 0; i < Math.min(ref.length, got.length); i++) m = Math.max(m, maxAbsDiff(ref[i], got[i]));
    return m;
  }
  if (ref && typeof ref === "object" && got && typeof got === "object") {
    let m = 0;
    for (const k of Object.keys(ref)) m = Math.max(m, maxAbsDiff((ref as never)[k], (got as never)[k]));
    return m;
  }
  return 0;
}
