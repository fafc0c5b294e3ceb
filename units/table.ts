// The one unit table: every unit name neuron-ts knows, its dimension and its size in SI units
// (exactly). It holds every name of NEURON's `neuron.units` with the same meaning, the electrical
// units NEURON models need, and the squared/cubed lengths that slot units are written with.
// units/index.ts exports a constant for each name; test/units keeps the two in step.
import { dimension, divide, multiply, power, type Dimension } from "./dimension.ts";
import { pow10, rational, type Rational } from "./rational.ts";

export interface UnitDefinition {
  readonly name: string;
  readonly dimension: Dimension;
  /** The unit's size in SI units (m, kg, s, A, K, mol), exactly. */
  readonly scale: Rational;
  /** A name of NEURON's own `neuron.units` (its value there is the same as here). */
  readonly inNeuronUnits: boolean;
}

const L = dimension({ length: 1 });
const T = dimension({ time: 1 });
const I = dimension({ current: 1 });
const CONC = dimension({ amount: 1, length: -3 });
const VOLT = dimension({ mass: 1, length: 2, time: -3, current: -1 });
const SIEMENS = divide(I, VOLT);
const FARAD = multiply(SIEMENS, T);
const OHM = power(SIEMENS, -1);
const TEMP = dimension({ temperature: 1 });

// [name, dimension, power of ten, in neuron.units]; "u" names also get the µ (U+00B5, as
// neuron/units.py spells µm, µM, µs) and μ (U+03BC, as it spells μV) spellings.
const DECIMAL_UNITS: ReadonlyArray<readonly [string, Dimension, number, boolean]> = [
  // concentration: NEURON's mM is mol/m³
  ["mM", CONC, 0, true], ["uM", CONC, -3, true], ["nM", CONC, -6, true], ["M", CONC, 3, true],
  // time
  ["ms", T, -3, true], ["us", T, -6, true], ["s", T, 0, true], ["sec", T, 0, true],
  // space
  ["um", L, -6, true], ["nm", L, -9, true], ["mm", L, -3, true], ["cm", L, -2, true], ["m", L, 0, true],
  // voltage
  ["mV", VOLT, -3, true], ["uV", VOLT, -6, true], ["V", VOLT, 0, true],
  // current
  ["pA", I, -12, false], ["nA", I, -9, false], ["uA", I, -6, false], ["mA", I, -3, false],
  // conductance
  ["nS", SIEMENS, -9, false], ["uS", SIEMENS, -6, false], ["mS", SIEMENS, -3, false], ["S", SIEMENS, 0, false],
  // capacitance
  ["pF", FARAD, -12, false], ["uF", FARAD, -6, false],
  // resistance
  ["ohm", OHM, 0, false], ["kohm", OHM, 3, false], ["Mohm", OHM, 6, false],
  // temperature: NEURON's celsius is in degC; there is no kelvin here, so no offset ever arises
  ["degC", TEMP, 0, false],
  // frequency
  ["Hz", power(T, -1), 0, false],
  // areas and volumes, as slot units are written (um2, cm2, um3)
  ["um2", power(L, 2), -12, false], ["cm2", power(L, 2), -4, false], ["um3", power(L, 3), -18, false],
];

const MICRO_SPELLINGS = ["\u00b5", "\u03bc"];

function definitions(): UnitDefinition[] {
  const out: UnitDefinition[] = [];
  const push = (name: string, dim: Dimension, scale: Rational, inNeuronUnits: boolean) => {
    out.push({ name, dimension: dim, scale, inNeuronUnits });
    if (name.startsWith("u")) for (const mu of MICRO_SPELLINGS) out.push({ name: mu + name.slice(1), dimension: dim, scale, inNeuronUnits });
  };
  for (const [name, dim, exp, inNeuron] of DECIMAL_UNITS) push(name, dim, pow10(exp), inNeuron);
  push("minute", T, rational(60n), true);
  push("hour", T, rational(3600n), true);
  push("day", T, rational(86400n), true);
  return out;
}

export const UNITS: ReadonlyMap<string, UnitDefinition> = new Map(definitions().map((u) => [u.name, u]));

export function lookupUnit(name: string): UnitDefinition | undefined {
  return UNITS.get(name);
}
