// NEURON's event queue (src/nrncvode/sptbinq.cpp TQueue, bin queue off), with its exact order
// for equal times.
//
// NEURON keeps the least item in a slot of its own (`least_`) and the rest in a splay tree
// where an insert goes after every item with an equal time ("spenq"). When a new item is
// earlier than `least_`, the old least goes back into the tree — after items of equal time that
// were inserted later than it. So ties are not simply first-in first-out, and the order matters
// for the last bits of a result (several events summed into one synapse at one time).
//
// Here the "tree" is ordered by (time, enqueue sequence): every enqueue into it takes a new
// sequence number, which is exactly spenq's "after equal keys". It is stored as a calendar:
//  - `run`: the current bucket (floor(t / width) = `cur`), its entries sorted once, by an index
//    permutation, when the calendar reaches it (insertion sort for a few, else a counting sort on
//    the time within the bucket and, for equal-looking times, on the distance in ulps);
//  - `near`: a binary heap for entries inserted into buckets <= `cur` after the run was sorted;
//  - `buckets`: a ring of NB unsorted arrays for the buckets cur+1 .. cur+NB-1;
//  - `far`: a binary heap for later buckets.
// An insert appends to its bucket (O(1), no allocation). The least tree entry is the lesser of
// the run's head and the near heap's top (the far heap when the ring is empty). Equal times always
// share a bucket and both the run and the heaps order by (time, sequence), so the delivery order
// is the splay tree's. The bucket width is the step (set at finitialize); any width gives the
// same order, only the speed differs.
//
// Id entries (pushId: NetCon deliveries) whose bucket is in the ring go to a second calendar in
// WebAssembly (runtime/idtree.ts), which can also deliver them without JavaScript (deliverIds);
// the least slot stays here, and takes the lesser of the two calendars' least entries.
//
// Entries are (time, sequence, data, handle). A handle (TQItem) exists only for events that may
// be moved or removed later (net_send's flag-1 event, also when SaveState restores it): it records the
// sequence of its live entry, and entries whose handle no longer matches are skipped (lazy
// removal). Events without a handle (NetCon deliveries, records, plays) allocate nothing.

import { type IdList, IdTree, type Recv } from "./idtree.ts";

export interface Event {
  /** Called with the simulation time already set to `t`, the event's time. */
  deliver(t: number): void;
}

/**
 * The event of entries queued by id (`pushId`, e.g. every NetCon delivery, whose id is the NetCon's
 * and which the simulator delivers from the NetCon tables): one shared object, which the tree does
 * not store. (Queuing the NetCon itself stored a pointer to one of 100 000 objects, and V8's write
 * barrier then read the header of the page each lives on: a cache miss on every send and dequeue.) An id entry (payload >= 0) holds null as its event and handle, and
 * is read by its payload alone; the least slot and everything that hands out entries (`dq`,
 * `all`) give ID_EVENT for it. So a send and a delivery touch neither the event nor the handle
 * column: on network 100 on 2 threads a fifth of PreSyn.send's samples were on storing the event.
 */
export const ID_EVENT: Event = {
  deliver() {
    throw new Error("an event queued by id is delivered by its id (the queue's dqPayload), not through this object");
  },
};

/** A handle on a queued event that can be moved (net_move) or removed. */
export class TQItem {
  /** Sequence number of the entry that currently holds this item (-1: the least slot or none). */
  entry = -1;
  constructor(readonly data: Event) {}
}

/**
 * Whether an entry of sequence s is its handle's live entry (always, without a handle). One
 * function for every place that asks, so that its type feedback (a handle's shape) is gathered
 * wherever a handle shows up first: a check inlined at each place would be optimised before
 * its own first handle and deoptimise there.
 */
function live(h: TQItem | null, s: number): boolean {
  return h === null || h.entry === s;
}

/**
 * n entries (time, sequence, data, handle, payload) in parallel arrays of capacity `cap`: the
 * storage of the heaps, the buckets and the run (a bucket and the run exchange their arrays).
 */
class Entries {
  cap = 64;
  t = new Float64Array(64);
  s = new Float64Array(64);
  p = new Int32Array(64);
  d: Array<Event | null> = new Array<Event | null>(64).fill(null);
  h: Array<TQItem | null> = new Array<TQItem | null>(64).fill(null);
  n = 0;

  /** Drops every entry. */
  clear(): void {
    for (let i = 0; i < this.n; i++) {
      this.d[i] = null;
      this.h[i] = null;
    }
    this.n = 0;
  }

