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

/** Event operations a mechanism's NET_RECEIVE and INITIAL blocks may call (by storage slot). */
export interface EventApi {
  /** net_send: a self-event at absolute time `tAbs` with `flag`, carrying weights `w`. */
  netSend(slot: number, tAbs: number, flag: number, w: Float64Array | null): void;
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
  /** NET_RECEIVE for the instance in storage slot `slot`, with t = the event time. */
  receive?(slot: number, w: Float64Array, flag: number): void;
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
}

/** The range variables a user may read and write (parameters, assigned, states). */
export function rangeVars(spec: MechanismSpec): readonly VarSpec[] {
  return [...spec.parameters, ...spec.assigned, ...spec.states];
}
