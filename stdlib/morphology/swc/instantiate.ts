// Import3d_GUI.instantiate (share/lib/hoc/import3d/import3d_gui.hoc): makes the sections.
//
// At top level (instantiate(null)) NEURON runs HOC text: `create soma[1]`, ... per type in type
// order (so allsec order is soma..., axon..., dend..., apic...), `access` to the first section,
// then for each section in Import3d's order `parent connect child(0), x`, `pt3dstyle(1, ...)`
// for wires and `pt3dadd(...)`; every coordinate goes through sprint("%.8g") on the way.
// Inside a cell object (instantiate(cell)) it builds Python-style: cell.soma = [Section...],
// cell.all, and passes the coordinates unrounded.
import { setLogicalConnection } from "../../../runtime/shape.ts";
import type { Section as RtSection } from "../../../runtime/section.ts";
import type { SectionHandle } from "../../handles.ts";
import type { Interp } from "../hoc/interp.ts";
import { roundSig } from "./cnum.ts";
import { typeName, type I3dResult, type I3dSection } from "./sections.ts";

interface Placed {
  readonly sec: I3dSection;
  readonly rt: RtSection;
}

/** sphere_rep: a one-point soma as a 3-point cylinder along x, length = diameter. */
function points(s: I3dSection): { x: number[]; y: number[]; z: number[]; d: number[] } {
  const j = s.first;
  const x = s.x.slice(j), y = s.y.slice(j), z = s.z.slice(j), d = s.d.slice(j);
  if (d.length !== 1) return { x, y, z, d };
  const r = d[0]! / 2;
  return { x: [x[0]! - r, x[0]!, x[0]! + r], y: [y[0]!, y[0]!, y[0]!], z: [z[0]!, z[0]!, z[0]!], d: [d[0]!, d[0]!, d[0]!] };
}

export function instantiate(it: Interp, r: I3dResult, cell: object | null): SectionHandle[] {
  return it.transaction(() => {
    const byType = new Map<number, RtSection[]>();
    for (let k = 0; k < r.typeCounts.length; k++) {
      const count = r.typeCounts[k]!;
      if (count === 0) continue;
      const t = k + r.minType;
      const name = typeName(t);
      if (cell === null) {
        it.createNamed(name, count);
        const sym = it.globals.get(name)!;
        byType.set(t, sym.kind === "secarray" ? sym.secs : []);
      } else {
        const secs: RtSection[] = [];
        for (let i = 0; i < count; i++) secs.push(it.newSection(`${name}[${i}]`, cell));
        byType.set(t, secs);
        const c = cell as Record<string, unknown>;
        c[name] = secs.map((s) => it.handle(s));
      }
    }
    if (cell !== null) {
      const c = cell as Record<string, unknown>;
      c.all = [...byType.keys()].sort((a, b) => a - b).flatMap((t) => byType.get(t)!.map((s) => it.handle(s)));
    }
    const fmt = cell === null ? (v: number) => roundSig(v, 8) : (v: number) => v;
    const placed = new Map<I3dSection, Placed>();
    r.sections.forEach((s, i) => {
      const rt = byType.get(s.type)![s.nameindex]!;
      placed.set(s, { sec: s, rt });
      if (i === 0 && cell === null) it.accessed = rt;
      const h = it.handle(rt) as unknown as {
        connect(p: unknown, end: number): void;
        pt3dadd(x: number, y: number, z: number, d: number): void;
      };
      if (s.parentsec) {
        const parent = placed.get(s.parentsec)!.rt;
        h.connect(it.handle(parent)(s.parentx), 0);
      }
      if (s.first === 1) setLogicalConnection(rt, fmt(s.x[0]!), fmt(s.y[0]!), fmt(s.z[0]!));
      const p = points(s);
      for (let j = 0; j < p.d.length; j++) h.pt3dadd(fmt(p.x[j]!), fmt(p.y[j]!), fmt(p.z[j]!), fmt(p.d[j]!));
    });
    const order = [...byType.keys()].sort((a, b) => a - b);
    return order.flatMap((t) => byType.get(t)!.map((s) => it.handle(s)));
  });
}
