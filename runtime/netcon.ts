// Spike sources, NetCons and self-events (src/nrncvode/netcvode.cpp PreSyn, NetCon, SelfEvent).
//
// A PreSyn is one spike source: a threshold detector on a variable (shared by every NetCon that
// watches it, so they share its threshold) or a point process that calls net_event. Its send(t)
// records t into NetCon.record vectors and queues one event per active NetCon with a target at
// t + delay, in NetCon creation order.
//
// Layout for speed (a network delivers millions of events; each one used to chase four objects):
// what delivery and sending read lives in struct-of-arrays tables of the `NetConTable`, indexed by
// the NetCon's id (its creation index): delay, active flag, target mechanism and slot, and where
// its weights are. Weights live in pooled blocks (`weight` is a view on its block, stable for the
// NetCon's life, so handles may keep it). A queued NetCon event is the queue's ID_EVENT with the NetCon's
// id as its payload, and a PreSyn keeps its active NetCons' ids and delays in arrays, rebuilt when
// a delay, an active flag or the NetCon list changes.
import type { Event, TQueue } from "./events.ts";
import type { IdList } from "./idtree.ts";
import { REGION_SLACK } from "./fused.ts";
import type { MechRuntime, PointProcess } from "./model.ts";
import type { Ref, Resolved } from "./refs.ts";
import type { Vec } from "./vec.ts";

const NO_WEIGHTS = new Float64Array(0);
const POOL = 8192; // doubles per weight block
/** NetCon rows per chunk (NetConTable.rows): 2^ROW_SHIFT. */
const ROW_SHIFT = 12, ROW_MASK = (1 << ROW_SHIFT) - 1;

/**
 * Threshold detectors' hot data, by detector index (Simulator.presyns order): the threshold, the
 * above-threshold flag, and where the watched value is in the arena (a byte offset, -1 when the
 * variable is not in the arena: then the PreSyn's resolved reference). The model moves the
 * arrays into the arena at each structural compile, so that the fused step checks them in
 * WebAssembly (`inArena`; a detector added later puts them back into ordinary arrays until the
 * next compile).
 */
export class ThresholdTable {
  n = 0;
  thr: Float64Array = new Float64Array(64);
  flag: Int32Array = new Int32Array(64);
  addr: Int32Array = new Int32Array(64);
  inArena = false;
  thrOff = 0;
  flagOff = 0;
  addrOff = 0;
  /** The arena as doubles (for the JavaScript check). */
  heap: Float64Array = new Float64Array(0);

  add(): number {
    const k = this.n++;
    if (k >= this.thr.length || this.inArena) this.copyOut(k, Math.max(64, 2 * this.n));
    this.thr[k] = 10;
    this.flag[k] = 0;
    this.addr[k] = -1;
    return k;
  }

  /** Arena bytes for the three arrays (each region may take REGION_SLACK bytes more). */
  bytes(): number {
    return 16 * this.n + 3 * REGION_SLACK + 64;
  }

  /** Moves the arrays into the arena (copies out first: the old ones may live there). */
  relocate(arena: { allocF64(n: number): number; allocI32(n: number): number; f64(off: number, n: number): Float64Array; i32(off: number, n: number): Int32Array }): void {
    const n = this.n;
    const thr = this.thr.slice(0, n), flag = this.flag.slice(0, n), addr = this.addr.slice(0, n);
    this.thrOff = arena.allocF64(n);
    this.flagOff = arena.allocI32(n);
    this.addrOff = arena.allocI32(n);
    this.thr = arena.f64(this.thrOff, n);
    this.flag = arena.i32(this.flagOff, n);
    this.addr = arena.i32(this.addrOff, n);
    this.thr.set(thr);
    this.flag.set(flag);
    this.addr.set(addr);
    this.inArena = true;
  }

  /** Before the next relocation (arena memory reused): plain copies. */
  detach(): void {
    this.copyOut(this.n, Math.max(this.n, 1));
  }

