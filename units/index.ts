// neuron-ts/units: NEURON's `neuron.units` names (mM, uM, µM, nM, M, ms, us, µs, s, sec, minute,
// hour, day, um, µm, nm, mm, cm, m, mV, uV, µV, V) and the electrical units NEURON models need.
//
// Units are compile-time only. `npx neuron-ts run` (and the esbuild/vite plugins) check every unit
// expression against the slot it is stored in and replace it with NEURON's number:
// `seg.hh.gkbar = 36 * mS / cm ** 2` runs as `seg.hh.gkbar = 0.036`. Loaded without that
// transform, this module throws (units/untransformed.ts says why); the values below are what each
// name stands for in NEURON's unit of its dimension, as `neuron.units` gives them.
//
// The names of NEURON's own units (ms, mV, um, mM, nA, uS, Mohm, degC, um2, um3) are also types:
// `function onset(): ms` returns a time (held, like every value, in NEURON's unit).
// Micro names come in three spellings: u, µ (U+00B5, as neuron/units.py writes µm) and μ (U+03BC,
// as it writes μV).
import { refuseUntransformedLoad } from "./untransformed.ts";

refuseUntransformedLoad();

declare const unitBrand: unique symbol;
/**
 * A number in unit U, NEURON's unit of its dimension ("ms", "S/cm2", "ohm*cm"). The brand is
 * phantom and optional: a bare number fits any slot, as in NEURON; the unit checker reads U.
 */
export type Quantity<U extends string> = number & { readonly [unitBrand]?: U };

// concentration (NEURON: mM)
export const mM: Quantity<"mM"> = 1;
export type mM = Quantity<"mM">;
export const uM: Quantity<"uM"> = 0.001;
export const µM: Quantity<"µM"> = 0.001;
export const μM: Quantity<"μM"> = 0.001;
export const nM: Quantity<"nM"> = 1e-6;
export const M: Quantity<"M"> = 1000;

// time (NEURON: ms)
export const ms: Quantity<"ms"> = 1;
export type ms = Quantity<"ms">;
export const us: Quantity<"us"> = 0.001;
export const µs: Quantity<"µs"> = 0.001;
export const μs: Quantity<"μs"> = 0.001;
export const s: Quantity<"s"> = 1000;
export const sec: Quantity<"sec"> = 1000;
export const minute: Quantity<"minute"> = 60000;
export const hour: Quantity<"hour"> = 3600000;
export const day: Quantity<"day"> = 86400000;

// space (NEURON: um)
export const um: Quantity<"um"> = 1;
export type um = Quantity<"um">;
export const µm: Quantity<"µm"> = 1;
export type µm = Quantity<"um">;
export const μm: Quantity<"μm"> = 1;
export type μm = Quantity<"um">;
export const nm: Quantity<"nm"> = 0.001;
export const mm: Quantity<"mm"> = 1000;
export const cm: Quantity<"cm"> = 10000;
export const m: Quantity<"m"> = 1000000;

// voltage (NEURON: mV)
export const mV: Quantity<"mV"> = 1;
export type mV = Quantity<"mV">;
export const uV: Quantity<"uV"> = 0.001;
export const µV: Quantity<"µV"> = 0.001;
export const μV: Quantity<"μV"> = 0.001;
export const V: Quantity<"V"> = 1000;

// current (NEURON: nA)
export const pA: Quantity<"pA"> = 0.001;
export const nA: Quantity<"nA"> = 1;
export type nA = Quantity<"nA">;
export const uA: Quantity<"uA"> = 1000;
export const µA: Quantity<"µA"> = 1000;
export const μA: Quantity<"μA"> = 1000;
export const mA: Quantity<"mA"> = 1000000;

// conductance (NEURON: uS)
export const nS: Quantity<"nS"> = 0.001;
export const uS: Quantity<"uS"> = 1;
export type uS = Quantity<"uS">;
export const µS: Quantity<"µS"> = 1;
export type µS = Quantity<"uS">;
export const μS: Quantity<"μS"> = 1;
export type μS = Quantity<"uS">;
export const mS: Quantity<"mS"> = 1000;
export const S: Quantity<"S"> = 1000000;

// capacitance (nA*ms/mV = nF)
export const pF: Quantity<"pF"> = 0.001;
export const uF: Quantity<"uF"> = 1000;
export const µF: Quantity<"µF"> = 1000;
export const μF: Quantity<"μF"> = 1000;

// resistance (NEURON: Mohm)
export const ohm: Quantity<"ohm"> = 1e-6;
export const kohm: Quantity<"kohm"> = 0.001;
export const Mohm: Quantity<"Mohm"> = 1;
export type Mohm = Quantity<"Mohm">;

// temperature (NEURON: degC)
export const degC: Quantity<"degC"> = 1;
export type degC = Quantity<"degC">;

// frequency (1/ms)
export const Hz: Quantity<"Hz"> = 0.001;

// area and volume (NEURON: um2, um3)
export const um2: Quantity<"um2"> = 1;
export type um2 = Quantity<"um2">;
export const µm2: Quantity<"µm2"> = 1;
export type µm2 = Quantity<"um2">;
export const μm2: Quantity<"μm2"> = 1;
export type μm2 = Quantity<"um2">;
export const cm2: Quantity<"cm2"> = 100000000;
export const um3: Quantity<"um3"> = 1;
export type um3 = Quantity<"um3">;
export const µm3: Quantity<"µm3"> = 1;
export type µm3 = Quantity<"um3">;
export const μm3: Quantity<"μm3"> = 1;
export type μm3 = Quantity<"um3">;
