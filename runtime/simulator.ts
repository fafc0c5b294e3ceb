// The fixed-step integrator: NEURON's finitialize and fadvance (src/nrnoc/fadvance.cpp) with
// cvode off, in NEURON's order of operations:
//
//   fadvance: threshold checks at t; deliver events te <= t + dt/2; t += dt/2;
//             currents and matrix at the midpoint from the old v; Hines solve; v += dv;
//             t += dt/2; state updates with the new v; record; deliver events te <= t.
//
// Time is accumulated by two additions of dt/2 per step, as NEURON does (its spike times and
// recorded t depend on those exact bits).
import { TQueue, type Event } from "./events.ts";
import type { Recv } from "./idtree.ts";
import type { FusedStep } from "./fused.ts";
import { exp, expArray, expArrayInRange } from "./math.ts";
import { ParallelEngine, PARTS_PER_THREAD, type WorkerConstructor } from "./parallel.ts";
import { capFactor } from "./mechanism.ts";
import type { Model, PointProcess } from "./model.ts";
import { NetCon, NetConTable, PreSyn, SelfEvent } from "./netcon.ts";
import { PlayContinuous, PlayStep, type PlayItem } from "./play.ts";
import { resolve, type Ref, type Resolved } from "./refs.ts";
import type { Vec } from "./vec.ts";

/** Vector.record(ref): a value appended at t = 0 and after every step. */
interface ContinuousRecord {
  readonly ref: Ref;
  readonly vec: Vec;
  resolved: Resolved;
}

/** Vector.record(ref, Dt) and Vector.record(ref, tvec): samples delivered as events. */
export class SampledRecord implements Event {
  resolved: Resolved = { arr: null, idx: 0 };
  constructor(
    readonly sim: Simulator,
    readonly ref: Ref,
    readonly vec: Vec,
    readonly dt: number,
    readonly times: Vec | null,
  ) {}

  init(): void {
    this.vec.n = 0;
    if (this.times) {
      if (this.times.n > 0) this.sim.queue.push(this.times.buf[0]!, this);
    } else {
      this.sim.queue.push(this.sim.model.env.t, this);
    }
  }

  deliver(tt: number): void {
    const r = this.resolved;
    this.vec.push(r.arr ? r.arr[r.idx]! : tt);
    if (this.times) {
      if (this.vec.n < this.times.n) this.sim.queue.push(this.times.buf[this.vec.n]!, this);
    } else {
      this.sim.queue.push(tt + this.dt, this);
    }
  }
}

export type FInitType = 0 | 1 | 2 | 3;

/**
 * t at the end of a fixed step that starts at t: two half steps, as fadvance advances it (t + dt
 * can round differently, and then the step count and the event checks would drift from NEURON's).
 */
export function stepEnd(t: number, dt: number): number {
  const h = 0.5 * dt;
  return t + h + h;
}

/** The exp the generated step left to JavaScript (see PartCalls.advance's status). */
export function finishExp(f: { expArgs: Float64Array; expArgsOffset: number }, status: number): void {
  const ex = f.expArgs;
  if (status === -2) {
    expArray(ex, ex.length); // hoc_Exp's limits and warnings, one by one
  } else if (status === -1 || status === -3) {
    expArrayInRange(ex, ex.length);
  } else {
    for (let i = (status - f.expArgsOffset) >> 3; i < ex.length; i++) ex[i] = exp(ex[i]!);
  }
}

/** A variable's owner and its name within the owner: equal for references to the same variable. */
function refKey(ref: Ref): [unknown, string] {
  switch (ref.kind) {
    case "t":
      return ["t", ""];
    case "node":
      return [ref.sec, `${ref.j} ${ref.col}`];
    case "point":
      return [ref.pp, ref.col];
    case "global":
      return [`global ${ref.mech}`, String(ref.index)];
  }
}

