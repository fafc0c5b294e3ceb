#!/usr/bin/env node
// npm run bench [-- --reps N] [-- --only name,name] [-- --quick]
//
// Builds and runs each model in neuron-ts and — when NEURON is installed
// (`apt-get install -y python3-neuron`) — the same model in NEURON (bench/models.py, with
// cvode.cache_efficient(1)), alternating the two, and prints medians, the ratio
// neuron-ts/NEURON, ns per compartment-step (cell-step for networks) and memory. Each run is a
// fresh process. The ratio is the number to watch: both sides share the machine's load.
import { build } from "esbuild";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const reps = Number(opt("reps", args.includes("--quick") ? 1 : 3));
const only = opt("only", null)?.split(",");

const MODELS = [
  ["hh_cable", 101], ["hh_cable", 1001], ["hh_cable", 10001],
  ["pas_cable", 101], ["pas_cable", 1001], ["pas_cable", 10001],
  ["hh_tree", 8],
  ["network", 10], ["network", 100],
].filter(([m, p]) => !only || only.includes(m) || only.includes(`${m}:${p}`))
  .filter(([m, p]) => !args.includes("--quick") || !(p === 10001));

// ---------------------------------------------------------------- the neuron-ts side, bundled
const outDir = path.join(root, "bench", ".build");
mkdirSync(outDir, { recursive: true });
const bundle = path.join(outDir, "models.mjs");
await build({
  entryPoints: [path.join(root, "bench", "models.ts")],
  outfile: bundle,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "error",
  alias: { "neuron-ts": path.join(root, "stdlib", "index.ts") },
});

const python = "/usr/bin/python3";
const haveNeuron = existsSync(python) &&
  spawnSync(python, ["-c", "import neuron"], { stdio: "ignore" }).status === 0;
if (!haveNeuron) console.log("NEURON not installed (apt-get install -y python3-neuron): neuron-ts only\n");

function runOnce(cmd, argv) {
  const out = execFileSync(cmd, argv, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 1 << 24 });
  const line = out.trim().split("\n").filter((l) => l.startsWith("{")).pop();
  return JSON.parse(line);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x, d = 1) => (x === undefined || Number.isNaN(x) ? "-" : x.toFixed(d));

const rows = [];
for (const [model, param] of MODELS) {
  const ts = [], nrn = [];
  for (let r = 0; r < reps; r++) {
    ts.push(runOnce(process.execPath, [bundle, model, String(param)]));
    if (haveNeuron) nrn.push(runOnce(python, [path.join(root, "bench", "models.py"), model, String(param)]));
  }
  const t = median(ts.map((x) => x.run_ms));
  const n = haveNeuron ? median(nrn.map((x) => x.run_ms)) : NaN;
  const per = (x) => (x * 1e6) / (ts[0].steps * ts[0].compartments);
  rows.push({
    model: `${model} ${param}`,
    ts: t, nrn: n, ratio: t / n,
    nsTs: per(t), nsNrn: per(n),
    build: median(ts.map((x) => x.build_ms)), buildNrn: haveNeuron ? median(nrn.map((x) => x.build_ms)) : NaN,
    rss: median(ts.map((x) => x.rss_mb)), rssNrn: haveNeuron ? median(nrn.map((x) => x.rss_mb)) : NaN,
    same: haveNeuron ? (ts[0].v_probe === nrn[0].v_probe ? "bit-identical" : `Δ ${Math.abs(ts[0].v_probe - nrn[0].v_probe).toExponential(1)}`) : "-",
    spikes: ts[0].spikes !== undefined ? `${ts[0].spikes}/${haveNeuron ? nrn[0].spikes : "-"}` : "",
  });
  const last = rows[rows.length - 1];
  console.error(`${last.model}: neuron-ts ${fmt(last.ts, 0)} ms, NEURON ${fmt(last.nrn, 0)} ms, ratio ${fmt(last.ratio, 2)}`);
}

// ---------------------------------------------------------------- start-up of `neuron-ts run`
const startup = [];
for (let r = 0; r < reps; r++) {
  const t0 = performance.now();
  spawnSync(process.execPath, [path.join(root, "bin", "neuron-ts.mjs"), "run", "examples/topology.ts"], { cwd: root, stdio: "ignore" });
  startup.push(performance.now() - t0);
}

console.log(`\nneuron-ts vs NEURON 8.2.2 (cache_efficient), median of ${reps}; per step = per compartment-step (per cell-step for networks)\n`);
const head = ["model", "neuron-ts ms", "NEURON ms", "ratio", "ns/step ts", "ns/step NEURON", "build ms ts/NEURON", "RSS MB ts/NEURON", "probe v", "spikes ts/NEURON"];
const table = rows.map((r) => [r.model, fmt(r.ts, 0), fmt(r.nrn, 0), fmt(r.ratio, 2), fmt(r.nsTs), fmt(r.nsNrn), `${fmt(r.build, 0)}/${fmt(r.buildNrn, 0)}`, `${fmt(r.rss, 0)}/${fmt(r.rssNrn, 0)}`, r.same, r.spikes]);
const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => "| " + cells.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
console.log(line(head));
console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
for (const row of table) console.log(line(row));
console.log(`\n\`neuron-ts run examples/topology.ts\` start-up (whole process): median ${fmt(median(startup), 0)} ms`);
