// The public contract of `neuron-ts`: the types of `h` and everything it returns.
// Implementation lives elsewhere in stdlib/; this file has types only.
//
// Numeric slots carry their NEURON unit as a phantom brand (Quantity<"ms">): a bare number is
// accepted (it means the slot's unit, as in NEURON) and the unit checker uses the brand to
// check and convert unit expressions. ../shared/reference/api-conventions.md is the spec.
import type { Quantity } from "../units/index.ts";
import type { MorphologyH } from "./morphology/api.ts";
import type { PlotH } from "./plot/api.ts";

export type mV = Quantity<"mV">;
export type ms = Quantity<"ms">;
export type um = Quantity<"um">;
export type um2 = Quantity<"um2">;
export type um3 = Quantity<"um3">;
export type nA = Quantity<"nA">;
export type uS = Quantity<"uS">;
export type Mohm = Quantity<"Mohm">;
export type mM = Quantity<"mM">;
export type degC = Quantity<"degC">;
export type ohm_cm = Quantity<"ohm*cm">;
export type uF_per_cm2 = Quantity<"uF/cm2">;
export type S_per_cm2 = Quantity<"S/cm2">;
export type mA_per_cm2 = Quantity<"mA/cm2">;

/** A reference to a model variable (NEURON's `_ref_` pointers), for recording and detection. */
export interface Ref<U extends string = string> {
  readonly __ref: U;
}

// ------------------------------------------------------------------ mechanisms

export interface HH {
  gnabar: S_per_cm2;
  gkbar: S_per_cm2;
  gl: S_per_cm2;
  el: mV;
  gna: S_per_cm2;
  gk: S_per_cm2;
  il: mA_per_cm2;
  m: number;
  h: number;
  n: number;
}

export interface Pas {
  g: S_per_cm2;
  e: mV;
  i: mA_per_cm2;
}

/**
 * Density mechanisms by name. Declaration merging adds more:
 * `declare module "neuron-ts" { interface DensityMechanisms { kdr: { gbar: S_per_cm2 } } }`.
 */
export interface DensityMechanisms {
  hh: HH;
  pas: Pas;
}

/** `seg.hh` style views, with `_ref_` for every variable. */
export type MechanismView<M> = M & { readonly [K in keyof M & string as `_ref_${K}`]: Ref };

/** `gnabar_hh` style names for every density mechanism variable. */
type Flat<M, Suffix extends string> = { [K in keyof M & string as `${K}_${Suffix}`]: M[K] };
type FlatRefs<M, Suffix extends string> = { readonly [K in keyof M & string as `_ref_${K}_${Suffix}`]: Ref };
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
export type FlatRangeVars = UnionToIntersection<
  { [N in keyof DensityMechanisms & string]: Flat<DensityMechanisms[N], N> }[keyof DensityMechanisms & string]
>;
export type FlatRangeRefs = UnionToIntersection<
  { [N in keyof DensityMechanisms & string]: FlatRefs<DensityMechanisms[N], N> }[keyof DensityMechanisms & string]
>;

/** Ion variables at a segment (available where a mechanism uses the ion, or it is inserted). */
export interface IonVars {
  ena: mV; nai: mM; nao: mM; ina: mA_per_cm2; dina_dv_: number;
  ek: mV; ki: mM; ko: mM; ik: mA_per_cm2; dik_dv_: number;
  eca: mV; cai: mM; cao: mM; ica: mA_per_cm2; dica_dv_: number;
  ecl: mV; cli: mM; clo: mM; icl: mA_per_cm2; dicl_dv_: number;
}
export type IonRefs = { readonly [K in keyof IonVars as `_ref_${K}`]: Ref };

/** A density mechanism type: `h.hh`. */
export interface MechanismType {
  readonly name: string;
  insert(secs: Section | Iterable<Section>): MechanismType;
  toString(): string;
}

// ------------------------------------------------------------------ sections and segments

