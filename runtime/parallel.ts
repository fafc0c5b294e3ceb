// Multi-threaded fixed-step runs (pc.nthread(n)): the cells are divided into parts (4 per thread)
// over the model's arena in shared memory; every value is the same as in a single-threaded run,
// bit for bit.
//
// Why the event queue stays on the main thread. NEURON's queue delivers equal-time events in an
// order that depends on the global interleaving of every insertion (the least-slot rule in
// runtime/events.ts): one queue per thread, as NEURON's own threads use, changes that order when
// events tie (spike times and delays on a grid make ties common), and with it the last bits of a
// synapse that sums them. So one queue, on the main thread, processes every event exactly as the
// serial run does: artificial cells (NetStim, IntFire) run there, and a NetCon event to a synapse
// on a cell — whose NET_RECEIVE only adds its weight to the synapse's own state (a WebAssembly
// receive kernel, MechanismSpec.wasm.receive) — is not applied there but appended to the delivery
// ring of the part that owns the cell, in delivery order; whichever thread computes that part's
// step applies them where the serial run would have (before the step's currents). Threshold
// crossings are merged in detector order and sent as the serial run sends them.
//
// Work is handed out dynamically: a unit is (step n, part p). Each part has an owner thread (its
// data stays in that core's cache); a thread runs its own parts' next steps as they become ready
// (step n published, the part's step n - 1 done; up to BATCH ready steps of a part in one claim),
// and a thread with nothing to do runs units of the part that lags most; ownership itself moves
// only when the main thread re-balances it from measured unit times. So a thread that is
// preempted, or the main thread busy with events, hands work to the others instead of stalling
// them; parts are small (4 per thread) so that the balance is fine.
//
// Two schedules, chosen per run:
//  - lockstep: needed when a cell's spike can reach the queue (a detector with NetCons to
//    targets), or when variables are recorded every step: step n's crossings must be in the
//    queue before step n's events. Per step: every part done with n-1; the main thread checks all
//    thresholds, merges and sends the spikes, delivers step n's first events and publishes; then
//    everyone computes step n's units, the main thread after its end-of-step event work.
//  - run-ahead: when no detector feeds the queue (spikes are only recorded), the queue does not
//    depend on the cells, so the main thread publishes up to K steps (and IN_FLIGHT deliveries)
//    ahead and the threads only synchronise through the delivery rings (NEURON's minimum-delay
//    exchange, in the limit); each unit checks its own part's thresholds and the main thread
//    merges the crossings later.
// All exchange goes through one interface (`Exchange`: publish a step's deliveries, collect a
// step's crossings) so that another transport (MPI between processes) could replace shared memory.
//
// Not on threads (the run uses one thread, with the same results; ParallelContext.threadBlocker()
// says why): models without a fused step, Vector.play, sampled records, cell-located point
// processes whose NET_RECEIVE has no WebAssembly kernel.
import type { FusedPart, FusedStep } from "./fused.ts";
import { capFactor } from "./mechanism.ts";
import { RING } from "./fused.ts";
import type { Simulator } from "./simulator.ts";
import { finishExp } from "./simulator.ts";
import type { WasmModule } from "./wasm.ts";

/**
 * Steps the delivery slot tables hold (how far the main thread may publish ahead of the slowest
 * part). Deep, so that a part held up for a while (its thread descheduled, or V8 compiling on its
 * core) does not stop the main thread's events: on network 10, 64 → 512 took 2-thread runs of
 * 100 ms from 370 to 345 ms (medians of four alternated rounds: 5-9 % less); at 1000 ms, no
 * change beyond the noise. IN_FLIGHT bounds the same lead in deliveries.
 */
const K = 512;
/**
 * Deliveries the main thread may have published that the slowest part has not yet applied, over
 * all rings: they stay in the caches (16 bytes each, 256 KB in all) until their unit reads them.
 * Without the bound, network 100 (250 deliveries a step) with K = 512 ran 549 → 590 ms at 100 ms;
 * with it, as with K = 64 (572 against 570 ms, and 3806 against 3853 at 1000 ms).
 */
const IN_FLIGHT = 16384;
/** Steps the crossing slots hold (how far units may list crossings ahead of the merge). */
const KC = 256;
/** Steps of start times kept (a power of two above K + KC + 1). */
const TSTART = 1024;
/** Parts per thread. */
export const PARTS_PER_THREAD = 4;
/**
 * A thread with nothing of its own to do runs a unit of another thread's part when that part lags
 * this many steps behind all of its own (the owner is descheduled, or busy with events).
 */
const STEAL_LAG = 32;
/**
 * A thread claims up to this many consecutive ready steps of one of its own parts at a time: the
 * part's data stays in the core's cache from step to step, and the claims' shared cache lines move
 * less (the worker's time per step on network 10 fell by a tenth, and the run by a quarter, going
 * from 1 to 8; 16 once a claim's done and listed words were stored once per claim, not per step).
 * The main thread takes over another thread's part one step at a time (so that it returns to the
 * queue soon); a worker claims the same way whichever part it takes.
 */
const BATCH = 16;
/** Steps between the main thread's re-balancing of part ownership. */
const BALANCE_EVERY = 128;
/**
 * The main thread keeps at least this many steps published ahead of the least claimed step of its
 * own parts (with BATCH-step claims, 8 left the worker waiting for publication; at most K).
 */
const LEAD = 48;

