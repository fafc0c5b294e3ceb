// The `neuron-ts/plot` module: `import { plotly, cm, plt } from "neuron-ts/plot"` stands for
// Python's `import plotly`, `from matplotlib import cm` and `import matplotlib.pyplot as plt`.
export { plotly, graph_objects } from "./plotly.ts";
export type { PlotlyModule } from "./plotly.ts";
export { cm, colormap, colorToHex, COLORMAP_NAMES } from "./colormap.ts";
export type { Colormap, ColormapNamespace, RGBA } from "./colormap.ts";
export { plt } from "./pyplot.ts";
export type { Pyplot, PltFigure, Line, LineOptions } from "./pyplot.ts";
export { Figure } from "./figure.ts";
export type { Trace, Layout } from "./figure.ts";
export type { ShapeFigure } from "./plotshape.ts";
export type { PlotShape, RangeVarPlot, PlotShapePlotOptions } from "./api.ts";
