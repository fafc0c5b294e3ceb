// Section methods and properties (nrn.Section in NEURON's Python API), installed on the
// prototype that every section handle shares.
import { Model } from "../runtime/model.ts";
import type { Section as RtSection } from "../runtime/section.ts";
import { rangeVars } from "../runtime/mechanism.ts";
import { badInput, checkFinite, checkPositive, checkX, describe, type Context } from "./context.ts";
import {
  CTX, RT, SectionProto, SegmentHandle, handleOf, isSection, isSegment, type SectionHandle,
} from "./handles.ts";

function live(sec: SectionHandle): RtSection {
  const rt = sec[RT];
  if (!rt.alive) throw new Error(`section ${rt.name} has been deleted`);
  return rt;
}

function nameOf(sec: SectionHandle): string {
  return sec[CTX].sectionName(sec[RT]);
}

function define(name: string, get: (this: SectionHandle) => unknown, set?: (this: SectionHandle, v: never) => void) {
  Object.defineProperty(SectionProto, name, { get, set, configurable: true });
}

function method(name: string | symbol, fn: (this: SectionHandle, ...args: never[]) => unknown) {
  Object.defineProperty(SectionProto, name, { value: fn, writable: true, configurable: true });
}

/** A mechanism name or h.<mech> object -> its name. */
export function mechName(mech: unknown): string {
  if (typeof mech === "string") return mech;
  if (mech && typeof mech === "object" && typeof (mech as { name?: unknown }).name === "string") {
    return (mech as { name: string }).name;
  }
  throw badInput("mechanism", "a mechanism name or h.<mechanism>", mech);
}

export function checkDensityMechanism(ctx: Context, name: string, what: string): void {
  const mr = ctx.model.mech(name);
  if (!mr) throw new Error(`${what}: unknown mechanism ${describe(name)}; known: ${ctx.model.registry.names().filter((n) => ctx.model.mech(n)!.spec.kind === "density").join(", ")}`);
  if (mr.spec.kind === "point" || mr.spec.kind === "artificial") {
    throw new Error(`${what}: ${name} is a point process; create it with h.${name}(seg)`);
  }
}

// ------------------------------------------------------------------ geometry properties

define("L", function () {
  return live(this).length;
}, function (value: number) {
  const rt = live(this);
  checkPositive(`${nameOf(this)}.L`, value);
  this[CTX].model.setLength(rt, value);
});

define("nseg", function () {
  return live(this).nseg;
}, function (value: number) {
  const rt = live(this);
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 32767) {
    throw badInput(`${nameOf(this)}.nseg`, "an integer in [1, 32767]", value);
  }
  this[CTX].model.setNseg(rt, value);
});

define("Ra", function () {
  return live(this).Ra;
}, function (value: number) {
  const rt = live(this);
  checkPositive(`${nameOf(this)}.Ra`, value);
  rt.Ra = value;
  this[CTX].model.geometryChanged = true;
});

define("rallbranch", function () {
  return live(this).rallbranch;
}, function (value: number) {
  const rt = live(this);
  checkPositive(`${nameOf(this)}.rallbranch`, value);
  rt.rallbranch = value;
  this[CTX].model.geometryChanged = true;
});

define("diam", function () {
  return new SegmentHandle(this, 0.5).diam;
}, function (value: number) {
  const rt = live(this);
  checkPositive(`${nameOf(this)}.diam`, value);
  const m = this[CTX].model;
  m.nodes.get("diam").fill(value, rt.base, rt.base + rt.nseg);
  m.diamChanged(rt);
});

define("cm", function () {
  return new SegmentHandle(this, 0.5).cm;
}, function (value: number) {
  const rt = live(this);
  checkPositive(`${nameOf(this)}.cm`, value);
  this[CTX].model.nodes.get("cm").fill(value, rt.base, rt.base + rt.nseg);
});

define("v", function () {
  return new SegmentHandle(this, 0.5).v;
}, function (value: number) {
  const rt = live(this);
  checkFinite(`${nameOf(this)}.v`, value);
  // nrn_rangeconst: sec.v = x also sets the 0 end (the parent's node) and the 1 end node.
  const m = this[CTX].model;
  const v = m.nodes.get("v");
  v[m.nodeOf(rt, -1)] = value;
  v.fill(value, rt.base, rt.base + rt.nseg + 1);
});

define("_ref_v", function () {
  return new SegmentHandle(this, 0.5)._ref_v;
});

// ------------------------------------------------------------------ identity and iteration

method("name", function () {
  return nameOf(this);
});
method("hname", function () {
  return nameOf(this);
});
method("toString", function () {
  return nameOf(this);
});
method(Symbol.toPrimitive, function () {
  return nameOf(this);
});
method(Symbol.for("nodejs.util.inspect.custom"), function () {
  return nameOf(this);
});
method("cell", function () {
  return live(this).cell ?? null;
});
method("is_pysec", function () {
  return true;
});
method(Symbol.iterator, function* () {
  const n = live(this).nseg;
  for (let i = 0; i < n; i++) yield new SegmentHandle(this, (i + 0.5) / n);
});
method("allseg", function () {
  const n = live(this).nseg;
  const out = [new SegmentHandle(this, 0)];
  for (let i = 0; i < n; i++) out.push(new SegmentHandle(this, (i + 0.5) / n));
  out.push(new SegmentHandle(this, 1));
  return out;
});

