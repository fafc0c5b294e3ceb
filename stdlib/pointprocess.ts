// Point processes (h.IClamp(seg) and the like): one handle class per mechanism, generated from
// its MechanismSpec, with NEURON's Python names (IClamp's `del` is `delay`), an indexable view
// for array variables (VClamp's dur[3]) and the spec's methods (IntFire1.M(), APCount.record).
import type { MechanismSpec, VarSpec } from "../runtime/mechanism.ts";
import { rangeVars } from "../runtime/mechanism.ts";
import type { PointProcess as RtPoint } from "../runtime/model.ts";
import type { Ref } from "../runtime/refs.ts";
import { badInput, checkVarValue, checkX, type Context } from "./context.ts";
import type { Section as RtSection } from "../runtime/section.ts";
import { RT, SegmentHandle, handleOf, isSection, isSegment, type SectionHandle } from "./handles.ts";
import { VEC, type VectorImpl } from "./vector.ts";

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
  const arrays = new Map<string, VarSpec[]>();
  for (const v of rangeVars(spec)) {
    const element = ARRAY_ELEMENT.exec(v.name);
    if (element) {
      const list = arrays.get(element[1]!) ?? [];
      list[Number(element[2])] = v;
      arrays.set(element[1]!, list);
      continue;
    }
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
  for (const [name, elements] of arrays) {
    Object.defineProperty(Point.prototype, name, {
      get(this: Point) {
        return arrayView(`${type}.${name}`, this[PP], elements);
      },
    });
    Object.defineProperty(Point.prototype, `_ref_${name}`, {
      get(this: Point): Ref {
        return { kind: "point", pp: this[PP], col: elements[0]!.name };
      },
    });
  }
  for (const [name, method] of Object.entries(spec.methods ?? {})) {
    Object.defineProperty(Point.prototype, name, {
      value(this: Point, ...args: unknown[]): number {
        const rt = this[PP];
        const what = `${this.hname()}.${name}`;
        const self = { slot: rt.slot, col: (c: string) => rt.store.cols.get(c), globals: rt.store.runtime.globals, env: this.ctx.model.env };
        return method(self, ...args.map((a, k) => methodArg(`${what} argument ${k + 1}`, a)));
      },
    });
  }
  classes.set(type, Point);
  return Point;
}

/** `x[k]`: element k of the array variable x. */
const ARRAY_ELEMENT = /^(\w+)\[(\d+)\]$/;

/** pp.dur for an array variable: indexable, with the .mod limits checked on writes. */
function arrayView(what: string, rt: RtPoint, elements: VarSpec[]): { [i: number]: number; readonly length: number } {
  const index = (prop: string) => {
    const i = Number(prop);
    if (!Number.isInteger(i) || i < 0 || i >= elements.length) throw badInput(`${what}[${prop}]: index`, `an integer in [0, ${elements.length})`, i);
    return i;
  };
  return new Proxy({} as { [i: number]: number; readonly length: number }, {
    get(_t, prop) {
      if (prop === "length") return elements.length;
      if (prop === Symbol.iterator) return () => elements.map((v) => rt.store.cols.get(v.name)[rt.slot]!)[Symbol.iterator]();
      if (typeof prop === "string" && /^-?\d+(\.\d+)?$/.test(prop)) return rt.store.cols.get(elements[index(prop)]!.name)[rt.slot];
      return undefined;
    },
    set(_t, prop, value) {
      if (typeof prop !== "string" || !/^-?\d+(\.\d+)?$/.test(prop)) return false;
      const v = elements[index(prop)]!;
      rt.store.cols.get(v.name)[rt.slot] = checkVarValue(`${what}[${prop}]`, v, value);
      return true;
    },
  });
}

/** A method argument as the runtime takes it: numbers as they are, a Vector as its storage. */
function methodArg(what: string, a: unknown): unknown {
  if (a === undefined || typeof a === "number") return a;
  if (a && typeof a === "object" && VEC in a) return (a as VectorImpl)[VEC];
  throw badInput(what, "a number or a Vector", a);
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
