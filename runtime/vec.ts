// A growable double array: the storage behind h.Vector and every recording target.
// Invariant: buf.length >= n; values past n are unspecified.
export class Vec {
  buf: Float64Array;
  n = 0;

  constructor(capacity = 16) {
    this.buf = new Float64Array(Math.max(1, capacity));
  }

  static from(values: ArrayLike<number>): Vec {
    const v = new Vec(values.length);
    for (let i = 0; i < values.length; i++) v.buf[i] = values[i]!;
    v.n = values.length;
    return v;
  }

  push(x: number): void {
    if (this.n === this.buf.length) this.reserve(this.n * 2);
    this.buf[this.n++] = x;
  }

  /** Ensures room for `cap` values without reallocation. */
  reserve(cap: number): void {
    if (cap <= this.buf.length) return;
    const b = new Float64Array(cap);
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
  }

  /** Vector.resize: new elements are 0. */
  resize(n: number): void {
    if (n > this.buf.length) this.reserve(Math.max(n, this.buf.length * 2));
    if (n > this.n) this.buf.fill(0, this.n, n);
    this.n = n;
  }

  view(): Float64Array {
    return this.buf.subarray(0, this.n);
  }
}
