// Public types of the plotting facade: h.PlotShape, h.RangeVarPlot and h.stdrun_quiet (merged
// into H, stdlib/api.ts). The figure and colormap types are those of neuron-ts/plot.
import type { Section, Segment, Vector } from "../api.ts";
import type { Colormap } from "./colormap.ts";
import type { Figure, Trace } from "./figure.ts";
import type { ShapeFigure } from "./plotshape.ts";
import type { PlotlyModule } from "./plotly.ts";
import type { Pyplot } from "./pyplot.ts";

export interface PlotShapePlotOptions {
  /** The colormap (default cm.cool, as NEURON): cm.viridis, a name ("viridis"), or (i) => [r, g, b, a]. */
  cmap?: Colormap | string | ((i: number) => readonly number[]);
}

/** h.PlotShape(false): a shape coloured by a range variable, drawn with ps.plot(plotly). */
export interface PlotShape {
  /** Colour by this range variable ("v", "m_hh", "ina", ...); resets the scale to -80..40. */
  variable(name: string): number;
  /** The values mapped to the colormap's ends (stored as C floats, as NEURON). */
  scale(lo: number, hi: number): number;
  /** One 3-D line per segment, as NEURON's plotly figure (calls h.define_shape() first). */
  plot(plotly: PlotlyModule, opts?: PlotShapePlotOptions): ShapeFigure;
}

/** h.RangeVarPlot(name, seg0, seg1): a variable along the tree path from seg0 to seg1. */
export interface RangeVarPlot {
  begin(seg: Segment): number;
  end(seg: Segment): number;
  /** Adds x0 to every x. */
  origin(x0: number): number;
  /** First and last x; the distance of the path's common ancestor from its tree's root. */
  left(): number;
  right(): number;
  d2root(): number;
  /** Fills yvec (and xvec) with the current values; returns the number of points. */
  to_vector(yvec: Vector, xvec?: Vector): number;
  vector(): Vector;
  /** A new plotly figure with one line (x: signed distance in µm, y: the variable). */
  plot(plotly: PlotlyModule, opts?: Trace): Figure;
  /** Adds the line to a figure. */
  plot<F extends Figure>(fig: F, opts?: Trace): F;
  /** plt.plot(x, y) on the current pyplot figure. */
  plot(plt: Pyplot, opts?: Trace): unknown;
}

export interface PlotH {
  PlotShape(flag?: false | 0): PlotShape;
  PlotShape(sections: Iterable<Section>, flag?: false | 0): PlotShape;
  RangeVarPlot(name: string, seg0?: Segment, seg1?: Segment): RangeVarPlot;
  /** stdrun.hoc's stdrun_quiet: 1 turns continuerun's terminal progress bar off. */
  stdrun_quiet: number;
}