  /** Capacity m (> cap), the entries kept. */
  protected resize(m: number): void {
    const nt = new Float64Array(m), ns = new Float64Array(m), np = new Int32Array(m);
    nt.set(this.t);
    ns.set(this.s);
    np.set(this.p);
    this.t = nt;
    this.s = ns;
    this.p = np;
    const nd = new Array<Event | null>(m).fill(null), nh = new Array<TQItem | null>(m).fill(null);
    for (let i = 0; i < this.n; i++) {
      nd[i] = this.d[i]!;
      nh[i] = this.h[i]!;
    }
    this.d = nd;
    this.h = nh;
    this.cap = m;
  }
}

/** A binary heap of entries, ordered by (time, sequence). */
class Heap extends Entries {
  // push and pop move entries field by field inline: a shared "move entry" method measured 5-7 %
  // slower on the far-heap path.
  push(t: number, s: number, d: Event | null, h: TQItem | null, pl: number): void {
    if (this.n === this.cap) this.resize(2 * this.cap);
    let i = this.n++;
    const T = this.t, S = this.s, D = this.d, H = this.h, P = this.p;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const tp = T[p]!;
      if (t < tp || (t === tp && s < S[p]!)) {
        T[i] = tp;
        S[i] = S[p]!;
        D[i] = D[p]!;
        H[i] = H[p]!;
        P[i] = P[p]!;
        i = p;
      } else break;
    }
    T[i] = t;
    S[i] = s;
    D[i] = d;
    H[i] = h;
    P[i] = pl;
  }

  /** Every entry of bucket b into the heap; b is left empty. */
  pushAll(b: Bucket): void {
    for (let i = 0; i < b.n; i++) this.push(b.t[i]!, b.s[i]!, b.d[i]!, b.h[i]!, b.p[i]!);
    b.clear();
  }

  /** Removes the top entry. */
  pop(): void {
    const n = --this.n;
    const T = this.t, S = this.s, D = this.d, H = this.h, P = this.p;
    if (n === 0) {
      D[0] = null;
      H[0] = null;
      return;
    }
    const t = T[n]!, s = S[n]!, d = D[n]!, h = H[n]!, pl = P[n]!;
    D[n] = null;
    H[n] = null;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const tc = T[c]!;
      if (c + 1 < n) {
        const t2 = T[c + 1]!;
        if (t2 < tc || (t2 === tc && S[c + 1]! < S[c]!)) c++;
      }
      const tm = T[c]!;
      if (tm < t || (tm === t && S[c]! < s)) {
        T[i] = tm;
        S[i] = S[c]!;
        D[i] = D[c]!;
        H[i] = H[c]!;
        P[i] = P[c]!;
        i = c;
      } else break;
    }
    T[i] = t;
    S[i] = s;
    D[i] = d;
    H[i] = h;
    P[i] = pl;
  }

  /** Drops stale entries from the top; true if a valid entry is on top. */
  clean(): boolean {
    while (this.n > 0) {
      const h = this.h[0];
      if (live(h, this.s[0]!)) return true;
      this.pop();
    }
    return false;
  }
}

/** One calendar bucket: unsorted entries. */
class Bucket extends Entries {
  push(t: number, s: number, d: Event | null, h: TQItem | null, pl: number): void {
    if (this.n === this.cap) this.resize(4 * this.cap);
    const i = this.n++;
    this.t[i] = t;
    this.s[i] = s;
    this.d[i] = d;
    this.h[i] = h;
    this.p[i] = pl;
  }
}

/**
 * The current bucket, sorted, read with a cursor — plus (in TQueue) a heap for entries that arrive
 * for it after it was sorted and for the rare multi-bucket drains. Sorting a bucket once is much
 * cheaper than a heap pop per event (each sift-down level is an unpredictable branch). The
 * bucket's arrays are taken over as they are (entries in arrival order) and only an index
 * permutation is sorted.
 */
class Run extends Entries {
  /** Entry indices in (time, sequence) order; ord[i .. n) are pending. */
  ord = new Int32Array(64);
  i = 0;
  private counts = new Int32Array(17);
  private tmp = new Int32Array(64);

