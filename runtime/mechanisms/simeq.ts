// scopmath's simeq (src/scopmath/simeq.c): Gaussian elimination with partial pivoting by row
// index (rows are never swapped, `perm` records the pivot order), on an n x (n+1) augmented
// matrix that it destroys. Reproduced step for step, because its rounding is part of the
// result of every LINEAR block (VClamp's clamp).

import { block, brIf, type Code, div, f64, F64, fabs, flt, get, I32, i32, iadd, ieq, ifThen, ine, ishl, load, mul, set, store as storeAt, sub } from "../wasm.ts";

/** An n x (n+1) augmented matrix for simeq, as rows; `zero()` clears it as zero_matrix does. */
export class AugmentedMatrix {
  readonly rows: Float64Array[];
  private readonly perm: Int32Array;
  constructor(readonly n: number) {
    this.rows = Array.from({ length: n }, () => new Float64Array(n + 1));
    this.perm = new Int32Array(n);
  }

  zero(): void {
    for (const r of this.rows) r.fill(0);
  }

  /**
   * Solves in place into `x` (length n). Returns false when a pivot is below 1e-20 in
   * magnitude (scopmath's SINGULAR); x is then unchanged.
   */
  solve(x: Float64Array): boolean {
    const { n, rows: coef, perm } = this;
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let j = 0; j < n; j++) {
      let ipivot = perm[j]!;
      let isave = 0;
      for (let i = j + 1; i < n; i++) {
        const jrow = perm[i]!;
        if (Math.abs(coef[ipivot]![j]!) < Math.abs(coef[jrow]![j]!)) {
          ipivot = jrow;
          isave = i;
        }
      }
      if (Math.abs(coef[ipivot]![j]!) < 1e-20) return false;
      if (ipivot !== perm[j]) {
        perm[isave] = perm[j]!;
        perm[j] = ipivot;
      }
      const prow = coef[ipivot]!;
      for (let kcol = j + 1; kcol <= n; kcol++) prow[kcol] = prow[kcol]! / prow[j]!;
      for (let i = j + 1; i < n; i++) {
        const row = coef[perm[i]!]!;
        for (let kcol = j + 1; kcol <= n; kcol++) row[kcol] = row[kcol]! - prow[kcol]! * row[j]!;
      }
    }
    for (let i = n - 1; i >= 0; i--) {
      const row = coef[perm[i]!]!;
      let xi = row[n]!;
      for (let j = i + 1; j < n; j++) xi -= row[j]! * x[j]!;
      x[i] = xi;
    }
    return true;
  }
}

/**
 * simeq for n = 3 as WebAssembly, the same operations in the same order: the augmented matrix's
 * rows at `base` (an i32 local: 3 rows of 4 doubles, 32 bytes each), solved in place; the
 * solution into the f64 locals `x`. The pivot order lives in three i32 locals and the loops are
 * unrolled. A pivot below 1e-20 sets the i32 local `singular` to 1 and leaves `x` unchanged.
 */
export function simeq3Wasm(e: { local(type: number): number }, base: number, x: readonly [number, number, number], singular: number): Code {
  const p = [e.local(I32), e.local(I32), e.local(I32)] as const;
  const ip = e.local(I32), isave = e.local(I32), xi = e.local(F64);
  const row = (r: number): Code => iadd(get(base), ishl(get(r), i32(5)));
  const A = (r: number, c: number): Code => load(8 * c, row(r));
  const out: Code[] = [set(p[0], i32(0)), set(p[1], i32(1)), set(p[2], i32(2)), set(singular, i32(0))];
  for (let j = 0; j < 3; j++) {
    out.push(set(ip, get(p[j])), set(isave, i32(0)));
    for (let i = j + 1; i < 3; i++) out.push(ifThen(flt(fabs(A(ip, j)), fabs(A(p[i], j))), set(ip, get(p[i])), set(isave, i32(i))));
    out.push(set(singular, flt(fabs(A(ip, j)), f64(1e-20))), brIf(0, get(singular)));
    const swaps: Code[] = [];
    for (let i = j + 1; i < 3; i++) swaps.push(ifThen(ieq(get(isave), i32(i)), set(p[i], get(p[j]))));
    out.push(ifThen(ine(get(ip), get(p[j])), ...swaps, set(p[j], get(ip))));
    for (let k = j + 1; k <= 3; k++) out.push(storeAt(8 * k, row(ip), div(A(ip, k), A(ip, j))));
    for (let i = j + 1; i < 3; i++) {
      for (let k = j + 1; k <= 3; k++) out.push(storeAt(8 * k, row(p[i]), sub(A(p[i], k), mul(A(ip, k), A(p[i], j)))));
    }
  }
  for (let i = 2; i >= 0; i--) {
    out.push(set(xi, A(p[i], 3)));
    for (let j = i + 1; j < 3; j++) out.push(set(xi, sub(get(xi), mul(A(p[i], j), get(x[j])))));
    out.push(set(x[i], get(xi)));
  }
  return block(...out);
}