export type SegmentBase = {
  readonly x: number;
  readonly sec: Section;
  v: mV;
  diam: um;
  cm: uF_per_cm2;
  readonly i_cap: mA_per_cm2;
  readonly _ref_v: Ref<"mV">;
  readonly _ref_i_cap: Ref;
  area(): um2;
  volume(): um3;
  ri(): Mohm;
  node_index(): number;
  /** The point processes located at this segment's node. */
  point_processes(): PointProcess[];
  toString(): string;
};

export type Segment = SegmentBase &
  { readonly [N in keyof DensityMechanisms]: MechanismView<DensityMechanisms[N]> } &
  FlatRangeVars & FlatRangeRefs & IonVars & IonRefs;

export interface PsectionInfo {
  point_processes: Record<string, PointProcess[]>;
  density_mechs: Record<string, Record<string, number[]>>;
  ions: Record<string, Record<string, number[]>>;
  morphology: {
    L: number;
    diam: number[];
    pts3d: Array<[number, number, number, number]>;
    parent: Segment | null;
    trueparent: Segment | null;
  };
  nseg: number;
  Ra: number;
  cm: number[];
  regions: unknown[];
  species: unknown[];
  name: string;
  hoc_internal_name: string;
  cell: unknown;
}

export type SectionBase = {
  /** The segment containing x (0 ≤ x ≤ 1); `sec(0)` and `sec(1)` are the end nodes. */
  (x: number): Segment;
  L: um;
  diam: um;
  nseg: number;
  Ra: ohm_cm;
  cm: uF_per_cm2;
  rallbranch: number;
  /** Sets v in every segment; reads v at x = 0.5. */
  v: mV;
  readonly _ref_v: Ref<"mV">;
  name(): string;
  hname(): string;
  cell(): unknown;
  toString(): string;
  [Symbol.iterator](): Iterator<Segment>;
  allseg(): Segment[];
  connect(parent: Section | Segment, parentx?: number, childend?: number): Section;
  disconnect(): void;
  insert(mech: string | MechanismType): Section;
  uninsert(mech: string | MechanismType): Section;
  has_membrane(mech: string): boolean;
  wholetree(): Section[];
  subtree(): Section[];
  children(): Section[];
  parentseg(): Segment | null;
  trueparentseg(): Segment | null;
  orientation(): number;
  psection(): PsectionInfo;
  pt3dadd(x: um, y: um, z: um, diam: um): void;
  pt3dclear(): void;
  pt3dinsert(i: number, x: um, y: um, z: um, diam: um): void;
  pt3dremove(i: number): void;
  pt3dchange(i: number, x: um, y: um, z: um, diam: um): void;
  n3d(): number;
  x3d(i: number): um;
  y3d(i: number): um;
  z3d(i: number): um;
  diam3d(i: number): um;
  arc3d(i: number): um;
  is_pysec(): boolean;
};

export type Section = SectionBase & FlatRangeVars & IonVars;

// ------------------------------------------------------------------ point processes

export interface PointProcess {
  get_segment(): Segment | null;
  loc(seg: Segment): number;
  loc(x: number, opts: { sec: Section }): number;
  has_loc(): boolean;
  hname(): string;
  toString(): string;
}

export interface IClamp extends PointProcess {
  /** Onset (NEURON's `del`). */
  delay: ms;
  dur: ms;
  amp: nA;
  readonly i: nA;
  readonly _ref_i: Ref<"nA">;
  readonly _ref_amp: Ref<"nA">;
  readonly _ref_delay: Ref<"ms">;
  readonly _ref_dur: Ref<"ms">;
}

/** ExpSyn: g decays with tau; each event adds its weight (µS) to g; i = g*(v - e). */
export interface ExpSyn extends PointProcess {
  tau: ms;
  e: mV;
  readonly i: nA;
  g: uS;
  readonly _ref_tau: Ref<"ms">;
  readonly _ref_e: Ref<"mV">;
  readonly _ref_i: Ref<"nA">;
  readonly _ref_g: Ref<"uS">;
}