  /** The first `count` detectors into new ordinary arrays of `capacity` (out of the arena). */
  private copyOut(count: number, capacity: number): void {
    const t = new Float64Array(capacity), f = new Int32Array(capacity), a = new Int32Array(capacity);
    t.set(this.thr.subarray(0, count));
    f.set(this.flag.subarray(0, count));
    a.set(this.addr.subarray(0, count));
    this.thr = t;
    this.flag = f;
    this.addr = a;
    this.inArena = false;
  }
}

/** Per-NetCon hot data, by NetCon id. */
export class NetConTable {
  n = 0;
  delay = new Float64Array(256);
  active = new Uint8Array(256);
  /**
   * The target's slot and mechanism (as in the row; -1: no target), densely by id: what the
   * queue's NetCon records are written from (Simulator.idsReady). A target never changes.
   */
  targetSlot = new Int32Array(256);
  targetMech = new Int16Array(256);
  /**
   * What delivery reads, one 32-byte row per NetCon in chunks of ROWS rows that never move (so
   * the weight views handed out stay valid): as int32, the target's slot (+0), its mechanism (+1,
   * an index into `mechs`; -1: no target), and -1 (+2) when the weights are in the row (at most
   * two: doubles +2 and +3), else their block in `pools` (+2) and offset (+3). A delivery then
   * reads one cache line at a random place instead of two (the row, then the weight).
   */
  readonly rows: Float64Array[] = [];
  readonly rowsI32: Int32Array[] = [];
  /** The distinct target mechanisms. */
  readonly mechs: MechRuntime[] = [];
  /** Weights of NetCons with more than two (targets whose NET_RECEIVE takes more arguments). */
  readonly pools: Float64Array[] = [];
  private poolTop = POOL;
  /** Incremented when a delay, an active flag or a source's NetCon list changes. */
  version = 0;
  /**
   * During a multi-threaded run: takes a NetCon event (after the main thread's tsav check) when
   * its target lives on a cell, for the owning thread to apply; false: deliver it here. `mech`
   * and `slot` are the target's (read already). Most deliveries of such a run never come here:
   * the queue appends them itself (FusedStep.defer).
   */
  defer: ((id: number, mech: number, slot: number) => boolean) | null = null;
  /**
   * Moved by every write of an existing NetCon's weights (they all go through NetCon.setWeight /
   * setWeights): a copy of weights made at version v holds while it is still v.
   */
  private weightEpoch = 0;

  add(target: PointProcess | null, nweights: number): { id: number; weight: Float64Array } {
    const id = this.n++;
    if (id === this.delay.length) this.grow();
    if (id >> ROW_SHIFT === this.rows.length) {
      const buf = new ArrayBuffer(32 << ROW_SHIFT);
      this.rows.push(new Float64Array(buf));
      this.rowsI32.push(new Int32Array(buf));
    }
    this.delay[id] = 1;
    this.active[id] = 1;
    let mi = -1;
    if (target) {
      const mr = target.store.runtime;
      mi = this.mechs.indexOf(mr);
      if (mi < 0) mi = this.mechs.push(mr) - 1;
    }
    this.targetSlot[id] = target ? target.slot : -1;
    this.targetMech[id] = mi;
    const I = this.rowsI32[id >> ROW_SHIFT]!, o = (id & ROW_MASK) << 3;
    I[o] = target ? target.slot : -1;
    I[o + 1] = mi;
    this.version++;
    if (nweights <= 2) {
      I[o + 2] = -1;
      const w = (o >> 1) + 2;
      return { id, weight: this.rows[id >> ROW_SHIFT]!.subarray(w, w + nweights) };
    }
    if (this.poolTop + nweights > POOL) {
      this.pools.push(new Float64Array(Math.max(POOL, nweights)));
      this.poolTop = 0;
    }
    I[o + 2] = this.pools.length - 1;
    I[o + 3] = this.poolTop;
    this.poolTop += nweights;
    return { id, weight: this.pools[this.pools.length - 1]!.subarray(I[o + 3]!, I[o + 3]! + nweights) };
  }

