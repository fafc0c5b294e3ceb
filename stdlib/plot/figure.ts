// A plotly figure, as plotly.py's go.Figure: `data` (traces) and `layout`, serialised by to_json()
// exactly as plotly.py does (the layout carries plotly.py's default template, so the page looks
// like NEURON's figures), written as a self-contained HTML page with plotly.js inlined.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PLOTLY_TEMPLATE } from "./assets/plotly-template.ts";
import { htmlPage } from "./html.ts";
import { writeFileAtomic } from "../data/atomic.ts";
import { builtin } from "../data/builtin.ts";

export type Trace = Record<string, unknown> & { type?: string };
export type Layout = Record<string, unknown>;

/** plotly.py's "magic underscore" containers: update_layout({ xaxis_title: "t" }) sets xaxis.title. */
const CONTAINERS = new Set(["xaxis", "yaxis", "zaxis", "scene", "legend", "title", "font", "margin", "hoverlabel", "coloraxis", "line", "marker"]);

function isPlain(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

/** Deep merge of `src` into `dst`, expanding magic-underscore keys (xaxis_title_text). */
export function mergeInto(dst: Record<string, unknown>, src: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(src)) {
    const parts = key.split("_");
    if (parts.length > 1 && CONTAINERS.has(parts[0]!)) {
      let node = dst;
      for (const p of parts.slice(0, -1)) {
        if (!isPlain(node[p])) node[p] = {};
        node = node[p] as Record<string, unknown>;
      }
      // plotly.py: "xaxis_title" with a string sets the title's text.
      const last = parts[parts.length - 1]!;
      if (last === "title" && typeof value === "string") node[last] = { text: value };
      else node[last] = isPlain(value) ? mergeInto(isPlain(node[last]) ? (node[last] as Record<string, unknown>) : {}, value) : value;
    } else if (key === "title" && typeof value === "string") {
      dst[key] = { text: value }; // plotly.py's title="t" is {"text": "t"} (plotly.js 3+ needs it)
    } else if (isPlain(value)) {
      dst[key] = mergeInto(isPlain(dst[key]) ? (dst[key] as Record<string, unknown>) : {}, value);
    } else {
      dst[key] = ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value;
    }
  }
  return dst;
}

let shown = 0;

/** Brand shared by every copy of this module (the package's dist bundles each carry one). */
const FIGURE_BRAND = Symbol.for("neuron-ts.figure");

export function isFigure(x: unknown): x is Figure {
  return x !== null && typeof x === "object" && (x as Record<symbol, unknown>)[FIGURE_BRAND] === true;
}

export class Figure {
  readonly [FIGURE_BRAND] = true;
  data: Trace[];
  layout: Layout;

  constructor(data: Trace[] = [], layout: Layout = {}) {
    this.data = data.map((t) => mergeInto({}, t) as Trace);
    // plotly.py puts its default template into every figure's layout.
    this.layout = mergeInto({ template: structuredClone(PLOTLY_TEMPLATE) }, layout);
  }

  add_trace(trace: Trace): this {
    if (!isPlain(trace)) throw new Error(`Figure.add_trace: the trace must be an object such as plotly.graph_objects.Scatter({ x, y }), got ${String(trace)}`);
    this.data.push(mergeInto({}, trace) as Trace);
    return this;
  }

  update_layout(layout: Layout = {}): this {
    if (!isPlain(layout)) throw new Error(`Figure.update_layout: the layout must be an object, got ${String(layout)}`);
    mergeInto(this.layout, layout);
    return this;
  }

  /** { data, layout } as plain JSON values. */
  to_dict(): { data: Trace[]; layout: Layout } {
    return JSON.parse(this.to_json()) as { data: Trace[]; layout: Layout };
  }

  /** The JSON string plotly.py's fig.to_json() gives: {"data": [...], "layout": {...}}. */
  to_json(): string {
    return JSON.stringify({ data: this.data, layout: this.layout });
  }

  /** A self-contained HTML page (plotly.js inlined: no network needed to view it). */
  to_html(title = "neuron-ts figure"): string {
    return htmlPage(this.to_json(), title);
  }

  /** Writes the page to `file` (atomically: a failed write leaves no file); returns the full path. */
  write_html(file: string, opts: { title?: string } = {}): string {
    return writeFileAtomic("Figure.write_html", file, this.to_html(opts.title));
  }

  /**
   * plotly's fig.show(): writes the page to a new file in $NEURON_TS_FIGURES (default: the
   * system's temporary folder, neuron-ts-figures/) and says where on stderr; with
   * NEURON_TS_OPEN=1 also opens it in the desktop's browser. Returns the file's path.
   */
  show(): string {
    const dir = process.env.NEURON_TS_FIGURES || path.join(builtin("node:os").tmpdir(), "neuron-ts-figures");
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new Error(`Figure.show: cannot create the folder ${JSON.stringify(dir)} ($NEURON_TS_FIGURES): ${(e as Error).message}`);
    }
    const file = this.write_html(path.join(dir, `figure-${process.pid}-${++shown}.html`));
    process.stderr.write(`figure: ${file}\n`);
    if (process.env.NEURON_TS_OPEN === "1") openInBrowser(file);
    return file;
  }
}

function openInBrowser(file: string): void {
  const cmd = process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
  try {
    builtin("node:child_process").spawn(cmd, [file], { detached: true, stdio: "ignore" }).on("error", () => {}).unref();
  } catch {
    // the path was printed; opening is a convenience
  }
}
