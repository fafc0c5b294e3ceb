// Mechanisms are described by data: their variables (NEURON's PARAMETER / ASSIGNED / STATE /
// GLOBAL), the ions they use, and a `bind` function that turns the model's storage into kernels.
// A new mechanism — hand-written here, or emitted later by a .mod compiler — is one more
// MechanismSpec; the engine has no per-mechanism code paths.
//
// Storage conventions (the kernels' contract):
// - density mechanisms: one value per node, in node columns named `${var}_${mech}` (NEURON's
//   hoc names: gnabar_hh, m_hh, g_pas); instance slot === node index.
// - point processes: one value per instance, in the type's own instance columns named `${var}`.
// - ions: node columns named after the ion variables (ena, nai, nao, ina, dina_dv_).
// A bound kernel iterates k = 0..n-1 over `slot[k]` (its storage index) and `node[k]` (its node).
//
// A mechanism may also describe its kernels as WebAssembly code (`MechanismSpec.wasm`): the fused
// step (runtime/fused.ts) then inlines them into its generated loops (density currents into the
// sweep over the nodes; point-process currents and state updates into loops over the instances).
// The JavaScript kernels stay the reference and the fallback; both must give the same bits.
import type { Code, ValType } from "./wasm.ts";

export interface VarSpec {
  /** The .mod name; `x[k]` names element k of an array variable x (VClamp's dur[3]). */
  readonly name: string;
  readonly init: number;
  /** NEURON's unit for the variable, as in the .mod file. */
  readonly unit: string;
  /** Inclusive lower limit the facade enforces on writes (the .mod file's <lo, hi>). */
  readonly min?: number;
  readonly max?: number;
  /** The name Python uses when the .mod name is a Python keyword (IClamp's del is `delay`). */
  readonly alias?: string;
}

export interface IonUse {
  /** "na", "k", "ca", "cl" or any ion name. */
  readonly ion: string;
  readonly read: readonly string[];
  readonly write: readonly string[];
}

export type MechanismKind = "density" | "point" | "artificial" | "ion";

/** Values every kernel may read; the simulator owns the one instance. */
export interface Env {
  t: number;
  dt: number;
  celsius: number;
  secondorder: number;
}

/**
 * NEURON's capacitance factor, 0.001 cj with cj = 2/dt under secondorder and 1/dt otherwise: the
 * current through a membrane of cm µF/cm² is cfac cm Δv (mA/cm²). One expression, so that every
 * step (JavaScript, generated, threaded) multiplies by the same bits.
 */
export function capFactor(env: Env): number {
  return 0.001 * (env.secondorder ? 2.0 / env.dt : 1.0 / env.dt);
}

/** Event operations a mechanism's NET_RECEIVE and INITIAL blocks may call (by storage slot). */
export interface EventApi {
  /**
   * net_send: a self-event at absolute time `tAbs` with `flag`, carrying the weights of NetCon
   * `wid` (the `wid` NET_RECEIVE was given, or -1 for none).
   */
  netSend(slot: number, tAbs: number, flag: number, wid: number): void;
  /** net_event: the instance fires at time t; its NetCons deliver after their delays. */
  netEvent(slot: number, t: number): void;
  /** net_move: moves the instance's pending flag-1 self-event to absolute time `tAbs`. */
  netMove(slot: number, tAbs: number): void;
}

export interface Binding {
  readonly n: number;
  /** Storage slot of the k-th instance in processing order. */
  readonly slot: Int32Array;
  /** Node of the k-th instance in processing order. */
  readonly node: Int32Array;
  /** A variable of this mechanism (or an internal one such as `_g`). */
  col(name: string): Float64Array;
  /** A node column: v, rhs, d, area, and ion variables such as ena or ina. */
  nodeCol(name: string): Float64Array;
  /** This mechanism's GLOBAL values, in `spec.globals` order. */
  readonly globals: Float64Array;
  readonly env: Env;
  readonly events: EventApi;
}

export interface Kernels {
  /** INITIAL block, at t = 0 after v is set. */
  initialize?(): void;
  /** BREAKPOINT current: add to rhs and store the conductance used by `jacobian`. */
  current?(): void;
  /** Add this mechanism's conductance to the matrix diagonal. */
  jacobian?(): void;
  /** SOLVE ... METHOD: the state update after v is updated (t = end of step). */
  state?(): void;
  /** Rebuild tables that DEPEND on globals (such as celsius) when those changed. */
  tableCheck?(): void;
  /**
   * NET_RECEIVE for the instance in storage slot `slot`, with t = the event time. The weight
   * vector is w[woff], w[woff + 1], ... (a block shared by many NetCons); `wid` identifies it for
   * net_send (-1: no weights, w is empty).
   */
  receive?(slot: number, w: Float64Array, woff: number, flag: number, wid: number): void;
}

/** The instance a method runs on (the facade builds it from the handle at each call). */
export interface MethodSelf {
  /** The instance's storage slot. */
  readonly slot: number;
  /** A variable column of this mechanism type (index it with `slot`). */
  col(name: string): Float64Array;
  readonly globals: Float64Array;
  /** The model's time and step (NEURON's FUNCTIONs read the thread's t). */
  readonly env: Env;
}

/**
 * A FUNCTION or PROCEDURE that NEURON exposes on the object (IntFire1.M(), APCount.record(vec)).
 * Arguments arrive as numbers, runtime Vecs (for Vector arguments) or undefined; the result is
 * what hoc returns (1 for a PROCEDURE).
 */
