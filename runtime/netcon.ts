// Spike sources, NetCons and self-events (src/nrncvode/netcvode.cpp PreSyn, NetCon, SelfEvent).
//
// A PreSyn is one spike source: a threshold detector on a variable (shared by every NetCon that
// watches it, so they share its threshold) or a point process that calls net_event. Its send(t)
// records t into NetCon.record vectors and queues one event per active NetCon with a target at
// t + delay, in NetCon creation order.
import type { Event, TQueue } from "./events.ts";
import type { PointProcess } from "./model.ts";
import type { Ref, Resolved } from "./refs.ts";
import type { Vec } from "./vec.ts";

const NO_WEIGHTS = new Float64Array(0);

/**
 * Calls the target's NET_RECEIVE at time t. Like nocmodl's generated code, an event earlier
 * than the instance's previous one is an error (it can only come from a restored state whose
 * queue does not belong to it).
 */
function receive(pp: PointProcess, w: Float64Array, flag: number, t: number): void {
  if (pp.tsav > t) {
    throw new Error(`${pp.store.spec.name}[${pp.store.instances.indexOf(pp)}]: an event for t = ${t} arrived after one for t = ${pp.tsav} (events out of order)`);
  }
  pp.tsav = t;
  pp.store.runtime.kernels.receive!(pp.slot, w, flag);
}

export class NetCon implements Event {
  delay = 1;
  active = true;
  readonly weight: Float64Array;
  constructor(
    readonly queue: TQueue,
    readonly source: PreSyn | null,
    readonly target: PointProcess | null,
    nweights: number,
  ) {
    this.weight = new Float64Array(nweights);
  }

  /** NetCon::deliver: the target's NET_RECEIVE with this NetCon's weights (t = tt). */
  deliver(tt: number): void {
    receive(this.target!, this.weight, 0, tt);
  }
}

/**
 * A spike source. When it has more than two NetCons and all have the same delay (decided at
 * finitialize: NEURON's use_min_delay_), a spike queues one event at t + delay for the source
 * itself, which then delivers to its NetCons in creation order — so their equal-time events keep
 * that order, whatever else is queued.
 */
export class PreSyn implements Event {
  threshold = 10;
  flag = false;
  /** Vectors given to NetCon.record: every spike time is appended. */
  readonly recordVecs: Vec[] = [];
  /** NetCon.record(tvec, idvec, id): the id appended to idvec with every spike. */
  idVec: Vec | null = null;
  recordId = 0;
  /** NetCons from this source, in creation order (NEURON's dil_). */
  readonly netcons: NetCon[] = [];
  resolved: Resolved = { arr: null, idx: 0 };
  useMinDelay = false;
  minDelay = 0;
  /** `ref` is the watched variable; null for a point-process source (net_event). */
  constructor(readonly queue: TQueue, readonly ref: Ref | null, readonly point: PointProcess | null) {}

  /** init_events: one event per spike when there are more than two NetCons of equal delay. */
  initDelivery(): void {
    const ncs = this.netcons;
    this.useMinDelay = ncs.length > 2;
    if (this.useMinDelay) {
      this.minDelay = ncs[0]!.delay;
      for (const nc of ncs) if (nc.delay !== this.minDelay) this.useMinDelay = false;
    }
  }

  send(tt: number): void {
    for (const v of this.recordVecs) v.push(tt);
    if (this.idVec) this.idVec.push(this.recordId);
    if (this.useMinDelay) {
      this.queue.insert(tt + this.minDelay, this);
      return;
    }
    const ncs = this.netcons;
    for (let i = 0; i < ncs.length; i++) {
      const nc = ncs[i]!;
      if (nc.active && nc.target) this.queue.insert(tt + nc.delay, nc);
    }
  }

  /** PreSyn::deliver: fan out to the NetCons (a delay changed since finitialize is honoured). */
  deliver(tt: number): void {
    const ncs = this.netcons;
    for (let i = 0; i < ncs.length; i++) {
      const nc = ncs[i]!;
      if (!nc.active || !nc.target) continue;
      const dtt = nc.delay - this.minDelay;
      if (dtt === 0.) nc.deliver(tt);
      else if (dtt < 0.) throw new Error(`NetCon delay ${nc.delay} was made shorter than ${this.minDelay} after finitialize; call finitialize again`);
      else this.queue.insert(tt + dtt, nc);
    }
  }
}

/** net_send's event: the target's NET_RECEIVE with `flag` and the weights it was sent with. */
export class SelfEvent implements Event {
  constructor(readonly target: PointProcess, readonly flag: number, readonly weight: Float64Array | null) {}

  deliver(tt: number): void {
    const pp = this.target;
    // The generated NET_RECEIVE clears the movable pointer when a flag-1 event arrives.
    if (this.flag === 1) pp.movable = null;
    receive(pp, this.weight ?? NO_WEIGHTS, this.flag, tt);
  }
}
