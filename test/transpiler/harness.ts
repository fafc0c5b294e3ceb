// Checks and transforms in-memory scripts with the real checker, through one UnitProject (a
// language service), so a table of cases costs one program. Case files live (virtually) in this
// folder; `neuron-ts` resolves to the repository's sources.
import path from "node:path";
import ts from "typescript";
import type { UnitDiagnostic } from "../../transpiler/checker.ts";
import { UnitProject } from "../../transpiler/service.ts";

export const ROOT = path.join(import.meta.dirname, "..", "..");

/** The lines every table case starts with (case line numbers count from after them). */
export const PRELUDE = [
  `import { h } from "neuron-ts"; import type { Quantity } from "neuron-ts/units";`,
  `import { ms, mV, mM, uM, µM, nM, M, us, µs, s, sec, minute, um, µm, nm, mm, cm, m, uV, μV, V, nA, pA, uA, mA, uS, nS, mS, S, uF, pF, ohm, kohm, Mohm, degC, Hz } from "neuron-ts/units";`,
  `const soma = h.Section({ name: "soma" }); h.hh.insert(soma); const seg = soma(0.5); const ic = h.IClamp(seg); const nc = h.NetCon(seg._ref_v, null, { sec: soma });`,
].join("\n");
export const PRELUDE_LINES = 3;

export function withPrelude(code: string): string {
  return `${PRELUDE}\n${code}\n`;
}

export class CaseProject {
  readonly project = new UnitProject(ts, { root: ROOT });
  private n = 0;

  /** Adds a script; returns its (virtual) file name. */
  add(code: string, name = `case-${++this.n}.ts`): string {
    const file = path.join(ROOT, "test", "transpiler", "__cases__", name);
    this.project.setFile(file, code);
    return file;
  }

  check(file: string): UnitDiagnostic[] {
    return this.project.check(file);
  }

  transform(file: string): string {
    const r = this.project.transform(file);
    if (r.diagnostics.length) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
    return r.code;
  }
}