/** NetStim: `number` spikes, the first at `start`, then every `interval` (noise 0 as NEURON). */
export interface NetStim extends PointProcess {
  interval: ms;
  number: number;
  start: ms;
  noise: number;
  readonly event: ms;
  readonly on: number;
  readonly ispike: number;
  readonly _ref_interval: Ref<"ms">;
  readonly _ref_start: Ref<"ms">;
}

/** Exp2Syn: rise tau1, decay tau2; a weight of 1 gives a peak g of 1 uS. */
export interface Exp2Syn extends PointProcess {
  tau1: ms;
  tau2: ms;
  e: mV;
  readonly i: nA;
  readonly g: uS;
  A: uS;
  B: uS;
  readonly _ref_tau1: Ref<"ms">;
  readonly _ref_tau2: Ref<"ms">;
  readonly _ref_e: Ref<"mV">;
  readonly _ref_i: Ref<"nA">;
  readonly _ref_g: Ref<"uS">;
  readonly _ref_A: Ref<"uS">;
  readonly _ref_B: Ref<"uS">;
}

/** AlphaSynapse: g = gmax*alpha((t - onset)/tau), peak gmax at onset + tau. */
export interface AlphaSynapse extends PointProcess {
  onset: ms;
  tau: ms;
  gmax: uS;
  e: mV;
  readonly i: nA;
  /** syn.mod's FUNCTION alpha(x) = x*exp(1 - x) on [0, 10], else 0. */
  alpha(x: number): number;
  readonly _ref_onset: Ref<"ms">;
  readonly _ref_tau: Ref<"ms">;
  readonly _ref_gmax: Ref<"uS">;
  readonly _ref_e: Ref<"mV">;
  readonly _ref_i: Ref<"nA">;
}

/** SEClamp: a single-electrode clamp to amp1..3 for dur1..3 through rs. */
export interface SEClamp extends PointProcess {
  rs: Mohm;
  dur1: ms;
  amp1: mV;
  dur2: ms;
  amp2: mV;
  dur3: ms;
  amp3: mV;
  readonly i: nA;
  readonly vc: mV;
  readonly _ref_rs: Ref<"Mohm">;
  readonly _ref_dur1: Ref<"ms">;
  readonly _ref_amp1: Ref<"mV">;
  readonly _ref_dur2: Ref<"ms">;
  readonly _ref_amp2: Ref<"mV">;
  readonly _ref_dur3: Ref<"ms">;
  readonly _ref_amp3: Ref<"mV">;
  readonly _ref_i: Ref<"nA">;
  readonly _ref_vc: Ref<"mV">;
}

/** An array variable of a point process (VClamp's dur[3]): indexable, fixed length. */
export interface VarArray<T> {
  [j: number]: T;
  readonly length: number;
  [Symbol.iterator](): Iterator<number>;
}

/** VClamp: a two-electrode clamp amplifier model, levels amp[j] for dur[j], j = 0..2. */
export interface VClamp extends PointProcess {
  readonly dur: VarArray<ms>;
  readonly amp: VarArray<mV>;
  gain: number;
  rstim: Mohm;
  tau1: ms;
  tau2: ms;
  e0: mV;
  vo0: mV;
  vi0: mV;
  fac: number;
  readonly i: nA;
  e: mV;
  vo: mV;
  vi: mV;
  readonly _ref_dur: Ref<"ms">;
  readonly _ref_amp: Ref<"mV">;
  readonly _ref_gain: Ref;
  readonly _ref_rstim: Ref<"Mohm">;
  readonly _ref_tau1: Ref<"ms">;
  readonly _ref_tau2: Ref<"ms">;
  readonly _ref_e0: Ref<"mV">;
  readonly _ref_vo0: Ref<"mV">;
  readonly _ref_vi0: Ref<"mV">;
  readonly _ref_fac: Ref;
  readonly _ref_i: Ref<"nA">;
  readonly _ref_e: Ref<"mV">;
  readonly _ref_vo: Ref<"mV">;
  readonly _ref_vi: Ref<"mV">;
}

