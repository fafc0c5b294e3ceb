// Section variables as HOC names them: L, nseg, Ra, rallbranch (one per section) and the range
// variables diam, cm, v, <var>_<mech> and ion variables (one per segment; without (x) they mean
// x = 0.5 when read and every segment when written). Reads and writes go through the facade's
// section handles, so HOC gets the same checks and geometry updates as TypeScript code.
import type { Section as RtSection } from "../../../runtime/section.ts";
import { rangeVars } from "../../../runtime/mechanism.ts";
import { ionVarNames } from "../../../runtime/mechanisms/ions.ts";
import type { Context } from "../../context.ts";
import { handleOf } from "../../handles.ts";
import { EPS } from "./values.ts";

const SECTION_VARS = new Set(["L", "nseg", "Ra", "rallbranch", "diam", "cm", "v"]);
const PER_SECTION = new Set(["L", "nseg", "Ra", "rallbranch"]);

type Handle = Record<string, unknown> & ((x: number) => Record<string, unknown>);

/** Is `name` a section variable (L, nseg, diam, ..., or a mechanism's range variable)? */
export function isSectionVar(ctx: Context, name: string): boolean {
  if (SECTION_VARS.has(name)) return true;
  const reg = ctx.model.registry;
  for (const mech of reg.names()) {
    const spec = reg.get(mech)!;
    if (spec.kind === "density" && name.endsWith(`_${mech}`) && rangeVars(spec).some((v) => `${v.name}_${mech}` === name)) return true;
    if (spec.kind === "ion") {
      const n = ionVarNames(mech.replace(/_ion$/, ""));
      if (name === n.e || name === n.ci || name === n.co || name === n.i || name === n.didv) return true;
    }
  }
  return false;
}

export function readSectionVar(ctx: Context, sec: RtSection, name: string, x: number | null): number {
  const h = handleOf(ctx, sec) as unknown as Handle;
  if (PER_SECTION.has(name)) {
    if (x !== null) throw new Error(`${name} is a section variable and takes no (x)`);
    return h[name] as number;
  }
  return h(x ?? 0.5)[name] as number;
}

export function writeSectionVar(ctx: Context, sec: RtSection, name: string, value: number, x: number | null): void {
  const h = handleOf(ctx, sec) as unknown as Handle;
  if (PER_SECTION.has(name)) {
    if (x !== null) throw new Error(`${name} is a section variable and takes no (x)`);
    h[name] = name === "nseg" ? Math.trunc(value + EPS) : value;
    return;
  }
  if (x === null) h[name] = value;
  else h(x)[name] = value;
}

/** `rangevar(x1:x2) = y1:y2`: linear in x over the segments whose centres lie in [x1, x2]. */
export function taper(ctx: Context, sec: RtSection, name: string, x1: number, x2: number, y1: number, y2: number): void {
  const n = sec.nseg;
  for (let i = 0; i < n; i++) {
    const x = (i + 0.5) / n;
    if (x >= x1 - EPS && x <= x2 + EPS) writeSectionVar(ctx, sec, name, y1 + ((y2 - y1) * (x - x1)) / (x2 - x1), x);
  }
}
