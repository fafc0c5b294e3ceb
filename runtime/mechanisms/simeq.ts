// scopmath's simeq (src/scopmath/simeq.c): Gaussian elimination with partial pivoting by row
// index (rows are never swapped, `perm` records the pivot order), on an n x (n+1) augmented
// matrix that it destroys. Reproduced step for step, because its rounding is part of the
// result of every LINEAR block (VClamp's clamp).

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