  private grow(): void {
    const m = 2 * this.delay.length;
    this.delay = widened(this.delay, new Float64Array(m));
    this.active = widened(this.active, new Uint8Array(m));
    this.targetSlot = widened(this.targetSlot, new Int32Array(m));
    this.targetMech = widened(this.targetMech, new Int16Array(m));
  }

  /** NetCon `id`'s target mechanism (an index into `mechs`), -1 for none. */
  mechOf(id: number): number {
    return this.targetMech[id]!;
  }

  /** An existing NetCon's weights were written (NetCon.setWeight / setWeights). */
  weightWritten(): void {
    this.weightEpoch++;
  }

  /** Moves whenever an existing NetCon's weights are written (copies of weights compare it). */
  get weightVersion(): number {
    return this.weightEpoch;
  }

  /** NetCon `id`'s weight j. */
  weightOf(id: number, j: number): number {
    const I = this.rowsI32[id >> ROW_SHIFT]!, o = (id & ROW_MASK) << 3;
    const pool = I[o + 2]!;
    return pool < 0 ? this.rows[id >> ROW_SHIFT]![(o >> 1) + 2 + j]! : this.pools[pool]![I[o + 3]! + j]!;
  }

  /** Calls NET_RECEIVE of NetCon `id`'s target (slot `slot` of `mr`) with its weights. */
  receive(mr: MechRuntime, slot: number, id: number, flag: number): void {
    const I = this.rowsI32[id >> ROW_SHIFT]!, o = (id & ROW_MASK) << 3;
    const pool = I[o + 2]!;
    if (pool < 0) mr.kernels.receive!(slot, this.rows[id >> ROW_SHIFT]!, (o >> 1) + 2, flag, id);
    else mr.kernels.receive!(slot, this.pools[pool]!, I[o + 3]!, flag, id);
  }

  /** Where `touch` leaves what it read (so that its loads are not dropped). */
  private sink = 0;
  /**
   * Reads the rows of the NetCons in ids[0, n) (ids < 0 skipped): independent loads that the
   * processor overlaps, so that the deliveries after them find their rows in the cache. A
   * network's rows are megabytes read in random order, and each step's compute has evicted them:
   * one at a time, every delivery waited for a row from memory.
   */
  touch(ids: Int32Array, n: number): void {
    const R = this.rowsI32;
    let x = 0;
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      if (id >= 0) x |= R[id >> ROW_SHIFT]![(id & ROW_MASK) << 3]!;
    }
    this.sink = x;
  }

  /** Delivers NetCon `id`'s event to its target at time t (the NetCon object is not touched). */
  deliver(id: number, t: number): void {
    const I = this.rowsI32[id >> ROW_SHIFT]!, o = (id & ROW_MASK) << 3;
    const slot = I[o]!, mr = this.mechs[I[o + 1]!]!;
    const tsav = mr.points!.tsav;
    if (tsav[slot]! > t) outOfOrder(mr, slot, t);
    tsav[slot] = t;
    if (this.defer !== null && this.defer(id, I[o + 1]!, slot)) return;
    this.receive(mr, slot, id, 0);
  }
}

/** `to` (longer) with `from`'s values at its start. */
function widened<A extends Float64Array | Uint8Array | Int32Array | Int16Array>(from: A, to: A): A {
  to.set(from);
  return to;
}

/**
 * Delivers NetCon `id`'s event (or a self-event carrying that NetCon's weights) to its target's
 * NET_RECEIVE at time t. Like nocmodl's generated code, an event earlier than the instance's
 * previous one is an error (it can only come from a restored state whose queue does not belong
 * to it).
 */
export function receiveAt(mr: MechRuntime, slot: number, table: NetConTable, wid: number, flag: number, t: number): void {
  const tsav = mr.points!.tsav;
  if (tsav[slot]! > t) outOfOrder(mr, slot, t);
  tsav[slot] = t;
  if (wid >= 0) table.receive(mr, slot, wid, flag);
  else mr.kernels.receive!(slot, NO_WEIGHTS, 0, flag, -1);
}