  /** Takes bucket b's entries (b gets this run's emptied arrays) and sorts them. */
  load(b: Bucket, start: number, width: number): void {
    const n = b.n;
    // swap the arrays: the bucket keeps capacity, the run gets the entries without a copy
    const t = b.t, s = b.s, p = b.p, d = b.d, h = b.h, cap = b.cap;
    b.t = this.t; b.s = this.s; b.p = this.p; b.d = this.d; b.h = this.h; b.cap = this.cap; b.n = 0;
    this.t = t; this.s = s; this.p = p; this.d = d; this.h = h; this.cap = cap;
    if (this.ord.length < n) {
      this.ord = new Int32Array(cap);
      this.tmp = new Int32Array(cap);
    }
    const ord = this.ord;
    this.i = 0;
    this.n = n;
    if (n <= 40) {
      for (let j = 0; j < n; j++) ord[j] = j;
      if (n > 1) this.insertion(0, n);
      return;
    }
    if (this.byClusters(n, width)) return;
    // a counting sort by the time's position in the bucket (stable: arrival order, which is mostly
    // sequence order), then each sub-bucket in exact (time, sequence) order
    let nsub = 16;
    while (nsub < n && nsub < 4096) nsub *= 2;
    if (this.counts.length < nsub + 1) this.counts = new Int32Array(nsub + 1);
    const C = this.counts;
    C.fill(0, 0, nsub + 1);
    const scale = nsub / width;
    const sub = this.tmp;
    for (let j = 0; j < n; j++) {
      let k = Math.floor((t[j]! - start) * scale);
      k = k >= 0 ? (k < nsub ? k : nsub - 1) : 0;
      sub[j] = k;
      C[k + 1]!++;
    }
    for (let k = 1; k <= nsub; k++) C[k]! += C[k - 1]!;
    for (let j = 0; j < n; j++) ord[C[sub[j]!]!++] = j;
    let lo = 0;
    for (let k = 0; k < nsub; k++) {
      const hi = C[k]!;
      if (hi - lo > 1) this.sortRange(lo, hi);
      lo = hi;
    }
  }

  // byClusters' clusters: the first time seen, the least and greatest, the scale from a time
  // difference to ulps, the first key, and the clusters in time order
  private readonly cRep = new Float64Array(CLUSTERS);
  private readonly cMin = new Float64Array(CLUSTERS);
  private readonly cMax = new Float64Array(CLUSTERS);
  private readonly cPerUlp = new Float64Array(CLUSTERS);
  private readonly cBase = new Int32Array(CLUSTERS);
  private readonly cOrder = new Int32Array(CLUSTERS);

  /**
   * ord[0, n) by (time, sequence) for a network's bucket: entries in sequence order (as appended),
   * times in at most CLUSTERS clusters (times within width/64 of a cluster's first), each within
   * 4096 ulps of its least time. Then a time's key, its cluster's first key plus its exact
   * distance in the least time's ulps from it, orders the times, and one counting sort on the keys
   * in arrival order gives (time, sequence) order. Three passes over the entries, where the counting sort on the position and then on the
   * ulps takes six and a pass per sub-bucket (a hot loop of network 100's buckets at 1000 ms:
   * 64 → 50 ns per event). False (ord not yet written): the general sort.
   */
  private byClusters(n: number, width: number): boolean {
    const T = this.t, S = this.s, ord = this.ord, cl = this.tmp;
    const rep = this.cRep, cmin = this.cMin, cmax = this.cMax;
    const eps = width / 64;
    let nc = 0, sPrev = -1;
    for (let j = 0; j < n; j++) {
      const tj = T[j]!, sj = S[j]!;
      if (!(sj > sPrev)) return false;
      sPrev = sj;
      let c = 0;
      while (c < nc && !(Math.abs(tj - rep[c]!) <= eps)) c++;
      if (c === nc) {
        if (nc === CLUSTERS) return false;
        rep[c] = cmin[c] = cmax[c] = tj;
        nc++;
      } else if (tj < cmin[c]!) {
        cmin[c] = tj;
      } else if (tj > cmax[c]!) {
        cmax[c] = tj;
      }
      cl[j] = c;
    }
    // the clusters in time order, each apart from the next
    const co = this.cOrder, perUlp = this.cPerUlp, base = this.cBase;
    for (let a = 0; a < nc; a++) {
      let b = a - 1;
      while (b >= 0 && cmin[co[b]!]! > cmin[a]!) {
        co[b + 1] = co[b]!;
        b--;
      }
      co[b + 1] = a;
    }
    let keys = 0;
    for (let a = 0; a < nc; a++) {
      const c = co[a]!, lo = cmin[c]!, hi = cmax[c]!;
      // (always true: a time joins the first cluster within eps, so clusters are intervals
      // apart, and equal times share one; the keys' order relies on it)
      if (a > 0 && !(cmax[co[a - 1]!]! < lo)) return false;
      if (!(lo > 0) || !(hi < Infinity)) return false;
      // lo's ulp, 2^(e-1075), divides every time of the cluster (none is in a lower binade), and
      // t - lo is exact (t <= hi <= 2 lo, or the range below is far too large): a key is exact
      F64[0] = lo;
      const e = U32[1]! >>> 20;
      if (e <= 52) return false;
      U32[1] = (2098 - e) << 20; // 2^(1075-e)
      U32[0] = 0;
      const scale = F64[0]!;
      const range = (hi - lo) * scale;
      if (!(range < 4096)) return false;
      perUlp[c] = scale;
      base[c] = keys;
      keys += range + 1;
      if (keys > 4096) return false;
    }
    if (this.uoff.length < n) this.uoff = new Int32Array(2 * n);
    const C = this.ucount, K = this.uoff;
    C.fill(0, 0, keys + 1);
    for (let j = 0; j < n; j++) {
      const c = cl[j]!;
      const k = base[c]! + (((T[j]! - cmin[c]!) * perUlp[c]!) | 0);
      K[j] = k;
      C[k + 1]!++;
    }
    for (let k = 1; k <= keys; k++) C[k]! += C[k - 1]!;
    for (let j = 0; j < n; j++) ord[C[K[j]!]!++] = j;
    return true;
  }