// ------------------------------------------------------------------ topology

/**
 * child.connect(parentSeg[, childend]) or child.connect(parentSec[, parentx[, childend]]).
 * NEURON reconnects a child that already has a parent (with a notice); neuron-ts refuses,
 * because a silent move of a subtree is almost always a script bug: disconnect() first.
 */
method("connect", function (parent: unknown, a?: unknown, b?: unknown) {
  const child = live(this);
  const ctx = this[CTX];
  let psec: SectionHandle, x: number, end: unknown;
  if (isSegment(parent)) {
    psec = parent.sec;
    x = parent.x;
    end = a ?? 0;
  } else if (isSection(parent)) {
    psec = parent;
    x = a === undefined ? 1 : checkX(`${nameOf(this)}.connect parentx`, a);
    end = b ?? 0;
  } else {
    throw badInput(`${nameOf(this)}.connect parent`, "a Section or a Segment", parent);
  }
  if (end !== 0 && end !== 1) throw badInput(`${nameOf(this)}.connect childend`, "0 or 1", end);
  const prt = live(psec);
  if (Model.isAncestor(child, prt)) {
    throw new Error(`${nameOf(this)}.connect(${nameOf(psec)}): the connection would form a loop (${nameOf(psec)} is in ${nameOf(this)}'s subtree)`);
  }
  if (child.parent) {
    throw new Error(`${nameOf(this)}.connect(${nameOf(psec)}): ${nameOf(this)} is already connected to ${ctx.sectionName(child.parent)}(${child.parentX}); call ${nameOf(this)}.disconnect() first`);
  }
  ctx.model.connect(child, prt, x, end);
  return this;
});

method("disconnect", function () {
  this[CTX].model.disconnect(live(this));
});

method("parentseg", function () {
  const rt = live(this);
  if (!rt.parent) return null;
  return new SegmentHandle(handleOf(this[CTX], rt.parent), rt.parentX);
});

method("trueparentseg", function () {
  let rt = live(this);
  // nrn_trueparent: climb while the connection is at the parent's attached end.
  while (rt.parent && rt.parentX === rt.parent.orientation) rt = rt.parent;
  if (!rt.parent) return null;
  return new SegmentHandle(handleOf(this[CTX], rt.parent), rt.parentX);
});

method("orientation", function () {
  return live(this).orientation;
});

method("children", function () {
  const ctx = this[CTX];
  return live(this).children.map((c) => handleOf(ctx, c));
});

method("subtree", function () {
  const ctx = this[CTX];
  const out: SectionHandle[] = [];
  const visit = (s: RtSection) => {
    out.push(handleOf(ctx, s));
    for (const c of s.children) visit(c);
  };
  visit(live(this));
  return out;
});

method("wholetree", function () {
  let root = live(this);
  while (root.parent) root = root.parent;
  return (SectionProto.subtree as (this: SectionHandle) => SectionHandle[]).call(handleOf(this[CTX], root));
});

// ------------------------------------------------------------------ mechanisms

method("insert", function (mech: unknown) {
  const rt = live(this);
  const name = mechName(mech);
  checkDensityMechanism(this[CTX], name, `${nameOf(this)}.insert`);
  this[CTX].model.insert(rt, name);
  return this;
});

method("uninsert", function (mech: unknown) {
  const rt = live(this);
  const name = mechName(mech);
  checkDensityMechanism(this[CTX], name, `${nameOf(this)}.uninsert`);
  this[CTX].model.uninsert(rt, name);
  return this;
});

method("has_membrane", function (mech: unknown) {
  const rt = live(this);
  const name = mechName(mech);
  return rt.mechs.includes(name) || (name.endsWith("_ion") && rt.ions.includes(name.slice(0, -4)));
});

// ------------------------------------------------------------------ 3-D points

function pt3dIndex(sec: SectionHandle, fn: string, i: unknown): number {
  const rt = live(sec);
  const n = rt.pt3d ? rt.pt3d.n : 0;
  if (typeof i !== "number" || !Number.isInteger(i) || i < 0 || i >= n) {
    throw badInput(`${nameOf(sec)}.${fn}(i): i`, n > 0 ? `an integer in [0, ${n - 1}]` : "a valid index, but the section has no 3-D points", i);
  }
  return i;
}

function checkPoint(sec: SectionHandle, fn: string, x: unknown, y: unknown, z: unknown, d: unknown) {
  const w = `${nameOf(sec)}.${fn}`;
  checkFinite(`${w} x`, x);
  checkFinite(`${w} y`, y);
  checkFinite(`${w} z`, z);
  checkFinite(`${w} diam`, d);
}