export class Simulator {
  readonly queue = new TQueue();
  /** Per-NetCon delivery data (struct of arrays) and the weight blocks. */
  readonly ncTable = new NetConTable();
  /** Threshold detectors (checked every step), in creation order. */
  readonly presyns: PreSyn[] = [];
  /**
   * Per detector (presyns order), when all its spike does is append the time to one vector: that
   * vector's index in `spikeVecs` (-2: the spike does nothing); else -1 (PreSyn.send). Crossings
   * are sent just after a step's compute has evicted the PreSyns from the cache, and the chain
   * from a detector to its record vector waited on each of its objects (1–1.4 µs per spike of
   * network 10, on the main thread of a threaded run). Valid while the NetCon table's version
   * is `sinkVersion` (NetCons added, delays, active flags and NetCon.record change it) and until
   * initDelivery (finitialize).
   */
  private spikeSink = new Int32Array(0);
  private spikeVecs: Vec[] = [];
  private sinkVersion = -1;
  /** Threads for continueTo (pc.nthread); 1: this thread only. */
  private threads = 1;
  private engine: ParallelEngine | null = null;
  /** Why the last continueTo ran on one thread although more were asked for (null: it did not). */
  parallelBlocker: string | null = null;
  /** Point-process spike sources (net_event), in creation order. */
  readonly pointSources: PreSyn[] = [];
  /** Every NetCon, in creation order (NET_RECEIVE INITIAL runs in this order). */
  readonly netcons: NetCon[] = [];
  private readonly continuous: ContinuousRecord[] = [];
  readonly sampled: SampledRecord[] = [];
  /** Vector.play items in creation order; `continuousPlays` are set at every half step. */
  readonly plays: PlayItem[] = [];
  private continuousPlays: PlayItem[] = [];
  private readonly handlers: Array<{ type: FInitType; fn: () => void }> = [];
  /** Called when a step begins (t at its start): hooks for play and the like. */

  constructor(readonly model: Model) {
    model.compileListeners.push(() => this.resolveAll());
    model.eventSink = {
      send: (pp, tAbs, flag, wid) => this.netSend(pp, tAbs, flag, wid),
      event: (pp, t) => pp.presyn?.send(t),
      move: (pp, tAbs) => this.netMove(pp, tAbs),
    };
  }

  private netSend(pp: PointProcess, tAbs: number, flag: number, wid: number): void {
    const t = this.model.env.t;
    if (!(tAbs >= t)) throw new Error(`${pp.store.spec.name}: net_send to ${tAbs} is before t = ${t}`);
    if (flag === 1) pp.movable = this.queue.insert(tAbs, new SelfEvent(pp, flag, wid, this.ncTable));
    else this.queue.push(tAbs, new SelfEvent(pp, flag, wid, this.ncTable));
  }

  private netMove(pp: PointProcess, tAbs: number): void {
    if (!pp.movable) throw new Error(`${pp.store.spec.name}: net_move without a pending flag-1 event`);
    if (tAbs < this.model.env.t) throw new Error(`${pp.store.spec.name}: net_move to ${tAbs} is before t = ${this.model.env.t}`);
    this.queue.move(pp.movable, tAbs);
  }

  // ------------------------------------------------------------------ registration

  /** Vector.record; a vector records one thing: a new record replaces its old one. */
  record(ref: Ref, vec: Vec, opts: { dt?: number; times?: Vec } = {}): void {
    this.unrecord(vec);
    if (opts.dt !== undefined || opts.times !== undefined) {
      const r = new SampledRecord(this, ref, vec, opts.dt ?? 0, opts.times ?? null);
      r.resolved = resolve(this.model, ref);
      this.sampled.push(r);
    } else {
      this.continuous.push({ ref, vec, resolved: resolve(this.model, ref) });
    }
  }

  /** Vector.play: step mode (times or Dt) or continuous mode (times, optional discontinuities). */
  play(ref: Ref, y: Vec, opts: { dt?: number; times?: Vec; continuous?: boolean; discon?: Vec }): void {
    const env = this.model.env;
    const item: PlayItem = opts.continuous
      ? new PlayContinuous(this.queue, env, ref, y, opts.times!, opts.discon ?? null)
      : new PlayStep(this.queue, env, ref, y, opts.times ?? null, opts.dt ?? 0);
    item.resolved = resolve(this.model, ref);
    this.plays.push(item);
    if (opts.continuous) this.continuousPlays.push(item);
  }

