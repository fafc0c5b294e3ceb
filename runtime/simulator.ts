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
import type { Model, PointProcess } from "./model.ts";
import { NetCon, PreSyn, SelfEvent } from "./netcon.ts";
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
      if (this.times.n > 0) this.sim.queue.insert(this.times.buf[0]!, this);
    } else {
      this.sim.queue.insert(this.sim.model.env.t, this);
    }
  }

  deliver(tt: number): void {
    const r = this.resolved;
    this.vec.push(r.arr ? r.arr[r.idx]! : tt);
    if (this.times) {
      if (this.vec.n < this.times.n) this.sim.queue.insert(this.times.buf[this.vec.n]!, this);
    } else {
      this.sim.queue.insert(tt + this.dt, this);
    }
  }
}

export type FInitType = 0 | 1 | 2 | 3;

export class Simulator {
  readonly queue = new TQueue();
  /** Threshold detectors (checked every step), in creation order. */
  readonly presyns: PreSyn[] = [];
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
      send: (pp, tAbs, flag, w) => this.netSend(pp, tAbs, flag, w),
      event: (pp, t) => pp.presyn?.send(t),
      move: (pp, tAbs) => this.netMove(pp, tAbs),
    };
  }

  private netSend(pp: PointProcess, tAbs: number, flag: number, w: Float64Array | null): void {
    const t = this.model.env.t;
    if (!(tAbs >= t)) throw new Error(`${pp.store.spec.name}: net_send to ${tAbs} is before t = ${t}`);
    const item = this.queue.insert(tAbs, new SelfEvent(pp, flag, w));
    if (flag === 1) pp.movable = item;
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

  /** The PreSyn watching `ref` (one per variable, as in NEURON), created on first use. */
  presynFor(ref: Ref, same: (a: Ref, b: Ref) => boolean): PreSyn {
    for (const ps of this.presyns) if (same(ps.ref!, ref)) return ps;
    const ps = new PreSyn(this.queue, ref, null);
    ps.resolved = resolve(this.model, ref);
    this.presyns.push(ps);
    return ps;
  }

  /** The PreSyn of a point process that calls net_event (an artificial cell, APCount, ...). */
  presynOfPoint(pp: PointProcess): PreSyn {
    if (!pp.presyn) {
      const ps = new PreSyn(this.queue, null, pp);
      pp.presyn = ps;
      this.pointSources.push(ps);
    }
    return pp.presyn as PreSyn;
  }

  /** A NetCon from `source` (or none) to `target` (or none), with `nweights` weights. */
  netcon(source: PreSyn | null, target: PointProcess | null, nweights: number): NetCon {
    const nc = new NetCon(this.queue, source, target, nweights);
    if (source) source.netcons.push(nc);
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
    for (const p of this.presyns) p.resolved = resolve(m, p.ref!);
    for (const p of this.plays) p.resolved = resolve(m, p.ref);
  }

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
      if (mr.points && mr.spec.netReceive) for (const pp of mr.points.instances) pp.tsav = -1e20;
    }
    for (const nc of this.netcons) {
      if (nc.target) for (let j = nc.weight.length - 1; j > 0; j--) nc.weight[j] = 0;
    }
  }

  /** nrn_fixed_step: one step of dt. */
  fadvance(): void {
    const model = this.model;
    const env = model.env;
    if (!(env.dt > 0)) throw new Error(`dt must be > 0, got ${env.dt}`);
    model.compile();
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

  private playContinuous(t: number): void {
    const plays = this.continuousPlays;
    for (let k = 0; k < plays.length; k++) plays[k]!.continuous(t);
  }

  /** Delivers every queued event with time <= til, with t set to each event's time. */
  private deliverEvents(til: number): void {
    const q = this.queue;
    if (q.leastTime() > til) return;
    const env = this.model.env;
    const tsav = env.t;
    try {
      for (let item = q.atomicDq(til); item; item = q.atomicDq(til)) {
        env.t = item.t;
        item.data.deliver(item.t);
      }
    } finally {
      env.t = tsav;
    }
  }

  private checkThresholds(): void {
    const t = this.model.env.t;
    const presyns = this.presyns;
    for (let k = 0; k < presyns.length; k++) {
      const ps = presyns[k]!;
      const r = ps.resolved;
      const value = (r.arr ? r.arr[r.idx]! : t) - ps.threshold;
      if (value > 0) {
        if (!ps.flag) {
          ps.flag = true;
          ps.send(t + 1e-10);
        }
      } else {
        ps.flag = false;
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
    const cj = model.env.secondorder ? 2.0 / model.env.dt : 1.0 / model.env.dt;
    const cfac = 0.001 * cj;
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
