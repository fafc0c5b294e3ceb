// h.PlotShape(false): NEURON's ShapePlotData and neuron/__init__.py's _PlotShapePlot for plotly
// (NEURON 8.2.2). plot(plotly) gives one 3-D line per segment in allsec order (or the order of
// the PlotShape's SectionList), coloured by the variable through a matplotlib colormap.
import type { Section as RtSection } from "../../runtime/section.ts";
import { badInput, type Context } from "../context.ts";
import { RT, SegmentHandle, handleOf, isSection, isSegment, type SectionHandle } from "../handles.ts";
import { colorToHex, colormap, toColormap, type Colormap } from "./colormap.ts";
import { Figure, type Trace } from "./figure.ts";
import { formatFixed } from "./format.ts";
import { isPlotlyModule } from "./plotly.ts";
import { requireVariable, segmentValue, type VarInfo } from "./variables.ts";

/** bisect.bisect_left / bisect_right on a sorted array. */
function bisect(a: ArrayLike<number>, n: number, x: number, right: boolean): number {
  let lo = 0, hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (right ? x < a[mid]! : x <= a[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** numpy.interp(x, xp, fp) for one x (xp ascending, possibly with repeats). */
export function interp(x: number, xp: ArrayLike<number>, fp: ArrayLike<number>, n: number): number {
  if (x < xp[0]!) return fp[0]!;
  if (x > xp[n - 1]!) return fp[n - 1]!;
  const j = bisect(xp, n, x, true) - 1; // the last j with xp[j] <= x
  if (j >= n - 1) return fp[n - 1]!;
  if (xp[j] === x) return fp[j]!;
  const slope = (fp[j + 1]! - fp[j]!) / (xp[j + 1]! - xp[j]!);
  return slope * (x - xp[j]!) + fp[j]!;
}

/** neuron.gui2.utilities._segment_3d_pts: each segment's 3-D polyline, cut at arc positions. */
export function segment3dPoints(sec: RtSection, L: number): { x: number[]; y: number[]; z: number[] }[] {
  const p = sec.pt3d!;
  const n = p.n;
  const arc = Array.from(p.arc.subarray(0, n));
  const dx = L / sec.nseg;
  const out = [];
  for (let i = 0; i < sec.nseg; i++) {
    const lo = i * dx, hi = (i + 1) * dx;
    let mid = arc.slice(bisect(arc, n, lo, false), bisect(arc, n, hi, true));
    if (mid.length && mid[0] === lo) mid = mid.slice(1);
    if (mid.length && mid[mid.length - 1] === hi) mid = mid.slice(0, -1);
    const pts = [lo, ...mid, hi];
    out.push({
      x: pts.map((a) => interp(a, arc, p.x, n)),
      y: pts.map((a) => interp(a, arc, p.y, n)),
      z: pts.map((a) => interp(a, arc, p.z, n)),
    });
  }
  return out;
}

/** _get_color: clamp to [lo, hi], index int(255 * (val - lo) / (hi - lo)) into the colormap. */
export function shapeColor(val: number | null, cmap: Colormap, lo: number, hi: number): string {
  if (val === null || Number.isNaN(val)) return "black";
  const range = hi - lo;
  if (range === 0) {
    // NEURON 8.2.2 raises UnboundLocalError for lo <= val <= hi here; NEURON 9 uses cmap(128).
    return colorToHex(cmap(val < lo ? 0 : val > hi ? 255 : 128));
  }
  return colorToHex(cmap(Math.trunc((255 * (Math.min(Math.max(val, lo), hi) - lo)) / range)));
}

export interface PlotShapeOptions {
  /** The colormap (default cm.cool, as NEURON): a colormap, a name, or (i) => [r, g, b, a]. */
  cmap?: unknown;
}

export class PlotShape {
  private variableInfo: VarInfo;
  /** ShapePlotData's float lo/hi. NEURON leaves them uninitialised until variable()/scale(). */
  private lo = Math.fround(-80);
  private hi = Math.fround(40);

  constructor(private readonly ctx: Context, private readonly h: Record<string, unknown>, private readonly sections: Iterable<unknown> | null) {
    this.variableInfo = requireVariable(ctx, "PlotShape", "v");
  }

  /** The variable to colour by ("v", "m_hh", "ina", ...); resets the scale to -80..40 as NEURON. */
  variable(name: string): number {
    this.variableInfo = requireVariable(this.ctx, `PlotShape.variable(${JSON.stringify(name)})`, name);
    this.lo = Math.fround(-80);
    this.hi = Math.fround(40);
    return 1;
  }

  /** The colour scale's ends (stored as C floats, as NEURON does). */
  scale(lo: number, hi: number): number {
    for (const [k, v] of [["lo", lo], ["hi", hi]] as const) {
      if (typeof v !== "number" || !Number.isFinite(v)) throw badInput(`PlotShape.scale ${k}`, "a finite number", v);
    }
    this.lo = Math.fround(lo);
    this.hi = Math.fround(hi);
    return 1;
  }

  /** The sections drawn: the PlotShape's SectionList, else every section (allsec order). */
  private sectionList(): RtSection[] {
    if (!this.sections) return this.ctx.model.sections.filter((s) => s.alive);
    const out: RtSection[] = [];
    for (const s of this.sections) {
      if (!isSection(s)) throw badInput("PlotShape section list element", "a Section", s);
      if (s[RT].alive) out.push(s[RT]);
    }
    return out;
  }

  /** ps.plot(plotly, { cmap }): the figure NEURON's plotly branch makes. */
  plot(target: unknown, opts: PlotShapeOptions = {}): ShapeFigure {
    if (!isPlotlyModule(target)) {
      throw new Error(`PlotShape.plot: the first argument must be the plotly module (import { plotly } from "neuron-ts/plot"), got ${String(target)}`);
    }
    if (opts === null || typeof opts !== "object") throw badInput("PlotShape.plot options", "an object such as { cmap: cm.cool }", opts);
    const cmap = opts.cmap === undefined ? colormap("cool") : toColormap("PlotShape.plot", opts.cmap);
    (this.h.define_shape as () => number)(); // NEURON's ps.plot attribute access calls it
    const v = this.variableInfo;
    const data: Trace[] = [];
    for (const sec of this.sectionList()) {
      const handle = handleOf(this.ctx, sec);
      const L = (handle as unknown as { L: number }).L;
      const pts = segment3dPoints(sec, L);
      for (let i = 0; i < sec.nseg; i++) {
        const seg = new SegmentHandle(handle, (i + 0.5) / sec.nseg);
        const val = segmentValue(this.ctx, sec, seg.x, v);
        data.push({
          hovertemplate: val === null ? String(seg) : `${seg}<br>${formatFixed(val, 3)}`,
          line: { color: shapeColor(val, cmap, this.lo, this.hi), width: 2 },
          mode: "lines",
          name: "",
          ...pts[i]!,
          type: "scatter3d",
        });
      }
    }
    return new ShapeFigure(data, { showlegend: false });
  }

  toString(): string {
    return "PlotShape";
  }
}

/** NEURON's FigureWidgetWithNEURON: a figure with mark(). */
export class ShapeFigure extends Figure {
  /** A red dot at the segment's position along its section's 3-D points. */
  mark(segment: unknown, _marker: string = "or", opts: Trace = {}): this {
    if (!isSegment(segment)) throw badInput("figure.mark", "a Segment such as dend(0.5)", segment);
    const sec = (segment.sec as SectionHandle)[RT];
    if (!sec.alive) throw new Error(`figure.mark: section ${String(segment.sec)} has been deleted`);
    if (!sec.pt3d || sec.pt3d.n === 0) throw new Error(`figure.mark(${segment}): the section has no 3-D points (call h.define_shape() first)`);
    const p = sec.pt3d;
    const at = (segment.sec as unknown as { L: number }).L * segment.x;
    return this.add_trace({
      x: [interp(at, p.arc, p.x, p.n)],
      y: [interp(at, p.arc, p.y, p.n)],
      z: [interp(at, p.arc, p.z, p.n)],
      name: "",
      hovertemplate: String(segment),
      marker: { size: 5, color: "red", opacity: 1 },
      type: "scatter3d",
      ...opts,
    });
  }
}
