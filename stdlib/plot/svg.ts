// A pyplot figure as a static SVG image, laid out like matplotlib's defaults (640×480, axes
// limits = data range plus 5% margins, outward ticks, legend in the upper right): d3-scale
// chooses the ticks and their labels, d3-shape writes the line paths.
import { scaleLinear } from "d3-scale";
import { line as d3line } from "d3-shape";
import type { Line, PltFigure } from "./pyplot.ts";

const W = 640, H = 480;
const M = { left: 80, right: 24, top: 48, bottom: 58 };
const FONT = `font-family="DejaVu Sans, Arial, sans-serif"`;
const DASH: Record<string, string> = { "--": "5.55,2.4", ":": "1.5,2.475", "-.": "9.6,2.4,1.5,2.4" };

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** matplotlib's autoscale: the finite data range widened by 5% each side (±1 if flat). */
function autoLimits(values: number[][]): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const vs of values) for (const v of vs) if (Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  if (lo > hi) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  const m = 0.05 * (hi - lo);
  return [lo - m, hi + m];
}

function n(x: number): string {
  return Number(x.toFixed(2)).toString();
}

export function renderSvg(f: PltFigure): string {
  const x0 = M.left, x1 = W - M.right, y0 = H - M.bottom, y1 = M.top;
  const xs = scaleLinear().domain(f.xlim ?? autoLimits(f.lines.map((l) => l.x))).range([x0, x1]);
  const ys = scaleLinear().domain(f.ylim ?? autoLimits(f.lines.map((l) => l.y))).range([y0, y1]);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<defs><clipPath id="axes"><rect x="${x0}" y="${y1}" width="${x1 - x0}" height="${y0 - y1}"/></clipPath></defs>`);
  const xt = xs.ticks(8), yt = ys.ticks(8);
  const xf = xs.tickFormat(8), yf = ys.tickFormat(8);
  if (f.grid) {
    for (const t of xt) out.push(`<line x1="${n(xs(t))}" y1="${y1}" x2="${n(xs(t))}" y2="${y0}" stroke="#b0b0b0" stroke-width="0.8"/>`);
    for (const t of yt) out.push(`<line x1="${x0}" y1="${n(ys(t))}" x2="${x1}" y2="${n(ys(t))}" stroke="#b0b0b0" stroke-width="0.8"/>`);
  }
  out.push(`<g clip-path="url(#axes)" fill="none" stroke-linejoin="round" stroke-linecap="square">`);
  for (const l of f.lines) out.push(lineSvg(l, xs, ys));
  out.push(`</g>`);
  out.push(`<rect x="${x0}" y="${y1}" width="${x1 - x0}" height="${y0 - y1}" fill="none" stroke="#000000" stroke-width="0.8"/>`);
  out.push(`<g ${FONT} font-size="10" fill="#000000">`);
  for (const t of xt) {
    const x = n(xs(t));
    out.push(`<line x1="${x}" y1="${y0}" x2="${x}" y2="${y0 + 3.5}" stroke="#000000" stroke-width="0.8"/><text x="${x}" y="${y0 + 16}" text-anchor="middle">${esc(xf(t))}</text>`);
  }
  for (const t of yt) {
    const y = n(ys(t));
    out.push(`<line x1="${x0}" y1="${y}" x2="${x0 - 3.5}" y2="${y}" stroke="#000000" stroke-width="0.8"/><text x="${x0 - 7}" y="${y}" dy="0.35em" text-anchor="end">${esc(yf(t))}</text>`);
  }
  out.push(`</g>`);
  if (f.xlabel) out.push(`<text ${FONT} font-size="12" x="${(x0 + x1) / 2}" y="${H - 16}" text-anchor="middle">${esc(f.xlabel)}</text>`);
  if (f.ylabel) out.push(`<text ${FONT} font-size="12" transform="translate(22 ${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle">${esc(f.ylabel)}</text>`);
  if (f.title) out.push(`<text ${FONT} font-size="14" x="${(x0 + x1) / 2}" y="${y1 - 12}" text-anchor="middle">${esc(f.title)}</text>`);
  if (f.legend) out.push(legendSvg(f.lines.filter((l) => l.label), x1));
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}

function lineSvg(l: Line, xs: (v: number) => number, ys: (v: number) => number): string {
  const pts = l.x.map((x, i) => [x, l.y[i]!] as [number, number]);
  const parts: string[] = [];
  if (l.linestyle !== "") {
    const d = d3line<[number, number]>()
      .defined(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
      .x(([x]) => xs(x))
      .y(([, y]) => ys(y))
      .digits(2)(pts);
    const dash = DASH[l.linestyle] ? ` stroke-dasharray="${DASH[l.linestyle]}"` : "";
    parts.push(`<path d="${d ?? ""}" stroke="${esc(l.color)}" stroke-width="${l.linewidth * 1.333}"${dash}/>`);
  }
  if (l.marker) {
    for (const [x, y] of pts) {
      if (Number.isFinite(x) && Number.isFinite(y)) parts.push(`<circle cx="${n(xs(x))}" cy="${n(ys(y))}" r="3" fill="${esc(l.color)}"/>`);
    }
  }
  return parts.join("\n");
}

function legendSvg(lines: Line[], right: number): string {
  if (!lines.length) return "";
  const rowH = 18, w = 40 + 6.5 * Math.max(...lines.map((l) => l.label.length)), h = 8 + rowH * lines.length;
  const x = right - 10 - w, y = M.top + 10;
  const out = [`<g ${FONT} font-size="10"><rect x="${n(x)}" y="${y}" width="${n(w)}" height="${h}" rx="3" fill="#ffffff" fill-opacity="0.8" stroke="#cccccc"/>`];
  lines.forEach((l, i) => {
    const cy = y + 4 + rowH * i + rowH / 2;
    const dash = DASH[l.linestyle] ? ` stroke-dasharray="${DASH[l.linestyle]}"` : "";
    if (l.linestyle !== "") out.push(`<line x1="${n(x + 8)}" y1="${cy}" x2="${n(x + 30)}" y2="${cy}" stroke="${esc(l.color)}" stroke-width="${l.linewidth * 1.333}"${dash}/>`);
    if (l.marker) out.push(`<circle cx="${n(x + 19)}" cy="${cy}" r="3" fill="${esc(l.color)}"/>`);
    out.push(`<text x="${n(x + 36)}" y="${cy}" dy="0.35em">${esc(l.label)}</text>`);
  });
  out.push(`</g>`);
  return out.join("\n");
}
