// One NEURON "instance": the model, its simulator and the run-control state that `h` exposes.
// The facade's handles (sections, segments, point processes, vectors) are thin views that find
// their runtime records through a Context; they hold no model data themselves.
import { Model } from "../runtime/model.ts";
import { Simulator } from "../runtime/simulator.ts";
import type { Section as RtSection } from "../runtime/section.ts";
import { hh } from "../runtime/mechanisms/hh.ts";
import { pas } from "../runtime/mechanisms/pas.ts";
import { IClamp } from "../runtime/mechanisms/iclamp.ts";
import { ExpSyn } from "../runtime/mechanisms/expsyn.ts";
import { NetStim } from "../runtime/mechanisms/netstim.ts";
import { Exp2Syn } from "../runtime/mechanisms/exp2syn.ts";
import { AlphaSynapse } from "../runtime/mechanisms/alphasynapse.ts";
import { SEClamp } from "../runtime/mechanisms/seclamp.ts";
import { VClamp } from "../runtime/mechanisms/vclamp.ts";
import { APCount } from "../runtime/mechanisms/apcount.ts";
import { IntFire1 } from "../runtime/mechanisms/intfire1.ts";
import { IntFire2 } from "../runtime/mechanisms/intfire2.ts";
import { IntFire4 } from "../runtime/mechanisms/intfire4.ts";
import type { MechanismSpec } from "../runtime/mechanism.ts";

/** Mechanisms every new context registers (NEURON's built-ins that are implemented). */
export const BUILTIN_MECHANISMS: readonly MechanismSpec[] = [
  pas, IClamp, ExpSyn, hh, NetStim,
  Exp2Syn, AlphaSynapse, SEClamp, VClamp, APCount, IntFire1, IntFire2, IntFire4,
];

export class Context {
  readonly model = new Model();
  readonly sim = new Simulator(this.model);
  /** stdrun.hoc state. */
  tstop = 5;
  v_init = -65;
  steps_per_ms = 40;
  /** h.distance origin (section, pnode index). */
  distanceOrigin: { sec: RtSection; j: number } | null = null;
  /** Per-class instance numbers for cell objects without their own toString. */
  private readonly cellNames = new WeakMap<object, string>();
  private readonly classCounts = new Map<string, number>();
  /**
   * Optional progress reporter for long continuerun calls (installed by the plotting facade):
   * called once per run; its tick(t) is called every few hundred steps, end() at the end.
   */
  progress: ((t0: number, tstop: number) => { tick(t: number): void; end(t: number): void } | null) | null = null;
  /** The `h` object of this context; loaders define HOC names (h.soma, h.apic) on it. */
  hObject: Record<string, unknown> | null = null;

  constructor() {
    for (const spec of BUILTIN_MECHANISMS) this.model.register(spec);
  }

  /** The string a cell object contributes to its sections' names. */
  cellName(cell: object): string {
    const ts = (cell as { toString?: () => string }).toString;
    if (typeof ts === "function" && ts !== Object.prototype.toString) return String(cell);
    let name = this.cellNames.get(cell);
    if (name === undefined) {
      const cls = (cell as { constructor?: { name?: string } }).constructor?.name || "Object";
      const k = this.classCounts.get(cls) ?? 0;
      this.classCounts.set(cls, k + 1);
      name = `${cls}[${k}]`;
      this.cellNames.set(cell, name);
    }
    return name;
  }

  /** Makes a HOC-level name (a section, section array or SectionList) visible as h.<name>. */
  defineHocName(name: string, value: unknown): void {
    if (!this.hObject) throw new Error("internal: context has no h object");
    Object.defineProperty(this.hObject, name, { value, writable: true, configurable: true, enumerable: true });
  }

  sectionName(sec: RtSection): string {
    return sec.cell ? `${this.cellName(sec.cell as object)}.${sec.name}` : sec.name;
  }
}

/** Builds the uniform bad-input message: `<what> must be <rule>, got <value>`. */
export function badInput(what: string, rule: string, value: unknown): Error {
  return new Error(`${what} must be ${rule}, got ${describe(value)}`);
}

export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return String(value);
  if (value === null || value === undefined) return String(value);
  if (typeof value === "function" || typeof value === "object") {
    try {
      return String(value);
    } catch {
      return typeof value;
    }
  }
  return String(value);
}

export function checkFinite(what: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw badInput(what, "a finite number", value);
  return value;
}

export function checkPositive(what: string, value: unknown): number {
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) throw badInput(what, "> 0", value);
  return value;
}

/** A write to a mechanism variable with declared limits (the .mod file's <lo, hi>). */
export function checkVarValue(what: string, v: { min?: number; max?: number }, value: unknown): number {
  if (typeof value !== "number" || Number.isNaN(value)) throw badInput(what, "a number", value);
  if (v.min !== undefined && value < v.min) throw badInput(what, `≥ ${v.min}`, value);
  if (v.max !== undefined && value > v.max) throw badInput(what, `≤ ${v.max}`, value);
  return value;
}

export function checkX(what: string, x: unknown): number {
  if (typeof x !== "number" || !(x >= 0 && x <= 1)) throw badInput(what, "in [0, 1]", x);
  return x;
}
