// Section and Segment handles: thin views over the runtime's section records.
//
// A Section handle is a callable (sec(0.5) is a segment) whose prototype chain is
// SectionProto -> Function.prototype; the same runtime section always has the same handle, so
// `a === b` is section identity. A Segment is (section, x); every accessor resolves the node at
// access time, so handles stay valid across nseg changes and node renumbering.
import type { Section as RtSection } from "../runtime/section.ts";
import type { MechanismSpec } from "../runtime/mechanism.ts";
import { rangeVars } from "../runtime/mechanism.ts";
import type { Ref } from "../runtime/refs.ts";
import { ionVarNames } from "../runtime/mechanisms/ions.ts";
import { badInput, checkPositive, checkVarValue, checkX, type Context } from "./context.ts";
import { formatG } from "./format.ts";

export const RT = Symbol("neuron-ts.section");
export const CTX = Symbol("neuron-ts.context");

export interface SectionHandle {
  (x: number): SegmentHandle;
  [RT]: RtSection;
  [CTX]: Context;
}

// ------------------------------------------------------------------ lookup helpers

export function rtOf(sec: SectionHandle): RtSection {
  return sec[RT];
}

export function isSection(x: unknown): x is SectionHandle {
  return typeof x === "function" && RT in (x as object);
}

export function isSegment(x: unknown): x is SegmentHandle {
  return x instanceof SegmentHandle;
}

function liveRt(sec: SectionHandle): RtSection {
  const rt = sec[RT];
  if (!rt.alive) throw new Error(`section ${rt.name} has been deleted`);
  return rt;
}

/** The handle of a runtime section (created on first use). */
export function handleOf(ctx: Context, rt: RtSection): SectionHandle {
  if (rt.handle) return rt.handle as SectionHandle;
  const f = ((x: number) => new SegmentHandle(f, x)) as unknown as SectionHandle;
  delete (f as unknown as { name?: unknown }).name;
  delete (f as unknown as { length?: unknown }).length;
  Object.setPrototypeOf(f, SectionProto);
  f[RT] = rt;
  f[CTX] = ctx;
  rt.handle = f;
  return f;
}

/** Segment (or section) argument -> (section handle, x). */
export function segArg(what: string, arg: unknown, x?: unknown): { sec: SectionHandle; x: number } {
  if (isSegment(arg)) return { sec: arg.sec, x: arg.x };
  if (isSection(arg)) return { sec: arg, x: x === undefined ? 0.5 : checkX(`${what} x`, x) };
  throw badInput(what, "a Section or a Segment", arg);
}

// ------------------------------------------------------------------ segments

export class SegmentHandle {
  constructor(readonly sec: SectionHandle, x: number) {
    if (typeof x !== "number" || !(x >= 0 && x <= 1)) {
      throw badInput(`${sec[CTX].sectionName(sec[RT])}(x): x`, "in [0, 1]", x);
    }
    this.x = x;
  }
  readonly x: number;

  /** Node of this segment for range variables (node_index: the segment containing x). */
  nodeForRange(): number {
    const rt = liveRt(this.sec);
    return rt.base + rt.nodeIndex(this.x);
  }

  /** pnode index for v and pointers (node_exact: x = 0 / 1 are the end nodes). */
  exactJ(): number {
    return liveRt(this.sec).nodeIndexExact(this.x);
  }

  get ctx(): Context {
    return this.sec[CTX];
  }

  toString(): string {
    return `${this.ctx.sectionName(this.sec[RT])}(${formatG(this.x)})`;
  }

  get v(): number {
    const rt = liveRt(this.sec);
    return this.ctx.model.nodes.get("v")[this.ctx.model.nodeOf(rt, this.exactJ())]!;
  }
  set v(value: number) {
    const rt = liveRt(this.sec);
    this.ctx.model.nodes.get("v")[this.ctx.model.nodeOf(rt, this.exactJ())] = value;
  }
  get _ref_v(): Ref {
    return { kind: "node", sec: liveRt(this.sec), j: this.exactJ(), col: "v" };
  }

  get diam(): number {
    const m = this.ctx.model;
    const rt = liveRt(this.sec);
    if (rt.hasPt3d) m.compile();
    return m.nodes.get("diam")[this.nodeForRange()]!;
  }
  set diam(value: number) {
    const rt = liveRt(this.sec);
    checkPositive(`${this}.diam`, value);
    const m = this.ctx.model;
    m.nodes.get("diam")[this.nodeForRange()] = value;
    m.diamChanged(rt);
  }

  get cm(): number {
    return this.ctx.model.nodes.get("cm")[this.nodeForRange()]!;
  }
  set cm(value: number) {
    checkPositive(`${this}.cm`, value);
    this.ctx.model.nodes.get("cm")[this.nodeForRange()] = value;
  }