// The control block (Int32Array). Every claim of every thread increments WAKE: it has a cache line
// of its own (ints 16-31), apart from the main thread's PUB and MERGED_AT (ints 0-15).
const PUB = 1, MERGED_AT = 2, WAKE = 16, FAILED = 4, STOP = 5;
/** Threads asleep in Atomics.wait on WAKE (notify only when there are some: notify takes a lock). */
const SLEEPERS = 6;
/** Incremented when part ownership changes (threads then re-read which parts are theirs). */
const EPOCH = 7;
/**
 * Per part p, a cache line (LINE ints) at PART + LINE p, so that threads working on different parts
 * don't contend for one line: its last completed step (+0), its last listed crossings (+1),
 * the next step to be claimed (+2), its owner thread (+3).
 */
const PART = 32;
/** Ints in a cache line. */
const LINE = 16;
// Per worker w (1..), a line at PART + LINE P + LINE (w - 1): HELP status, part, step, unit time.

/** The worker: instantiates the module over the shared memory and runs the units it claims. */
const WORKER_SOURCE = String.raw`
const { parentPort } = require("node:worker_threads");
let ex = null;
function wake(ctrl) {
  Atomics.add(ctrl, ${WAKE}, 1);
  if (Atomics.load(ctrl, ${SLEEPERS}) !== 0) Atomics.notify(ctrl, ${WAKE});
}
function sleep(ctrl, w) {
  Atomics.add(ctrl, ${SLEEPERS}, 1);
  Atomics.wait(ctrl, ${WAKE}, w, 2);
  Atomics.sub(ctrl, ${SLEEPERS}, 1);
}
function waitZero(a, i) {
  for (let k = 0; ; k++) {
    const x = Atomics.load(a, i);
    if (x === 0) return;
    if (k > 4000) Atomics.wait(a, i, x, 2);
  }
}
parentPort.on("message", (m) => {
  try {
    if (m.module) {
      ex = new WebAssembly.Instance(m.module, { env: { mem: m.memory },
        m: { exp() { throw new Error("neuron-ts worker: hoc_Exp needed outside the batched exp"); } } }).exports;
    }
    if (m.run) run(m.run);
  } catch (e) {
    // the main thread is in a loop, not reading messages: tell it through shared memory too
    parentPort.postMessage({ error: String(e && e.stack || e) });
    if (m.run) {
      const ctrl = new Int32Array(m.run.ctrl);
      Atomics.store(ctrl, ${FAILED}, 1);
      Atomics.add(ctrl, ${WAKE}, 1);
      Atomics.notify(ctrl, ${WAKE});
    }
  }
});
function run(r) {
  const P = r.P, K = r.K, KC = r.KC, N = r.nsteps, nthr = r.nthr, cw = r.cw, me = r.worker;
  const runAhead = r.runAhead, cfac = r.cfac, second = r.second, dt = r.dt;
  const ctrl = new Int32Array(r.ctrl), steps = new Int32Array(r.steps), params = new Float64Array(r.params);
  const cross = new Int32Array(r.cross);
  const hb = ${PART} + ${LINE} * P + ${LINE} * (me - 1);
  const outs = r.thrOut.map((off) => new Int32Array(r.memory.buffer, off, Math.max(nthr, 1)));
  let epoch = -1, own = [];
  let idle = 0;
  for (;;) {
    if (Atomics.load(ctrl, ${STOP}) !== 0) return;
    const e = Atomics.load(ctrl, ${EPOCH});
    if (e !== epoch) {
      epoch = e;
      own = [];
      for (let p = 0; p < P; p++) if (Atomics.load(ctrl, ${PART} + ${LINE} * p + 3) === me) own.push(p);
    }
    // the ready unit of my parts with the lowest step
    const pub = Atomics.load(ctrl, ${PUB}), merged = Atomics.load(ctrl, ${MERGED_AT});
    let p = -1, n = N, slowest = N;
    for (let i = 0; i < own.length; i++) {
      const q = own[i], pd = ${PART} + ${LINE} * q, c = Atomics.load(ctrl, pd + 2);
      if (c < slowest) slowest = c;
      if (c >= N || c > pub || Atomics.load(ctrl, pd) < c - 1 || (runAhead && c - KC > merged)) continue;
      if (c < n) { p = q; n = c; }
    }
    if (p < 0 && ++idle > 64) {
      // nothing of mine is ready: a part of another thread that lags far behind (that thread is
      // stalled), or the end of the run
      idle = 0;
      let left = false;
      for (let q = 0; q < P; q++) {
        const pd = ${PART} + ${LINE} * q, c = Atomics.load(ctrl, pd + 2);
        if (c < N) left = true;
        if (c >= N || c > pub || Atomics.load(ctrl, pd) < c - 1 || (runAhead && c - KC > merged)) continue;
        if (c + ${STEAL_LAG} <= slowest && c < n) { p = q; n = c; }
      }
      if (!left) return;
      if (p < 0) {
        const w = Atomics.load(ctrl, ${WAKE});
        let k = 0;
        while (Atomics.load(ctrl, ${WAKE}) === w && Atomics.load(ctrl, ${PUB}) === pub && ++k < 2000);
        if (k >= 2000) sleep(ctrl, w);
      }
    }
    if (p < 0) continue;
    const pd = ${PART} + ${LINE} * p;
    // up to BATCH ready steps of the part at once (published; within the crossing slots)
    let last = Math.min(n + ${BATCH} - 1, pub, N - 1);
    if (runAhead) last = Math.min(last, merged + KC);
    if (Atomics.compareExchange(ctrl, pd + 2, n, last + 1) !== n) continue;
    idle = 0;
    const q0 = performance.now();
    for (let m = n; m <= last; m++) {
      if (runAhead) {
        const c = ex.thresholds(p);
        const cb = (p * KC + m % KC) * cw;
        const out = outs[p];
        cross[cb] = c;
        for (let i = 0; i < c; i++) cross[cb + 1 + i] = out[i];
      }
      const slot = m % K, sb = 2 * (p * K + slot);
      ex.apply(p, steps[sb], steps[sb + 1]);
      const st = ex.advance(p, params[2 * slot], cfac, second, dt, params[2 * slot + 1]);
      if (st !== 0) {
        Atomics.store(ctrl, hb + 1, p);
        Atomics.store(ctrl, hb + 2, m);
        Atomics.store(ctrl, hb, st);
        Atomics.add(ctrl, ${WAKE}, 1);
        Atomics.notify(ctrl, ${WAKE});
        waitZero(ctrl, hb);
      }
    }
    // the batch's crossings listed, then its steps done: one store each per batch (an atomic
    // store waits for the line, which the main thread reads, to come back to this core)
    if (runAhead) Atomics.store(ctrl, pd + 1, last);
    Atomics.store(ctrl, pd, last);
    // this worker's time in units (microseconds), for the main thread's balance
    Atomics.add(ctrl, hb + 3, Math.round((performance.now() - q0) * 1000));
    wake(ctrl);
  }
}
`;

