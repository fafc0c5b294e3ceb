// The self-contained HTML page of a figure: plotly.js (npm package plotly.js-dist-min) is inlined,
// so the page needs no network, as plotly.py's write_html(include_plotlyjs=True).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

let plotlyJs: string | null = null;

/** The text of plotly.min.js, read once. */
export function plotlySource(): string {
  if (plotlyJs === null) {
    let file: string;
    try {
      file = createRequire(import.meta.url).resolve("plotly.js-dist-min");
    } catch {
      throw new Error("neuron-ts/plot: cannot find plotly.js (the npm package plotly.js-dist-min, a dependency of neuron-ts); reinstall neuron-ts's dependencies with npm install");
    }
    // "</script" cannot occur inside an inline script; plotly.min.js has none, this keeps it so.
    plotlyJs = readFileSync(file, "utf8").replace(/<\/script/gi, "<\\/script");
  }
  return plotlyJs;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** The page for a figure given as plotly JSON ({"data": [...], "layout": {...}}). */
export function htmlPage(figureJson: string, title: string): string {
  // "<" in the JSON could close the script element; as \u003c it is the same JSON string.
  const json = figureJson.replace(/</g, "\\u003c");
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>html, body { margin: 0; height: 100%; } #figure { width: 100%; height: 100%; }</style>
</head>
<body>
<div id="figure"></div>
<script>${plotlySource()}</script>
<script>
(function () {
  var fig = ${json};
  Plotly.newPlot("figure", fig.data, fig.layout, { responsive: true, displaylogo: false });
})();
</script>
</body>
</html>
`;
}
