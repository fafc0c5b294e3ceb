// HOC's global names on `h`, as in NEURON's Python: after a load, h.soma is the section,
// h.apic the section array, h.apical the SectionList, h.celldef the proc, h.nspine the number.
// Each is a live property (an objref reassigned in HOC shows its new object). Names that the
// facade already has (h.finitialize, h.t, ...) are never shadowed.
import type { Context } from "../../context.ts";
import { handleOf, type SectionHandle } from "../../handles.ts";
import { describeValue, fromJs, symKind, type HocValue, type ProcDef, type Sym } from "./values.ts";

export class HocNames {
  /** Names this interpreter defined on h. */
  readonly exported = new Set<string>();
  /** One array per section-array symbol, so that h.apic is the same array until re-created. */
  private readonly arrays = new WeakMap<Sym, SectionHandle[]>();

  constructor(
    private readonly ctx: Context,
    private readonly globals: () => Map<string, Sym>,
    private readonly callProc: (def: ProcDef, args: HocValue[]) => HocValue,
  ) {}

  /** Puts `name` on h; returns false if h already has a member of that name. */
  export(name: string): boolean {
    if (this.exported.has(name)) return true;
    const h = this.ctx.hObject!;
    if (name in h) return false;
    Object.defineProperty(h, name, {
      get: () => this.value(name),
      set: (v: unknown) => this.set(name, v),
      enumerable: true,
      configurable: true,
    });
    this.exported.add(name);
    return true;
  }

  unexport(name: string): void {
    if (!this.exported.delete(name)) return;
    delete (this.ctx.hObject as Record<string, unknown>)[name];
  }

  private value(name: string): unknown {
    const sym = this.globals().get(name);
    if (!sym) return undefined;
    switch (sym.kind) {
      case "num":
      case "str":
      case "obj":
        return sym.value;
      case "numarray":
      case "objarray":
        return sym.data;
      case "sec":
        return handleOf(this.ctx, sym.sec);
      case "secarray": {
        let arr = this.arrays.get(sym);
        if (!arr || arr.length !== sym.secs.length || arr.some((hd, i) => handleOf(this.ctx, sym.secs[i]!) !== hd)) {
          arr = sym.secs.map((s) => handleOf(this.ctx, s));
          this.arrays.set(sym, arr);
        }
        return arr;
      }
      case "proc":
        return (...args: unknown[]) => this.callProc(sym.def, args.map(fromJs));
    }
  }

  private set(name: string, v: unknown): void {
    const sym = this.globals().get(name);
    if (!sym) throw new Error(`h.${name} no longer exists`);
    if (sym.kind === "num" && typeof v === "number") sym.value = v;
    else if (sym.kind === "str" && typeof v === "string") sym.value = v;
    else if (sym.kind === "obj" && (v === null || typeof v === "object" || typeof v === "function")) sym.value = v as object | null;
    else throw new Error(`h.${name} is a HOC ${symKind(sym)} and cannot be set to ${describeValue(fromJs(v))}`);
  }
}
