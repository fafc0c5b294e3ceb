// The time-ordered event queue (NEURON's TQueue). A binary heap keyed by (time, insertion
// order): equal times come out first-in first-out.
export interface Event {
  /** Called with t already set to the event time. */
  deliver(t: number): void;
}

export class EventQueue {
  private times = new Float64Array(64);
  private seqs = new Float64Array(64);
  private items: Event[] = [];
  private size = 0;
  private seq = 0;

  get length(): number {
    return this.size;
  }

  clear(): void {
    this.size = 0;
    this.items.length = 0;
    this.seq = 0;
  }

  push(t: number, ev: Event): void {
    if (this.size === this.times.length) {
      const t2 = new Float64Array(this.size * 2), s2 = new Float64Array(this.size * 2);
      t2.set(this.times);
      s2.set(this.seqs);
      this.times = t2;
      this.seqs = s2;
    }
    let i = this.size++;
    const s = this.seq++;
    // sift up
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(t, s, this.times[p]!, this.seqs[p]!)) {
        this.times[i] = this.times[p]!;
        this.seqs[i] = this.seqs[p]!;
        this.items[i] = this.items[p]!;
        i = p;
      } else break;
    }
    this.times[i] = t;
    this.seqs[i] = s;
    this.items[i] = ev;
  }

  /** Time of the earliest event, or +Infinity. */
  peekTime(): number {
    return this.size > 0 ? this.times[0]! : Infinity;
  }

  pop(): Event {
    const top = this.items[0]!;
    const n = --this.size;
    if (n > 0) {
      const t = this.times[n]!, s = this.seqs[n]!, ev = this.items[n]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && this.less(this.times[c + 1]!, this.seqs[c + 1]!, this.times[c]!, this.seqs[c]!)) c++;
        if (this.less(this.times[c]!, this.seqs[c]!, t, s)) {
          this.times[i] = this.times[c]!;
          this.seqs[i] = this.seqs[c]!;
          this.items[i] = this.items[c]!;
          i = c;
        } else break;
      }
      this.times[i] = t;
      this.seqs[i] = s;
      this.items[i] = ev;
    }
    this.items.length = n;
    return top;
  }

  private less(t1: number, s1: number, t2: number, s2: number): boolean {
    return t1 < t2 || (t1 === t2 && s1 < s2);
  }
}
