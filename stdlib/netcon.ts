// h.NetCon(source, target): a connection from a spike source — a variable with a threshold
// (seg._ref_v with { sec }), a point process that fires (NetStim, IntFire1, ...), or null — to
// a target with a NET_RECEIVE block (or null, for spike recording only).
import type { NetCon as RtNetCon, PreSyn } from "../runtime/netcon.ts";
import type { Ref } from "../runtime/refs.ts";
import { badInput, checkFinite, type Context } from "./context.ts";
import { handleOf, SegmentHandle } from "./handles.ts";
import { PP, type PointHandle } from "./pointprocess.ts";
import { VEC, type VectorImpl } from "./vector.ts";

let netconCount = 0;

function isRef(x: unknown): x is Ref {
  return !!x && typeof x === "object" && "kind" in x && !(PP in x);
}

function isPoint(x: unknown): x is PointHandle {
  return !!x && typeof x === "object" && PP in x;
}

/** What a weight view reads and writes: its NetCon (for messages) and the weights. */
interface WeightTarget {
  readonly nc: NetConImpl;
  readonly w: Float64Array;
}

/** A property name that reads as a number (an index, valid or not: a bad one is an error). */
const NUMERIC = /^-?\d+(\.\d+)?$/;

function weightIndex(t: WeightTarget, prop: string): number {
  const i = Number(prop);
  if (!Number.isInteger(i) || i < 0 || i >= t.w.length) {
    throw badInput(`${t.nc.hname()}.weight[${prop}]: index`, `an integer in [0, ${t.w.length})`, i);
  }
  return i;
}

/**
 * One handler for every NetCon's weight view (a network has many NetCons: per-view closures were
 * most of what building one allocated).
 */
const weightHandler: ProxyHandler<WeightTarget> = {
  get(t, prop) {
    if (prop === "length") return t.w.length;
    if (prop === Symbol.iterator) return () => t.w[Symbol.iterator]();
    if (typeof prop === "string" && NUMERIC.test(prop)) return t.w[weightIndex(t, prop)];
    return undefined;
  },
  set(t, prop, value) {
    if (typeof prop !== "string" || !NUMERIC.test(prop)) return false;
    const i = weightIndex(t, prop);
    // the message is built only for an error (a network sets tens of thousands of weights)
    if (typeof value !== "number" || !Number.isFinite(value)) throw badInput(`${t.nc.hname()}.weight[${prop}]`, "a finite number", value);
    t.nc.rt.setWeight(i, value);
    return true;
  },
  // the target's fields are neither keys of the view nor reachable through it
  has: () => false,
  ownKeys: () => [],
  getOwnPropertyDescriptor: () => undefined,
  defineProperty: () => false,
  deleteProperty: () => false,
  preventExtensions: () => false,
};

/** nc.weight: NEURON's weight vector, indexable, with its length fixed by the target. */
function weightView(nc: NetConImpl, w: Float64Array): { [i: number]: number; readonly length: number } {
  return new Proxy<WeightTarget>({ nc, w }, weightHandler) as unknown as { [i: number]: number; readonly length: number };
}

export class NetConImpl {
  private readonly id = netconCount++;
  readonly weight: { [i: number]: number; readonly length: number };

  constructor(readonly ctx: Context, readonly rt: RtNetCon, readonly sourceRef: Ref | null, readonly sourcePoint: PointHandle | null, readonly target: PointHandle | null) {
    this.weight = weightView(this, rt.weight);
  }

  private get presyn(): PreSyn | null {
    return this.rt.source;
  }

  get threshold(): number {
    return this.presyn ? this.presyn.threshold : 10;
  }
  set threshold(value: number) {
    checkFinite(`${this.hname()}.threshold`, value);
    if (this.presyn) this.presyn.threshold = value;
  }

  get delay(): number {
    return this.rt.delay;
  }
  set delay(value: number) {
    if (typeof value !== "number" || !(value >= 0) || !Number.isFinite(value)) throw badInput(`${this.hname()}.delay`, "≥ 0", value);
    this.rt.delay = value;
  }

  /** nc.active() reads, nc.active(false) turns the connection off (its events are not sent). */
  active(on?: boolean | number): number {
    if (on !== undefined) this.rt.active = !!on;
    return this.rt.active ? 1 : 0;
  }

