// `plt`: a small matplotlib.pyplot for the seed's line plots (plt.plot(t, v), labels, limits,
// legend, show, savefig). A figure is kept as lines plus labels; it is drawn with plotly for
// show() and savefig("x.html") (interactive, self-contained page) and with d3 (d3-scale for
// ticks, d3-shape for paths) for savefig("x.svg").
import { writeFileAtomic } from "../data/atomic.ts";
import { Figure, type Trace } from "./figure.ts";
import { renderSvg } from "./svg.ts";

/** matplotlib's default colour cycle (tab10). */
export const COLOR_CYCLE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
const FMT_COLORS: Record<string, string> = { b: "#0000ff", g: "#008000", r: "#ff0000", c: "#00bfbf", m: "#bf00bf", y: "#bfbf00", k: "#000000", w: "#ffffff" };
const FMT_STYLES = ["--", "-.", "-", ":"];
const FMT_MARKERS = new Set(["o", ".", "s", "^", "v", "x", "+", "*", "d", "D"]);

export type LineStyle = "-" | "--" | ":" | "-." | "";

export interface LineOptions {
  label?: string;
  color?: string;
  linewidth?: number;
  linestyle?: LineStyle;
  marker?: string;
}

export interface Line {
  x: number[];
  y: number[];
  label: string;
  color: string;
  linewidth: number;
  linestyle: LineStyle;
  marker: string;
}

export interface PltFigure {
  lines: Line[];
  xlabel: string;
  ylabel: string;
  title: string;
  xlim: [number, number] | null;
  ylim: [number, number] | null;
  legend: boolean;
  grid: boolean;
}

type Series = Iterable<number> | ArrayLike<number>;

function toNumbers(what: string, v: unknown): number[] {
  if (v === null || typeof v !== "object") throw new Error(`${what} must be a sequence of numbers (an array or h.Vector), got ${String(v)}`);
  const arr = Symbol.iterator in v ? Array.from(v as Iterable<unknown>) : Array.from(v as ArrayLike<unknown>);
  arr.forEach((x, i) => {
    if (typeof x !== "number") throw new Error(`${what}[${i}] must be a number, got ${String(x)}`);
  });
  return arr as number[];
}

/** A matplotlib format string such as "r--" or "ko": colour, line style, marker. */
function parseFmt(fmt: string): { color?: string; linestyle?: LineStyle; marker?: string } {
  let rest = fmt;
  const out: { color?: string; linestyle?: LineStyle; marker?: string } = {};
  while (rest) {
    const style = FMT_STYLES.find((s) => rest.startsWith(s));
    if (style) {
      out.linestyle = style as LineStyle;
      rest = rest.slice(style.length);
    } else if (FMT_COLORS[rest[0]!]) {
      out.color = FMT_COLORS[rest[0]!];
      rest = rest.slice(1);
    } else if (FMT_MARKERS.has(rest[0]!)) {
      out.marker = rest[0]!;
      rest = rest.slice(1);
    } else {
      throw new Error(`plt.plot: unknown format string ${JSON.stringify(fmt)} (use colour letters bgrcmykw, line styles - -- : -. and markers o . s ^ v x + * d)`);
    }
  }
  if (out.marker && !out.linestyle) out.linestyle = "";
  return out;
}

