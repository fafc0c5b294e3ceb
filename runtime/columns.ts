// Growable, named Float64Array columns indexed by slot (a node, or a point-process instance).
//
// Invariants:
// - every column has the same length (`capacity`), and slots [0, size) are allocated;
// - a newly allocated slot holds each column's default value;
// - `permute` is the only operation that moves data: callers that hold slot numbers must remap
//   them with the same mapping (the model does this for sections and point processes).
// Kernels read `data[k]` once per call and index it directly: no lookups in hot loops.

export class Columns {
  size = 0;
  capacity: number;
  readonly names: string[] = [];
  readonly data: Float64Array[] = [];
  readonly defaults: number[] = [];
  private readonly index = new Map<string, number>();

  constructor(initialCapacity = 64) {
    this.capacity = initialCapacity;
  }

  /** Adds a column (idempotent); existing slots get `init`. Returns the column. */
  add(name: string, init: number): Float64Array {
    const k = this.index.get(name);
    if (k !== undefined) return this.data[k]!;
    const col = new Float64Array(this.capacity);
    col.fill(init);
    this.index.set(name, this.data.length);
    this.names.push(name);
    this.data.push(col);
    this.defaults.push(init);
    return col;
  }

  has(name: string): boolean {
    return this.index.has(name);
  }

  /** The column named `name`; throws if it does not exist (a programming error, not user input). */
  get(name: string): Float64Array {
    const k = this.index.get(name);
    if (k === undefined) throw new Error(`internal: no column '${name}'`);
    return this.data[k]!;
  }

  /** Allocates `n` consecutive slots filled with defaults and returns the first. */
  alloc(n: number): number {
    const first = this.size;
    const need = first + n;
    if (need > this.capacity) this.grow(Math.max(need, this.capacity * 2));
    for (let k = 0; k < this.data.length; k++) this.data[k]!.fill(this.defaults[k]!, first, need);
    this.size = need;
    return first;
  }

  /** Copies every column's value from slot `from` to slot `to`. */
  copySlot(from: number, to: number): void {
    for (let k = 0; k < this.data.length; k++) {
      const col = this.data[k]!;
      col[to] = col[from]!;
    }
  }

  /**
   * Rebuilds every column so that new slot i holds old slot `source[i]` (or the defaults when
   * `source[i]` is -1). The new size is `source.length`.
   */
  permute(source: Int32Array): void {
    const n = source.length;
    const cap = Math.max(64, n);
    for (let k = 0; k < this.data.length; k++) {
      const old = this.data[k]!;
      const col = new Float64Array(cap);
      const def = this.defaults[k]!;
      for (let i = 0; i < n; i++) {
        const s = source[i]!;
        col[i] = s >= 0 ? old[s]! : def;
      }
      if (cap > n) col.fill(def, n);
      this.data[k] = col;
    }
    this.size = n;
    this.capacity = cap;
  }

  /** Replaces every column by a plain copy of its slots (before their memory is reused). */
  detach(): void {
    for (let k = 0; k < this.data.length; k++) this.data[k] = this.data[k]!.slice(0, this.size);
    this.capacity = this.size;
  }

  /**
   * Moves every column into storage from `place(n)` (a view of n doubles, e.g. on the arena);
   * the capacity becomes the size, so the next alloc grows into ordinary arrays.
   */
  relocate(place: (n: number) => Float64Array): void {
    for (let k = 0; k < this.data.length; k++) {
      const col = place(this.size);
      col.set(this.data[k]!.subarray(0, this.size));
      this.data[k] = col;
    }
    this.capacity = this.size;
  }

  private grow(cap: number): void {
    for (let k = 0; k < this.data.length; k++) {
      const col = new Float64Array(cap);
      col.set(this.data[k]!);
      col.fill(this.defaults[k]!, this.capacity);
      this.data[k] = col;
    }
    this.capacity = cap;
  }
}