  /** ord[lo, hi) by (time, sequence), insertion sort. */
  private insertion(lo: number, hi: number): void {
    const T = this.t, S = this.s, ord = this.ord;
    for (let j = lo + 1; j < hi; j++) {
      const x = ord[j]!;
      const tx = T[x]!, sx = S[x]!;
      let q = j - 1;
      let y = ord[q]!;
      if (T[y]! < tx || (T[y] === tx && S[y]! < sx)) continue;
      do {
        ord[q + 1] = y;
        q--;
        if (q < lo) break;
        y = ord[q]!;
      } while (T[y]! > tx || (T[y] === tx && S[y]! > sx));
      ord[q + 1] = x;
    }
  }

  /**
   * ord[lo, hi) by (time, sequence): insertion for a few; a counting sort on the distance in ulps
   * from the least time when the times are positive, within 4096 ulps of each other and the
   * entries are in sequence order (the usual case: equal times written as different sums, such as
   * spike time + delay on a grid); else a merge sort.
   */
  private sortRange(lo: number, hi: number): void {
    if (hi - lo <= 12) {
      this.insertion(lo, hi);
      return;
    }
    if (this.sortByUlps(lo, hi)) return;
    this.mergeSort(lo, hi);
  }

  private ucount = new Int32Array(4097);
  private uoff = new Int32Array(64);

  private sortByUlps(lo: number, hi: number): boolean {
    const T = this.t, S = this.s, ord = this.ord;
    let tmin = T[ord[lo]!]!, tmax = tmin, sPrev = S[ord[lo]!]!;
    for (let j = lo + 1; j < hi; j++) {
      const x = ord[j]!;
      const tx = T[x]!, sx = S[x]!;
      if (!(sx > sPrev)) return false;
      sPrev = sx;
      if (tx < tmin) tmin = tx;
      if (tx > tmax) tmax = tx;
    }
    if (!(tmin > 0) || !(tmax < Infinity)) return false;
    // all times equal: sequence order, which the entries are in, is the order
    if (tmax === tmin) return true;
    F64[0] = tmin;
    const h0 = U32[1]!, l0 = U32[0]!;
    F64[0] = tmax;
    const h1 = U32[1]!;
    const range = (h1 - h0) * 4294967296 + (U32[0]! - l0);
    if (range >= 4096) return false;
    const m = hi - lo;
    if (this.uoff.length < m) this.uoff = new Int32Array(2 * m);
    if (this.tmp.length < m) this.tmp = new Int32Array(2 * m);
    const C = this.ucount, O = this.uoff, tmp = this.tmp;
    C.fill(0, 0, range + 2);
    const e = h0 >>> 20;
    if (e === h1 >>> 20 && e > 52) {
      // one binade: t - tmin is exact (t < 2 tmin) and a whole number of tmin's ulps, 2^(e-1075)
      U32[1] = (2098 - e) << 20; // 2^(1075-e): exponent field 1075 - e + 1023
      U32[0] = 0;
      const perUlp = F64[0]!;
      for (let j = 0; j < m; j++) {
        const u = ((T[ord[lo + j]!]! - tmin) * perUlp) | 0;
        O[j] = u;
        C[u + 1]!++;
      }
    } else {
      for (let j = 0; j < m; j++) {
        F64[0] = T[ord[lo + j]!]!;
        const u = (U32[1]! - h0) * 4294967296 + (U32[0]! - l0);
        O[j] = u;
        C[u + 1]!++;
      }
    }
    for (let k = 1; k <= range + 1; k++) C[k]! += C[k - 1]!;
    for (let j = 0; j < m; j++) tmp[C[O[j]!]!++] = ord[lo + j]!;
    for (let j = 0; j < m; j++) ord[lo + j] = tmp[j]!;
    return true;
  }

