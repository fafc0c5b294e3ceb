// The unit table is NEURON's: every neuron.units name with neuron/units.py's value, every name
// exported by neuron-ts/units (in each micro spelling), and stdlib/api.ts's slot brands all name
// NEURON's unit of their dimension — the invariant that lets the transform store plain numbers.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDimension, sameDimension } from "../../units/dimension.ts";
import { isNeuronUnit, neuronUnitFor, NEURON_SLOT_UNITS } from "../../units/neuron.ts";
import { parseUnit } from "../../units/parse.ts";
import { div, toNumber } from "../../units/rational.ts";
import { UNITS } from "../../units/table.ts";

const ROOT = path.join(import.meta.dirname, "..", "..");
const indexSource = readFileSync(path.join(ROOT, "units", "index.ts"), "utf8");

/** neuron/units.py (NEURON 8.2.2), name by name, µ as U+00B5 and μ as U+03BC as it writes them. */
const NEURON_UNITS_PY: Record<string, number> = {
  mM: 1, ms: 1, mV: 1, "\u00b5m": 1, um: 1,
  "\u00b5M": 1e-3, uM: 1e-3, nM: 1e-6, M: 1e3,
  "\u00b5s": 1e-3, us: 1e-3, s: 1e3, sec: 1e3, minute: 60e3, hour: 3600e3, day: 86400e3,
  nm: 1e-3, mm: 1e3, cm: 1e4, m: 1e6,
  "\u03bcV": 1e-3, uV: 1e-3, V: 1e3,
};

/** The value a unit name stands for: its size in NEURON's unit of its dimension. */
const neuronValue = (name: string) => {
  const u = UNITS.get(name)!;
  return toNumber(div(u.scale, neuronUnitFor(u.dimension).scale));
};

describe("the unit table", () => {
  it("has every name of neuron.units with neuron/units.py's value", () => {
    for (const [name, value] of Object.entries(NEURON_UNITS_PY)) {
      expect(UNITS.has(name), name).toBe(true);
      expect(neuronValue(name), name).toBe(value);
      expect(UNITS.get(name)!.inNeuronUnits, name).toBe(true);
    }
  });

  it("spells every micro name three ways (u, U+00B5, U+03BC) with one meaning", () => {
    for (const name of UNITS.keys()) {
      if (!name.startsWith("u")) continue;
      for (const mu of ["\u00b5", "\u03bc"]) expect(UNITS.get(mu + name.slice(1))).toMatchObject({ scale: UNITS.get(name)!.scale });
    }
  });

  it("has the electrical units NEURON models need", () => {
    expect(Object.fromEntries(["nA", "pA", "uA", "mA", "uS", "nS", "mS", "S", "uF", "pF", "ohm", "kohm", "Mohm", "degC", "Hz"]
      .map((n) => [n, formatDimension(UNITS.get(n)!.dimension)]))).toEqual({
      nA: "[current]", pA: "[current]", uA: "[current]", mA: "[current]",
      uS: "[conductance]", nS: "[conductance]", mS: "[conductance]", S: "[conductance]",
      uF: "[capacitance]", pF: "[capacitance]", ohm: "[resistance]", kohm: "[resistance]", Mohm: "[resistance]",
      degC: "[temperature]", Hz: "[frequency]",
    });
  });

  it("neuron-ts/units exports exactly the table's names, each with its NEURON value", () => {
    const exported = new Map([...indexSource.matchAll(/^export const (\S+): Quantity<"[^"]+"> = ([^;]+);$/gmu)].map((m) => [m[1]!, Number(m[2])]));
    expect([...exported.keys()].sort()).toEqual([...UNITS.keys()].sort());
    for (const [name, value] of exported) expect(value, name).toBe(neuronValue(name));
  });

  it("composes units exactly: mS/cm2 is 1e-3 S/cm2, ohm*cm is NEURON's Ra unit, um^2 is um2", () => {
    expect(toNumber(div(parseUnit("mS/cm2").scale, parseUnit("S/cm2").scale))).toBe(1e-3);
    expect(isNeuronUnit(parseUnit("ohm*cm"))).toBe(true);
    expect(sameDimension(parseUnit("um^2").dimension, parseUnit("um2").dimension)).toBe(true);
    expect(() => parseUnit("furlong")).toThrow(/unknown unit name 'furlong'/);
  });
});

describe("stdlib's slot brands", () => {
  const apiFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? apiFiles(path.join(dir, e.name)) : e.name === "api.ts" ? [path.join(dir, e.name)] : []);
  const brands = apiFiles(path.join(ROOT, "stdlib")).flatMap((f) =>
    [...readFileSync(f, "utf8").matchAll(/Quantity<"([^"]+)">/g)].map((m) => ({ file: path.relative(ROOT, f), brand: m[1]! })));

  it("are all NEURON's unit of their dimension (so a slot store needs no conversion)", () => {
    expect(brands.length).toBeGreaterThan(10);
    for (const { file, brand } of brands) expect(isNeuronUnit(parseUnit(brand)), `${file}: Quantity<"${brand}">`).toBe(true);
  });

  it("NEURON_SLOT_UNITS covers one unit per dimension", () => {
    const dims = NEURON_SLOT_UNITS.map((n) => formatDimension(parseUnit(n).dimension));
    expect(new Set(dims).size).toBe(dims.length);
  });
});