  /** Vector.play_remove: stops every play of `y`. */
  unplay(y: Vec): void {
    for (let i = this.plays.length - 1; i >= 0; i--) if (this.plays[i]!.y === y) this.plays.splice(i, 1);
    this.continuousPlays = this.continuousPlays.filter((p) => p.y !== y);
  }

  unrecord(vec: Vec): void {
    const i = this.continuous.findIndex((r) => r.vec === vec);
    if (i >= 0) this.continuous.splice(i, 1);
    const k = this.sampled.findIndex((r) => r.vec === vec);
    if (k >= 0) this.sampled.splice(k, 1);
  }

  /**
   * The PreSyn watching `ref` (one per variable, as in NEURON), created on first use. Found by
   * the variable's owner and name (NEURON hashes the variable's address): a network of n cells
   * with a detector each is built in O(n), not O(n²).
   */
  presynFor(ref: Ref): PreSyn {
    const [owner, name] = refKey(ref);
    let byName = this.presynIndex.get(owner);
    if (byName === undefined) this.presynIndex.set(owner, (byName = new Map()));
    const found = byName.get(name);
    if (found !== undefined) return found;
    const ps = new PreSyn(this.queue, this.ncTable, ref, null, this.model.thresholds);
    ps.resolved = resolve(this.model, ref);
    if (!this.thresholdAddress(this.presyns.length, ps)) this.thresholdsOutside++;
    this.presyns.push(ps);
    byName.set(name, ps);
    return ps;
  }

  /** presynFor's index: the variable's owner (section, point process, ...), then its name. */
  private readonly presynIndex = new Map<unknown, Map<string, PreSyn>>();

  /** The PreSyn of a point process that calls net_event (an artificial cell, APCount, ...). */
  presynOfPoint(pp: PointProcess): PreSyn {
    if (!pp.presyn) {
      const ps = new PreSyn(this.queue, this.ncTable, null, pp);
      pp.presyn = ps;
      this.pointSources.push(ps);
    }
    return pp.presyn as PreSyn;
  }

  /** A NetCon from `source` (or none) to `target` (or none), with `nweights` weights. */
  netcon(source: PreSyn | null, target: PointProcess | null, nweights: number): NetCon {
    const nc = new NetCon(this.ncTable, source, target, nweights);
    if (source) source.addNetCon(nc);
    this.netcons.push(nc);
    return nc;
  }

  addInitHandler(type: FInitType, fn: () => void): void {
    this.handlers.push({ type, fn });
  }

  private runHandlers(type: FInitType): void {
    for (const h of this.handlers) if (h.type === type) h.fn();
  }

  private resolveAll(): void {
    const m = this.model;
    for (const r of this.continuous) r.resolved = resolve(m, r.ref);
    for (const r of this.sampled) r.resolved = resolve(m, r.ref);
    this.model.thresholds.heap = m.arena.memory ? new Float64Array(m.arena.memory.buffer) : new Float64Array(0);
    this.thresholdsOutside = 0;
    this.presyns.forEach((p, k) => {
      p.resolved = resolve(m, p.ref!);
      if (!this.thresholdAddress(k, p)) this.thresholdsOutside++;
    });
    for (const p of this.plays) p.resolved = resolve(m, p.ref);
  }

  // ------------------------------------------------------------------ threads

  /**
   * pc.nthread(n): runs continueTo on n threads (results are the same as on one); `Worker` is
   * node:worker_threads' Worker, needed for n > 1.
   */
  setThreads(n: number, Worker?: WorkerConstructor): void {
    n = Math.max(1, Math.trunc(n));
    if (n === this.threads) return;
    if (n > 1 && !Worker) throw new Error(`threads: ${n} threads need node:worker_threads' Worker`);
    this.threads = n;
    this.engine?.close();
    this.engine = n > 1 ? new ParallelEngine(this, n, Worker!) : null;
    // the cells in parts of equal work, a few per thread (handed out step by step)
    const parts = n > 1 ? PARTS_PER_THREAD * n : 1;
    this.model.setParallel(parts, 1 / parts);
  }

