// h.RangeVarPlot(name, seg0, seg1): NEURON's RangeVarPlot (src/nrniv/spaceplt.cpp, set_x and
// fill_pointers) and neuron/__init__.py's _RangeVarPlot.plot. The points are the nodes on the
// tree path from seg0's node to seg1's node through their nearest common ancestor; x is the
// signed path distance from that ancestor plus origin, a C float as in NEURON.
import type { Model } from "../../runtime/model.ts";
import type { Section as RtSection } from "../../runtime/section.ts";
import { badInput, type Context } from "../context.ts";
import { RT, SegmentHandle, handleOf, isSegment, type SectionHandle } from "../handles.ts";
import { VEC, newVector, type VectorImpl } from "../vector.ts";
import { Figure, isFigure, type Trace } from "./figure.ts";
import { isPlotlyModule } from "./plotly.ts";
import { existsAt, requireVariable, type VarInfo } from "./variables.ts";

const fr = Math.fround;

interface SecPos {
  sec: RtSection;
  /** Arc position of the node on sec (hoc_ac_ when NEURON reads the variable there). */
  x: number;
  /** Signed distance from the common ancestor (float). */
  len: number;
}

/** The tree-walking primitives of src/nrnoc (solve.cpp, cabcode.cpp) on global node indices. */
class Tree {
  constructor(readonly m: Model) {}

  parentNode(sec: RtSection): number {
    return this.m.parentNode(sec);
  }

  /** node_dist: distance from sec's attached end to the node (0 for the attached end). */
  nodeDist(sec: RtSection | null, node: number): number {
    if (!sec || node === this.parentNode(sec)) return 0;
    const inode = node - sec.base;
    const ratio = inode === sec.nseg ? 1 : (inode + 0.5) / sec.nseg;
    return sec.length * ratio;
  }

  /** nrn_arc_position */
  arcPosition(sec: RtSection, node: number): number {
    let x: number;
    if (this.parentNode(sec) === node) x = 0;
    else if (node - sec.base === sec.nseg) x = 1;
    else x = (node - sec.base + 0.5) / sec.nseg;
    return sec.orientation ? 1 - x : x;
  }

  /** nrn_trueparent: the first ancestor not reached through its own attached end. */
  trueParent(sec: RtSection): RtSection | null {
    let s = sec;
    let p = s.parent;
    for (; p; p = p.parent) {
      if (s.parentX === p.orientation) s = p;
      else break;
    }
    return p;
  }

  /** topol_distance, with the common ancestor (section, node); node -1 if there is no path. */
  topol(s1: RtSection | null, n1: number, s2: RtSection | null, n2: number): { d: number; sec: RtSection | null; node: number } {
    let d = 0;
    while (s1 !== s2) {
      if (!s1 || (s2 && s1.order <= s2.order)) {
        d += this.nodeDist(s2, n2);
        n2 = this.parentNode(s2!);
        s2 = s2!.parent;
      } else {
        d += this.nodeDist(s1, n1);
        n1 = this.parentNode(s1);
        s1 = s1.parent;
      }
    }
    if (!s1) {
      if (n1 !== n2) return { d: 1e20, sec: null, node: -1 };
    } else if (n1 !== n2) {
      const x1 = this.nodeDist(s1, n1), x2 = this.nodeDist(s2, n2);
      if (x1 < x2) d += x2 - x1;
      else {
        n1 = n2;
        d += x1 - x2;
      }
    }
    return { d, sec: s1, node: n1 };
  }
}

export class RangeVarPlot {
  private readonly v: VarInfo;
  private b: { sec: SectionHandle; x: number } | null = null;
  private e: { sec: SectionHandle; x: number } | null = null;
  private origin_ = 0;
  private d2root_ = 0;
  private path: SecPos[] = [];

  constructor(private readonly ctx: Context, readonly name: string, seg0?: unknown, seg1?: unknown) {
    this.v = requireVariable(ctx, `h.RangeVarPlot(${JSON.stringify(name)})`, name);
    if (seg0 !== undefined) this.begin(seg0);
    if (seg1 !== undefined) this.end(seg1);
  }