  /** Bottom-up merge sort of ord[lo, hi) by (time, sequence). */
  private mergeSort(lo: number, hi: number): void {
    const T = this.t, S = this.s;
    const m = hi - lo;
    if (this.tmp.length < m) this.tmp = new Int32Array(2 * m);
    let a = this.ord.subarray(lo, hi), b = this.tmp.subarray(0, m);
    let inTmp = false;
    for (let w = 1; w < m; w *= 2) {
      for (let i0 = 0; i0 < m; i0 += 2 * w) {
        const mid = Math.min(i0 + w, m), end = Math.min(i0 + 2 * w, m);
        let i = i0, j = mid, o = i0;
        while (i < mid && j < end) {
          const x = a[i]!, y = a[j]!;
          const tx = T[x]!, ty = T[y]!;
          if (ty < tx || (ty === tx && S[y]! < S[x]!)) {
            b[o++] = y;
            j++;
          } else {
            b[o++] = x;
            i++;
          }
        }
        while (i < mid) b[o++] = a[i++]!;
        while (j < end) b[o++] = a[j++]!;
      }
      const c = a;
      a = b;
      b = c;
      inTmp = !inTmp;
    }
    if (inTmp) this.ord.set(a, lo);
  }

  /** Drops the pending entries (the others are already cleared). */
  override clear(): void {
    for (let j = this.i; j < this.n; j++) {
      const x = this.ord[j]!;
      this.d[x] = null;
      this.h[x] = null;
    }
    this.i = this.n = 0;
  }
}

const NB = 4096; // buckets in the ring (a power of two)
/** Clusters of times a bucket may hold for Run.byClusters. */
const CLUSTERS = 8;
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

export class TQueue {
  // the least slot
  private lt = 0;
  private ld: Event | null = null;
  private lh: TQItem | null = null;
  private lp = -1;
  // the tree
  private readonly run = new Run();
  private readonly near = new Heap();
  private readonly far = new Heap();
  private readonly ring: Array<Bucket | null> = new Array<Bucket | null>(NB).fill(null);
  /** Drained buckets, reused (with the capacity they grew to) for the next slots that fill. */
  private readonly spare: Bucket[] = [];
  /**
   * The id entries whose bucket is in the ring, in WebAssembly (runtime/idtree.ts); every other
   * entry is in the calendar above. Null without WebAssembly: then every entry is there.
   */
  private readonly ids = IdTree.create();
  /** Entries in the ring (stale ones included). */
  private inRing = 0;
  /** Absolute index of the bucket the near heap extends to, and its ring position. */
  private cur = 0;
  private curPos = 0;
  private width = 0.025;
  private invWidth = 40;
  private seq = 0;
  /** Number of queued items (valid entries plus the least slot). */
  private count = 0;
  /** Time and payload of the item the last `dq` returned. */
  dqTime = 0;
  dqPayload = -1;

  get length(): number {
    return this.count;
  }

  /** The calendar's bucket width (the fixed step); does not change the order, only the speed. */
  setResolution(width: number): void {
    if (!(width > 0) || width === this.width) return;
    const all = this.treeEntries();
    this.width = width;
    this.invWidth = 1 / width;
    this.clearTree();
    this.cur = this.ld !== null && Number.isFinite(this.lt) ? Math.floor(this.lt * this.invWidth) : 0;
    this.curPos = 0;
    for (const e of all) this.place(e.t, e.s, e.d, e.h, e.p);
    if (this.ids !== null) {
      // in sequence order, so that each bucket's entries are too
      const held = this.ids.setWidth(width, this.ld !== null ? this.lt : 0).sort((a, b) => a.s - b.s);
      for (const e of held) if (!this.ids.push(e.t, e.s, e.p)) this.place(e.t, e.s, null, null, e.p);
    }
  }

  clear(): void {
    this.ld = null;
    this.lh = null;
    this.clearTree();
    this.ids?.clear();
    this.count = 0;
    this.cur = 0;
    this.curPos = 0;
  }

  /** Time of the least item, or 1e15 as NEURON's least_t_nolock reports for an empty queue. */
  leastTime(): number {
    return this.ld !== null ? this.lt : 1e15;
  }

  /** Queues an event; returns a handle for move/remove (use `push` when none is needed). */
  insert(t: number, data: Event): TQItem {
    const item = new TQItem(data);
    this.add(t, data, item, -1);
    return item;
  }

  /** Queues an event without a handle (no allocation). */
  push(t: number, data: Event): void {
    if (!this.append(t, data, -1)) this.add(t, data, null, -1);
  }

  /**
   * Queues the event of `id` (an integer >= 0 the consumer delivers by: `dq` returns ID_EVENT and the
   * id in `dqPayload`), without a handle. Its entry has no event object: appending it and taking
   * it out read and write neither the bucket's event nor its handle column, two cache lines fewer
   * per event.
   */
  pushId(t: number, id: number): void {
    const ids = this.ids;
    if (ids !== null && this.ld !== null && !(t < this.lt)) {
      if (ids.push(t, this.seq, id)) {
        this.seq++;
        this.count++;
        return;
      }
    }
    if (!this.append(t, null, id)) this.add(t, ID_EVENT, null, id);
  }