/** APCount: counts crossings of thresh at its location (times t_n, not t_n + 1e-10). */
export interface APCount extends PointProcess {
  n: number;
  thresh: mV;
  time: ms;
  firing: number;
  /** Records every crossing time into vec (cleared at finitialize); record() stops. */
  record(vec?: Vector): number;
  readonly _ref_n: Ref;
  readonly _ref_thresh: Ref<"mV">;
  readonly _ref_time: Ref<"ms">;
  readonly _ref_firing: Ref;
}

/** IntFire1: leaky integrate-and-fire artificial cell (m decays with tau, fires above 1). */
export interface IntFire1 extends PointProcess {
  tau: ms;
  refrac: ms;
  m: number;
  /** m decayed to the current t (2, then -1, while refractory). */
  M(): number;
  readonly _ref_tau: Ref<"ms">;
  readonly _ref_refrac: Ref<"ms">;
  readonly _ref_m: Ref;
}

/** IntFire2: integrate-and-fire cell with a decaying synaptic current and a bias ib. */
export interface IntFire2 extends PointProcess {
  taus: ms;
  taum: ms;
  ib: number;
  i: number;
  m: number;
  M(): number;
  I(): number;
  readonly _ref_taus: Ref<"ms">;
  readonly _ref_taum: Ref<"ms">;
  readonly _ref_ib: Ref;
  readonly _ref_i: Ref;
  readonly _ref_m: Ref;
}

/** IntFire4: integrate-and-fire cell with fast excitation and alpha-like inhibition. */
export interface IntFire4 extends PointProcess {
  taue: ms;
  taui1: ms;
  taui2: ms;
  taum: ms;
  e: number;
  i1: number;
  i2: number;
  m: number;
  readonly nself: number;
  readonly nexcite: number;
  readonly ninhibit: number;
  readonly ae: number;
  readonly ai1: number;
  readonly ai2: number;
  M(): number;
  E(): number;
  I(): number;
  readonly _ref_taue: Ref<"ms">;
  readonly _ref_taui1: Ref<"ms">;
  readonly _ref_taui2: Ref<"ms">;
  readonly _ref_taum: Ref<"ms">;
  readonly _ref_e: Ref;
  readonly _ref_i1: Ref;
  readonly _ref_i2: Ref;
  readonly _ref_m: Ref;
}

// ------------------------------------------------------------------ vectors, netcons

export interface Vector extends Iterable<number> {
  [i: number]: number;
  readonly length: number;
  readonly x: { [i: number]: number };
  size(): number;
  record(ref: Ref, Dt?: ms | Vector, opts?: { sec?: Section }): Vector;
  play(ref: Ref, tvecOrDt: Vector | ms, continuous?: 0 | 1 | boolean | Vector): Vector;
  play_remove(): Vector;
  to_python(): number[];
  as_numpy(): Float64Array;
  resize(n: number): Vector;
  append(...values: Array<number | Vector | Iterable<number>>): Vector;
  fill(value: number): Vector;
  indgen(start?: number, step?: number): Vector;
  c(): Vector;
  max(): number;
  min(): number;
  sum(): number;
  mean(): number;
  stdev(): number;
  var(): number;
  printf(): number;
  hname(): string;
}

export interface SaveState {
  save(): void;
  /** 0 (default) restores everything; 1 skips plays, NetCons, thresholds and the event queue. */
  restore(type?: 0 | 1): void;
  fwrite(path: string): void;
  fread(path: string): void;
  hname(): string;
}

/** NEURON's ParallelContext, for threads in this process (nhost() 1, id() 0). */
export interface ParallelContext {
  /** Sets (n >= 1) and returns the number of threads continuerun/run/psolve use. */
  nthread(n?: number, parallel?: number): number;
  /** Why the last run used one thread although more were set (neuron-ts), or null. */
  threadBlocker(): string | null;
  /** neuron-ts: "auto" (default) or "lockstep" schedule; returns the last threaded run's schedule. */
  threadSchedule(mode?: "auto" | "lockstep"): "run-ahead" | "lockstep" | null;
  psolve(tstop: ms): void;
  nhost(): number;
  id(): number;
  barrier(): number;
  runworker(): void;
  done(): void;
  set_maxstep(maxstep: ms): number;
  hname(): string;
}