  get i_cap(): number {
    return this.ctx.model.nodes.get("i_cap")[this.nodeForRange()]!;
  }
  get _ref_i_cap(): Ref {
    const rt = liveRt(this.sec);
    return { kind: "node", sec: rt, j: rt.nodeIndex(this.x), col: "i_cap" };
  }

  area(): number {
    if (this.x === 0 || this.x === 1) return 0;
    const m = this.ctx.model;
    m.compile();
    return m.nodes.get("area")[this.nodeForRange()]!;
  }

  /** src/nrnpython/nrnpy_nrn.cpp seg_volume: frustum volumes from 3-D points, else a cylinder. */
  volume(): number {
    const rt = liveRt(this.sec);
    const m = this.ctx.model;
    m.compile();
    const x = this.x;
    if (!(x > 0 && x < 1)) return 0;
    const nseg = rt.nseg;
    const length = rt.length / nseg;
    if (rt.hasPt3d && rt.pt3d!.n > 1) return frustumVolume(rt, Math.trunc(x * nseg), length);
    const d = m.nodes.get("diam")[rt.base + rt.nodeIndex(x)]!;
    return ((Math.PI * d * d) / 4) * length;
  }

  ri(): number {
    const m = this.ctx.model;
    m.compile();
    const rt = liveRt(this.sec);
    const node = m.nodeOf(rt, this.exactJ());
    const r = m.nodes.get("rinv")[node]!;
    return r ? 1 / r : 1e30;
  }

  node_index(): number {
    return liveRt(this.sec).nodeIndex(this.x);
  }

  point_processes(): unknown[] {
    const m = this.ctx.model;
    const rt = liveRt(this.sec);
    const j = this.exactJ();
    const node = m.nodeOf(rt, j);
    const out: unknown[] = [];
    for (const mr of m.mechs.values()) {
      if (!mr.points) continue;
      for (const pp of mr.points.instances) {
        if (pp.alive && pp.sec && pp.sec.alive && m.nodeOf(pp.sec, pp.j) === node) out.push(pp.handle);
      }
    }
    return out;
  }
}

function interpolate(x0: number, x1: number, y0: number, y1: number, xnew: number): number {
  return x1 === x0 ? y0 : y0 + ((y1 - y0) * (xnew - x0)) / (x1 - x0);
}

/** seg_volume's 3-D path, literally (including which diameters it interpolates between). */
function frustumVolume(rt: RtSection, iseg: number, length: number): number {
  const p = rt.pt3d!;
  const npt = p.n, arc = p.arc, pd = p.d;
  const segLeft = iseg * length, segRight = (iseg + 1) * length;
  let left = 0, right = npt;
  while (right - left > 1) {
    const mid = (left + right) >> 1;
    if (arc[mid]! < segLeft) left = mid;
    else right = mid;
  }
  let leftDiam = Math.abs(pd[left]!);
  let rightDiam = Math.abs(pd[left + 1]!);
  let leftArc = segLeft;
  leftDiam = interpolate(arc[left]!, arc[left + 1]!, leftDiam, rightDiam, leftArc);
  let a = 0;
  let i = left + 1;
  for (; i < npt && arc[i]! < segRight; i++) {
    rightDiam = Math.abs(pd[i]!);
    a += (arc[i]! - leftArc) * (leftDiam * leftDiam + leftDiam * rightDiam + rightDiam * rightDiam);
    leftArc = arc[i]!;
    leftDiam = rightDiam;
  }
  if (i < npt) {
    rightDiam = interpolate(leftArc, arc[i]!, leftDiam, Math.abs(pd[i]!), segRight);
    const len = segRight - leftArc;
    a += len * (leftDiam * leftDiam + leftDiam * rightDiam + rightDiam * rightDiam);
  }
  return a * (Math.PI / 12);
}

// ------------------------------------------------------------------ mechanism views

const mechViewClasses = new Map<string, new (seg: SegmentHandle) => object>();

function notInserted(mech: string, seg: SegmentHandle, name: string): Error {
  return new Error(`${seg}.${name}: mechanism ${mech} is not inserted in section ${seg.ctx.sectionName(seg.sec[RT])}`);
}

function mechNode(spec: MechanismSpec, seg: SegmentHandle, name: string): number {
  const rt = liveRt(seg.sec);
  if (!rt.mechs.includes(spec.name)) throw notInserted(spec.name, seg, name);
  return rt.base + rt.nodeIndex(seg.x);
}

function ionNode(ion: string, seg: SegmentHandle, name: string): number {
  const rt = liveRt(seg.sec);
  if (!rt.ions.includes(ion)) throw notInserted(`${ion}_ion`, seg, name);
  return rt.base + rt.nodeIndex(seg.x);
}