  get nthread(): number {
    return this.threads;
  }

  /** The threads' schedule: "auto" (run-ahead where possible) or "lockstep" (tests). */
  setThreadSchedule(mode: "auto" | "lockstep"): void {
    if (this.engine) this.engine.schedule = mode;
  }

  /** The last multi-threaded run's schedule, or null if it ran on one thread. */
  get lastSchedule(): "run-ahead" | "lockstep" | null {
    return this.engine?.lastStats && this.parallelBlocker === null ? (this.engine.lastStats.runAhead ? "run-ahead" : "lockstep") : null;
  }

  /** @internal (runtime/parallel.ts) */
  deliverEventsTo(til: number): void {
    this.deliverEvents(til);
  }

  /** @internal (runtime/parallel.ts) */
  recordNow(): void {
    this.recordContinuous();
  }

  /** @internal (runtime/parallel.ts) */
  continuousCount(): number {
    return this.continuous.length;
  }

  /**
   * stdrun's continuerun loop: while t < ts, `nstep` steps (h.steps_per_ms groups); `tick` every
   * 256 groups. On more threads when set and the model allows it (else `parallelBlocker` says
   * why), with the same results.
   */
  continueTo(ts: number, nstep: number, tick: ((t: number) => void) | null = null): void {
    const env = this.model.env;
    if (this.engine !== null && env.t < ts) {
      if (!(env.dt > 0)) throw new Error(`dt must be > 0, got ${env.dt}`);
      this.model.compile();
      const f = this.model.fused;
      const why = this.engine.blocker(f);
      this.parallelBlocker = why;
      if (why === null) {
        // the number of steps, from the same arithmetic as the loop below
        let t = env.t, n = 0;
        while (t < ts) {
          for (let i = 0; i < nstep; i++) t = stepEnd(t, env.dt);
          n += nstep;
        }
        this.engine.run(f!, n, tick);
        return;
      }
    }
    let groups = 0;
    // Nothing inside this loop can read the values a fused step's afterState sets (GLOBALs that
    // hold the last instance's rates) when no record, play or sampled record exists: they are set
    // once, after the last step, to the same values.
    this.deferAfterState = this.continuous.length === 0 && this.continuousPlays.length === 0 &&
      this.sampled.length === 0 && this.plays.length === 0;
    try {
      while (env.t < ts) {
        const g = this.batchGroups(ts, nstep, tick ? 256 - (groups % 256) : Infinity);
        if (g > 0) {
          this.runBatch(this.model.fused!, g * nstep);
          groups += g;
          if (tick && groups % 256 === 0) tick(env.t);
          continue;
        }
        for (let i = 0; i < nstep; i++) this.fadvance();
        if (tick && ++groups % 256 === 0) tick(env.t);
      }
    } finally {
      this.deferAfterState = false;
      const f = this.afterStatePending;
      this.afterStatePending = null;
      if (f !== null && f === this.model.fused) f.afterState();
    }
  }

  /**
   * How many of continueTo's next groups of `nstep` steps (at most `maxGroups`, and only while
   * t < ts, the loop's own test) can run as one batch in WebAssembly (runBatch): steps where
   * JavaScript has nothing to do between them. That needs the fused step on one part, no
   * threshold detectors, no records or plays (deferAfterState), and no event due before the last
   * step's end (every delivery check in the batch is at or before it). 0: step one by one.
   */
  private batchGroups(ts: number, nstep: number, maxGroups: number): number {
    const model = this.model, env = model.env;
    if (!this.deferAfterState || this.presyns.length !== 0 || !(env.dt > 0)) return 0;
    model.compile();
    const f = model.fused;
    if (f === null || f.parts.length !== 1 || !f.ready() || f.afterEveryStep()) return 0;
    const least = this.queue.leastTime();
    let t = env.t, g = 0;
    while (t < ts && g < maxGroups) {
      let end = t;
      for (let i = 0; i < nstep; i++) end = stepEnd(end, env.dt);
      if (!(end < least)) break;
      t = end;
      g++;
    }
    return g * nstep >= 2 ? g : 0;
  }