function outOfOrder(mr: MechRuntime, slot: number, t: number): never {
  throw new Error(`${mr.spec.name}[${mr.points!.instances.findIndex((pp) => pp.slot === slot)}]: an event for t = ${t} arrived after one for t = ${mr.points!.tsav[slot]} (events out of order)`);
}

export class NetCon {
  readonly id: number;
  readonly weight: Float64Array;
  constructor(
    readonly table: NetConTable,
    readonly source: PreSyn | null,
    readonly target: PointProcess | null,
    nweights: number,
  ) {
    const { id, weight } = table.add(target, nweights);
    this.id = id;
    this.weight = weight;
  }

  /** Sets weight j: every write of a weight after the NetCon's creation goes through here (NetConTable.weightVersion). */
  setWeight(j: number, value: number): void {
    this.weight[j] = value;
    this.table.weightWritten();
  }

  /** Sets all the weights (SaveState's restore). */
  setWeights(values: ArrayLike<number>): void {
    this.weight.set(values);
    this.table.weightWritten();
  }

  get delay(): number {
    return this.table.delay[this.id]!;
  }
  set delay(d: number) {
    this.table.delay[this.id] = d;
    this.table.version++;
  }

  get active(): boolean {
    return this.table.active[this.id] === 1;
  }
  set active(on: boolean) {
    this.table.active[this.id] = on ? 1 : 0;
    this.table.version++;
  }
}

/**
 * A spike source. When it has more than two NetCons and all have the same delay (decided at
 * finitialize: NEURON's use_min_delay_), a spike queues one event at t + delay for the source
 * itself, which then delivers to its NetCons in creation order — so their equal-time events keep
 * that order, whatever else is queued.
 */
export class PreSyn implements Event {
  /** This detector's entry in the threshold table (-1: a point-process source, no threshold). */
  private readonly tk: number;
  private ownThreshold = 10;
  private ownFlag = false;
  /** Vectors given to NetCon.record: every spike time is appended (set them with `record`). */
  readonly recordVecs: Vec[] = [];
  /** NetCon.record(tvec, idvec, id): the id appended to idvec with every spike. */
  idVec: Vec | null = null;
  recordId = 0;
  /** NetCons from this source, in creation order (NEURON's dil_). */
  readonly netcons: NetCon[] = [];
  resolved: Resolved = { arr: null, idx: 0 };
  useMinDelay = false;
  minDelay = 0;
  // the active NetCons with a target, in order: ids and delays (rebuilt on a version change)
  private sendVersion = -1;
  private sendIds = new Int32Array(0);
  private sendDelay = new Float64Array(0);
  /** The same in the queue's memory (TQueue.pushList). */
  private sendList: IdList | null = null;
  /** `ref` is the watched variable; null for a point-process source (net_event). */
  constructor(
    readonly queue: TQueue,
    readonly table: NetConTable,
    readonly ref: Ref | null,
    readonly point: PointProcess | null,
    readonly thresholds: ThresholdTable | null = null,
  ) {
    this.tk = thresholds ? thresholds.add() : -1;
  }

  get threshold(): number {
    return this.tk >= 0 ? this.thresholds!.thr[this.tk]! : this.ownThreshold;
  }
  set threshold(v: number) {
    if (this.tk >= 0) this.thresholds!.thr[this.tk] = v;
    else this.ownThreshold = v;
  }

  /** Above threshold at the last check (NEURON's flag_). */
  get flag(): boolean {
    return this.tk >= 0 ? this.thresholds!.flag[this.tk] === 1 : this.ownFlag;
  }
  set flag(on: boolean) {
    if (this.tk >= 0) this.thresholds!.flag[this.tk] = on ? 1 : 0;
    else this.ownFlag = on;
  }

  /**
   * NetCon.record: from now on every spike's time goes into `vec` (none: no vector), and `id`
   * into `idVec` when given. A table change (Simulator.spike reads what a spike does from it).
   */
  record(vec: Vec | null, idVec: Vec | null, id: number): void {
    this.recordVecs.length = 0;
    if (vec !== null) this.recordVecs.push(vec);
    this.idVec = idVec;
    this.recordId = id;
    this.table.version++;
  }