/** Installs `seg.<mech>`, `seg.<var>_<mech>`, `sec.<var>_<mech>` and `_ref_` accessors. */
export function installDensityMechanism(spec: MechanismSpec): void {
  if (spec.kind === "ion") return installIon(spec);
  if (spec.kind !== "density" || mechViewClasses.has(spec.name)) return;
  const mech = spec.name;
  class View {
    constructor(readonly seg: SegmentHandle) {}
    toString() {
      return mech;
    }
    name() {
      return mech;
    }
    is_ion() {
      return false;
    }
    segment() {
      return this.seg;
    }
  }
  for (const v of rangeVars(spec)) {
    const col = `${v.name}_${mech}`;
    Object.defineProperty(View.prototype, v.name, {
      get(this: View) {
        const seg = this.seg;
        return seg.ctx.model.nodes.get(col)[mechNode(spec, seg, `${mech}.${v.name}`)];
      },
      set(this: View, value: number) {
        const seg = this.seg;
        const node = mechNode(spec, seg, `${mech}.${v.name}`);
        seg.ctx.model.nodes.get(col)[node] = checkVarValue(`${mech}.${v.name}`, v, value);
      },
    });
    Object.defineProperty(View.prototype, `_ref_${v.name}`, {
      get(this: View): Ref {
        const seg = this.seg;
        const rt = liveRt(seg.sec);
        mechNode(spec, seg, `${mech}._ref_${v.name}`);
        return { kind: "node", sec: rt, j: rt.nodeIndex(seg.x), col };
      },
    });
    Object.defineProperty(SegmentHandle.prototype, col, {
      get(this: SegmentHandle) {
        return this.ctx.model.nodes.get(col)[mechNode(spec, this, col)];
      },
      set(this: SegmentHandle, value: number) {
        const node = mechNode(spec, this, col);
        this.ctx.model.nodes.get(col)[node] = checkVarValue(`${this}.${col}`, v, value);
      },
    });
    Object.defineProperty(SegmentHandle.prototype, `_ref_${col}`, {
      get(this: SegmentHandle): Ref {
        const rt = liveRt(this.sec);
        mechNode(spec, this, `_ref_${col}`);
        return { kind: "node", sec: rt, j: rt.nodeIndex(this.x), col };
      },
    });
    Object.defineProperty(SectionProto, col, {
      get(this: SectionHandle) {
        return new SegmentHandle(this, 0.5)[col as keyof SegmentHandle];
      },
      set(this: SectionHandle, value: number) {
        const rt = liveRt(this);
        if (!rt.mechs.includes(mech)) throw notInserted(mech, new SegmentHandle(this, 0.5), col);
        checkVarValue(`${this[CTX].sectionName(rt)}.${col}`, v, value);
        this[CTX].model.nodes.get(col).fill(value, rt.base, rt.base + rt.nseg);
      },
    });
  }
  mechViewClasses.set(mech, View);
  Object.defineProperty(SegmentHandle.prototype, mech, {
    get(this: SegmentHandle) {
      const rt = liveRt(this.sec);
      if (!rt.mechs.includes(mech)) throw notInserted(mech, this, mech);
      return new View(this);
    },
  });
}

function installIon(spec: MechanismSpec): void {
  const ion = spec.name.replace(/_ion$/, "");
  if (mechViewClasses.has(spec.name)) return;
  mechViewClasses.set(spec.name, class {} as never);
  const names = ionVarNames(ion);
  for (const name of [names.e, names.ci, names.co, names.i, names.didv]) {
    Object.defineProperty(SegmentHandle.prototype, name, {
      get(this: SegmentHandle) {
        return this.ctx.model.nodes.get(name)[ionNode(ion, this, name)];
      },
      set(this: SegmentHandle, value: number) {
        const node = ionNode(ion, this, name);
        this.ctx.model.nodes.get(name)[node] = checkVarValue(`${this}.${name}`, {}, value);
      },
    });
    Object.defineProperty(SegmentHandle.prototype, `_ref_${name}`, {
      get(this: SegmentHandle): Ref {
        const rt = liveRt(this.sec);
        ionNode(ion, this, `_ref_${name}`);
        return { kind: "node", sec: rt, j: rt.nodeIndex(this.x), col: name };
      },
    });
    Object.defineProperty(SectionProto, name, {
      get(this: SectionHandle) {
        return new SegmentHandle(this, 0.5)[name as keyof SegmentHandle];
      },
      set(this: SectionHandle, value: number) {
        const rt = liveRt(this);
        if (!rt.ions.includes(ion)) throw notInserted(spec.name, new SegmentHandle(this, 0.5), name);
        checkVarValue(`${this[CTX].sectionName(rt)}.${name}`, {}, value);
        this[CTX].model.nodes.get(name).fill(value, rt.base, rt.base + rt.nseg);
      },
    });
  }
}

// ------------------------------------------------------------------ sections

// The prototype of every section handle; methods are installed by ./section.ts.
export const SectionProto: Record<string | symbol, unknown> = Object.create(Function.prototype);
