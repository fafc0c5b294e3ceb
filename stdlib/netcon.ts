// h.NetCon(source, target): a threshold detector on a source variable (shared per variable,
// NEURON's PreSyn) and, when there is a target, delivery of weighted events after `delay`.
import type { Ref } from "../runtime/refs.ts";
import type { PreSyn } from "../runtime/simulator.ts";
import { badInput, checkFinite, type Context } from "./context.ts";
import { handleOf, SegmentHandle } from "./handles.ts";
import { PP, type PointHandle } from "./pointprocess.ts";
import { VEC, type VectorImpl } from "./vector.ts";

let netconCount = 0;

function sameRef(a: Ref, b: Ref): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "t":
      return true;
    case "node":
      return b.kind === "node" && a.sec === b.sec && a.j === b.j && a.col === b.col;
    case "point":
      return b.kind === "point" && a.pp === b.pp && a.col === b.col;
    case "global":
      return b.kind === "global" && a.mech === b.mech && a.index === b.index;
  }
}

export class NetConImpl {
  private readonly id = netconCount++;
  readonly presyn: PreSyn;
  delay = 1;
  readonly weight: Float64Array;
  active = true;

  constructor(readonly ctx: Context, readonly source: Ref, readonly target: PointHandle | null) {
    this.presyn = ctx.sim.presynFor(source, sameRef);
    this.weight = new Float64Array(1);
  }

  get threshold(): number {
    return this.presyn.threshold;
  }
  set threshold(value: number) {
    this.presyn.threshold = checkFinite(`${this.hname()}.threshold`, value);
  }

  record(vec?: VectorImpl): void {
    const list = this.presyn.recordVecs;
    list.length = 0;
    if (vec !== undefined) {
      if (!vec || typeof vec !== "object" || !(VEC in vec)) throw badInput(`${this.hname()}.record`, "a Vector", vec);
      list.push(vec[VEC]);
    }
  }

  pre(): PointHandle | null {
    return this.source.kind === "point" ? (this.source.pp.handle as PointHandle) : null;
  }

  syn(): PointHandle | null {
    return this.target;
  }

  preseg(): SegmentHandle | null {
    const src = this.source;
    if (src.kind !== "node") return null;
    const sec = handleOf(this.ctx, src.sec);
    const rt = src.sec;
    const x = src.j < 0 ? rt.orientation : src.j === rt.nseg ? 1 - rt.orientation : (src.j + 0.5) / rt.nseg;
    return new SegmentHandle(sec, rt.orientation && src.j >= 0 && src.j < rt.nseg ? 1 - x : x);
  }

  hname(): string {
    return `NetCon[${this.id}]`;
  }

  toString(): string {
    return this.hname();
  }
}

/** h.NetCon(source, target[, threshold, delay, weight][, { sec }]). */
export function newNetCon(ctx: Context, source: unknown, target: unknown, ...rest: unknown[]): NetConImpl {
  if (!source || typeof source !== "object" || !("kind" in source)) {
    throw badInput("h.NetCon source", "a reference such as seg._ref_v (with { sec })", source);
  }
  if (target !== null && target !== undefined && !(typeof target === "object" && PP in target)) {
    throw badInput("h.NetCon target", "a point process with a NET_RECEIVE block, or null", target);
  }
  if (target) {
    throw new Error(`h.NetCon target ${String(target)}: NetCon targets are not implemented yet; use a null target for spike detection`);
  }
  const nc = new NetConImpl(ctx, source as Ref, null);
  const nums = rest.filter((r) => typeof r === "number") as number[];
  if (nums.length > 0) nc.threshold = nums[0]!;
  if (nums.length > 1) nc.delay = checkFinite(`${nc.hname()}.delay`, nums[1]);
  if (nums.length > 2) nc.weight[0] = nums[2]!;
  return nc;
}