  /**
   * When all a spike does is append its time to one vector: that vector (null: the spike does
   * nothing at all); otherwise undefined. It holds until the NetCon table's version changes or
   * initDelivery runs again.
   */
  onlyRecords(): Vec | null | undefined {
    if (!this.feedsNothing() || this.idVec !== null) return undefined;
    const rv = this.recordVecs;
    return rv.length === 0 ? null : rv.length === 1 ? rv[0]! : undefined;
  }

  addNetCon(nc: NetCon): void {
    this.netcons.push(nc);
    this.ids.push(nc.id);
    this.table.version++;
  }
  /** The NetCons' ids, in order (so that rebuilding reads only the tables). */
  private readonly ids: number[] = [];

  /**
   * init_events: one event per spike when there are more than two NetCons of equal delay; the
   * send tables are built here (and again if a delay or an active flag changes later).
   */
  initDelivery(): void {
    const T = this.table, ids = this.ids;
    this.useMinDelay = ids.length > 2;
    if (this.useMinDelay) {
      this.minDelay = T.delay[ids[0]!]!;
      for (let k = 0; k < ids.length; k++) if (T.delay[ids[k]!] !== this.minDelay) this.useMinDelay = false;
    }
    if (this.sendVersion !== T.version) this.rebuild();
  }

  /** Whether a spike from this source changes nothing but its record vectors (no event queued). */
  feedsNothing(): boolean {
    if (this.sendVersion !== this.table.version) this.rebuild();
    return !this.useMinDelay && this.sendIds.length === 0;
  }

  /** The send tables: the active NetCons with a target, in order (ids and delays). */
  private rebuild(): void {
    const T = this.table, ids = this.ids;
    let n = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (T.active[id] === 1 && T.mechOf(id) >= 0) n++;
    }
    const sid = new Int32Array(n), sdl = new Float64Array(n);
    n = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (T.active[id] === 1 && T.mechOf(id) >= 0) {
        sid[n] = id;
        sdl[n++] = T.delay[id]!;
      }
    }
    this.sendIds = sid;
    this.sendDelay = sdl;
    this.sendList = this.queue.idList(sdl, sid, this.sendList);
    this.sendVersion = T.version;
  }

  send(tt: number): void {
    const rv = this.recordVecs;
    for (let i = 0; i < rv.length; i++) rv[i]!.push(tt);
    if (this.idVec) this.idVec.push(this.recordId);
    if (this.useMinDelay) {
      this.queue.push(tt + this.minDelay, this);
      return;
    }
    if (this.sendVersion !== this.table.version) this.rebuild();
    this.queue.pushList(tt, this.sendList!);
  }

  /** PreSyn::deliver: fan out to the NetCons (a delay changed since finitialize is honoured). */
  deliver(tt: number): void {
    if (this.sendVersion !== this.table.version) this.rebuild();
    const ids = this.sendIds, dl = this.sendDelay;
    for (let i = 0; i < ids.length; i++) {
      const dtt = dl[i]! - this.minDelay;
      if (dtt === 0.) this.table.deliver(ids[i]!, tt);
      else if (dtt < 0.) throw new Error(`NetCon delay ${dl[i]} was made shorter than ${this.minDelay} after finitialize; call finitialize again`);
      else this.queue.pushId(tt + dtt, ids[i]!);
    }
  }
}

/** net_send's event: the target's NET_RECEIVE with `flag` and the weights it was sent with. */
export class SelfEvent implements Event {
  /** `wid`: the NetCon whose weights the event carries, or -1 for none. */
  constructor(readonly target: PointProcess, readonly flag: number, readonly wid: number, readonly table: NetConTable) {}

  deliver(tt: number): void {
    const pp = this.target;
    // The generated NET_RECEIVE clears the movable pointer when a flag-1 event arrives.
    if (this.flag === 1) pp.movable = null;
    receiveAt(pp.store.runtime, pp.slot, this.table, this.wid, this.flag, tt);
  }
}
