// NEURON's mechanism processing order ("memb_order", src/nrnoc/cabvars.h plus the rule that
// ions move to just after extracellular). The order decides the order of summation into the
// matrix, so it decides the last bits of every result.
import type { MechanismSpec } from "./mechanism.ts";

/** Built-in types in registration order; ions are spliced in at ION_SLOT. */
const BUILTIN_ORDER = [
  "pas", "extracellular", "<ions>", "fastpas", "IClamp", "AlphaSynapse", "ExpSyn", "Exp2Syn",
  "SEClamp", "VClamp", "OClamp", "APCount", "hh", "feature", "NetStim", "IntFire1", "IntFire2",
  "IntFire4", "PPMark", "PatternStim",
];

export class Registry {
  private readonly specs = new Map<string, MechanismSpec>();
  private ions: string[] = [];
  private users: string[] = [];
  private cachedOrder: MechanismSpec[] | null = null;

  register(spec: MechanismSpec): void {
    if (this.specs.has(spec.name)) throw new Error(`mechanism '${spec.name}' is already registered`);
    this.specs.set(spec.name, spec);
    if (spec.kind === "ion") this.ions.push(spec.name);
    else if (!BUILTIN_ORDER.includes(spec.name)) this.users.push(spec.name);
    this.cachedOrder = null;
  }

  get(name: string): MechanismSpec | undefined {
    return this.specs.get(name);
  }

  names(): string[] {
    return [...this.specs.keys()];
  }

  /** All registered mechanisms in processing order. */
  order(): readonly MechanismSpec[] {
    if (this.cachedOrder) return this.cachedOrder;
    const out: MechanismSpec[] = [];
    for (const name of BUILTIN_ORDER) {
      if (name === "<ions>") {
        for (const ion of this.ions) out.push(this.specs.get(ion)!);
      } else {
        const s = this.specs.get(name);
        if (s) out.push(s);
      }
    }
    for (const name of this.users) out.push(this.specs.get(name)!);
    this.cachedOrder = out;
    return out;
  }
}