export type MechanismMethod = (self: MethodSelf, ...args: unknown[]) => number;

/**
 * The code generator's view of one mechanism while the fused step is generated. Addresses are byte
 * offsets into the model's arena (one WebAssembly memory); a column's element for node (or slot)
 * index q is at `node(name) + 8*q`, and the locals below hold such byte indices.
 */
export interface WasmEmitter {
  /** Byte offset of node column `name` (v, rhs, area, ena, ina, ...). */
  node(name: string): number;
  /** Byte offset of this mechanism's column `name` (density: node-indexed; point: slot-indexed). */
  col(name: string): number;
  /** Byte offset of this mechanism's scratch area (`WasmSpec.scratchDoubles` doubles). */
  readonly scratch: number;
  /** A new local of the function being generated. */
  local(type: ValType): number;
  /** i32 local: 8 × the node index of the current instance. */
  readonly x8: number;
  /** i32 local: 8 × the storage slot (points; for density mechanisms the same as x8). */
  readonly s8: number;
  /** i32 local: the instance's position in processing order (0..n-1). */
  readonly k: number;
  /** i32 local: byte address of the instance's `nexp` exp arguments (state kernels). */
  readonly ex: number;
  /** f64 locals: t (the step's midpoint in `current`, its end in state kernels) and dt. */
  readonly t: number;
  readonly dt: number;
  /** Index of the imported hoc_Exp(x) function (f64 -> f64), for rare recomputations. */
  readonly expFn: number;
}

/** A mechanism's WebAssembly kernels for one binding (see WasmSpec). */
export interface WasmKernels {
  /**
   * BREAKPOINT current and jacobian for one instance. Density mechanisms: add the current to
   * f64 local `rhs` (rhs = rhs - i, as nrn_cur does) and the conductance to local `d`, in the
   * JavaScript kernels' order of operations. Point processes: set `rhs` and `d` to the values
   * NEURON adds to the node's rhs and d (e.g. rhs = -(i·1e2/area)): the engine adds them.
   */
  current?(e: WasmEmitter, rhs: number, d: number): Code;
  /** State update for one instance, before the batched exp: writes `nexp` exp arguments at ex. */
  stateBefore?(e: WasmEmitter): Code;
  /** State update for one instance after the exp (the results are at ex), or the whole update. */
  stateAfter?(e: WasmEmitter): Code;
  /**
   * NET_RECEIVE as WebAssembly, for point processes whose NET_RECEIVE only changes the instance's
   * own variables from the first weight (f64 local `w`; the instance at s8) — no t, no events. With
   * it, a multi-threaded run lets the thread that owns the cell apply the deliveries, in the order
   * the event queue delivered them.
   */
  receive?(e: WasmEmitter, w: number): Code;
  /**
   * Refreshes per-instance values cached across steps (those that need hoc_Exp, such as a decay
   * factor for the current dt), without advancing anything: a multi-threaded run calls it on the
   * main thread first, so that workers never need exp outside the batch.
   */
  prepare?(e: WasmEmitter): Code;
  /** JavaScript before every fused step (refresh tables); false: run this step in JavaScript. */
  ready?(): boolean;
  /** JavaScript after the fused state update (e.g. GLOBALs that hold the last instance's values). */
  afterState?(): void;
  /**
   * True while `afterState` must run after every step (APCount appending to a record vector):
   * it is then not deferred to the end of continuerun, steps are not batched, and the run stays
   * on one thread.
   */
  afterEveryStep?(): boolean;
  /** Why these kernels cannot run on a worker thread (e.g. they call exp every step), if so. */
  readonly oneThread?: string;
}

export interface WasmSpec {
  /** Number of exp arguments per instance that `stateBefore` writes (batched, hoc_Exp). */
  readonly nexp?: number;
  /** Doubles of arena scratch the kernels need for n instances. */
  scratchDoubles?(n: number): number;
  /** The kernels for a binding, or null when they cannot run this configuration. */
  bind(b: Binding, scratch: Float64Array): WasmKernels | null;
}

export interface MechanismSpec {
  readonly name: string;
  readonly kind: MechanismKind;
  readonly parameters: readonly VarSpec[];
  readonly assigned: readonly VarSpec[];
  readonly states: readonly VarSpec[];
  readonly globals: readonly VarSpec[];
  readonly ions: readonly IonUse[];
  /** Hidden per-instance storage the kernels need (NEURON's `_g`). */
  readonly internal: readonly string[];
  /** ELECTRODE_CURRENT: the current enters the cell (rhs += i, d -= g). */
  readonly electrode?: boolean;
  /** NET_RECEIVE's arguments (the NetCon weight vector's layout); absent: receives no events. */
  readonly netReceive?: readonly string[];
  /** Methods callable on a point process's handle, by their hoc name. */
  readonly methods?: Readonly<Record<string, MechanismMethod>>;
  bind(b: Binding): Kernels;
  /** The same kernels as WebAssembly code, for the fused step (optional). */
  readonly wasm?: WasmSpec;
}

/** The range variables a user may read and write (parameters, assigned, states). */
export function rangeVars(spec: MechanismSpec): readonly VarSpec[] {
  return [...spec.parameters, ...spec.assigned, ...spec.states];
}