export interface NetCon {
  threshold: mV;
  delay: ms;
  readonly weight: { [i: number]: number; readonly length: number };
  active(on?: boolean | number): number;
  event(t: ms): void;
  record(vec: Vector, idvec?: Vector, id?: number): void;
  pre(): PointProcess | null;
  syn(): PointProcess | null;
  preseg(): Segment | null;
  hname(): string;
}

// ------------------------------------------------------------------ h

export type FInitializeHandlerType = 0 | 1 | 2 | 3;

export interface SectionOptions {
  name?: string;
  cell?: object | null;
}

export interface H extends PlotH, MorphologyH {
  Section(name?: string, cell?: object | null): Section;
  Section(opts: SectionOptions): Section;
  readonly hh: MechanismType;
  readonly pas: MechanismType;
  IClamp(seg: Segment): IClamp;
  IClamp(x: number, opts: { sec: Section }): IClamp;
  Exp2Syn(seg: Segment): Exp2Syn;
  Exp2Syn(x: number, opts: { sec: Section }): Exp2Syn;
  AlphaSynapse(seg: Segment): AlphaSynapse;
  AlphaSynapse(x: number, opts: { sec: Section }): AlphaSynapse;
  SEClamp(seg: Segment): SEClamp;
  SEClamp(x: number, opts: { sec: Section }): SEClamp;
  VClamp(seg: Segment): VClamp;
  VClamp(x: number, opts: { sec: Section }): VClamp;
  APCount(seg: Segment): APCount;
  APCount(x: number, opts: { sec: Section }): APCount;
  IntFire1(): IntFire1;
  IntFire2(): IntFire2;
  IntFire4(): IntFire4;
  Vector(init?: number | Iterable<number> | ArrayLike<number>): Vector;
  /** source: a variable (seg._ref_v with { sec }), a point process that fires, or null. */
  NetCon(source: Ref | PointProcess | null, target: PointProcess | null, opts?: { sec?: Section }): NetCon;
  NetCon(source: Ref | PointProcess | null, target: PointProcess | null, threshold: mV, delay: ms, weight: number, opts?: { sec?: Section }): NetCon;
  ExpSyn(seg: Segment): ExpSyn;
  ExpSyn(x: number, opts: { sec: Section }): ExpSyn;
  NetStim(): NetStim;
  SaveState(): SaveState;
  ParallelContext(): ParallelContext;
  FInitializeHandler(fn: () => void): object;
  FInitializeHandler(type: FInitializeHandlerType, fn: () => void): object;

  finitialize(v?: mV): number;
  fadvance(): number;
  continuerun(tstop: ms): void;
  run(tstop?: ms): void;
  stdinit(): void;
  init(): void;
  t: ms;
  dt: ms;
  tstop: ms;
  v_init: mV;
  celsius: degC;
  secondorder: number;
  steps_per_ms: number;
  readonly _ref_t: Ref<"ms">;

  allsec(): Iterable<Section>;
  topology(): number;
  distance(origin: 0, seg: Segment): number;
  distance(seg: Segment): number;
  distance(seg1: Segment, seg2: Segment): number;
  psection(opts: { sec: Section }): PsectionInfo;
  delete_section(opts: { sec: Section }): void;
  load_file(name: string): number;
  area(x: number, opts: { sec: Section }): um2;
  ri(x: number, opts: { sec: Section }): Mohm;
  nernst(ci: mM, co: mM, z: number): mV;
  /** hh's table switch and its GLOBALs (minf_hh, ...). */
  usetable_hh: number;
  readonly minf_hh: number;
  readonly hinf_hh: number;
  readonly ninf_hh: number;
  readonly mtau_hh: ms;
  readonly htau_hh: ms;
  readonly ntau_hh: ms;

  /** Sections, section arrays and lists that HOC code or loaders made (h.soma, h.apic[10]). */
  readonly [hocName: string]: any;
}
