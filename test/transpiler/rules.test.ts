// The unit checker's rules, table by table (typescript-eslint style): each case is a script
// (after harness.ts's PRELUDE, which imports h and the units and makes soma, seg, ic, nc) and the
// diagnostics it must produce — message id, data, line and column — or none at all. The cases
// that must not be flagged are NEURON-style and unit-style scripts a modeller writes.
import { beforeAll, describe, expect, it } from "vitest";
import { CaseProject, PRELUDE_LINES, withPrelude } from "./harness.ts";

export interface ExpectedError {
  readonly id: string;
  readonly data: Readonly<Record<string, string>>;
  readonly line: number;
  readonly column: number;
}

export interface CheckerCase {
  readonly name: string;
  readonly code: string;
  readonly errors: readonly ExpectedError[];
}

export const INVALID: readonly CheckerCase[] = [
  {
    name: "point-process slot given a voltage",
    code: `ic.delay = 5 * mV;`,
    errors: [
      { id: "slotDimension", data: { slot: "ic.delay", expected: "[time]", unit: "ms", source: "5 * mV", actual: "[voltage]" }, line: 1, column: 12 },
    ],
  },
  {
    name: "finitialize given a time",
    code: `h.finitialize(-65 * ms);`,
    errors: [
      { id: "slotDimension", data: { slot: "h.finitialize(v)", expected: "[voltage]", unit: "mV", source: "-65 * ms", actual: "[time]" }, line: 1, column: 15 },
    ],
  },
  {
    name: "density slot given a point conductance",
    code: `seg.hh.gkbar = 36 * mS;`,
    errors: [
      { id: "slotDimension", data: { slot: "seg.hh.gkbar", expected: "[conductance density]", unit: "S/cm2", source: "36 * mS", actual: "[conductance]" }, line: 1, column: 16 },
    ],
  },
  {
    name: "length slot given a voltage",
    code: `soma.L = 10 * mV;`,
    errors: [
      { id: "slotDimension", data: { slot: "soma.L", expected: "[length]", unit: "um", source: "10 * mV", actual: "[voltage]" }, line: 1, column: 10 },
    ],
  },
  {
    name: "length slot given an area",
    code: `soma.diam = 2 * um ** 2;`,
    errors: [
      { id: "slotDimension", data: { slot: "soma.diam", expected: "[length]", unit: "um", source: "2 * um ** 2", actual: "[area]" }, line: 1, column: 13 },
    ],
  },
  {
    name: "Ra given a resistance",
    code: `soma.Ra = 100 * ohm;`,
    errors: [
      { id: "slotDimension", data: { slot: "soma.Ra", expected: "[resistivity]", unit: "ohm*cm", source: "100 * ohm", actual: "[resistance]" }, line: 1, column: 11 },
    ],
  },
  {
    name: "cm given a capacitance",
    code: `soma.cm = 1 * uF;`,
    errors: [
      { id: "slotDimension", data: { slot: "soma.cm", expected: "[capacitance density]", unit: "uF/cm2", source: "1 * uF", actual: "[capacitance]" }, line: 1, column: 11 },
    ],
  },
  {
    name: "IClamp.amp given a current density",
    code: `ic.amp = 0.5 * mA / cm ** 2;`,
    errors: [
      { id: "slotDimension", data: { slot: "ic.amp", expected: "[current]", unit: "nA", source: "0.5 * mA / cm ** 2", actual: "[current density]" }, line: 1, column: 10 },
    ],
  },
  {
    name: "tstop given a voltage",
    code: `h.tstop = 5 * mV;`,
    errors: [
      { id: "slotDimension", data: { slot: "h.tstop", expected: "[time]", unit: "ms", source: "5 * mV", actual: "[voltage]" }, line: 1, column: 11 },
    ],
  },
  {
    name: "dt given a length",
    code: `h.dt = 0.025 * um;`,
    errors: [
      { id: "slotDimension", data: { slot: "h.dt", expected: "[time]", unit: "ms", source: "0.025 * um", actual: "[length]" }, line: 1, column: 8 },
    ],
  },
  {
    name: "celsius given a time",
    code: `h.celsius = 6.3 * ms;`,
    errors: [
      { id: "slotDimension", data: { slot: "h.celsius", expected: "[temperature]", unit: "degC", source: "6.3 * ms", actual: "[time]" }, line: 1, column: 13 },
    ],
  },
  {
    name: "continuerun given a voltage",
    code: `h.continuerun(10 * mV);`,
    errors: [
      { id: "slotDimension", data: { slot: "h.continuerun(tstop)", expected: "[time]", unit: "ms", source: "10 * mV", actual: "[voltage]" }, line: 1, column: 15 },
    ],
  },
  {
    name: "flat range variable given a conductance",
    code: `seg.gnabar_hh = 0.12 * mS;`,
    errors: [
      { id: "slotDimension", data: { slot: "seg.gnabar_hh", expected: "[conductance density]", unit: "S/cm2", source: "0.12 * mS", actual: "[conductance]" }, line: 1, column: 17 },
    ],
  },
  {
    name: "reversal potential given a concentration",
    code: `seg.ena = 50 * mM;`,
    errors: [
      { id: "slotDimension", data: { slot: "seg.ena", expected: "[voltage]", unit: "mV", source: "50 * mM", actual: "[concentration]" }, line: 1, column: 11 },
    ],
  },
  {
    name: "concentration given a voltage",
    code: `seg.nai = 10 * mV;`,
    errors: [
      { id: "slotDimension", data: { slot: "seg.nai", expected: "[concentration]", unit: "mM", source: "10 * mV", actual: "[voltage]" }, line: 1, column: 11 },
    ],
  },
  {
    name: "pt3dadd diameter given a time",
    code: `soma.pt3dadd(0, 0, 0, 1 * ms);`,
    errors: [
      { id: "slotDimension", data: { slot: "soma.pt3dadd(diam)", expected: "[length]", unit: "um", source: "1 * ms", actual: "[time]" }, line: 1, column: 23 },
    ],
  },
  {
    name: "let binding keeps its initializer's unit",
    code: `let onset = 2 * ms;\nonset = 3 * mV;`,
    errors: [
      { id: "slotDimension", data: { slot: "onset", expected: "[time]", unit: "ms", source: "3 * mV", actual: "[voltage]" }, line: 2, column: 9 },
    ],
  },
  {
    name: "class field keeps its initializer's unit",
    code: `class Stim {\n  delay = 2 * ms;\n  shift() { this.delay = 1 * mV; }\n}`,
    errors: [
      { id: "slotDimension", data: { slot: "this.delay", expected: "[time]", unit: "ms", source: "1 * mV", actual: "[voltage]" }, line: 3, column: 26 },
    ],
  },
  {
    name: "branded parameter given a voltage",
    code: `function f(d: ms) { return d; }\nf(5 * mV);`,
    errors: [
      { id: "slotDimension", data: { slot: "f(d)", expected: "[time]", unit: "ms", source: "5 * mV", actual: "[voltage]" }, line: 2, column: 3 },
    ],
  },
  {
    name: "branded return type given a voltage",
    code: `function g(): ms {\n  return 5 * mV;\n}`,
    errors: [
      { id: "slotDimension", data: { slot: "return of g", expected: "[time]", unit: "ms", source: "5 * mV", actual: "[voltage]" }, line: 2, column: 10 },
    ],
  },
  {
    name: "branded variable given a time",
    code: `const d: mV = 3 * ms;`,
    errors: [
      { id: "slotDimension", data: { slot: "d", expected: "[voltage]", unit: "mV", source: "3 * ms", actual: "[time]" }, line: 1, column: 15 },
    ],
  },
  {
    name: "loop variable over voltages into a time slot",
    code: `for (const t of [2 * mV, 3 * mV]) ic.delay = t;`,
    errors: [
      { id: "slotDimension", data: { slot: "ic.delay", expected: "[time]", unit: "ms", source: "t", actual: "[voltage]" }, line: 1, column: 46 },
    ],
  },
  {
    name: "a voltage read into a time slot",
    code: `const v0 = seg.v;\n// @ts-expect-error -- TypeScript also rejects the brand\nic.delay = v0;`,
    errors: [
      { id: "slotDimension", data: { slot: "ic.delay", expected: "[time]", unit: "ms", source: "v0", actual: "[voltage]" }, line: 3, column: 12 },
    ],
  },
  {
    name: "NetCon threshold given a time",
    code: `nc.threshold = 5 * ms;`,
    errors: [
      { id: "slotDimension", data: { slot: "nc.threshold", expected: "[voltage]", unit: "mV", source: "5 * ms", actual: "[time]" }, line: 1, column: 16 },
    ],
  },
  {
    name: "compound assignment adds a voltage to a time",
    code: `ic.dur += 1 * mV;`,
    errors: [
      { id: "slotDimension", data: { slot: "ic.dur", expected: "[time]", unit: "ms", source: "1 * mV", actual: "[voltage]" }, line: 1, column: 11 },
    ],
  },
  {
    name: "object property keeps its initializer's unit",
    code: `const p = { delay: 2 * ms };\np.delay = 5 * mV;`,
    errors: [
      { id: "slotDimension", data: { slot: "p.delay", expected: "[time]", unit: "ms", source: "5 * mV", actual: "[voltage]" }, line: 2, column: 11 },
    ],
  },
  {
    name: "unit flows through const bindings",
    code: `const x = 5 * mV;\nconst y = x * 2;\nic.delay = y;`,
    errors: [
      { id: "slotDimension", data: { slot: "ic.delay", expected: "[time]", unit: "ms", source: "y", actual: "[voltage]" }, line: 3, column: 12 },
    ],
  },
  {
    name: "Vector.record Dt given a voltage",
    code: `h.Vector().record(h._ref_t, 0.1 * mV);`,
    errors: [
      { id: "slotDimension", data: { slot: "h.Vector().record(Dt)", expected: "[time]", unit: "ms", source: "0.1 * mV", actual: "[voltage]" }, line: 1, column: 29 },
    ],
  },
  {
    name: "squared length into a length slot",
    code: `soma.L = (2 * um) ** 2;`,
    errors: [
      { id: "slotDimension", data: { slot: "soma.L", expected: "[length]", unit: "um", source: "(2 * um) ** 2", actual: "[area]" }, line: 1, column: 10 },
    ],
  },
  {
    name: "Math.abs keeps the unit",
    code: `ic.delay = Math.abs(-3 * mV);`,
    errors: [
      { id: "slotDimension", data: { slot: "ic.delay", expected: "[time]", unit: "ms", source: "Math.abs(-3 * mV)", actual: "[voltage]" }, line: 1, column: 12 },
    ],
  },
  {
    name: "conditional keeps the unit",
    code: `ic.delay = h.t > 5 ? 1 * mV : 2 * mV;`,
    errors: [
      { id: "slotDimension", data: { slot: "ic.delay", expected: "[time]", unit: "ms", source: "h.t > 5 ? 1 * mV : 2 * mV", actual: "[voltage]" }, line: 1, column: 12 },
    ],
  },
  {
    name: "micro sign spellings are units",
    code: `h.tstop = 3 * µM;`,
    errors: [
      { id: "slotDimension", data: { slot: "h.tstop", expected: "[time]", unit: "ms", source: "3 * µM", actual: "[concentration]" }, line: 1, column: 11 },
    ],
  },
  {
    name: "Greek mu spellings are units",
    code: `h.finitialize(5 * μV * 1 * uA);`,
    errors: [
      { id: "slotDimension", data: { slot: "h.finitialize(v)", expected: "[voltage]", unit: "mV", source: "5 * μV * 1 * uA", actual: "[power]" }, line: 1, column: 15 },
    ],
  },
  {
    name: "branded arrow function body",
    code: `const onset = (): ms => 4 * um;`,
    errors: [
      { id: "slotDimension", data: { slot: "return of onset", expected: "[time]", unit: "ms", source: "4 * um", actual: "[length]" }, line: 1, column: 25 },
    ],
  },
  {
    name: "object literal property with a branded contextual type",
    code: `function stim(o: { delay: ms }) { return o; }\nstim({ delay: 5 * mV });`,
    errors: [
      { id: "slotDimension", data: { slot: "delay", expected: "[time]", unit: "ms", source: "5 * mV", actual: "[voltage]" }, line: 2, column: 15 },
    ],
  },
  {
    name: "adding a voltage and a time",
    code: `const x = 3 * mV + 2 * ms;`,
    errors: [
      { id: "mixedDimensions", data: { source: "3 * mV + 2 * ms", operation: "adds", left: "[voltage]", right: "[time]" }, line: 1, column: 11 },
    ],
  },
  {
    name: "subtracting a length from a time",
    code: `const x = 1 * s - 3 * um;`,
    errors: [
      { id: "mixedDimensions", data: { source: "1 * s - 3 * um", operation: "subtracts", left: "[time]", right: "[length]" }, line: 1, column: 11 },
    ],
  },
  {
    name: "comparing a time with a voltage",
    code: `if (h.t > 5 * mV) console.log("late");`,
    errors: [
      { id: "mixedDimensions", data: { source: "h.t > 5 * mV", operation: "compares", left: "[time]", right: "[voltage]" }, line: 1, column: 5 },
    ],
  },
  {
    name: "adding two slot reads of different dimensions",
    code: `const y = seg.v + h.t;`,
    errors: [
      { id: "mixedDimensions", data: { source: "seg.v + h.t", operation: "adds", left: "[voltage]", right: "[time]" }, line: 1, column: 11 },
    ],
  },
  {
    name: "Math.max of a time and a voltage",
    code: `const m1 = Math.max(1 * ms, 2 * mV);`,
    errors: [
      { id: "mixedDimensions", data: { source: "Math.max(1 * ms, 2 * mV)", operation: "compares", left: "[time]", right: "[voltage]" }, line: 1, column: 12 },
    ],
  },
  {
    name: "adding a density to a conductance",
    code: `const z = 2 * mS / cm ** 2 + seg.hh.gkbar * cm ** 2;`,
    errors: [
      { id: "mixedDimensions", data: { source: "2 * mS / cm ** 2 + seg.hh.gkbar * cm ** 2", operation: "adds", left: "[conductance density]", right: "[conductance]" }, line: 1, column: 11 },
    ],
  },
  {
    name: "comparing a loop time with a voltage",
    code: `for (const t of [1 * ms]) {\n  if (t < seg.v) console.log(t);\n}`,
    errors: [
      { id: "mixedDimensions", data: { source: "t < seg.v", operation: "compares", left: "[time]", right: "[voltage]" }, line: 2, column: 7 },
    ],
  },
  {
    name: "equality of a concentration and a voltage",
    code: `const same = 5 * mM === 5 * mV;`,
    errors: [
      { id: "mixedDimensions", data: { source: "5 * mM === 5 * mV", operation: "compares", left: "[concentration]", right: "[voltage]" }, line: 1, column: 14 },
    ],
  },
  {
    name: "an array of times and voltages",
    code: `for (const t of [2 * ms, 13 * mV]) ic.delay = t;`,
    errors: [
      { id: "mixedDimensions", data: { source: "[2 * ms, 13 * mV]", operation: "mixes", left: "[time]", right: "[voltage]" }, line: 1, column: 17 },
    ],
  },
  {
    name: "conditional branches of different dimensions",
    code: `const level = h.t > 5 ? 1 * ms : 2 * mV;`,
    errors: [
      { id: "mixedDimensions", data: { source: "h.t > 5 ? 1 * ms : 2 * mV", operation: "mixes", left: "[time]", right: "[voltage]" }, line: 1, column: 15 },
    ],
  },
  {
    name: "Math.exp of a voltage",
    code: `const r = Math.exp(-65 * mV);`,
    errors: [
      { id: "dimensionedArgument", data: { fn: "exp", source: "-65 * mV", actual: "[voltage]" }, line: 1, column: 20 },
    ],
  },
  {
    name: "Math.log of a concentration",
    code: `const r = Math.log(10 * mM);`,
    errors: [
      { id: "dimensionedArgument", data: { fn: "log", source: "10 * mM", actual: "[concentration]" }, line: 1, column: 20 },
    ],
  },
  {
    name: "Math.exp of a voltage over a bare number",
    code: `const v0 = -65 * mV;\nconst r = Math.exp(v0 / 10);`,
    errors: [
      { id: "dimensionedArgument", data: { fn: "exp", source: "v0 / 10", actual: "[voltage]" }, line: 2, column: 20 },
    ],
  },
  {
    name: "Math.sin of a time",
    code: `const r = Math.sin(2 * ms);`,
    errors: [
      { id: "dimensionedArgument", data: { fn: "sin", source: "2 * ms", actual: "[time]" }, line: 1, column: 20 },
    ],
  },
  {
    name: "a length to a fractional power",
    code: `const a = (2 * um) ** 1.5;`,
    errors: [
      { id: "nonIntegerPower", data: { source: "(2 * um) ** 1.5", actual: "[length]" }, line: 1, column: 11 },
    ],
  },
  {
    name: "a length to a variable power",
    code: `const n = 2;\nconst a = (2 * um) ** n;`,
    errors: [
      { id: "nonIntegerPower", data: { source: "(2 * um) ** n", actual: "[length]" }, line: 2, column: 11 },
    ],
  },
  {
    name: "Math.pow of a voltage to a half",
    code: `const a = Math.pow(3 * mV, 0.5);`,
    errors: [
      { id: "nonIntegerPower", data: { source: "Math.pow(3 * mV, 0.5)", actual: "[voltage]" }, line: 1, column: 11 },
    ],
  },
  {
    name: "a brand in seconds",
    code: `function f(): Quantity<"s"> { return 1; }`,
    errors: [
      { id: "nonNeuronUnit", data: { source: "Quantity<\"s\">", dimension: "[time]", unit: "s", neuronUnit: "Quantity<\"ms\">" }, line: 1, column: 15 },
    ],
  },
  {
    name: "a density brand in mS/cm2",
    code: `let x: Quantity<"mS/cm2"> = 1;`,
    errors: [
      { id: "nonNeuronUnit", data: { source: "Quantity<\"mS/cm2\">", dimension: "[conductance density]", unit: "mS/cm2", neuronUnit: "Quantity<\"S/cm2\">" }, line: 1, column: 8 },
    ],
  },
  {
    name: "a brand that names no unit",
    code: `let x: Quantity<"furlong"> = 1;`,
    errors: [
      { id: "unknownUnit", data: { source: "Quantity<\"furlong\">", reason: "unknown unit name 'furlong'" }, line: 1, column: 8 },
    ],
  },
  {
    name: "the units namespace passed around",
    code: `import * as u from "neuron-ts/units";\nconsole.log(u);`,
    errors: [
      { id: "namespaceEscapes", data: { source: "u" }, line: 2, column: 13 },
    ],
  },
];

