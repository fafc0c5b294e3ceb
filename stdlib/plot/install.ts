// Installs the plotting facade on h (h.PlotShape, h.RangeVarPlot). PROVISIONAL: issue 5.
import type { Context } from "../context.ts";

export function installPlots(_h: Record<string, unknown>, _ctx: Context): void {}