function checkLimits(what: string, a: unknown, b: unknown): [number, number] {
  const [lo, hi] = Array.isArray(a) ? a : [a, b];
  for (const v of [lo, hi]) if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${what}: limits must be two finite numbers, got ${String(a)}${b === undefined ? "" : `, ${String(b)}`}`);
  if (lo === hi) throw new Error(`${what}: the two limits must differ, got ${lo} and ${hi}`);
  return [lo as number, hi as number];
}

function newFigure(): PltFigure {
  return { lines: [], xlabel: "", ylabel: "", title: "", xlim: null, ylim: null, legend: false, grid: false };
}

/** The figure as a plotly figure (what show() and savefig(".html") draw). */
export function toPlotly(f: PltFigure): Figure {
  const dash: Record<string, string> = { "-": "solid", "--": "dash", ":": "dot", "-.": "dashdot" };
  const data: Trace[] = f.lines.map((l, i) => ({
    type: "scatter",
    mode: l.linestyle === "" ? "markers" : l.marker ? "lines+markers" : "lines",
    x: l.x,
    y: l.y,
    name: l.label || `line ${i}`,
    showlegend: f.legend && !!l.label,
    line: { color: l.color, width: l.linewidth * 1.333, dash: dash[l.linestyle] ?? "solid" },
    ...(l.marker ? { marker: { color: l.color, size: 6 } } : {}),
  }));
  const axis = (title: string, range: [number, number] | null) => ({
    ...(title ? { title: { text: title } } : {}),
    ...(range ? { range, autorange: false } : {}),
    showgrid: f.grid,
  });
  return new Figure(data, {
    ...(f.title ? { title: { text: f.title } } : {}),
    xaxis: axis(f.xlabel, f.xlim),
    yaxis: axis(f.ylabel, f.ylim),
    showlegend: f.legend,
  });
}

let current: PltFigure = newFigure();

export const plt = {
  /** Starts a new figure (the old one is dropped, as after show()). */
  figure(): PltFigure {
    current = newFigure();
    return current;
  },
  /** The current figure's data. */
  gcf(): PltFigure {
    return current;
  },
  /**
   * plot(y), plot(x, y), plot(x, y, fmt), plot(x1, y1, x2, y2, ...), each pair optionally with a
   * format string, and a trailing options object { label, color, linewidth, linestyle, marker }.
   */
  plot(...args: unknown[]): Line[] {
    let opts: LineOptions = {};
    const last = args[args.length - 1];
    if (last && typeof last === "object" && !(Symbol.iterator in last) && !("length" in last)) {
      opts = args.pop() as LineOptions;
    }
    if (args.length === 0) throw new Error("plt.plot: nothing to plot; call plt.plot(y) or plt.plot(x, y)");
    const made: Line[] = [];
    let i = 0;
    while (i < args.length) {
      let x: number[], y: number[];
      const a = args[i], b = args[i + 1];
      if (b !== undefined && typeof b !== "string") {
        x = toNumbers(`plt.plot x (argument ${i + 1})`, a);
        y = toNumbers(`plt.plot y (argument ${i + 2})`, b);
        i += 2;
      } else {
        y = toNumbers(`plt.plot y (argument ${i + 1})`, a);
        x = y.map((_, k) => k);
        i += 1;
      }
      if (x.length !== y.length) throw new Error(`plt.plot: x and y must have the same length, got ${x.length} and ${y.length}`);
      const fmt = typeof args[i] === "string" ? parseFmt(args[i++] as string) : {};
      const style = { ...fmt, ...opts };
      if (style.linewidth !== undefined && !(style.linewidth > 0)) throw new Error(`plt.plot: linewidth must be > 0, got ${style.linewidth}`);
      const line: Line = {
        x,
        y,
        label: style.label ?? "",
        color: style.color ?? COLOR_CYCLE[current.lines.length % COLOR_CYCLE.length]!,
        linewidth: style.linewidth ?? 1.5,
        linestyle: style.linestyle ?? "-",
        marker: style.marker ?? "",
      };
      current.lines.push(line);
      made.push(line);
    }
    return made;
  },
  xlabel(s: string): void {
    current.xlabel = String(s);
  },
  ylabel(s: string): void {
    current.ylabel = String(s);
  },
  title(s: string): void {
    current.title = String(s);
  },
  /** xlim(lo, hi), xlim([lo, hi]), or xlim() to read the limits set. */
  xlim(lo?: number | [number, number], hi?: number): [number, number] | null {
    if (lo !== undefined) current.xlim = checkLimits("plt.xlim", lo, hi);
    return current.xlim;
  },
  ylim(lo?: number | [number, number], hi?: number): [number, number] | null {
    if (lo !== undefined) current.ylim = checkLimits("plt.ylim", lo, hi);
    return current.ylim;
  },
  /** Shows a legend of the labelled lines; legend(["a", "b"]) labels the lines in order first. */
  legend(labels?: string[]): void {
    if (labels !== undefined) {
      if (!Array.isArray(labels) || labels.length > current.lines.length) {
        throw new Error(`plt.legend: labels must be an array of at most ${current.lines.length} strings (one per line), got ${String(labels)}`);
      }
      labels.forEach((s, k) => (current.lines[k]!.label = String(s)));
    }
    current.legend = true;
  },
  grid(on = true): void {
    current.grid = !!on;
  },
  clf(): void {
    current = newFigure();
  },
  close(): void {
    current = newFigure();
  },
  /** Writes the figure as an interactive page (see Figure.show) and starts a new figure. */
  show(): string {
    const file = toPlotly(current).show();
    current = newFigure();
    return file;
  },
  /** savefig("v.svg") (a static SVG image) or savefig("v.html") (an interactive page). */
  savefig(file: string): string {
    const ext = typeof file === "string" ? (/\.([^./\\]+)$/.exec(file)?.[1] ?? "").toLowerCase() : "";
    if (ext === "html" || ext === "htm") return toPlotly(current).write_html(file);
    if (ext === "svg") return writeFileAtomic("plt.savefig", file, renderSvg(current));
    throw new Error(`plt.savefig(${JSON.stringify(file)}): unsupported format ${JSON.stringify(ext)}; the file name must end in .svg or .html`);
  },
};

export type Pyplot = typeof plt;
export type { Series };