  /** record(tvec) or record(tvec, idvec, id): the source's spike times (and this id) from now on. */
  record(vec?: VectorImpl, idvec?: VectorImpl, id?: number): void {
    const ps = this.presyn;
    if (!ps) throw new Error(`${this.hname()}.record: the NetCon has no source`);
    const isVec = (x: unknown) => !!x && typeof x === "object" && VEC in (x as object);
    if (vec !== undefined && !isVec(vec)) throw badInput(`${this.hname()}.record`, "a Vector", vec);
    if (idvec !== undefined && !isVec(idvec)) throw badInput(`${this.hname()}.record id vector`, "a Vector", idvec);
    const recordId = idvec !== undefined ? checkFinite(`${this.hname()}.record id`, id ?? 0) : 0;
    ps.record(vec !== undefined ? vec[VEC] : null, idvec !== undefined ? idvec[VEC] : null, recordId);
  }

  /** nc.event(t): delivers this NetCon's event to its target at time t. */
  event(t: number): void {
    if (!this.target) throw new Error(`${this.hname()}.event: the NetCon has no target`);
    checkFinite(`${this.hname()}.event t`, t);
    if (t < this.ctx.model.env.t) throw badInput(`${this.hname()}.event t`, `≥ the current t (${this.ctx.model.env.t})`, t);
    this.ctx.sim.queue.pushId(t, this.rt.id);
  }

  pre(): PointHandle | null {
    return this.sourcePoint;
  }

  syn(): PointHandle | null {
    return this.target;
  }

  preseg(): SegmentHandle | null {
    const src = this.sourceRef;
    if (!src || src.kind !== "node") return null;
    const rt = src.sec;
    let x = src.j < 0 ? 0 : src.j === rt.nseg ? 1 : (src.j + 0.5) / rt.nseg;
    if (rt.orientation) x = 1 - x;
    return new SegmentHandle(handleOf(this.ctx, rt), x);
  }

  hname(): string {
    return `NetCon[${this.id}]`;
  }

  toString(): string {
    return this.hname();
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.hname();
  }
}

/** h.NetCon(source, target[, threshold, delay, weight][, { sec }]). */
export function newNetCon(ctx: Context, source: unknown, target: unknown, ...rest: unknown[]): NetConImpl {
  const sim = ctx.sim;
  let presyn: PreSyn | null = null;
  let sourceRef: Ref | null = null;
  let sourcePoint: PointHandle | null = null;
  if (isPoint(source)) {
    sourcePoint = source;
    presyn = sim.presynOfPoint(source[PP]);
  } else if (isRef(source)) {
    sourceRef = source;
  } else if (source !== null) {
    throw badInput("h.NetCon source", "a reference such as seg._ref_v (with { sec }), a point process, or null", source);
  }
  let targetPoint = null;
  if (target !== null && target !== undefined) {
    if (!isPoint(target)) throw badInput("h.NetCon target", "a point process with a NET_RECEIVE block, or null", target);
    if (!target[PP].store.spec.netReceive) {
      throw new Error(`h.NetCon target ${String(target)}: ${target[PP].store.spec.name} has no NET_RECEIVE block, so it cannot receive events`);
    }
    targetPoint = target;
  }
  const nums = rest.filter((r) => typeof r === "number") as number[];
  if (nums.length > 0) checkFinite("h.NetCon threshold", nums[0]);
  if (nums.length > 1 && !(nums[1]! >= 0)) throw badInput("h.NetCon delay", "≥ 0", nums[1]);
  if (nums.length > 2) checkFinite("h.NetCon weight", nums[2]);
  if (sourceRef) presyn = sim.presynFor(sourceRef);
  const nweights = targetPoint ? targetPoint[PP].store.spec.netReceive!.length : 1;
  const rt = sim.netcon(presyn, targetPoint ? targetPoint[PP] : null, nweights);
  const nc = new NetConImpl(ctx, rt, sourceRef, sourcePoint, targetPoint);
  if (nums.length > 0) nc.threshold = nums[0]!;
  if (nums.length > 1) nc.delay = nums[1]!;
  if (nums.length > 2) rt.setWeight(0, nums[2]!);
  return nc;
}