  /** A fan-out list for pushList (the NetCon ids and their delays); `old`'s room reused. */
  idList(delays: Float64Array, ids: Int32Array, old: IdList | null): IdList {
    return this.ids !== null ? this.ids.list(delays, ids, old) : { addr: 0, cap: 0, n: ids.length, delays, ids };
  }

  /**
   * pushId(tt + delay, id) for every entry of `list`, in order: a spike's fan-out. Runs of the
   * common case are appended in WebAssembly (IdTree.pushMany), the rest one by one here.
   */
  pushList(tt: number, list: IdList): void {
    const ids = this.ids, n = list.n;
    let i = 0;
    while (i < n) {
      if (ids !== null && this.ld !== null) {
        const k = ids.pushMany(tt, list, i, this.lt, this.seq);
        this.seq += k;
        this.count += k;
        i += k;
        if (i >= n) return;
      }
      this.pushId(tt + list.delays[i]!, list.ids[i]!);
      i++;
    }
  }

  /**
   * The common case of push and pushId, small enough to be inlined into the caller's loop: the
   * event falls in a bucket of the ring with room, and is appended there. False: everything else
   * (the caller goes through `add`).
   */
  private append(t: number, data: Event | null, payload: number): boolean {
    if (this.ld !== null && !(t < this.lt)) {
      const k = Math.floor(t * this.invWidth) - this.cur;
      if (k > 0 && k < NB) {
        const b = this.ring[(this.curPos + k) & (NB - 1)]!;
        if (b !== null && b.n < b.cap) {
          const i = b.n++;
          b.t[i] = t;
          b.s[i] = this.seq++;
          // b.d[i] and b.h[i] are null (every slot at or beyond n is): an id entry leaves them so
          if (data !== null) b.d[i] = data;
          b.p[i] = payload;
          this.inRing++;
          this.count++;
          return true;
        }
      }
    }
    return false;
  }

  private add(t: number, data: Event, h: TQItem | null, pl: number): void {
    this.count++;
    // NEURON: if (t < least_t_nolock()) — 1e15 for an empty least slot
    if (t < (this.ld !== null ? this.lt : 1e15)) {
      if (this.ld !== null) this.enqueue(this.lt, this.ld, this.lh, this.lp);
      this.lt = t;
      this.ld = data;
      this.lh = h;
      this.lp = pl;
      if (h) h.entry = -1;
    } else {
      this.enqueue(t, data, h, pl);
    }
  }

  /** Whether `deliverIds` can deliver here (the queue keeps its ids in WebAssembly). */
  get idsInWasm(): boolean {
    return this.ids !== null;
  }

  /** The receive kernels deliverIds calls (the model's fused step's `recv`; null: none). */
  bindReceivers(recv: Recv | null): void {
    this.ids?.bind(recv);
  }

  /** The NetCon columns deliverIds reads, for `n` ids (IdTree.netcons). */
  netconColumns(n: number): ReturnType<IdTree["netcons"]> {
    return this.ids!.netcons(n);
  }

  /**
   * Delivers, in WebAssembly, the least items with time <= til while they are NetCon ids with
   * columns and receive kernels (IdTree.deliver). True: the least item is due and is for
   * JavaScript (`dq` hands it out); false: nothing is due. Only when `idsInWasm`.
   */
  deliverIds(til: number): boolean {
    const ids = this.ids!;
    for (;;) {
      if (this.ld === null || !(this.lt <= til)) return false;
      if (this.lp < 0) return true;
      const objHas = this.peek();
      const r = ids.deliver(til, this.lt, this.lp, 1, objHas, this.topT, this.topS);
      this.count -= ids.delivered;
      this.lt = ids.lt;
      if (r !== 2) {
        this.lp = ids.lp;
        return r === 1;
      }
      // the least slot is empty: the next item is the other tree's (or this one needs memory)
      this.takeLeast();
    }
  }

  /**
   * Removes the least item if its time is <= til and returns its event (its time in `dqTime`);
   * null otherwise.
   */
  dq(til: number): Event | null {
    const d = this.ld;
    if (d === null || !(this.lt <= til)) return null;
    this.dqTime = this.lt;
    this.dqPayload = this.lp;
    if (this.lh) this.lh.entry = -1;
    this.count--;
    this.takeLeast();
    return d;
  }

  /**
   * Writes into `out` the payloads of up to `max` entries that the current bucket delivers next
   * (after the least slot) and returns their count. A hint for prefetching what their delivery
   * reads: an event queued later may still come before them.
   */
  nextPayloads(out: Int32Array, max: number): number {
    if (this.ids !== null) return this.ids.next(out, max);
    const r = this.run, ord = r.ord, p = r.p;
    const end = Math.min(r.n, r.i + max);
    let k = 0;
    for (let j = r.i; j < end; j++) out[k++] = p[ord[j]!]!;
    return k;
  }