  /**
   * n fused steps in one call (PartCalls.advanceN), the same operations as n calls of fadvance
   * when batchGroups allows it; a step whose exp needs JavaScript is finished here as fusedStep
   * finishes it, and the batch goes on.
   */
  private runBatch(f: FusedStep, n: number): void {
    const env = this.model.env, dt = env.dt;
    const cfac = capFactor(env);
    const second = env.secondorder !== 0 ? 1 : 0;
    const part = f.parts[0]!, calls = f.calls;
    let t = env.t;
    while (n > 0) {
      const k = calls.advanceN(0, t, cfac, second, dt, n);
      for (let i = 0; i < k; i++) t = stepEnd(t, dt);
      n -= k;
      if (n > 0) {
        const tEnd = stepEnd(t, dt);
        finishExp(part, part.batchStatus[0]!);
        part.stateAfter(dt, tEnd);
        t = tEnd;
        n--;
      }
    }
    env.t = t;
    this.afterStatePending = f;
  }

  /** Inside continueTo's loop: the fused step leaves afterState for the end of the loop. */
  private deferAfterState = false;
  private afterStatePending: FusedStep | null = null;

  // ------------------------------------------------------------------ time stepping

  /** nrn_finitialize(setv, v). */
  finitialize(v?: number): void {
    const model = this.model;
    const env = model.env;
    this.runHandlers(3);
    model.compile();
    env.t = 0;
    for (const mr of model.active) mr.kernels.tableCheck?.();
    this.queue.clear();
    this.queue.setResolution(env.dt);
    for (const p of this.plays) p.init(env.t);
    this.deliverEvents(env.t);
    if (v !== undefined) model.nodes.get("v").fill(v, 0, model.nnode);
    this.runHandlers(0);
    // INITIAL blocks in mechanism order; artificial cells after all membrane mechanisms.
    for (const mr of model.active) if (mr.spec.kind !== "artificial") mr.kernels.initialize?.();
    for (const mr of model.active) if (mr.spec.kind === "artificial") mr.kernels.initialize?.();
    this.initEvents();
    this.runHandlers(1);
    this.deliverEvents(env.t);
    this.setupTreeMatrix();
    for (const r of this.continuous) r.vec.n = 0;
    this.recordContinuous();
    for (const r of this.sampled) r.init();
    this.deliverEvents(env.t);
    this.runHandlers(2);
  }

  /** init_events: spike sources reset; NetCon weights after the first are zeroed. */
  private initEvents(): void {
    this.sinkVersion = -1; // initDelivery below may change what a spike does (use_min_delay)
    for (const ps of this.presyns) {
      ps.flag = false;
      for (const vec of ps.recordVecs) vec.n = 0;
      ps.initDelivery();
    }
    for (const ps of this.pointSources) ps.initDelivery();
    for (const ps of this.pointSources) {
      for (const vec of ps.recordVecs) vec.n = 0;
    }
    for (const ps of [...this.presyns, ...this.pointSources]) if (ps.idVec) ps.idVec.n = 0;
    for (const mr of this.model.active) {
      if (mr.points && mr.spec.netReceive) mr.points.tsav.fill(-1e20);
    }
    for (const nc of this.netcons) {
      if (nc.target) for (let j = nc.weight.length - 1; j > 0; j--) nc.setWeight(j, 0);
    }
  }

  /** nrn_fixed_step: one step of dt. */
  fadvance(): void {
    const model = this.model;
    const env = model.env;
    if (!(env.dt > 0)) throw new Error(`dt must be > 0, got ${env.dt}`);
    model.compile();
    const fused = model.fused;
    if (fused !== null && fused.ready()) {
      this.fusedStep(fused);
      return;
    }
    this.afterStatePending = null;
    for (const mr of model.active) mr.kernels.tableCheck?.();
    this.checkThresholds();
    this.deliverEvents(env.t + 0.5 * env.dt);
    env.t += 0.5 * env.dt;
    this.playContinuous(env.t);
    this.setupTreeMatrix();
    this.solveAndUpdate();
    env.t += 0.5 * env.dt;
    this.playContinuous(env.t);
    for (const mr of model.active) mr.kernels.state?.();
    this.recordContinuous();
    this.deliverEvents(env.t);
  }

