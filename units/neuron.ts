// NEURON's unit for each dimension. Every slot of NEURON's API holds its number in the unit this
// table gives for the slot's dimension (stdlib/api.ts brands are checked against it), and every
// value neuron-ts stores or prints is in that unit — which is what makes a unit expression
// convertible at compile time to a plain number.
//
// Dimensions without an entry use the coherent system NEURON's point units form (µm, ms, mV, nA,
// mM, degC: nA = mV/MΩ, µS = nA/mV), so `mV * ms` is held in mV*ms.
import { sameDimension, type Dimension } from "./dimension.ts";
import { ONE, equals, mul, pow, type Rational } from "./rational.ts";
import { parseUnit, type Unit } from "./parse.ts";

/** NEURON's units, as api.ts brands spell them. */
export const NEURON_SLOT_UNITS = [
  "ms", "um", "um2", "um3", "mV", "nA", "uS", "Mohm", "mM", "degC",
  "S/cm2", "mA/cm2", "uF/cm2", "ohm*cm",
] as const;

export interface NeuronUnit extends Unit {
  /** How the unit is written in messages and docs. */
  readonly name: string;
}

const SLOT_UNITS: NeuronUnit[] = NEURON_SLOT_UNITS.map((name) => ({ name, ...parseUnit(name) }));

// The coherent base: exponents over (um, ms, mV, nA, mM, degC) that give a dimension.
const COHERENT_BASE = ["um", "ms", "mV", "nA", "mM", "degC"] as const;
const COHERENT_SCALE = COHERENT_BASE.map((n) => parseUnit(n).scale);

function coherentExponents(d: Dimension): number[] {
  const [l, m, t, i, th, n] = d;
  // mV carries mass (kg m² s⁻³ A⁻¹) and mM carries amount (mol m⁻³); the rest follows.
  return [l - 2 * m + 3 * n, t + 3 * m, m, i + m, n, th].map((e) => e + 0);
}

function coherentUnit(d: Dimension): NeuronUnit {
  const exps = coherentExponents(d);
  let scale: Rational = ONE;
  exps.forEach((e, k) => (scale = mul(scale, pow(COHERENT_SCALE[k]!, e))));
  const part = (k: number, e: number) => (e === 1 ? COHERENT_BASE[k]! : `${COHERENT_BASE[k]}^${e}`);
  const num = exps.flatMap((e, k) => (e > 0 ? [part(k, e)] : []));
  const den = exps.flatMap((e, k) => (e < 0 ? [part(k, -e)] : []));
  const name = den.length === 0
    ? num.join("*") || "1"
    : `${num.join("*") || "1"}/${den.length > 1 ? `(${den.join("*")})` : den[0]}`;
  return { name, dimension: d, scale };
}

/** NEURON's unit for a dimension. */
export function neuronUnitFor(d: Dimension): NeuronUnit {
  return SLOT_UNITS.find((u) => sameDimension(u.dimension, d)) ?? coherentUnit(d);
}

/** Whether `u` is NEURON's unit for its dimension (same size). */
export function isNeuronUnit(u: Unit): boolean {
  return equals(neuronUnitFor(u.dimension).scale, u.scale);
}

