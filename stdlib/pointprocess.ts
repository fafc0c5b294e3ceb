// Point processes (h.IClamp(seg) and the like): one handle class per mechanism, generated from
// its MechanismSpec, with NEURON's Python names (IClamp's `del` is `delay`).
import type { MechanismSpec } from "../runtime/mechanism.ts";
import { rangeVars } from "../runtime/mechanism.ts";
import type { PointProcess as RtPoint } from "../runtime/model.ts";
import type { Ref } from "../runtime/refs.ts";
import { badInput, checkVarValue, checkX, type Context } from "./context.ts";
import type { Section as RtSection } from "../runtime/section.ts";
import { RT, SegmentHandle, handleOf, isSection, isSegment, type SectionHandle } from "./handles.ts";

export const PP = Symbol("neuron-ts.point");

export interface PointHandle {
  [PP]: RtPoint;
  ctx: Context;
}

const classes = new Map<string, new (ctx: Context, rt: RtPoint) => PointHandle>();

function pointClass(spec: MechanismSpec) {
  const existing = classes.get(spec.name);
  if (existing) return existing;
  const type = spec.name;
  class Point {
    [PP]: RtPoint;
    constructor(readonly ctx: Context, rt: RtPoint) {
      this[PP] = rt;
    }
    hname(): string {
      return `${type}[${this[PP].store.instances.indexOf(this[PP])}]`;
    }
    toString(): string {
      return this.hname();
    }
    [Symbol.for("nodejs.util.inspect.custom")](): string {
      return this.hname();
    }
    has_loc(): boolean {
      const rt = this[PP];
      return rt.sec !== null && rt.sec.alive;
    }
    get_segment(): SegmentHandle | null {
      const rt = this[PP];
      if (!rt.sec || !rt.sec.alive) return null;
      return new SegmentHandle(handleOf(this.ctx, rt.sec), this.ctx.model.pointX(rt));
    }
    loc(a: unknown, opts?: { sec?: unknown }): number {
      const { sec, x } = locationArg(`${this.hname()}.loc`, a, opts);
      this.ctx.model.locatePoint(this[PP], sec, x);
      return x;
    }
  }
  for (const v of rangeVars(spec)) {
    const name = v.alias ?? v.name;
    const what = `${type}.${name}`;
    Object.defineProperty(Point.prototype, name, {
      get(this: Point) {
        const rt = this[PP];
        return rt.store.cols.get(v.name)[rt.slot];
      },
      set(this: Point, value: number) {
        const rt = this[PP];
        rt.store.cols.get(v.name)[rt.slot] = checkVarValue(what, v, value);
      },
    });
    Object.defineProperty(Point.prototype, `_ref_${name}`, {
      get(this: Point): Ref {
        return { kind: "point", pp: this[PP], col: v.name };
      },
    });
  }
  classes.set(type, Point);
  return Point;
}

/** A point-process location argument: a Segment, or x with { sec }. */
function locationArg(what: string, a: unknown, opts?: { sec?: unknown }): { sec: RtSection; x: number } {
  let sec: SectionHandle, x: number;
  if (isSegment(a)) {
    sec = a.sec;
    x = a.x;
  } else if (typeof a === "number" && opts && isSection(opts.sec)) {
    sec = opts.sec;
    x = checkX(`${what} x`, a);
  } else {
    throw badInput(`${what} location`, "a Segment, or x with { sec }", a);
  }
  const rt = sec[RT];
  if (!rt.alive) throw new Error(`${what}: section ${rt.name} has been deleted`);
  return { sec: rt, x };
}

/** h.<PointProcess>(seg) / (x, { sec }) / (): creates (and places) a point process. */
export function createPoint(ctx: Context, spec: MechanismSpec, a?: unknown, opts?: { sec?: unknown }): PointHandle {
  const where = a === undefined ? null : locationArg(`h.${spec.name}`, a, opts);
  const Cls = pointClass(spec);
  const rt = ctx.model.createPoint(spec.name);
  if (where) ctx.model.locatePoint(rt, where.sec, where.x);
  const handle = new Cls(ctx, rt);
  rt.handle = handle;
  return handle;
}