  private segArg(what: string, seg: unknown): { sec: SectionHandle; x: number } {
    if (!isSegment(seg)) throw badInput(`RangeVarPlot.${what}`, "a Segment such as dend(0)", seg);
    return { sec: seg.sec, x: fr(seg.x) }; // x_begin(float x, ...)
  }

  begin(seg: unknown): number {
    this.b = this.segArg("begin", seg);
    this.points(); // NEURON's fill_pointers: a variable missing on the path is an error here
    return 1;
  }

  end(seg: unknown): number {
    this.e = this.segArg("end", seg);
    this.points(); // NEURON's fill_pointers: a variable missing on the path is an error here
    return 1;
  }

  /** Adds x0 to every x (a float, as NEURON). */
  origin(x0: number): number {
    if (typeof x0 !== "number" || !Number.isFinite(x0)) throw badInput("RangeVarPlot.origin", "a finite number", x0);
    this.origin_ = fr(x0);
    return 1;
  }

  /** Distance from the path's common ancestor to the root of its tree. */
  d2root(): number {
    this.update();
    return this.d2root_;
  }

  left(): number {
    this.update();
    return this.path.length ? fr(this.path[0]!.len + this.origin_) : this.origin_;
  }

  right(): number {
    this.update();
    return this.path.length ? fr(this.path[this.path.length - 1]!.len + this.origin_) : this.origin_;
  }

  /** set_x: the path's nodes, begin side first, then the ancestor, then the end side. */
  private update(): void {
    this.path = [];
    if (!this.b || !this.e) return;
    const { sec: h1, x: x1 } = this.b, { sec: h2, x: x2 } = this.e;
    const sec1 = h1[RT], sec2 = h2[RT];
    for (const s of [sec1, sec2]) if (!s.alive) throw new Error(`RangeVarPlot: section ${s.name} has been deleted`);
    const m = this.ctx.model;
    m.compile();
    const t = new Tree(m);
    const nd1 = m.nodeOf(sec1, sec1.nodeIndexExact(x1)), nd2 = m.nodeOf(sec2, sec2.nodeIndexExact(x2));
    const root = t.topol(sec1, nd1, sec2, nd2);
    if (root.node < 0) {
      throw new Error(`RangeVarPlot: no path from ${this.ctx.sectionName(sec1)}(${x1}) to ${this.ctx.sectionName(sec2)}(${x2}): they are in different trees`);
    }
    const dist = root.d;
    const d2r = t.topol(sec1, nd1, root.sec, root.node).d;
    const list: SecPos[] = [];
    let nd = nd1;
    let sec: RtSection | null = sec1;
    let d = -d2r + t.nodeDist(sec, nd);
    while (nd !== root.node) {
      const x = t.nodeDist(sec, nd);
      list.push({ sec: sec!, x: t.arcPosition(sec!, nd), len: fr(d - x) });
      if (x === 0) {
        sec = t.trueParent(sec!);
        d += t.nodeDist(sec, nd);
      }
      nd = m.parent[nd]!;
    }
    const rsec = sec ?? m.sections.find((s) => s.alive && !s.parent && m.parentNode(s) === nd)!;
    list.push({ sec: rsec, x: t.arcPosition(rsec, nd), len: 0 });
    const tail: SecPos[] = [];
    nd = nd2;
    sec = sec2;
    d = dist - d2r - t.nodeDist(sec, nd);
    while (nd !== root.node) {
      const x = t.nodeDist(sec, nd);
      tail.push({ sec: sec!, x: t.arcPosition(sec!, nd), len: fr(d + x) });
      if (x === 0) {
        sec = t.trueParent(sec!);
        d -= t.nodeDist(sec, nd);
      }
      nd = m.parent[nd]!;
    }
    this.path = list.concat(tail.reverse());
    let top = root.sec!;
    while (top.parent) top = top.parent;
    this.d2root_ = t.topol(root.sec, root.node, top, m.parentNode(top)).d;
  }

