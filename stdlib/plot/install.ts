// Installs the plotting facade on h: h.PlotShape, h.RangeVarPlot, h.stdrun_quiet, and the
// progress bar that h.continuerun shows on a terminal (stdlib/progress.ts).
import { badInput, type Context } from "../context.ts";
import { isSection } from "../handles.ts";
import { terminalProgress } from "../progress.ts";
import { PlotShape } from "./plotshape.ts";
import { RangeVarPlot } from "./rangevarplot.ts";

export function installPlots(h: Record<string, unknown>, ctx: Context): void {
  // h.PlotShape(false), h.PlotShape(sectionList, false): the first argument may be a SectionList
  // (or any iterable of sections); the flag (InterViews window) must be false: there is no GUI.
  h.PlotShape = (a?: unknown, b?: unknown) => {
    let list: Iterable<unknown> | null = null;
    let flag = a;
    if (a !== null && typeof a === "object" && Symbol.iterator in a) {
      list = a as Iterable<unknown>;
      flag = b;
    } else if (isSection(a)) {
      throw badInput("h.PlotShape first argument", "a SectionList or an array of sections (or false)", a);
    }
    if (flag !== undefined && flag !== false && flag !== 0) {
      throw badInput("h.PlotShape flag", "false (neuron-ts has no InterViews window; use ps.plot(plotly))", flag);
    }
    return new PlotShape(ctx, h, list);
  };
  h.RangeVarPlot = (name: unknown, seg0?: unknown, seg1?: unknown) => new RangeVarPlot(ctx, name as string, seg0, seg1);

  // stdrun.hoc's stdrun_quiet: nonzero turns the continuerun progress bar off.
  let quiet = 0;
  Object.defineProperty(h, "stdrun_quiet", {
    get: () => quiet,
    set: (v: unknown) => {
      if (typeof v !== "number" && typeof v !== "boolean") throw badInput("h.stdrun_quiet", "a number (0 or 1)", v);
      quiet = Number(v);
    },
    enumerable: true,
    configurable: true,
  });
  ctx.progress = (t0, tstop) => (quiet ? null : terminalProgress(t0, tstop));
}