method("pt3dadd", function (x: number, y: number, z: number, d: number) {
  const rt = live(this);
  checkPoint(this, "pt3dadd", x, y, z, d);
  const m = this[CTX].model;
  m.pt3d(rt).add(x, y, z, d);
  m.pt3dChanged(rt);
  return 1;
});

method("pt3dinsert", function (i: number, x: number, y: number, z: number, d: number) {
  const rt = live(this);
  const n = rt.pt3d ? rt.pt3d.n : 0;
  if (typeof i !== "number" || !Number.isInteger(i) || i < 0 || i > n) {
    throw badInput(`${nameOf(this)}.pt3dinsert(i): i`, `an integer in [0, ${n}]`, i);
  }
  checkPoint(this, "pt3dinsert", x, y, z, d);
  const m = this[CTX].model;
  m.pt3d(rt).insert(i, x, y, z, d);
  m.pt3dChanged(rt);
});

method("pt3dremove", function (i: number) {
  const rt = live(this);
  pt3dIndex(this, "pt3dremove", i);
  const m = this[CTX].model;
  rt.pt3d!.remove(i);
  m.pt3dChanged(rt);
});

method("pt3dchange", function (i: number, x: number, y: number, z: number, d: number) {
  const rt = live(this);
  pt3dIndex(this, "pt3dchange", i);
  const m = this[CTX].model;
  if (y === undefined) {
    checkFinite(`${nameOf(this)}.pt3dchange diam`, x);
    rt.pt3d!.d[i] = x;
  } else {
    checkPoint(this, "pt3dchange", x, y, z, d);
    rt.pt3d!.change(i, x, y, z, d);
  }
  m.pt3dChanged(rt);
});

method("pt3dclear", function () {
  const rt = live(this);
  if (rt.pt3d) rt.pt3d.clear();
  this[CTX].model.geometryChanged = true;
  return 0;
});

method("n3d", function () {
  const rt = live(this);
  return rt.pt3d ? rt.pt3d.n : 0;
});

for (const [fn, get] of [
  ["x3d", (rt: RtSection, i: number) => rt.pt3d!.x[i]!],
  ["y3d", (rt: RtSection, i: number) => rt.pt3d!.y[i]!],
  ["z3d", (rt: RtSection, i: number) => rt.pt3d!.z[i]!],
  ["diam3d", (rt: RtSection, i: number) => Math.abs(rt.pt3d!.d[i]!)],
  ["arc3d", (rt: RtSection, i: number) => rt.pt3d!.arc[i]!],
] as const) {
  method(fn, function (i: number) {
    return get(live(this), pt3dIndex(this, fn, i));
  });
}

// ------------------------------------------------------------------ psection

method("psection", function () {
  const rt = live(this);
  const ctx = this[CTX];
  const m = ctx.model;
  m.compile();
  const segs = [...(this as unknown as Iterable<SegmentHandle>)];
  const nodesOf = segs.map((s) => s.nodeForRange());
  const col = (name: string) => nodesOf.map((nd) => m.nodes.get(name)[nd]!);
  const point_processes: Record<string, unknown[]> = {};
  const density_mechs: Record<string, Record<string, number[]>> = {};
  const ions: Record<string, Record<string, number[]>> = {};
  for (const spec of m.registry.order()) {
    const mr = m.mech(spec.name)!;
    if (mr.points) {
      const here = mr.points.instances.filter((pp) => pp.alive && pp.sec === rt).map((pp) => pp.handle);
      if (here.length) point_processes[spec.name] = here;
    } else if (spec.kind === "density" && rt.mechs.includes(spec.name)) {
      const vals: Record<string, number[]> = {};
      for (const v of rangeVars(spec)) vals[v.name] = col(`${v.name}_${spec.name}`);
      density_mechs[spec.name] = vals;
    } else if (spec.kind === "ion" && rt.ions.includes(spec.name.slice(0, -4))) {
      const vals: Record<string, number[]> = {};
      for (const v of [...spec.parameters, ...spec.assigned]) vals[v.name] = col(v.name);
      ions[spec.name.slice(0, -4)] = vals;
    }
  }
  const p = rt.pt3d;
  const pts3d: Array<[number, number, number, number]> = [];
  if (p) for (let i = 0; i < p.n; i++) pts3d.push([p.x[i]!, p.y[i]!, p.z[i]!, Math.abs(p.d[i]!)]);
  const sec = this as unknown as { parentseg(): unknown; trueparentseg(): unknown };
  return {
    point_processes,
    density_mechs,
    ions,
    morphology: {
      L: rt.length,
      diam: col("diam"),
      pts3d,
      parent: sec.parentseg(),
      trueparent: sec.trueparentseg(),
    },
    nseg: rt.nseg,
    Ra: rt.Ra,
    cm: col("cm"),
    regions: [],
    species: [],
    name: nameOf(this),
    hoc_internal_name: `__nrnsec_${rt.serial}`,
    cell: rt.cell ?? null,
  };
});
