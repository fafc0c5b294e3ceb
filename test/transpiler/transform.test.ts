// The transform stores NEURON's numbers: unit expressions become literals (or one conversion
// factor) in NEURON's unit of their dimension, the emitted code has no unit names, imports or
// calls left, and code without units is untouched.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CaseProject, ROOT } from "./harness.ts";

const project = new CaseProject();
const transform = (code: string) => project.transform(project.add(code));
const IMPORTS = `import { h } from "neuron-ts";\nimport { ms, mV, µm, mS, cm, pA, s, uV, nA, um, mM, uM, ohm, uF, minute } from "neuron-ts/units";\n`;
/** The statement lines after the two import lines. */
const body = (code: string) => transform(IMPORTS + code).split("\n").slice(2).join("\n").trim();

describe("unit transform", () => {
  it.each([
    ["seg.hh.gkbar = 36 * mS / cm ** 2;", "seg.hh.gkbar = 0.036;"],
    ["ic.amp = 500 * pA;", "ic.amp = 0.5;"],
    ["h.tstop = 2 * s;", "h.tstop = 2000;"],
    ["soma.L = soma.diam = 10 * µm;", "soma.L = soma.diam = 10;"],
    ["h.finitialize(-65 * mV);", "h.finitialize(-65);"],
    ["soma.Ra = 100 * ohm * cm;", "soma.Ra = 100;"],
    ["soma.cm = 1 * uF / cm ** 2;", "soma.cm = 1;"],
    ["seg.cai = 50 * uM;", "seg.cai = 0.05;"],
    ["h.tstop = 1.5 * minute;", "h.tstop = 90000;"],
    ["ic.dur = 0.1 * ms;", "ic.dur = 0.1;"],
  ])("folds a constant: %s", (code, expected) => {
    expect(body(code)).toBe(expected);
  });

  it("drops unit names from a variable product and applies one exact factor", () => {
    expect(body("const g = 12;\nseg.hh.gnabar = g * mS / cm ** 2;")).toBe("const g = 12;\nseg.hh.gnabar = g / 1000;");
    expect(body("const d = 3;\nic.amp = d * pA;")).toBe("const d = 3;\nic.amp = d / 1000;");
    expect(body("const x = 2;\nh.tstop = x * s;")).toBe("const x = 2;\nh.tstop = x * 1000;");
  });

  it("converts each side of a sum to NEURON's unit and leaves bare and read operands alone", () => {
    expect(body("const later = h.t + 5 * s;")).toBe("const later = h.t + 5000;");
    expect(body("const w = seg.v + 500 * uV - 3;")).toBe("const w = seg.v + 0.5 - 3;");
  });

  it("converts unit constants in arrays, object shorthand and call arguments", () => {
    expect(body("for (const t of [2 * ms, 13 * ms]) ic.delay = t;")).toBe("for (const t of [2, 13]) ic.delay = t;");
    expect(body("const o = { mS, cm };")).toBe("const o = { mS: 1000, cm: 10000 };");
    expect(body("f(Math.max(2 * s, 1 * ms));")).toBe("f(Math.max(2000, 1));");
  });

  it("leaves code without unit constants exactly as written", () => {
    const plain = "const total = seg.area() * seg.hh.gkbar * 1e-2;\nsoma.diam = soma.L / 2 ** 2;";
    expect(body(plain)).toBe(plain);
  });

  it("removes the units import and keeps every line where it was", () => {
    const code = `import { h } from "neuron-ts";\nimport {\n  ms,\n  mV,\n} from "neuron-ts/units";\nh.tstop = 5 * ms;\n`;
    const out = transform(code);
    expect(out.split("\n")).toHaveLength(code.split("\n").length);
    expect(out.split("\n")[5]).toBe("h.tstop = 5;");
    expect(out).not.toContain("neuron-ts/units");
  });

  it("emits only numbers: no unit name, unit import or call survives in a unit-heavy script", () => {
    const out = transform(`${IMPORTS}const soma = h.Section({ name: "soma" });
soma.L = soma.diam = 10 * µm;
h.hh.insert(soma);
soma(0.5).hh.gkbar = 36 * mS / cm ** 2;
const ic = h.IClamp(soma(0.5));
ic.amp = 500 * pA;
ic.delay = 2 * ms;
h.tstop = 2 * s;
h.finitialize(-65 * mV);
`);
    const names = /\b(ms|mV|µm|mS|cm|pA|s|uV|nA|um|mM|uM|ohm|uF|minute)\b/;
    const statements = out.split("\n").filter((l) => /=|finitialize/.test(l) && !l.includes("h.Section") && !l.includes("h.IClamp"));
    expect(statements.length).toBe(6);
    for (const l of statements) expect(l).not.toMatch(names);
    expect(out).not.toContain("neuron-ts/units");
  });
});

describe("a transformed script stores NEURON's numbers when it runs", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "neuron-ts-units-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("seg.hh.gkbar = 36 * mS / cm ** 2 stores 0.036, ic.amp = 500 * pA stores 0.5, h.tstop = 2 * s stores 2000", () => {
    const file = path.join(tmp, "conversions.ts");
    writeFileSync(file, `import { h } from "neuron-ts";
import { mS, cm, pA, s, µm } from "neuron-ts/units";
const soma = h.Section({ name: "soma" });
soma.L = soma.diam = 10 * µm;
h.hh.insert(soma);
soma(0.5).hh.gkbar = 36 * mS / cm ** 2;
const ic = h.IClamp(soma(0.5));
ic.amp = 500 * pA;
h.tstop = 2 * s;
console.log(JSON.stringify({ gkbar: soma(0.5).hh.gkbar, amp: ic.amp, tstop: h.tstop, L: soma.L }));
`);
    const out = spawnSync(process.execPath, [path.join(ROOT, "bin", "neuron-ts.mjs"), "run", file], { cwd: ROOT, encoding: "utf8" });
    expect(out.stderr).toBe("");
    expect(JSON.parse(out.stdout)).toEqual({ gkbar: 0.036, amp: 0.5, tstop: 2000, L: 10 });
  });
});