  /**
   * The same step with the generated WebAssembly (runtime/fused.ts): after the events, one call
   * does the rest (matrix and triang in one reverse sweep, bksub, v, i_cap, the states with libm's
   * exp kernel in place); with continuous plays, which must run between v and the states, the
   * phases are called one by one.
   */
  private fusedStep(f: FusedStep): void {
    const env = this.model.env;
    this.checkThresholds();
    this.deliverEvents(env.t + 0.5 * env.dt);
    env.t += 0.5 * env.dt;
    this.playContinuous(env.t);
    const dt = env.dt;
    const cfac = capFactor(env);
    const second = env.secondorder !== 0 ? 1 : 0;
    const parts = f.parts;
    if (this.continuousPlays.length === 0) {
      const tEnd = env.t + 0.5 * dt;
      const advance = f.calls.advance;
      for (let p = 0; p < parts.length; p++) {
        const status = advance(p, env.t, cfac, second, dt, tEnd);
        if (status !== 0) {
          const part = parts[p]!;
          finishExp(part, status);
          part.stateAfter(dt, tEnd);
        }
      }
      env.t = tEnd;
    } else {
      for (const part of parts) part.assemble(env.t, cfac, dt);
      for (const part of parts) part.update(cfac, second, dt, env.t, 0);
      env.t += 0.5 * dt;
      this.playContinuous(env.t);
      for (const part of parts) {
        part.stateBefore(dt, env.t);
        const status = part.expRun();
        if (status !== 0) finishExp(part, status);
        part.stateAfter(dt, env.t);
      }
    }
    if (this.deferAfterState && !f.afterEveryStep()) this.afterStatePending = f;
    else f.afterState();
    this.recordContinuous();
    this.deliverEvents(env.t);
  }

  private playContinuous(t: number): void {
    const plays = this.continuousPlays;
    for (let k = 0; k < plays.length; k++) plays[k]!.continuous(t);
  }

  /** The next events' payloads, for reading their NetCon rows ahead (deliverEvents). */
  private readonly ahead = new Int32Array(32);
  /**
   * During a multi-threaded run: what the queue's WebAssembly deliveries call instead of the fused
   * step's receive kernels (the append to the delivery ring of the target's part).
   */
  deferRecv: Recv | null = null;
  /** The fused step whose receivers the queue's NetCon columns number, and the receive bound. */
  private idsFused: FusedStep | null = null;
  private idsRecv: Recv | null = null;
  /** NetCons whose columns the queue has, and the weight version of their weights. */
  private idsN = 0;
  private idsWeights = -1;

  /**
   * Whether the queue can deliver NetCon events itself, in WebAssembly (TQueue.deliverIds): with a
   * fused step (its `recv`, or during a multi-threaded run `deferRecv`). Brings the queue's NetCon
   * columns up to date first: every NetCon's target slot, receiver and weight 0, written for new
   * NetCons, and for all after a weight was written (NetConTable.weightVersion) or the step was
   * compiled again. Within a run the columns hold: the user's JavaScript does not run there, and a
   * receive kernel with a WebAssembly version writes no weight.
   */
  private idsReady(): boolean {
    const f = this.model.fused, T = this.ncTable, q = this.queue;
    if (f === null || !q.idsInWasm) return false;
    if (f !== this.idsFused) {
      this.idsFused = f;
      this.idsN = 0;
    }
    const recv = this.deferRecv ?? f.recv;
    if (recv !== this.idsRecv) {
      q.bindReceivers(recv);
      this.idsRecv = recv;
    }
    const n = T.n;
    if (n !== this.idsN || T.weightVersion !== this.idsWeights) {
      const from = T.weightVersion === this.idsWeights ? this.idsN : 0;
      const col = q.netconColumns(n);
      const recvOf = T.mechs.map((mr) => f.receiverIndex.get(mr) ?? -1);
      for (let id = from; id < n; id++) {
        const mi = T.targetMech[id]!;
        col.slot[id] = T.targetSlot[id]!;
        col.recv[id] = mi < 0 ? -1 : recvOf[mi]!;
        col.w[id] = mi < 0 ? 0 : T.weightOf(id, 0);
      }
      this.idsN = n;
      this.idsWeights = T.weightVersion;
    }
    return true;
  }

