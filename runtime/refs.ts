// References to model variables (NEURON's pointers: seg._ref_v, pp._ref_i, h._ref_t).
// A reference names what it points at; `resolve` turns it into (array, index) after a compile,
// because node renumbering and column growth move the data.
import type { Model, PointProcess } from "./model.ts";
import type { Section } from "./section.ts";

export type Ref =
  | { readonly kind: "t" }
  | { readonly kind: "node"; readonly sec: Section; readonly j: number; readonly col: string }
  | { readonly kind: "point"; readonly pp: PointProcess; readonly col: string }
  | { readonly kind: "global"; readonly mech: string; readonly index: number };

/** Where a reference's value lives now; `arr === null` means the simulation time t. */
export interface Resolved {
  arr: Float64Array | null;
  idx: number;
}

export function resolve(model: Model, ref: Ref): Resolved {
  switch (ref.kind) {
    case "t":
      return { arr: null, idx: 0 };
    case "node":
      return { arr: model.nodes.get(ref.col), idx: model.nodeOf(ref.sec, ref.j) };
    case "point":
      return { arr: ref.pp.store.cols.get(ref.col), idx: ref.pp.slot };
    case "global":
      return { arr: model.mech(ref.mech)!.globals, idx: ref.index };
  }
}

export function readRef(model: Model, ref: Ref): number {
  const r = resolve(model, ref);
  return r.arr ? r.arr[r.idx]! : model.env.t;
}

export function writeRef(model: Model, ref: Ref, value: number): void {
  const r = resolve(model, ref);
  if (r.arr) r.arr[r.idx] = value;
  else model.env.t = value;
}