export const VALID: readonly CheckerCase[] = [
  { name: "the seed's IClamp settings", code: `ic.delay = 2 * ms;\nic.dur = 0.1 * ms;\nic.amp = 1;`, errors: [] },
  { name: "chained assignment of a length", code: `soma.L = soma.diam = 10 * µm;`, errors: [] },
  { name: "finitialize and continuerun", code: `h.finitialize(-65 * mV);\nh.continuerun(10 * ms);`, errors: [] },
  { name: "a density in mS/cm2", code: `seg.hh.gkbar = 36 * mS / cm ** 2;`, errors: [] },
  { name: "a current in pA", code: `ic.amp = 500 * pA;`, errors: [] },
  { name: "tstop in seconds", code: `h.tstop = 2 * s;`, errors: [] },
  { name: "loop over times into a time slot", code: `for (const input_time of [2 * ms, 13 * ms]) {\n  ic.delay = input_time;\n}`, errors: [] },
  { name: "plain NEURON-style arithmetic", code: `soma.L = 20;\nsoma.diam = soma.L / 2;\nic.amp = seg.v / 10;\nh.tstop = h.t + 100;`, errors: [] },
  { name: "a rate from a slot read over a bare number", code: `const rate = Math.exp(-(seg.v + 65) / 18);`, errors: [] },
  { name: "Math.exp of a ratio of voltages", code: `const r = Math.exp(-65 * mV / (25 * mV));`, errors: [] },
  { name: "NEURON-style conversion with a bare factor", code: `const total = seg.area() * seg.hh.gkbar * 1e-2;`, errors: [] },
  { name: "a cell class with a time field", code: `class Cell {\n  soma = h.Section({ name: "soma", cell: this });\n  all = this.soma.wholetree();\n  onset = 2 * ms;\n  constructor() { h.hh.insert(this.all); }\n  stim() { const c = h.IClamp(this.soma(0.5)); c.delay = this.onset; }\n}`, errors: [] },
  { name: "a branded return value", code: `function onset(k: number): ms { return k * 5 * ms; }\nic.delay = onset(2);`, errors: [] },
  { name: "a branded parameter given seconds", code: `function setDelay(d: ms) { ic.delay = d; }\nsetDelay(2 * s);`, errors: [] },
  { name: "Ra and cm with compound units", code: `soma.Ra = 100 * ohm * cm;\nsoma.cm = 1 * uF / cm ** 2;`, errors: [] },
  { name: "ion reversal and concentrations", code: `seg.ena = 50 * mV;\nseg.nai = 10 * mM;\nseg.cai = 50 * nM;`, errors: [] },
  { name: "celsius in degC", code: `h.celsius = 6.3 * degC;`, errors: [] },
  { name: "a let initialised with a bare number takes any unit", code: `let x = 0;\nx = 5 * mV;\nx = 2 * ms;`, errors: [] },
  { name: "a local variable that shadows a unit name is not a unit", code: `const k = (() => { const ms = 3; return ms * mV; })();\nh.finitialize(k);`, errors: [] },
  { name: "comparing and adding times", code: `if (h.t < 5 * ms) console.log("early");\nconst later = h.t + 1 * s;`, errors: [] },
  { name: "halving dt", code: `const dt2 = h.dt / 2;`, errors: [] },
  { name: "a dimensionless ratio into Math.exp", code: `const x = 5 * mV;\nconst ratio = x / (1 * V);\nconst e = Math.exp(ratio);`, errors: [] },
  { name: "a loop over bare numbers", code: `const arr = [1, 2, 3];\nfor (const k of arr) soma.L = k;`, errors: [] },
  { name: "NetCon settings", code: `nc.threshold = 10 * mV;\nnc.delay = 1 * ms;\nnc.weight[0] = 0.01;`, errors: [] },
  { name: "a variable density", code: `const g = 12;\nseg.hh.gnabar = g * mS / cm ** 2;`, errors: [] },
  { name: "record with a sampling interval", code: `h.Vector().record(h._ref_t, 0.1 * ms);`, errors: [] },
  { name: "pt3dadd with lengths", code: `soma.pt3dadd(0, 0, 0, 2 * um);\nsoma.pt3dadd(10 * um, 0, 0, 2 * um);`, errors: [] },
  { name: "a voltage read compared with a bare number", code: `const v = seg.v;\nif (v > -20) console.log(v);`, errors: [] },
  { name: "an area added to a segment area", code: `const a = (2 * um) ** 2;\nconst s2 = seg.area() + a;`, errors: [] },
  { name: "a decay factor from dt and tau", code: `const tau = 5 * ms;\nconst k = Math.exp(-h.dt / tau);`, errors: [] },
  { name: "Math.sqrt of an area", code: `const side = Math.sqrt(seg.area());\nsoma.L = side;`, errors: [] },
  { name: "NEURON-style diameter to the 3/2 power", code: `const r = soma.diam ** 1.5;`, errors: [] },
  { name: "the units namespace used as u.NAME", code: `import * as u from "neuron-ts/units";\nic.delay = 2 * u.ms;`, errors: [] },
  { name: "a NEURON-unit brand", code: `let x: Quantity<"S/cm2"> = 0.1;\nseg.hh.gkbar = x;`, errors: [] },
  { name: "a slot read times a bare number plus a time", code: `const mixed = seg.v * 2 + h.t;`, errors: [] },
  { name: "equality of concentrations in different units", code: `const w = 5 * mM === 5000 * uM ? 1 : 0;`, errors: [] },
  { name: "minutes and hours into tstop", code: `h.tstop = 1 * minute + 0.5 * sec;`, errors: [] },
  { name: "a conductance from a density and an area", code: `const gsyn: Quantity<"uS"> = 2 * mS / cm ** 2 * seg.area();`, errors: [] },
  { name: "an untyped helper is silent", code: `function setAll(x: number) { ic.delay = x; }\nsetAll(5);`, errors: [] },
];

describe("unit checker rules", () => {
  const project = new CaseProject();
  const files = new Map<CheckerCase, string>();
  beforeAll(() => {
    for (const c of [...INVALID, ...VALID]) files.set(c, project.add(withPrelude(c.code)));
  });

  it("has at least 60 cases, a third of them code that must not be flagged", () => {
    expect(INVALID.length + VALID.length).toBeGreaterThanOrEqual(60);
    expect(VALID.length * 3).toBeGreaterThanOrEqual(INVALID.length + VALID.length);
  });

  describe("reports", () => {
    for (const c of INVALID) {
      it(c.name, () => {
        const got = project.check(files.get(c)!).map((d) => ({ id: d.messageId, data: d.data, line: d.line - PRELUDE_LINES, column: d.column }));
        expect(got).toEqual(c.errors);
      });
    }
  });

  describe("does not flag", () => {
    for (const c of VALID) {
      it(c.name, () => {
        expect(project.check(files.get(c)!).map((d) => d.message)).toEqual([]);
      });
    }
  });
});