  /** Delivers every queued event with time <= til, with t set to each event's time. */
  private deliverEvents(til: number): void {
    const q = this.queue;
    if (q.leastTime() > til) return;
    const env = this.model.env;
    const tsav = env.t;
    try {
      const T = this.ncTable, ahead = this.ahead;
      const inWasm = this.idsReady();
      let left = 0;
      for (;;) {
        if (inWasm && !q.deliverIds(til)) break;
        const ev = q.dq(til);
        if (ev === null) break;
        const te = q.dqTime;
        env.t = te;
        const id = q.dqPayload;
        // a NetCon event (its id as payload): straight from the tables, the NetCon untouched;
        // the rows of the next ones are read ahead, together (NetConTable.touch)
        if (id >= 0) {
          if (--left < 0) {
            left = q.nextPayloads(ahead, ahead.length);
            T.touch(ahead, left);
          }
          T.deliver(id, te);
        } else ev.deliver(te);
      }
    } finally {
      env.t = tsav;
    }
  }

  /** Detector k's spike at time t: PreSyn.send, without reading the PreSyn when it only records. */
  spike(k: number, t: number): void {
    if (this.sinkVersion !== this.ncTable.version || this.spikeSink.length !== this.presyns.length) this.findSinks();
    const s = this.spikeSink[k]!;
    if (s >= 0) this.spikeVecs[s]!.push(t);
    else if (s === -1) this.presyns[k]!.send(t);
  }

  private findSinks(): void {
    const n = this.presyns.length;
    const sink = new Int32Array(n), vecs: Vec[] = [], index = new Map<Vec, number>();
    for (let k = 0; k < n; k++) {
      const only = this.presyns[k]!.onlyRecords();
      if (only === undefined) sink[k] = -1;
      else if (only === null) sink[k] = -2;
      else {
        let i = index.get(only);
        if (i === undefined) index.set(only, (i = vecs.push(only) - 1));
        sink[k] = i;
      }
    }
    this.spikeSink = sink;
    this.spikeVecs = vecs;
    this.sinkVersion = this.ncTable.version;
  }

  /** Sets detector k's address in the arena (-1: outside it); returns whether it is inside. */
  private thresholdAddress(k: number, ps: PreSyn): boolean {
    const r = ps.resolved, T = this.model.thresholds;
    T.addr[k] = r.arr && T.heap.length > 0 && r.arr.buffer === T.heap.buffer ? r.arr.byteOffset + 8 * r.idx : -1;
    return T.addr[k]! >= 0;
  }

  /** Detectors whose variable is outside the arena (the generated check needs none). */
  private thresholdsOutside = 0;

  /** Whether every detector's value is in the arena (then the generated code may check them). */
  get thresholdsInArena(): boolean {
    return this.thresholdsOutside === 0;
  }