  /** TQueue::move: changes an item's time (net_move). */
  move(item: TQItem, tnew: number): void {
    if (item === this.lh) {
      // compared before the least slot takes tnew: peek follows the least slot's time, and a
      // tnew far ahead would move the calendar past entries that come before it
      if (this.peekBoth() !== 0 && tnew > this.topT) {
        this.takeLeast();
        this.enqueue(tnew, item.data, item, -1);
      } else {
        this.lt = tnew;
      }
    } else if (this.ld !== null && tnew < this.lt) {
      item.entry = -1; // its entry becomes stale and is skipped
      this.enqueue(this.lt, this.ld, this.lh, this.lp);
      this.lt = tnew;
      this.ld = item.data;
      this.lh = item;
      this.lp = -1;
    } else {
      item.entry = -1;
      this.enqueue(tnew, item.data, item, -1);
    }
  }

  remove(item: TQItem): void {
    if (item === this.lh) {
      item.entry = -1;
      this.takeLeast();
    } else {
      item.entry = -1;
    }
    this.count--;
  }

  /** Every queued item in NEURON's forall_callback order: the least, then the tree in order. */
  all(): Array<{ t: number; data: Event; payload: number }> {
    const out = this.treeEntries().filter((e) => e.h === null || e.h.entry === e.s);
    if (this.ids !== null) for (const e of this.ids.entries()) out.push({ t: e.t, s: e.s, d: ID_EVENT, h: null, p: e.p });
    out.sort((a, b) => a.t - b.t || a.s - b.s);
    const res = out.map((e) => ({ t: e.t, data: e.d, payload: e.p }));
    if (this.ld !== null) res.unshift({ t: this.lt, data: this.ld, payload: this.lp });
    return res;
  }

  // ---------------------------------------------------------------- the tree

  /** Refills the least slot from the tree (or empties it). */
  private takeLeast(): void {
    const from = this.peekBoth();
    if (from === 0) {
      this.ld = null;
      this.lh = null;
      return;
    }
    if (from === 2) {
      const ids = this.ids!;
      this.lt = ids.t;
      this.lp = ids.p;
      this.ld = ID_EVENT;
      this.lh = null;
      ids.pop();
      return;
    }
    let h: TQItem | null;
    const src = this.topSrc;
    if (src === 0) {
      const r = this.run, i = r.ord[r.i++]!;
      this.lt = r.t[i]!;
      const pl = r.p[i]!;
      this.lp = pl;
      if (pl >= 0) {
        // an id entry (pushId): no event object and no handle to read or clear
        this.ld = ID_EVENT;
        h = null;
      } else {
        this.ld = r.d[i]!;
        h = r.h[i]!;
        r.d[i] = null;
        r.h[i] = null;
      }
    } else {
      const top = src === 1 ? this.near : this.far;
      this.lt = top.t[0]!;
      this.ld = top.d[0] ?? ID_EVENT;
      this.lp = top.p[0]!;
      h = top.h[0]!;
      top.pop();
    }
    this.lh = h;
    if (h) h.entry = -1;
  }

  private enqueue(t: number, d: Event, h: TQItem | null, pl: number): void {
    const s = this.seq++;
    if (h) h.entry = s;
    if (pl >= 0 && this.ids !== null && this.ids.push(t, s, pl)) return;
    this.place(t, s, d, h, pl);
  }

  private place(t: number, s: number, d: Event | null, h: TQItem | null, pl: number): void {
    if (pl >= 0) d = null; // an id entry holds no event
    const k = Math.floor(t * this.invWidth) - this.cur;
    if (k <= 0) {
      this.near.push(t, s, d, h, pl);
    } else if (k < NB) {
      const pos = (this.curPos + k) & (NB - 1);
      let b = this.ring[pos];
      if (!b) b = this.ring[pos] = this.spare.pop() ?? new Bucket();
      b.push(t, s, d, h, pl);
      this.inRing++;
    } else if (k === k) {
      this.far.push(t, s, d, h, pl);
    } else {
      // a nan time: ordered as the heap's comparisons order it, in the near heap
      this.near.push(t, s, d, h, pl);
    }
  }

  /** Where the least valid tree entry is after `peek`: 0 the run, 1 the near heap, 2 the far heap. */
  private topSrc = 0;
  private topT = 0;
  private topS = 0;

  /**
   * Where the least tree entry is: 0 nowhere (the tree is empty), 1 this calendar (`topSrc`), 2
   * the id tree (its `t`, `s`, `p`); its time in `topT`. Both follow the least slot's time.
   */
  private peekBoth(): number {
    const inCal = this.peek();
    const ids = this.ids;
    if (ids === null || !ids.peek(this.lt)) return inCal ? 1 : 0;
    if (inCal && !(ids.t < this.topT || (ids.t === this.topT && ids.s < this.topS))) return 1;
    this.topT = ids.t;
    return 2;
  }