  /** fill_pointers: the plotted points; a getter is null where NEURON plots 0 (no pointer). */
  private points(): { x: number; get: (() => number) | null }[] {
    this.update();
    const m = this.ctx.model;
    const owner = new Map<number, { sec: RtSection; j: number }>();
    for (const s of m.sections) if (s.alive) for (let j = 0; j <= s.nseg; j++) owner.set(s.base + j, { sec: s, j });
    const out: { x: number; get: (() => number) | null }[] = [];
    const add = (x: number, get: (() => number) | null) => out.push({ x: fr(x + this.origin_), get });
    const p = this.path;
    let noexist = 0;
    let pval: (() => number) | null = null;
    for (let i = 0; i < p.length; i++) {
      const { sec, x } = p[i]!;
      const node = m.nodeOf(sec, sec.nodeIndexExact(x));
      if (existsAt(this.v, owner.get(node) ?? null)) {
        const seg = new SegmentHandle(handleOf(this.ctx, sec), x);
        const name = this.v.name;
        const get = () => (seg as unknown as Record<string, number>)[name]!;
        try {
          get(); // NEURON resolves the pointer here: a mechanism missing at x is an error now
        } catch (e) {
          throw new Error(`h.RangeVarPlot(${JSON.stringify(name)}): ${(e as Error).message}`);
        }
        pval = get;
        if (noexist > 1) {
          add(p[i - 1]!.len, null);
          add(p[i - 1]!.len, pval);
        }
        if (i === 1 && noexist === 1) add(p[i - 1]!.len, pval);
        add(p[i]!.len, pval);
        noexist = 0;
      } else {
        if (noexist === 1) {
          add(p[i - 1]!.len, pval);
          add(p[i - 1]!.len, null);
        }
        if (i === p.length - 1 && noexist === 0) add(p[i]!.len, pval);
        ++noexist;
      }
    }
    return out;
  }

  /** The current x and y values (y read now, as NEURON's to_vector). */
  xy(): { x: number[]; y: number[] } {
    const pts = this.points();
    return { x: pts.map((q) => q.x), y: pts.map((q) => (q.get ? q.get() : 0)) };
  }

  /** to_vector(yvec, xvec?): fills the Vectors; returns the number of points. */
  to_vector(yvec: unknown, xvec?: unknown): number {
    const { x, y } = this.xy();
    const fill = (what: string, vec: unknown, vals: number[]) => {
      if (!vec || typeof vec !== "object" || !(VEC in vec)) throw badInput(`RangeVarPlot.to_vector ${what}`, "an h.Vector", vec);
      const v = vec as VectorImpl;
      v.resize(vals.length);
      v[VEC].buf.set(vals);
    };
    fill("yvec", yvec, y);
    if (xvec !== undefined) fill("xvec", xvec, x);
    return x.length;
  }

  /** The y values as a new Vector. */
  vector(): VectorImpl {
    return newVector(this.ctx, this.xy().y);
  }

  /**
   * rvp.plot(plotly) → a new figure with one line; rvp.plot(fig) adds the line to fig;
   * rvp.plot(plt) plots on the current pyplot figure. `opts` are trace properties.
   */
  plot(target: unknown, opts: Trace = {}): unknown {
    const { x, y } = this.xy();
    const trace: Trace = { mode: "lines", x, y, type: "scatter", ...opts };
    if (isPlotlyModule(target)) return new Figure([trace]);
    if (isFigure(target)) return target.add_trace(trace);
    const plotter = target as { plot?: (...a: unknown[]) => unknown } | null;
    if (plotter && typeof plotter.plot === "function") return plotter.plot(x, y, opts);
    throw new Error(`RangeVarPlot.plot: the target must be the plotly module, a plotly Figure or plt, got ${String(target)}`);
  }

  toString(): string {
    return "RangeVarPlot";
  }
}
