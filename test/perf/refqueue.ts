// The event queue as it was before the calendar (commit 98bd... heap version): the reference
// order for test/perf/queue.test.ts. Kept verbatim apart from the names.

interface RefEvent {
  /** Called with the simulation time already set to `t`, the event's time. */
  deliver(t: number): void;
}

class RefItem {
  /** The heap entry that currently holds this item (-1: the least slot or not queued). */
  entry = -1;
  constructor(public t: number, readonly data: RefEvent) {}
}

export class RefQueue {
  private least: RefItem | null = null;
  private times = new Float64Array(64);
  private seqs = new Float64Array(64);
  private entries = new Int32Array(64);
  private items: Array<RefItem | null> = [];
  private size = 0;
  private seq = 0;
  private entryCounter = 0;
  /** Number of queued items (valid heap entries plus the least slot). */
  private count = 0;

  get length(): number {
    return this.count;
  }

  clear(): void {
    this.least = null;
    this.size = 0;
    this.items.length = 0;
    this.count = 0;
  }

  /** Time of the least item, or 1e15 as NEURON's least_t_nolock reports for an empty queue. */
  leastTime(): number {
    return this.least ? this.least.t : 1e15;
  }

  insert(t: number, data: RefEvent): RefItem {
    const item = new RefItem(t, data);
    this.count++;
    if (t < this.leastTime()) {
      if (this.least) this.enqueue(this.least);
      this.least = item;
    } else {
      this.enqueue(item);
    }
    return item;
  }

  /** Removes and returns the least item if its time is <= til. */
  atomicDq(til: number): RefItem | null {
    const q = this.least;
    if (q && q.t <= til) {
      this.least = this.dequeue();
      this.count--;
      return q;
    }
    return null;
  }

  /** TQueue::move: changes an item's time (net_move). */
  move(item: RefItem, tnew: number): void {
    if (item === this.least) {
      item.t = tnew;
      const head = this.peek();
      if (head && tnew > head.t) {
        this.least = this.dequeue();
        this.enqueue(item);
      }
    } else if (this.least && tnew < this.least.t) {
      this.unlink(item);
      item.t = tnew;
      this.enqueue(this.least);
      this.least = item;
    } else {
      this.unlink(item);
      item.t = tnew;
      this.enqueue(item);
    }
  }

  remove(item: RefItem): void {
    if (item === this.least) {
      this.least = this.dequeue();
    } else {
      this.unlink(item);
    }
    this.count--;
  }

  /** Every queued item in NEURON's forall_callback order: the least, then the tree in order. */
  all(): RefItem[] {
    const live: Array<{ item: RefItem; t: number; s: number }> = [];
    for (let i = 0; i < this.size; i++) {
      const it = this.items[i]!;
      if (it && it.entry === this.entries[i]) live.push({ item: it, t: this.times[i]!, s: this.seqs[i]! });
    }
    live.sort((a, b) => a.t - b.t || a.s - b.s);
    const out = live.map((e) => e.item);
    if (this.least) out.unshift(this.least);
    return out;
  }

  // ---------------------------------------------------------------- the "splay tree"

  private unlink(item: RefItem): void {
    item.entry = -1; // its heap entry becomes stale and is skipped
  }

  private enqueue(item: RefItem): void {
    if (this.size === this.times.length) this.grow();
    const id = this.entryCounter++;
    item.entry = id;
    const t = item.t, s = this.seq++;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (t < this.times[p]! || (t === this.times[p]! && s < this.seqs[p]!)) {
        this.moveEntry(p, i);
        i = p;
      } else break;
    }
    this.times[i] = t;
    this.seqs[i] = s;
    this.entries[i] = id;
    this.items[i] = item;
  }

  /** The earliest valid heap item without removing it (stale entries are discarded). */
  private peek(): RefItem | null {
    while (this.size > 0) {
      const it = this.items[0]!;
      if (it.entry === this.entries[0]) return it;
      this.popTop();
    }
    return null;
  }

  private dequeue(): RefItem | null {
    const it = this.peek();
    if (!it) return null;
    this.popTop();
    it.entry = -1;
    return it;
  }

  private popTop(): void {
    const n = --this.size;
    if (n === 0) {
      this.items[0] = null;
      return;
    }
    const t = this.times[n]!, s = this.seqs[n]!, e = this.entries[n]!, it = this.items[n]!;
    this.items[n] = null;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (this.times[c + 1]! < this.times[c]! || (this.times[c + 1] === this.times[c] && this.seqs[c + 1]! < this.seqs[c]!))) c++;
      if (this.times[c]! < t || (this.times[c] === t && this.seqs[c]! < s)) {
        this.moveEntry(c, i);
        i = c;
      } else break;
    }
    this.times[i] = t;
    this.seqs[i] = s;
    this.entries[i] = e;
    this.items[i] = it;
  }

  private moveEntry(from: number, to: number): void {
    this.times[to] = this.times[from]!;
    this.seqs[to] = this.seqs[from]!;
    this.entries[to] = this.entries[from]!;
    this.items[to] = this.items[from]!;
  }

  private grow(): void {
    const n = this.times.length * 2;
    const t = new Float64Array(n), s = new Float64Array(n), e = new Int32Array(n);
    t.set(this.times);
    s.set(this.seqs);
    e.set(this.entries);
    this.times = t;
    this.seqs = s;
    this.entries = e;
  }
}
