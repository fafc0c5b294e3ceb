// Range variables a PlotShape or RangeVarPlot can show: the names NEURON's symbol table has for
// them (v, diam, cm, i_cap, <var>_<mech> of density mechanisms, ion variables such as ina, nai).
// NEURON silently ignores a name it does not know (PlotShape.variable keeps the old one); here
// an unknown name is an error that lists what is valid.
import { rangeVars } from "../../runtime/mechanism.ts";
import { ionVarNames } from "../../runtime/mechanisms/ions.ts";
import type { Section as RtSection } from "../../runtime/section.ts";
import type { Context } from "../context.ts";
import { SegmentHandle, handleOf } from "../handles.ts";

/** Where a variable lives: on every node (v), every segment node (diam, cm), or with a mechanism. */
export interface VarInfo {
  readonly name: string;
  readonly kind: "v" | "segment" | "mech" | "ion";
  /** The density mechanism ("hh") or ion ("na") that has the variable. */
  readonly owner: string;
}

/** The variable named `name`, or null if the model has no such range variable. */
export function lookupVariable(ctx: Context, name: string): VarInfo | null {
  if (name === "v") return { name, kind: "v", owner: "" };
  if (name === "diam" || name === "cm" || name === "i_cap") return { name, kind: "segment", owner: "" };
  const reg = ctx.model.registry;
  for (const mech of reg.names()) {
    const spec = reg.get(mech)!;
    if (spec.kind === "density") {
      if (rangeVars(spec).some((v) => `${v.name}_${mech}` === name)) return { name, kind: "mech", owner: mech };
    } else if (spec.kind === "ion") {
      const ion = mech.replace(/_ion$/, "");
      const n = ionVarNames(ion);
      if ([n.e, n.ci, n.co, n.i, n.didv].includes(name)) return { name, kind: "ion", owner: ion };
    }
  }
  return null;
}

/** lookupVariable, or an error naming the object, the value and the rule. */
export function requireVariable(ctx: Context, what: string, name: unknown): VarInfo {
  if (typeof name !== "string") throw new Error(`${what}: the variable must be a name such as "v" or "m_hh", got ${String(name)}`);
  const info = lookupVariable(ctx, name);
  if (!info) {
    const dotted = /^(\w+)\.(\w+)$/.exec(name);
    const hint = dotted ? `; write "${dotted[2]}_${dotted[1]}"` : "";
    throw new Error(`${what}: unknown range variable ${JSON.stringify(name)}${hint}; valid are v, diam, cm, i_cap, <var>_<mechanism> (m_hh, g_pas, ...) and ion variables (ina, ena, nai, nao, ...)`);
  }
  return info;
}

/**
 * The value Python's getattr(seg, name) gives at (sec, x), or null where NEURON gets an
 * AttributeError (the mechanism or ion is not in that section): PlotShape draws such segments
 * black and without a number.
 */
export function segmentValue(ctx: Context, sec: RtSection, x: number, v: VarInfo): number | null {
  if (v.kind === "mech" && !sec.mechs.includes(v.owner)) return null;
  if (v.kind === "ion" && !sec.ions.includes(v.owner)) return null;
  return (new SegmentHandle(handleOf(ctx, sec), x) as unknown as Record<string, number>)[v.name]!;
}

/**
 * nrn_exists(sym, node): does the variable exist at this node? v exists everywhere; anything
 * else only at segment nodes (not a section's 1-end node nor a root node) whose section has it.
 * `owner` is the (section, pnode index) that owns the node, or null for a root node.
 */
export function existsAt(v: VarInfo, owner: { sec: RtSection; j: number } | null): boolean {
  if (v.kind === "v") return true;
  if (!owner || owner.j >= owner.sec.nseg) return false;
  if (v.kind === "mech") return owner.sec.mechs.includes(v.owner);
  if (v.kind === "ion") return owner.sec.ions.includes(v.owner);
  return true;
}