  /**
   * Threshold detection (NetCvode::check_thresh): a crossing from below sends a spike at t+1e-10.
   * Values, thresholds and flags come from typed arrays (no PreSyn object is read unless it fires).
   */
  private checkThresholds(): void {
    const presyns = this.presyns;
    if (presyns.length === 0) return;
    const t = this.model.env.t;
    const T = this.model.thresholds;
    const f = this.model.fused;
    if (f !== null && f.parts.length === 1 && T.inArena && this.thresholdsInArena && f.thresholdCount === presyns.length) {
      const c = f.calls.thresholds(0);
      const list = f.parts[0]!.thrOut;
      for (let i = 0; i < c; i++) this.spike(list[i]!, t + 1e-10);
      return;
    }
    const heap = T.heap, addr = T.addr, thr = T.thr, flag = T.flag;
    for (let k = 0; k < presyns.length; k++) {
      const a = addr[k]!;
      let x: number;
      if (a >= 0) {
        x = heap[a >> 3]!;
      } else {
        const r = presyns[k]!.resolved;
        x = r.arr ? r.arr[r.idx]! : t;
      }
      if (x - thr[k]! > 0) {
        if (flag[k] === 0) {
          flag[k] = 1;
          this.spike(k, t + 1e-10);
        }
      } else {
        flag[k] = 0;
      }
    }
  }

  private recordContinuous(): void {
    const t = this.model.env.t;
    for (const r of this.continuous) {
      const res = r.resolved;
      r.vec.push(res.arr ? res.arr[res.idx]! : t);
    }
  }

  /**
   * setup_tree_matrix: nrn_rhs then nrn_lhs (src/nrnoc/treeset.cpp). The axial contributions to
   * rhs and d are made in one loop: each element still sees NEURON's sequence (all currents,
   * then its own axial terms in node order; for d: jacobians, capacitance, then axial).
   */
  private setupTreeMatrix(): void {
    const model = this.model;
    const nodes = model.nodes;
    const n = model.nnode, ncell = model.ncell;
    const v = nodes.get("v"), rhs = nodes.get("rhs"), d = nodes.get("d");
    const a = nodes.get("a"), b = nodes.get("b"), cm = nodes.get("cm");
    const parent = model.parent;
    const active = model.active;

    rhs.fill(0, 0, n);
    for (let k = 0; k < active.length; k++) active[k]!.kernels.current?.();
    d.fill(0, 0, n);
    for (let k = 0; k < active.length; k++) active[k]!.kernels.jacobian?.();
    const cfac = capFactor(model.env);
    const cap = model.capNodes;
    for (let k = 0; k < cap.length; k++) {
      const i = cap[k]!;
      d[i]! += cfac * cm[i]!;
    }
    for (let i = ncell; i < n; i++) {
      const p = parent[i]!;
      const dv = v[p]! - v[i]!;
      rhs[i]! -= b[i]! * dv;
      rhs[p]! += a[i]! * dv;
      d[i]! -= b[i]!;
      d[p]! -= a[i]!;
    }
  }

  /**
   * Hines elimination (triang, bksub), then v += dv (2·dv for secondorder) in the same forward
   * pass: a node's dv is final as soon as bksub reaches it.
   */
  private solveAndUpdate(): void {
    const model = this.model;
    const nodes = model.nodes;
    const n = model.nnode, ncell = model.ncell;
    const rhs = nodes.get("rhs"), d = nodes.get("d"), a = nodes.get("a"), b = nodes.get("b");
    const v = nodes.get("v");
    const parent = model.parent;
    for (let i = n - 1; i >= ncell; i--) {
      const p = a[i]! / d[i]!;
      const pi = parent[i]!;
      d[pi]! -= p * b[i]!;
      rhs[pi]! -= p * rhs[i]!;
    }
    const second = model.env.secondorder !== 0;
    for (let i = 0; i < ncell; i++) {
      rhs[i]! /= d[i]!;
      v[i]! += second ? 2. * rhs[i]! : rhs[i]!;
    }
    for (let i = ncell; i < n; i++) {
      rhs[i]! -= b[i]! * rhs[parent[i]!]!;
      rhs[i]! /= d[i]!;
      v[i]! += second ? 2. * rhs[i]! : rhs[i]!;
    }
    const cm = nodes.get("cm"), icap = nodes.get("i_cap");
    const cfac = 0.001 * (second ? 2.0 / model.env.dt : 1.0 / model.env.dt);
    const cap = model.capNodes;
    for (let k = 0; k < cap.length; k++) {
      const i = cap[k]!;
      icap[i] = cfac * cm[i]! * rhs[i]!;
    }
  }


}
