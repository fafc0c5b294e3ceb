// h.Vector: a growable double array (runtime Vec) with NEURON's methods. `v[i]` indexing needs
// a Proxy; it is only on the user's side: recording writes to the Vec directly.
import type { Ref } from "../runtime/refs.ts";
import { Vec } from "../runtime/vec.ts";
import { badInput, type Context } from "./context.ts";
import { formatG } from "./format.ts";

export const VEC = Symbol("neuron-ts.vec");

let vectorCount = 0;

function isIndex(prop: string | symbol): prop is string {
  return typeof prop === "string" && prop.length > 0 && prop.length < 16 && /^-?\d+$/.test(prop);
}

export class VectorImpl {
  [VEC]: Vec;
  private readonly id = vectorCount++;
  constructor(readonly ctx: Context, vec: Vec) {
    this[VEC] = vec;
  }

  /** Python-style index check: -n <= i < n (negative counts from the end). */
  private index(i: number): number {
    const n = this[VEC].n;
    if (!Number.isInteger(i) || i < -n || i >= n) {
      throw badInput(`${this.hname()}[${i}]: index`, `an integer in [${-n}, ${n})`, i);
    }
    return i < 0 ? i + n : i;
  }

  get(i: number): number {
    return this[VEC].buf[this.index(i)]!;
  }

  set(i: number, value: number): void {
    if (typeof value !== "number") throw badInput(`${this.hname()}[${i}]`, "a number", value);
    this[VEC].buf[this.index(i)] = value;
  }

  get length(): number {
    return this[VEC].n;
  }

  size(): number {
    return this[VEC].n;
  }

  /** `v.x[i]`, as in HOC. */
  get x(): { [i: number]: number } {
    return new Proxy({}, {
      get: (_t, prop) => (isIndex(prop) ? this.get(Number(prop)) : undefined),
      set: (_t, prop, value) => {
        if (!isIndex(prop)) return false;
        this.set(Number(prop), value);
        return true;
      },
    });
  }

  record(ref: Ref, dtOrTimes?: unknown, _opts?: unknown): this {
    if (!ref || typeof ref !== "object" || !("kind" in ref)) {
      throw badInput(`${this.hname()}.record`, "a reference such as seg._ref_v or h._ref_t", ref);
    }
    const sim = this.ctx.sim;
    if (dtOrTimes === undefined || (typeof dtOrTimes === "object" && dtOrTimes !== null && !(VEC in dtOrTimes))) {
      sim.record(ref, this[VEC]);
    } else if (typeof dtOrTimes === "number") {
      if (!(dtOrTimes >= 1e-9 && dtOrTimes <= 1e10)) throw badInput(`${this.hname()}.record Dt`, "in [1e-9, 1e10]", dtOrTimes);
      sim.record(ref, this[VEC], { dt: dtOrTimes });
    } else if (dtOrTimes instanceof VectorImpl || (typeof dtOrTimes === "object" && dtOrTimes !== null && VEC in dtOrTimes)) {
      sim.record(ref, this[VEC], { times: (dtOrTimes as VectorImpl)[VEC] });
    } else {
      throw badInput(`${this.hname()}.record second argument`, "a Dt in ms or a time Vector", dtOrTimes);
    }
    return this;
  }

  /**
   * play(ref, tvec) / play(ref, Dt): step mode, y[k] is set at tvec[k] (or k·Dt);
   * play(ref, tvec, 1) / play(ref, tvec, discon): continuous, y interpolated at every half step.
   */
  play(ref: Ref, tOrDt: unknown, mode?: unknown): this {
    const what = `${this.hname()}.play`;
    if (!ref || typeof ref !== "object" || !("kind" in ref)) {
      throw badInput(`${what} reference`, "a reference such as ic._ref_amp", ref);
    }
    const y = this[VEC];
    const isVec = (x: unknown): x is VectorImpl => !!x && typeof x === "object" && VEC in (x as object);
    if (typeof tOrDt === "number") {
      if (!(tOrDt >= 1e-9 && tOrDt <= 1e10)) throw badInput(`${what} Dt`, "in [1e-9, 1e10]", tOrDt);
      if (mode !== undefined && mode !== 0) throw new Error(`${what}: continuous play needs a time Vector, not a Dt`);
      this.ctx.sim.play(ref, y, { dt: tOrDt });
      return this;
    }
    if (!isVec(tOrDt)) throw badInput(`${what} second argument`, "a time Vector or a Dt in ms", tOrDt);
    const t = tOrDt[VEC];
    if (t.n !== y.n) {
      throw badInput(`${what}: the time vector's length`, `the played vector's length (${y.n})`, t.n);
    }
    for (let i = 1; i < t.n; i++) {
      if (t.buf[i]! < t.buf[i - 1]!) throw badInput(`${what}: time vector element ${i}`, `≥ the previous time (${t.buf[i - 1]})`, t.buf[i]);
    }
    if (mode === undefined || mode === 0 || mode === false) {
      this.ctx.sim.play(ref, y, { times: t });
    } else if (mode === 1 || mode === true) {
      if (t.n === 0) throw new Error(`${what}: continuous play needs at least one time point`);
      this.ctx.sim.play(ref, y, { times: t, continuous: true });
    } else if (isVec(mode)) {
      this.ctx.sim.play(ref, y, { times: t, continuous: true, discon: mode[VEC] });
    } else {
      throw badInput(`${what} third argument`, "0, 1 or a Vector of discontinuity indices", mode);
    }
    return this;
  }