/** node:worker_threads' Worker (the caller supplies it: runtime/ loads no Node module itself). */
export type WorkerConstructor = new (source: string, options: { eval: boolean }) => NodeWorker;

interface NodeWorker {
  postMessage(m: unknown): void;
  on(ev: string, f: (m: unknown) => void): void;
  unref(): void;
  terminate(): Promise<number>;
}

/** What crosses between threads: a step's deliveries and times, a step's crossings. */
interface Exchange {
  /** Makes step n's deliveries (and its times) visible to every part. */
  publish(n: number): void;
  /**
   * Copies part p's crossings of step n (detector indices, increasing; p has listed them) into
   * `out` from index `at`; returns how many.
   */
  crossings(p: number, n: number, out: Int32Array, at: number): number;
}

/** A run's tables that depend only on the model's structure (ParallelEngine.layoutFor). */
interface RunLayout {
  f: FusedStep;
  ncN: number;
  thrN: number;
  /**
   * The part that owns each NetCon target, by target (not by NetCon: a network has few targets
   * and many NetCons, and this table stays in the cache): for the target mechanism with index m
   * in the NetCon table, slot s, at targetPart[partBase[m] + s]; partBase[m] < 0: no target of
   * that mechanism lives on a cell.
   */
  partBase: Int32Array;
  targetPart: Int32Array;
  /** The receiver index (FusedStep.receiverIndex) of each target mechanism of the NetCon table. */
  mechRecv: Int32Array;
  /** Ints per crossing slot. */
  cw: number;
  steps: Int32Array;
  params: Float64Array;
  cross: Int32Array;
}

/** Run statistics (NTS_PAR_STATS=1 prints them). */
export interface ParallelStats {
  /** Units the main thread ran; its milliseconds waiting for other threads. */
  unitsMain: number;
  wait: number;
  runAhead: boolean;
  /** With NTS_PAR_STATS: the main thread's time in units and in the event queue (ms). */
  unitMs: number;
  eventMs: number;
  /** Units the main thread ran of parts it did not own; ownership changes. */
  stolen: number;
  rebalances: number;
  /** Times a step's publication waited because IN_FLIGHT deliveries were not yet applied. */
  inFlightHeld: number;
}

export class ParallelEngine {
  private workers: NodeWorker[] = [];
  private workerModule: WasmModule | null = null;
  private layout: RunLayout | null = null;
  /**
   * Each step's start time, kept until its crossings are merged: a ring of TSTART steps (a step
   * is published at most K + KC + 1 steps ahead of the last merged one: units wait for the merge
   * KC steps behind them, and publication for every part to be done K steps behind it).
   */
  private readonly tStart = new Float64Array(TSTART);
  /** How many parts the main thread owned when the last run's balance was measured (-1: none yet). */
  private mainParts = -1;
  private failure: string | null = null;
  lastStats: ParallelStats | null = null;

  /**
   * Creates the worker threads now (as pc.nthread does in NEURON), so that runs don't wait for
   * them, and hands every newly compiled step to them as soon as it exists (at finitialize): a
   * worker then has its instance before the run starts (posted with the run, the module reached
   * a worker 5-20 ms into a 100 ms run of network 10).
   */
  constructor(readonly sim: Simulator, readonly nthread: number, private readonly Worker: WorkerConstructor) {
    this.spawn();
    sim.model.compileListeners.push(this.onCompile);
  }

  private readonly onCompile = (): void => {
    const f = this.sim.model.fused;
    if (f !== null && f.parts.length === this.parts) this.ensureWorkers(f);
  };

  /** "lockstep" forces the per-step schedule even where run-ahead is possible (tests, bench's SCHEDULE). */
  schedule: "auto" | "lockstep" = "auto";

  /** Parts the model is divided into for this many threads. */
  get parts(): number {
    return PARTS_PER_THREAD * this.nthread;
  }

