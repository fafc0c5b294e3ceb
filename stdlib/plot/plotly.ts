// `plotly`, standing for Python's `import plotly` (and plotly.graph_objects as `go`): what
// PlotShape.plot and RangeVarPlot.plot recognise as "the plotly module", plus the figure and
// trace constructors the seed's plotly examples use. Traces are plain objects, as plotly.js
// takes them; Figure() works with or without `new`.
import { Figure, mergeInto, type Layout, type Trace } from "./figure.ts";

function traceMaker(type: string) {
  return (props: Trace = {}): Trace => mergeInto({}, { ...props, type }) as Trace;
}

export const graph_objects = {
  /** go.Figure(data?, layout?) */
  Figure: (data: Trace[] = [], layout: Layout = {}) => new Figure(data, layout),
  /** go.Scatter({ x, y, mode, name, line }) */
  Scatter: traceMaker("scatter"),
  /** go.Scatter3d({ x, y, z, mode, line, marker }) */
  Scatter3d: traceMaker("scatter3d"),
};

/** Shared by every copy of this module (dist/index.js and dist/plot.js each bundle one). */
const PLOTLY_BRAND = Symbol.for("neuron-ts.plotly");

export const plotly = Object.freeze({
  [PLOTLY_BRAND]: true,
  __name__: "plotly",
  graph_objects,
  toString: () => "<module 'plotly' (neuron-ts)>",
});

export type PlotlyModule = typeof plotly;

/** Like NEURON's check of str(graph): any copy of the plotly object counts. */
export function isPlotlyModule(x: unknown): x is PlotlyModule {
  return x !== null && typeof x === "object" && (x as Record<symbol, unknown>)[PLOTLY_BRAND] === true;
}
