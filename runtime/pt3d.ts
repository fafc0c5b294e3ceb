// A section's 3-D points, stored as NEURON stores them: x, y, z, d as float32 and arc length as
// double, where each arc increment is sqrt of squared float32 differences (float − float is a
// float32 operation in C, then widened): src/nrnoc/treeset.cpp nrn_pt3dmodified.

export class Pt3dList {
  n = 0;
  x = new Float32Array(4);
  y = new Float32Array(4);
  z = new Float32Array(4);
  d = new Float32Array(4);
  arc = new Float64Array(4);

  add(x: number, y: number, z: number, d: number): void {
    this.insert(this.n, x, y, z, d);
  }

  insert(i0: number, x: number, y: number, z: number, d: number): void {
    this.reserve(this.n + 1);
    for (let i = this.n - 1; i >= i0; i--) {
      this.x[i + 1] = this.x[i]!;
      this.y[i + 1] = this.y[i]!;
      this.z[i + 1] = this.z[i]!;
      this.d[i + 1] = this.d[i]!;
    }
    this.n++;
    this.x[i0] = x;
    this.y[i0] = y;
    this.z[i0] = z;
    this.d[i0] = d;
    this.modified(i0);
  }

  remove(i0: number): void {
    for (let i = i0 + 1; i < this.n; i++) {
      this.x[i - 1] = this.x[i]!;
      this.y[i - 1] = this.y[i]!;
      this.z[i - 1] = this.z[i]!;
      this.d[i - 1] = this.d[i]!;
    }
    this.n--;
    if (this.n > 0) this.modified(Math.min(i0, this.n - 1));
  }

  change(i: number, x: number, y: number, z: number, d: number): void {
    this.x[i] = x;
    this.y[i] = y;
    this.z[i] = z;
    this.d[i] = d;
    this.modified(i);
  }

  clear(): void {
    this.n = 0;
  }

  /** Recomputes arc lengths from point i0 on. */
  modified(i0: number): void {
    if (i0 === 0) {
      this.arc[0] = 0;
      i0 = 1;
    }
    const { x, y, z, arc } = this;
    for (let i = i0; i < this.n; i++) {
      const t1 = Math.fround(x[i]! - x[i - 1]!);
      const t2 = Math.fround(y[i]! - y[i - 1]!);
      const t3 = Math.fround(z[i]! - z[i - 1]!);
      arc[i] = arc[i - 1]! + Math.sqrt(t1 * t1 + t2 * t2 + t3 * t3);
    }
  }

  /** The section length the points define (the last arc). */
  length(): number {
    return this.arc[this.n - 1]!;
  }

  /** nrn_length_change: scale all points about the first one so that the length becomes L. */
  scaleTo(L: number): void {
    const x0 = this.x[0]!, y0 = this.y[0]!, z0 = this.z[0]!;
    const fac = L / this.arc[this.n - 1]!;
    for (let i = 0; i < this.n; i++) {
      this.arc[i] = this.arc[i]! * fac;
      this.x[i] = x0 + (this.x[i]! - x0) * fac;
      this.y[i] = y0 + (this.y[i]! - y0) * fac;
      this.z[i] = z0 + (this.z[i]! - z0) * fac;
    }
  }

  private reserve(n: number): void {
    if (n <= this.x.length) return;
    const cap = Math.max(n, this.x.length * 2);
    const grow32 = (a: Float32Array) => {
      const b = new Float32Array(cap);
      b.set(a);
      return b;
    };
    this.x = grow32(this.x);
    this.y = grow32(this.y);
    this.z = grow32(this.z);
    this.d = grow32(this.d);
    const arc = new Float64Array(cap);
    arc.set(this.arc);
    this.arc = arc;
  }
}
