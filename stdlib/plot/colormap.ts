// matplotlib colormaps as NEURON uses them: cmap(i) for an integer i in 0..255 gives matplotlib's
// lookup-table entry [r, g, b, a], and NEURON turns it into "#rrggbb" with int(255 * c) per
// channel (truncation). The tables are rebuilt from matplotlib's own definitions
// (assets/colormap-data.ts) with matplotlib's arithmetic, so every entry is the same double.
import { LISTED, SEGMENTED } from "./assets/colormap-data.ts";

export type RGBA = [number, number, number, number];

/** A colormap: callable with a lookup-table index, like matplotlib's cmap(i). */
export interface Colormap {
  (i: number): RGBA;
  readonly name: string;
  /** Number of lookup-table entries (256). */
  readonly N: number;
}

const N = 256;

/**
 * matplotlib.colors._create_lookup_table(N, data) for (x, y0, y1) rows, gamma 1:
 * xind = (N-1) * linspace(0, 1, N), ind = searchsorted(x * (N-1), xind) (side left),
 * lut = distance * (y0[ind] - y1[ind-1]) + y1[ind-1], ends y1[0] and y0[-1], clipped to [0, 1].
 */
function segmentLut(rows: readonly number[][]): Float64Array {
  const x = rows.map((r) => r[0]! * (N - 1));
  const y0 = rows.map((r) => r[1]!);
  const y1 = rows.map((r) => r[2]!);
  const lut = new Float64Array(N);
  lut[0] = y1[0]!;
  lut[N - 1] = y0[y0.length - 1]!;
  const step = 1 / (N - 1); // numpy.linspace: arange(N) * step + start, last = stop
  for (let i = 1; i < N - 1; i++) {
    const xind = (N - 1) * (i * step);
    let ind = 0;
    while (ind < x.length && x[ind]! < xind) ind++;
    const distance = (xind - x[ind - 1]!) / (x[ind]! - x[ind - 1]!);
    lut[i] = distance * (y0[ind]! - y1[ind - 1]!) + y1[ind - 1]!;
  }
  for (let i = 0; i < N; i++) lut[i] = Math.min(Math.max(lut[i]!, 0), 1);
  return lut;
}

function makeColormap(name: string, table: (i: number) => RGBA): Colormap {
  const f = ((i: number): RGBA => {
    if (!Number.isInteger(i) || i < 0 || i >= N) {
      throw new Error(`cm.${name}(${String(i)}): the index must be an integer in 0..${N - 1}`);
    }
    return table(i);
  }) as Colormap;
  Object.defineProperty(f, "name", { value: name });
  Object.defineProperty(f, "N", { value: N });
  Object.defineProperty(f, "toString", { value: () => `<colormap ${name}>` });
  return f;
}

const cache = new Map<string, Colormap>();

/** The names of the colormaps neuron-ts has (matplotlib's names). */
export const COLORMAP_NAMES: readonly string[] = [...Object.keys(SEGMENTED), ...Object.keys(LISTED)].sort();

/** A colormap by matplotlib name; a clear error for names it does not have. */
export function colormap(name: string): Colormap {
  const hit = cache.get(name);
  if (hit) return hit;
  let cmap: Colormap;
  if (Object.hasOwn(SEGMENTED, name)) {
    const d = SEGMENTED[name]!;
    const r = segmentLut(d.red), g = segmentLut(d.green), b = segmentLut(d.blue);
    cmap = makeColormap(name, (i) => [r[i]!, g[i]!, b[i]!, 1]);
  } else if (Object.hasOwn(LISTED, name)) {
    const rows = LISTED[name]!;
    cmap = makeColormap(name, (i) => [rows[i]![0]!, rows[i]![1]!, rows[i]![2]!, 1]);
  } else {
    throw new Error(`colormap ${JSON.stringify(name)} does not exist; neuron-ts has ${COLORMAP_NAMES.join(", ")}`);
  }
  cache.set(name, cmap);
  return cmap;
}

/** NEURON's color_to_hex: "#" + two hex digits of int(255 * c) for r, g, b (alpha ignored). */
export function colorToHex(rgba: readonly number[]): string {
  return "#" + rgba.slice(0, 3).map((c) => Math.trunc(255 * c).toString(16).padStart(2, "0")).join("");
}

/** Property names that tools probe on any object (inspection, promises, test matchers). */
const PROBES = new Set(["then", "toJSON", "constructor", "asymmetricMatch", "$$typeof", "nodeType", "toString", "valueOf", "inspect"]);

export type ColormapNamespace = { readonly [name: string]: Colormap } & {
  readonly cool: Colormap; readonly viridis: Colormap; readonly plasma: Colormap; readonly inferno: Colormap;
  readonly magma: Colormap; readonly cividis: Colormap; readonly hot: Colormap; readonly jet: Colormap;
  readonly gray: Colormap; readonly autumn: Colormap; readonly spring: Colormap; readonly summer: Colormap;
  readonly winter: Colormap; readonly bone: Colormap; readonly copper: Colormap; readonly pink: Colormap;
  readonly binary: Colormap; readonly coolwarm: Colormap; readonly hsv: Colormap; readonly nipy_spectral: Colormap;
};

/** `cm`, as matplotlib's `from matplotlib import cm`: cm.cool, cm.viridis; cm.nosuch is an error. */
export const cm: ColormapNamespace = new Proxy(Object.create(null) as ColormapNamespace, {
  get(_t, prop) {
    if (typeof prop !== "string" || PROBES.has(prop)) return undefined;
    try {
      return colormap(prop);
    } catch {
      throw new Error(`cm.${prop}: no colormap named ${JSON.stringify(prop)}; neuron-ts has ${COLORMAP_NAMES.join(", ")}`);
    }
  },
  has: (_t, prop) => typeof prop === "string" && COLORMAP_NAMES.includes(prop),
  ownKeys: () => [...COLORMAP_NAMES],
  getOwnPropertyDescriptor: (_t, prop) =>
    typeof prop === "string" && COLORMAP_NAMES.includes(prop)
      ? { value: colormap(prop), enumerable: true, configurable: true, writable: false }
      : undefined,
});

/** A `cmap` option: a Colormap, a colormap name, or a function of the index giving [r, g, b, a?]. */
export function toColormap(what: string, cmap: unknown): Colormap {
  if (typeof cmap === "string") {
    try {
      return colormap(cmap);
    } catch (e) {
      throw new Error(`${what}: ${(e as Error).message}`);
    }
  }
  if (typeof cmap === "function") {
    if ((cmap as Partial<Colormap>).N === N) return cmap as Colormap;
    const user = cmap as (i: number) => unknown;
    return makeColormap((cmap as { name?: string }).name || "custom", (i) => {
      const c = user(i);
      if (!Array.isArray(c) || c.length < 3 || c.slice(0, 3).some((v) => typeof v !== "number" || !(v >= 0 && v <= 1))) {
        throw new Error(`${what}: the colormap function must return [r, g, b] or [r, g, b, a] with values in [0, 1]; for ${i} it returned ${JSON.stringify(c)}`);
      }
      return [c[0], c[1], c[2], c[3] ?? 1] as RGBA;
    });
  }
  throw new Error(`${what}: cmap must be a colormap (cm.cool, cm.viridis, ...) or a colormap name, got ${String(cmap)}`);
}