  /**
   * Finds the least valid tree entry (`topSrc`, `topT`); false if the tree is empty. The calendar
   * follows the least slot's time (about the simulation's present): buckets up to it are drained
   * into the near part, and when the ring is empty the far heap answers directly.
   */
  private peek(): boolean {
    const near = this.near, far = this.far, run = this.run;
    const now = Math.floor(this.lt * this.invWidth);
    if (now > this.cur && now - this.cur < 1e15) this.jump(now);
    for (;;) {
      // drop stale entries at the run's head
      while (run.i < run.n) {
        const x = run.ord[run.i]!;
        // an id entry (payload >= 0) has no handle: live without reading the handle column
        if (run.p[x]! >= 0 || live(run.h[x]!, run.s[x]!)) break;
        run.d[x] = null;
        run.h[x] = null;
        run.i++;
      }
      const hasRun = run.i < run.n;
      const hasNear = near.clean();
      if (hasRun || hasNear) {
        const x = hasRun ? run.ord[run.i]! : 0;
        if (hasRun && hasNear) {
          const tr = run.t[x]!, tn = near.t[0]!;
          this.topSrc = tr < tn || (tr === tn && run.s[x]! < near.s[0]!) ? 0 : 1;
        } else {
          this.topSrc = hasRun ? 0 : 1;
        }
        if (this.topSrc === 0) {
          this.topT = run.t[x]!;
          this.topS = run.s[x]!;
        } else {
          this.topT = near.t[0]!;
          this.topS = near.s[0]!;
        }
        return true;
      }
      if (this.inRing > 0) {
        this.advance();
        continue;
      }
      if (far.clean()) {
        this.topSrc = 2;
        this.topT = far.t[0]!;
        this.topS = far.s[0]!;
        return true;
      }
      return false;
    }
  }

  /** Moves `cur` to the next bucket; its entries become the sorted run (the run is consumed). */
  private advance(): void {
    this.cur++;
    this.curPos = (this.curPos + 1) & (NB - 1);
    const b = this.ring[this.curPos];
    if (b) {
      this.inRing -= b.n;
      if (this.run.i < this.run.n) {
        // the run still has entries (a drain of several buckets): this one goes to the heap
        this.near.pushAll(b);
      } else {
        this.run.load(b, this.cur * this.width, this.width);
      }
      this.ring[this.curPos] = null;
      this.spare.push(b);
    }
    this.fromFar();
  }

  /** Moves `cur` forward to bucket `target`, draining the buckets passed. */
  private jump(target: number): void {
    if (this.inRing > 0 && target - this.cur < NB) {
      while (this.cur < target) this.advance();
      return;
    }
    // the whole ring is passed: every ring entry goes to the near heap
    if (this.inRing > 0) {
      for (const b of this.ring) if (b) this.near.pushAll(b);
      this.inRing = 0;
    }
    const k = target - this.cur;
    this.cur = target;
    this.curPos = (this.curPos + (k % NB)) & (NB - 1);
    this.fromFar();
  }

  /** Far entries whose bucket came within the ring go to it (or to the near heap). */
  private fromFar(): void {
    const far = this.far;
    while (far.n > 0) {
      const h = far.h[0];
      if (!live(h, far.s[0]!)) {
        far.pop();
        continue;
      }
      const t = far.t[0]!;
      if (Math.floor(t * this.invWidth) - this.cur >= NB) break;
      const s = far.s[0]!, d = far.d[0] ?? null, pl = far.p[0]!; // d: null for ID_EVENT
      far.pop();
      this.place(t, s, d, h!, pl);
    }
  }

  private clearTree(): void {
    this.run.clear();
    this.near.clear();
    this.far.clear();
    for (const b of this.ring) if (b) b.clear();
    this.inRing = 0;
  }

  private treeEntries(): Array<{ t: number; s: number; d: Event; h: TQItem | null; p: number }> {
    const out: Array<{ t: number; s: number; d: Event; h: TQItem | null; p: number }> = [];
    const take = (x: Heap | Bucket) => {
      for (let i = 0; i < x.n; i++) out.push({ t: x.t[i]!, s: x.s[i]!, d: x.d[i] ?? ID_EVENT, h: x.h[i]!, p: x.p[i]! });
    };
    const r = this.run;
    for (let j = r.i; j < r.n; j++) {
      const i = r.ord[j]!;
      out.push({ t: r.t[i]!, s: r.s[i]!, d: r.d[i] ?? ID_EVENT, h: r.h[i]!, p: r.p[i]! });
    }
    take(this.near);
    take(this.far);
    for (const b of this.ring) if (b) take(b);
    return out;
  }
}