  play_remove(): this {
    this.ctx.sim.unplay(this[VEC]);
    return this;
  }

  to_python(): number[] {
    return Array.from(this[VEC].view());
  }

  as_numpy(): Float64Array {
    return this[VEC].view();
  }

  *[Symbol.iterator](): Iterator<number> {
    const v = this[VEC];
    for (let i = 0; i < v.n; i++) yield v.buf[i]!;
  }

  resize(n: number): this {
    if (!Number.isInteger(n) || n < 0) throw badInput(`${this.hname()}.resize n`, "an integer ≥ 0", n);
    this[VEC].resize(n);
    return this;
  }

  append(...values: unknown[]): this {
    const v = this[VEC];
    for (const a of values) {
      if (typeof a === "number") v.push(a);
      else if (a instanceof VectorImpl) for (const x of Array.from(a[VEC].view())) v.push(x);
      else if (a && typeof (a as Iterable<number>)[Symbol.iterator] === "function") for (const x of a as Iterable<number>) v.push(x);
      else throw badInput(`${this.hname()}.append`, "numbers, Vectors or iterables of numbers", a);
    }
    return this;
  }

  fill(value: number): this {
    this[VEC].view().fill(value);
    return this;
  }

  indgen(start = 0, step = 1): this {
    const v = this[VEC];
    for (let i = 0; i < v.n; i++) v.buf[i] = start + i * step;
    return this;
  }

  c(): VectorImpl {
    return makeVector(this.ctx, Vec.from(this[VEC].view()));
  }

  private nonEmpty(fn: string): Float64Array {
    const d = this[VEC].view();
    if (d.length === 0) throw new Error(`${this.hname()}.${fn}(): the vector is empty`);
    return d;
  }

  max(): number {
    const d = this.nonEmpty("max");
    let m = d[0]!;
    for (let i = 1; i < d.length; i++) if (d[i]! > m) m = d[i]!;
    return m;
  }

  min(): number {
    const d = this.nonEmpty("min");
    let m = d[0]!;
    for (let i = 1; i < d.length; i++) if (d[i]! < m) m = d[i]!;
    return m;
  }

  sum(): number {
    const d = this[VEC].view();
    let s = 0;
    for (let i = 0; i < d.length; i++) s += d[i]!;
    return s;
  }

  mean(): number {
    const d = this.nonEmpty("mean");
    return this.sum() / d.length;
  }

  var(): number {
    const d = this[VEC].view();
    if (d.length < 2) throw new Error(`${this.hname()}.var(): needs at least 2 elements, got ${d.length}`);
    const m = this.mean();
    let s = 0;
    for (let i = 0; i < d.length; i++) s += (d[i]! - m) * (d[i]! - m);
    return s / (d.length - 1);
  }

  stdev(): number {
    const d = this[VEC].view();
    if (d.length < 2) throw new Error(`${this.hname()}.stdev(): needs at least 2 elements, got ${d.length}`);
    return Math.sqrt(this.var());
  }

  printf(): number {
    const d = this[VEC].view();
    process.stdout.write(Array.from(d, (x) => formatG(x)).join("\t") + "\n");
    return d.length;
  }

  hname(): string {
    return `Vector[${this.id}]`;
  }

  toString(): string {
    return this.hname();
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.hname();
  }
}

/** Wraps a Vec in a Vector whose `v[i]` reads and writes elements. */
export function makeVector(ctx: Context, vec: Vec): VectorImpl {
  const target = new VectorImpl(ctx, vec);
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (isIndex(prop)) return t.get(Number(prop));
      const value = Reflect.get(t, prop, receiver);
      return value;
    },
    set(t, prop, value, receiver) {
      if (isIndex(prop)) {
        t.set(Number(prop), value);
        return true;
      }
      return Reflect.set(t, prop, value, receiver);
    },
    has(t, prop) {
      if (isIndex(prop)) {
        const i = Number(prop);
        return i >= 0 && i < t[VEC].n;
      }
      return Reflect.has(t, prop);
    },
  });
}

/** h.Vector(), h.Vector(n), h.Vector(n, value), h.Vector(iterable or array-like). */
export function newVector(ctx: Context, init?: unknown, value?: unknown): VectorImpl {
  if (init === undefined) return makeVector(ctx, new Vec());
  if (typeof init === "number") {
    if (!Number.isInteger(init) || init < 0) throw badInput("h.Vector(n): n", "an integer ≥ 0", init);
    const v = new Vec(init);
    v.n = init;
    if (value !== undefined) v.view().fill(Number(value));
    return makeVector(ctx, v);
  }
  if (init instanceof VectorImpl) return makeVector(ctx, Vec.from(init[VEC].view()));
  if (init && typeof init === "object") {
    const src = init as Iterable<number> | ArrayLike<number>;
    const arr = Symbol.iterator in src ? Array.from(src as Iterable<number>) : Array.from(src as ArrayLike<number>);
    for (const x of arr) if (typeof x !== "number") throw badInput("h.Vector(values): element", "a number", x);
    return makeVector(ctx, Vec.from(arr));
  }
  throw badInput("h.Vector(init)", "a size, or an array/iterable of numbers", init);
}