  /** Why the model cannot run on threads now (the run then uses one thread), or null. */
  blocker(f: FusedStep | null): string | null {
    const sim = this.sim, model = sim.model;
    if (!f) return "the model has no fused step (a mechanism without WebAssembly kernels)";
    if (f.parts.length !== this.parts) return "the model is not laid out for this many threads";
    if (!f.ready()) return "a mechanism's fused kernels declined (e.g. usetable off)";
    if (f.afterEveryStep()) return "a mechanism needs JavaScript after every step (APCount.record)";
    if (f.oneThread !== null) return f.oneThread;
    if (sim.plays.length > 0) return "Vector.play";
    if (sim.sampled.length > 0) return "sampled Vector.record (Dt or time vector)";
    if (!model.thresholds.inArena || model.thresholds.n !== sim.presyns.length) return "threshold detectors added since the model was compiled";
    if (!sim.thresholdsInArena) return "a threshold detector watches a variable outside the arena";
    for (const mr of model.active) {
      if (!mr.points || mr.spec.kind === "artificial" || !mr.spec.netReceive) continue;
      if (!f.receiverIndex.has(mr)) return `${mr.spec.name}'s NET_RECEIVE has no WebAssembly kernel`;
    }
    return null;
  }

  /**
   * Runs `nsteps` steps (the serial fixed step, nsteps times) on the threads. `tick` is called on
   * the main thread every 256 steps with t.
   */
  run(f: FusedStep, nsteps: number, tick: ((t: number) => void) | null): void {
    const sim = this.sim, model = sim.model, env = model.env;
    const parts = f.parts, P = parts.length;
    const dt = env.dt;
    const cfac = capFactor(env);
    const second = env.secondorder !== 0 ? 1 : 0;
    this.failure = null;
    this.ensureWorkers(f);
    // caches that need hoc_Exp (decay factors) are filled here, on the main thread
    for (const part of parts) part.prepare(dt);

    const T = model.thresholds, NC = sim.ncTable, calls = f.calls;
    const { partBase, targetPart, mechRecv, cw, steps, params, cross } = this.layoutFor(f);

    // run ahead unless a cell's spike can reach the queue or values are recorded every step
    const records = sim.continuousCount() > 0;
    const runAhead = this.schedule === "auto" && !records && sim.presyns.every((ps) => ps.feedsNothing());

    // the control block, new for every run: a worker still leaving the last run sees STOP in its own
    const nthr = T.n, nw = this.nthread - 1;
    const ctrl = new Int32Array(new SharedArrayBuffer(4 * (PART + LINE * P + LINE * nw)));
    ctrl[PUB] = -1;
    ctrl[MERGED_AT] = -1;
    for (let p = 0; p < P; p++) ctrl[PART + LINE * p] = ctrl[PART + LINE * p + 1] = -1;
    const doneOf = (p: number) => Atomics.load(ctrl, PART + LINE * p);

    // the delivery rings: the main thread appends (receiver, slot × 8, weight 0) in delivery order
    // the rings' write positions and the consumed positions last seen, shared with the generated
    // `defer` (the queue's own deliveries append there too)
    f.ringPos.fill(0);
    const wpos = f.ringPos.subarray(0, P), slotStart = new Int32Array(P);
    const slotEnd = Array.from({ length: P }, () => new Int32Array(K));
    const ringFree = (p: number): number => {
      const d = doneOf(p);
      return d < 0 ? 0 : slotEnd[p]![d % K]!;
    };
    // the last ringFree seen per part: it only grows, so an old value is safe, and reading the
    // part's done word (a line the owner writes every claim) only when the ring looks full keeps
    // a delivery from waiting on the other core's cache
    const free = f.ringPos.subarray(P, 2 * P);
    const append = (p: number, recv: number, slot: number, w: number): void => {
      while (wpos[p]! - free[p]! >= RING) {
        free[p] = Math.max(free[p]!, ringFree(p));
        if (wpos[p]! - free[p]! < RING) break;
        if (doneOf(p) >= pub) {
          // the ring holds only deliveries of the step not yet published, and it is full: apply
          // them here, as the part's next unit would first (it cannot start before publication)
          calls.apply(p, slotStart[p]! & (RING - 1), wpos[p]! - slotStart[p]!);
          slotStart[p] = free[p] = wpos[p]!;
          break;
        }
        // the ring is full: help consume it
        if (!ownUnit() && !anyUnit(0)) this.waitOnce(ctrl);
      }
      const part = parts[p]!, e = wpos[p]! & (RING - 1);
      part.ringI32[4 * e] = recv;
      part.ringI32[4 * e + 1] = 8 * slot;
      part.ringF64[2 * e + 1] = w;
      wpos[p]!++;
    };
    // the deliveries that come back to JavaScript (the queue's own append, FusedStep.defer, found
    // the ring full, or the entry was in the JavaScript calendar)
    NC.defer = (id: number, mech: number, slot: number): boolean => {
      const b = partBase[mech]!;
      if (b < 0) return false;
      const p = targetPart[b + slot]!;
      if (p < 0) return false;
      append(p, mechRecv[mech]!, slot, NC.weightOf(id, 0));
      return true;
    };
    // the queue's own deliveries (TQueue.deliverIds) append in WebAssembly (FusedStep.defer)
    sim.deferRecv = f.defer;

    const tStart = this.tStart;
    // deliveries appended to all rings, in all, and as of each published step (a ring of K steps)
    let appended = 0;
    const appendedAt = new Float64Array(K);
    const exchange: Exchange = {
      publish: (n) => {
        const slot = n % K;
        for (let p = 0; p < P; p++) {
          appended += wpos[p]! - slotStart[p]!;
          const sb = 2 * (p * K + slot);
          steps[sb] = slotStart[p]! & (RING - 1);
          steps[sb + 1] = wpos[p]! - slotStart[p]!;
          slotEnd[p]![slot] = wpos[p]!;
          slotStart[p] = wpos[p]!;
        }
        appendedAt[slot] = appended;
        Atomics.store(ctrl, PUB, n);
        // run-ahead: a spinning worker sees PUB change; a sleeping one is woken once per BATCH
        // steps (it claims that many at once), which saves the main thread a futex call per step
        if (!runAhead || n % BATCH === BATCH - 1 || n === nsteps - 1) this.wake(ctrl);
      },
      crossings: (p, n, out, at) => {
        const cb = (p * KC + (n % KC)) * cw, c = cross[cb]!;
        for (let i = 0; i < c; i++) out[at + i] = cross[cb + 1 + i]!;
        return c;
      },
    };

    const stats: ParallelStats = { unitsMain: 0, wait: 0, runAhead, unitMs: 0, eventMs: 0, stolen: 0, rebalances: 0, inFlightHeld: 0 };
    const timing = !!(globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.NTS_PAR_STATS;
    const helpBase = (w: number) => PART + LINE * P + LINE * (w - 1);

    // ownership: the main thread starts with fewer parts (it also runs the queue)
    const own: number[] = [];
    const setOwners = (m: number) => {
      own.length = 0;
      for (let p = 0; p < P; p++) {
        const owner = p >= P - m ? 0 : 1 + Math.floor((p * nw) / Math.max(1, P - m));
        ctrl[PART + LINE * p + 3] = owner;
        if (owner === 0) own.push(p);
      }
      Atomics.add(ctrl, EPOCH, 1);
      stats.rebalances++;
    };
    // the last run's balance (a continuerun in short pieces never re-balances within a piece)
    setOwners(this.mainParts >= 0 && this.mainParts < P ? this.mainParts : Math.floor(P / (nw + 2)));

    // start the workers
    for (let w = 1; w <= nw; w++) {
      this.workers[w - 1]!.postMessage({
        run: {
          worker: w, P, K, KC, nsteps, nthr, cw, cfac, second, dt, runAhead, ctrl: ctrl.buffer, steps: steps.buffer,
          params: params.buffer, cross: cross.buffer, memory: model.arena.memory, thrOut: parts.map((q) => q.thrOut.byteOffset),
        },
      });
    }

    let pub = -1, merged = -1;
    /** Lists part p's threshold crossings of step n in its crossing slot (the worker does the same). */
    const listCrossings = (p: number, n: number) => {
      const c = calls.thresholds(p), out = parts[p]!.thrOut;
      const cb = (p * KC + (n % KC)) * cw;
      cross[cb] = c;
      for (let i = 0; i < c; i++) cross[cb + 1 + i] = out[i]!;
    };
    /**
     * Runs steps first..last of part p here (claimed already); the part's listed and done words
     * are stored once, after the last (each atomic store waits for a line the worker reads).
     */
    const units = (p: number, first: number, last: number) => {
      const part = parts[p]!;
      const u0 = timing ? performance.now() : 0;
      for (let n = first; n <= last; n++) {
        if (runAhead) listCrossings(p, n);
        const slot = n % K, sb = 2 * (p * K + slot);
        calls.apply(p, steps[sb]!, steps[sb + 1]!);
        const st = calls.advance(p, params[2 * slot]!, cfac, second, dt, params[2 * slot + 1]!);
        if (st !== 0) {
          finishExp(part, st);
          part.stateAfter(dt, params[2 * slot + 1]!);
        }
      }
      if (runAhead) Atomics.store(ctrl, PART + LINE * p + 1, last);
      Atomics.store(ctrl, PART + LINE * p, last);
      this.wake(ctrl);
      stats.unitsMain += last - first + 1;
      if (timing) stats.unitMs += performance.now() - u0;
    };
    /**
     * Claims p's next step if it is ready (published, previous step done), and up to max - 1 more
     * published steps after it (the last in `claimedTo`); returns the first, or -1.
     */
    let claimedTo = -1;
    const claim = (p: number, max: number): number => {
      const pd = PART + LINE * p, n = Atomics.load(ctrl, pd + 2);
      if (n >= nsteps || n > pub || Atomics.load(ctrl, pd) < n - 1 || (runAhead && n - KC > merged)) return -1;
      let last = Math.min(n + max - 1, pub, nsteps - 1);
      if (runAhead) last = Math.min(last, merged + KC);
      if (Atomics.compareExchange(ctrl, pd + 2, n, last + 1) !== n) return -1;
      claimedTo = last;
      return n;
    };
    /** One ready unit of this thread's parts (lowest step first); false if none is ready. */
    const ownUnit = (): boolean => {
      let best = -1, bn = nsteps;
      for (let i = 0; i < own.length; i++) {
        const n = Atomics.load(ctrl, PART + LINE * own[i]! + 2);
        if (n < bn) {
          bn = n;
          best = own[i]!;
        }
      }
      if (best < 0) return false;
      const n = claim(best, BATCH);
      if (n < 0) return false;
      units(best, n, claimedTo);
      return true;
    };
    /** Any ready unit of any part (to finish a step, or when a worker is stalled). */
    const anyUnit = (lag: number): boolean => {
      let slowest = nsteps;
      for (const p of own) slowest = Math.min(slowest, Atomics.load(ctrl, PART + LINE * p + 2));
      for (let p = 0; p < P; p++) {
        const c = Atomics.load(ctrl, PART + LINE * p + 2);
        if (c + lag > slowest) continue;
        const n = claim(p, 1);
        if (n >= 0) {
          units(p, n, n);
          stats.stolen++;
          return true;
        }
      }
      return false;
    };
    const allDone = (n: number): boolean => {
      for (let p = 0; p < P; p++) if (doneOf(p) < n) return false;
      return true;
    };
    // part p's crossings of the step being merged: merge[idx[p] .. end[p]) (no allocation per step)
    const merge = new Int32Array(P * cw), idx = new Int32Array(P), end = new Int32Array(P);
    /** Sends step n's spikes in detector order, as the serial threshold check does. */
    const mergeCrossings = (n: number) => {
      const tt = tStart[n & (TSTART - 1)]! + 1e-10;
      let at = 0;
      for (let p = 0; p < P; p++) {
        idx[p] = at;
        at += exchange.crossings(p, n, merge, at);
        end[p] = at;
      }
      // each round sends the least detector index left among the parts' heads
      for (let k = 0; k < at; k++) {
        let best = -1, bp = -1;
        for (let p = 0; p < P; p++) {
          if (idx[p]! < end[p]! && (best < 0 || merge[idx[p]!]! < best)) {
            best = merge[idx[p]!]!;
            bp = p;
          }
        }
        idx[bp]!++;
        sim.spike(best, tt);
      }
      merged = n;
      Atomics.store(ctrl, MERGED_AT, n);
    };
    /** Every part's crossings of step n, listed here (lockstep: all parts are done with n - 1). */
    const allCrossings = (n: number) => {
      for (let p = 0; p < P; p++) listCrossings(p, n);
    };
    /** Step n's events up to its publication (the first half step). */
    const eventsFirstHalf = (n: number) => {
      tStart[n & (TSTART - 1)] = env.t;
      sim.deliverEventsTo(env.t + 0.5 * env.dt);
      env.t += 0.5 * dt;
      const slot = n % K;
      params[2 * slot] = env.t;
      params[2 * slot + 1] = env.t + 0.5 * dt;
      exchange.publish(n);
      pub = n;
    };
    /** Step n's end: records (all parts done), then the events up to the step's end. */
    const eventsSecondHalf = (n: number) => {
      env.t = params[2 * (n % K) + 1]!;
      if (records) {
        while (!allDone(n)) if (!ownUnit() && !anyUnit(0)) this.waitOnce(ctrl);
        sim.recordNow();
      }
      sim.deliverEventsTo(env.t);
    };
    /**
     * Whether step n may be published: every part is done with the step K before (slot reuse), and
     * at most IN_FLIGHT deliveries are published after the slowest part's last step (an upper
     * bound on those not yet applied; always true once every published step is done).
     */
    let doneLow = -1;
    const inFlightOk = (n: number) =>
      n - 1 <= doneLow || appended - (doneLow < 0 ? 0 : appendedAt[doneLow % K]!) <= IN_FLIGHT;
    const slotsFree = (n: number): boolean => {
      if (n - K <= doneLow && inFlightOk(n)) return true;
      let low = nsteps;
      for (let p = 0; p < P; p++) low = Math.min(low, doneOf(p));
      doneLow = low;
      if (n - K > low) return false;
      if (inFlightOk(n)) return true;
      stats.inFlightHeld++;
      return false;
    };
    const t0run = performance.now();

    try {
      if (!runAhead) {
        for (let n = 0; n < nsteps; n++) {
          // every part done with step n - 1 (this thread helps with the units meanwhile)
          while (!allDone(n - 1)) if (!ownUnit() && !anyUnit(0)) this.waitOnce(ctrl);
          // the spikes of this step go into the queue before its events, as in the serial run
          tStart[n & (TSTART - 1)] = env.t;
          allCrossings(n);
          mergeCrossings(n);
          eventsFirstHalf(n);
          if (!records) eventsSecondHalf(n);
          while (ownUnit());
          if (records) eventsSecondHalf(n);
          if (tick && (n & 255) === 255) tick(env.t);
          this.checkFailure(ctrl);
        }
      } else {
        let ev = 0;
        // balance: E + m u = (P - m) u / nw (E: this thread's own work per step besides units,
        // u: a unit, from the workers' timings), measured over windows of steps
        let nextBalance = BALANCE_EVERY, tw0 = performance.now(), units0 = 0, wUs0 = 0, wN0 = 0, wait0 = 0;
        const balance = () => {
          let wUs = 0, wN = 0;
          for (let w = 1; w <= nw; w++) wUs += ctrl[helpBase(w) + 3]!;
          for (let p = 0; p < P; p++) wN += doneOf(p) + 1;
          wN -= stats.unitsMain;
          const u = wN > wN0 ? (wUs - wUs0) / 1000 / (wN - wN0) : 0.012;
          const tw = performance.now();
          const e = Math.max(0, (tw - tw0 - stats.wait + wait0 - (stats.unitsMain - units0) * u) / BALANCE_EVERY);
          const m = Math.max(0, Math.min(P - 1, Math.round((P * u / nw - e) / (u + u / nw))));
          tw0 = tw;
          units0 = stats.unitsMain;
          wUs0 = wUs;
          wN0 = wN;
          wait0 = stats.wait;
          if (m !== own.length) setOwners(m);
          this.mainParts = m;
        };
        let ownLow = 0, k = 0;
        for (;;) {
          // the lowest step this thread's parts still need
          ownLow = nsteps;
          for (const p of own) ownLow = Math.min(ownLow, Atomics.load(ctrl, PART + LINE * p + 2));
          if (ev < nsteps && (ev < ownLow + LEAD || own.length === 0) && slotsFree(ev)) {
            const e0 = timing ? performance.now() : 0;
            eventsFirstHalf(ev);
            eventsSecondHalf(ev);
            if (timing) stats.eventMs += performance.now() - e0;
            ev++;
            if (tick && (ev & 255) === 0) tick(env.t);
            if (ev >= nextBalance) {
              nextBalance += BALANCE_EVERY;
              balance();
            }
            continue;
          }
          let progress = ownUnit();
          if (!progress && ev < nsteps && slotsFree(ev)) {
            eventsFirstHalf(ev);
            eventsSecondHalf(ev);
            ev++;
            progress = true;
          }
          if ((++k & 15) === 0 || !progress) {
            while (merged + 1 < nsteps && this.allCrossed(ctrl, P, merged + 1)) mergeCrossings(merged + 1);
            this.serveHelp(ctrl, parts, params);
            this.checkFailure(ctrl);
          }
          if (!progress) {
            if (allDone(nsteps - 1)) break;
            // once every step is published, help with any part that is left
            if (anyUnit(ev < nsteps ? STEAL_LAG : 0)) continue;
            const t0 = performance.now();
            this.waitOnce(ctrl);
            stats.wait += performance.now() - t0;
          }
        }
        while (merged + 1 < nsteps) {
          while (!this.allCrossed(ctrl, P, merged + 1)) this.waitOnce(ctrl);
          mergeCrossings(merged + 1);
        }
        env.t = params[2 * ((nsteps - 1) % K) + 1]!;
      }
      while (!allDone(nsteps - 1)) this.waitOnce(ctrl);
      // The last step's end-of-step events went into the rings after its publication: no unit
      // applies them, so they are applied here, as the serial step delivers them at the step's
      // end (a continuerun in pieces depends on it: the next piece starts from them).
      for (let p = 0; p < P; p++) {
        const count = wpos[p]! - slotStart[p]!;
        if (count > 0) calls.apply(p, slotStart[p]! & (RING - 1), count);
      }
      f.afterState();
    } finally {
      NC.defer = null;
      sim.deferRecv = null;
      Atomics.store(ctrl, STOP, 1);
      Atomics.add(ctrl, WAKE, 1);
      Atomics.notify(ctrl, WAKE);
    }
    this.lastStats = stats;
    if (timing) {
      const r = (x: number) => Math.round(x * 10) / 10;
      let wUs = 0;
      for (let w = 1; w <= nw; w++) wUs += ctrl[helpBase(w) + 3]!;
      const owners = Array.from({ length: P }, (_, p) => ctrl[PART + LINE * p + 3]).join("");
      process.stderr.write(`parallel: ${runAhead ? "run-ahead" : "lockstep"}, ${r(performance.now() - t0run)} ms; main thread ran ${stats.unitsMain} of ${nsteps * P} units (${r(stats.unitMs)} ms; events ${r(stats.eventMs)} ms), waited ${r(stats.wait)} ms, ran ${stats.stolen} units of other threads' parts, ${stats.rebalances} ownership changes, ${stats.inFlightHeld} publications held for deliveries in flight; workers' units ${r(wUs / 1000)} ms; owners at the end ${owners}\n`);
    }
  }

  /** Whether every part has listed its crossings of step n. */
  private allCrossed(ctrl: Int32Array, P: number, n: number): boolean {
    for (let p = 0; p < P; p++) if (Atomics.load(ctrl, PART + LINE * p + 1) < n) return false;
    return true;
  }

  /** A worker's exp that the generated code left (rare: arguments beyond libm's main path). */
  private serveHelp(ctrl: Int32Array, parts: readonly FusedPart[], params: Float64Array): void {
    const P = parts.length;
    for (let w = 1; w < this.nthread; w++) {
      const hb = PART + LINE * P + LINE * (w - 1);
      const st = Atomics.load(ctrl, hb);
      if (st === 0) continue;
      const part = parts[Atomics.load(ctrl, hb + 1)]!;
      const n = Atomics.load(ctrl, hb + 2);
      finishExp(part, st);
      part.stateAfter(this.sim.model.env.dt, params[2 * (n % K) + 1]!);
      Atomics.store(ctrl, hb, 0);
      Atomics.notify(ctrl, hb);
    }
  }

  /** Signals progress to threads waiting on ctrl[WAKE]. */
  private wake(ctrl: Int32Array): void {
    Atomics.add(ctrl, WAKE, 1);
    if (Atomics.load(ctrl, SLEEPERS) !== 0) Atomics.notify(ctrl, WAKE);
  }

  /** Waits a little for any worker's progress (ctrl[WAKE] changes). */
  private waitOnce(ctrl: Int32Array): void {
    const x = Atomics.load(ctrl, WAKE);
    this.checkFailure(ctrl);
    for (let k = 0; k < 2000; k++) if (Atomics.load(ctrl, WAKE) !== x) return;
    Atomics.add(ctrl, SLEEPERS, 1);
    Atomics.wait(ctrl, WAKE, x, 1);
    Atomics.sub(ctrl, SLEEPERS, 1);
  }

  private checkFailure(ctrl: Int32Array): void {
    if (Atomics.load(ctrl, FAILED) !== 0 || this.failure) {
      const f = this.failure ?? "a worker thread failed (its message is on the next turn of the event loop)";
      this.failure = null;
      throw new Error(`parallel run: ${f}`);
    }
  }

  private spawn(): void {
    while (this.workers.length < this.nthread - 1) {
      const w = new this.Worker(WORKER_SOURCE, { eval: true });
      w.on("message", (m) => {
        const e = (m as { error?: string }).error;
        if (e) this.failure = e;
      });
      w.on("error", (e) => (this.failure = String(e)));
      w.unref();
      this.workers.push(w);
    }
  }

  private ensureWorkers(f: FusedStep): void {
    if (this.workerModule !== f.module) {
      for (const w of this.workers) w.postMessage({ module: f.module, memory: this.sim.model.arena.memory });
      this.workerModule = f.module;
    }
  }

  /**
   * What a run needs that only the model's structure decides (each part's detectors, each
   * NetCon's part, receiver and slot, the shared step and crossing tables), kept from run to run
   * while the fused step, the NetCons and the detectors stay the same: a continuerun in short
   * pieces (a progress display, an interactive loop) then costs no set-up per piece.
   */
  private layoutFor(f: FusedStep): RunLayout {
    const sim = this.sim, model = sim.model, T = model.thresholds, NC = sim.ncTable;
    const old = this.layout;
    if (old !== null && old.f === f && old.ncN === NC.n && old.thrN === T.n) return old;
    const parts = f.parts, P = parts.length, plan = f.plan;
    const lists: number[][] = parts.map(() => []);
    for (let k = 0; k < T.n; k++) {
      const node = nodeOfAddress(model, T.addr[k]!);
      lists[node < 0 ? 0 : plan.partOfCell[plan.cellOfNode[node]!]!]!.push(k);
    }
    parts.forEach((part, p) => {
      part.thrCount[0] = lists[p]!.length;
      lists[p]!.forEach((k, i) => (part.thrIdx[i] = k));
    });
    // by target instance, from the compiled instance lists (a few per cell), not by NetCon (a
    // network has many per target: walking 100 000 NetCons took 24 ms of a run's start)
    const M = NC.mechs.length;
    const slots = new Int32Array(M), mechRecv = new Int32Array(M).fill(-1);
    for (let m = 0; m < M; m++) {
      const mr = NC.mechs[m]!, ri = f.receiverIndex.get(mr);
      if (ri === undefined) continue; // artificial cells and mechanisms without a receive kernel
      mechRecv[m] = ri;
      for (let k = 0; k < mr.n; k++) slots[m] = Math.max(slots[m]!, mr.slot[k]! + 1);
    }
    const partBase = new Int32Array(M).fill(-1);
    let top = 0;
    for (let m = 0; m < M; m++) {
      if (slots[m]! === 0) continue;
      partBase[m] = top;
      top += slots[m]!;
    }
    const targetPart = new Int32Array(top).fill(-1);
    for (let m = 0; m < M; m++) {
      if (slots[m]! === 0) continue;
      const mr = NC.mechs[m]!;
      for (let k = 0; k < mr.n; k++) targetPart[partBase[m]! + mr.slot[k]!] = plan.partOfCell[plan.cellOfNode[mr.node[k]!]!]!;
    }
    // a crossing slot: the count, then at most the part's own detectors
    const cw = 1 + Math.max(0, ...lists.map((l) => l.length));
    this.mainParts = -1;
    this.layout = {
      f, ncN: NC.n, thrN: T.n, partBase, targetPart, mechRecv, cw,
      steps: new Int32Array(new SharedArrayBuffer(4 * 2 * P * K)),
      params: new Float64Array(new SharedArrayBuffer(8 * 2 * K)),
      cross: new Int32Array(new SharedArrayBuffer(4 * P * KC * cw)),
    };
    return this.layout;
  }

  close(): void {
    const listeners = this.sim.model.compileListeners, i = listeners.indexOf(this.onCompile);
    if (i >= 0) listeners.splice(i, 1);
    for (const w of this.workers) void w.terminate();
    this.workers = [];
    this.workerModule = null;
  }
}

/** The node whose value lives at byte address `addr` of the arena (a node column), or -1. */
function nodeOfAddress(model: Simulator["model"], addr: number): number {
  const buf = model.arena.memory!.buffer;
  for (const col of model.nodes.data) {
    const off = col.byteOffset;
    if (col.buffer === buf && addr >= off && addr < off + 8 * model.nnode) return (addr - off) >> 3;
  }
  // a point process's variable: its node
  for (const mr of model.mechs.values()) {
    if (!mr.points) continue;
    for (const col of mr.points.cols.data) {
      const off = col.byteOffset;
      if (col.buffer === buf && addr >= off && addr < off + 8 * col.length) {
        const pp = mr.points.instances[(addr - off) >> 3];
        return pp && pp.sec ? model.nodeOf(pp.sec, pp.j) : -1;
      }
    }
  }
  return -1;
}
