#!/usr/bin/env node
// npm run bench [-- --reps N] [-- --only name,name] [-- --quick] [-- --threads N] [-- --tstop ms] [-- --steady ms] [-- --json file]
//
// Builds and runs each model in neuron-ts and — when NEURON is installed
// (`apt-get install -y python3-neuron`) — the same model in NEURON (bench/models.py, with
// cvode.cache_efficient(1)), alternating the two, and prints medians, the ratio
// neuron-ts/NEURON, ns per compartment-step (cell-step for networks) and memory. Each run is a
// fresh process. The ratio is the number to watch: both sides share the machine's load. Both the
// wall-clock ratio and the CPU-time ratio are printed; on a loaded machine (other processes
// competing for the cores) the CPU-time ratio is the steadier one.
//
// The networks are also run on worker threads (`pc.nthread(N)`, N = --threads, default 2): the
// speed-up column is neuron-ts single-threaded wall time over neuron-ts on N threads, and the
// last column says whether every v and every spike time is bit-identical to the single-threaded
// run (and to NEURON). --tstop runs every model that long instead of 100 ms (steady state: less
// of the time is start-up, such as V8 optimising the JavaScript). The networks' speed-up is also
// measured over --steady ms of model time (default 1000; 0: not), one thread and N alternating:
// in a 100 ms run V8's optimising compiler, which a one-thread run leaves a core of its own, takes
// much of the second core. In the same turns, N copies of the one-thread run as N processes side
// by side measure what the machine itself gives N busy cores (its "machine" speed-up): no
// program's threads can share one run's work better than independent processes share nothing.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildModels } from "./build.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const quick = args.includes("--quick");
const reps = Number(opt("reps", quick ? 1 : 5));
const nthreads = Number(opt("threads", 2));
const only = opt("only", null)?.split(",");
const tstop = opt("tstop", null);
const steady = Number(opt("steady", quick ? 0 : 1000));
const childEnv = tstop ? { ...process.env, TSTOP: tstop } : process.env;

const MODELS = [
  ["hh_cable", 101], ["hh_cable", 1001], ["hh_cable", 10001],
  ["pas_cable", 101], ["pas_cable", 1001], ["pas_cable", 10001],
  ["hh_tree", 8], ["hh_tree1", 10],
  ["network", 10], ["network", 100],
].filter(([m, p]) => !only || only.includes(m) || only.includes(`${m}:${p}`))
  .filter(([, p]) => !quick || p !== 10001);

const bundle = await buildModels();
const python = "/usr/bin/python3";
const haveNeuron = existsSync(python) &&
  spawnSync(python, ["-c", "import neuron"], { stdio: "ignore" }).status === 0;
if (!haveNeuron) console.log("NEURON not installed (apt-get install -y python3-neuron): neuron-ts only\n");

// Each run writes its stdout and stderr to files: with pipes to this (Node) process, the small
// models ran slower than when started from a shell (pas_cable 101: 12-13 ms against 8.5-10 ms;
// NEURON's times do not change), an effect of the pipes, not of the model.
const outFile = path.join(tmpdir(), `neuron-ts-bench-${process.pid}.out`);
const errFile = path.join(tmpdir(), `neuron-ts-bench-${process.pid}.err`);
process.on("exit", () => {
  rmSync(outFile, { force: true });
  rmSync(errFile, { force: true });
});
function runOnce(cmd, argv, env = childEnv) {
  const out = openSync(outFile, "w"), err = openSync(errFile, "w");
  let r;
  try {
    r = spawnSync(cmd, argv, { cwd: root, env, stdio: ["ignore", out, err] });
  } finally {
    closeSync(out);
    closeSync(err);
  }
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(" ")} exited with ${r.status ?? r.signal}:\n${readFileSync(errFile, "utf8")}`);
  return lastJson(outFile);
}
const lastJson = (file) => JSON.parse(readFileSync(file, "utf8").trim().split("\n").filter((l) => l.startsWith("{")).pop());

/** n copies of one run at once, each a process of its own (what the machine gives n busy cores). */
async function runSideBySide(argv, env, n) {
  const runs = Array.from({ length: n }, (_, i) => {
    const file = (kind) => path.join(tmpdir(), `neuron-ts-bench-${process.pid}-${i}.${kind}`);
    const out = openSync(file("out"), "w"), err = openSync(file("err"), "w");
    const child = spawn(process.execPath, argv, { cwd: root, env, stdio: ["ignore", out, err] });
    return new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", (code, signal) => {
        closeSync(out);
        closeSync(err);
        try {
          if (code !== 0) throw new Error(`${argv.join(" ")} (side by side) exited with ${code ?? signal}:\n${readFileSync(file("err"), "utf8")}`);
          resolve(lastJson(file("out")));
        } catch (e) {
          reject(e);
        } finally {
          rmSync(file("out"), { force: true });
          rmSync(file("err"), { force: true });
        }
      });
    });
  });
  return Promise.all(runs);
}
const meanRun = (runs) => runs.reduce((a, x) => a + x.run_ms, 0) / runs.length;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x, d = 1) => (x === undefined || Number.isNaN(x) ? "-" : x.toFixed(d));
/** Same bits in every v (summed in a fixed order) and every spike time (summed in record order). */
const sameBits = (a, b) => a.v_sum === b.v_sum && a.spike_sum === b.spike_sum && a.v_probe === b.v_probe && a.spikes === b.spikes;

const rows = [], threadRows = [];
for (const [model, param] of MODELS) {
  const threaded = model === "network" && nthreads > 1;
  const ts = [], nrn = [], par = [], side = [];
  for (let r = 0; r < reps; r++) {
    ts.push(runOnce(process.execPath, [bundle, model, String(param)]));
    if (haveNeuron) nrn.push(runOnce(python, [path.join(root, "bench", "models.py"), model, String(param)]));
    if (threaded) {
      par.push(runOnce(process.execPath, [bundle, model, String(param), String(nthreads)]));
      side.push(meanRun(await runSideBySide([bundle, model, String(param)], childEnv, nthreads)));
    }
  }
  const m = (xs, k) => median(xs.map((x) => x[k]));
  const per = (x) => (x * 1e6) / (ts[0].steps * ts[0].compartments);
  const row = {
    model: `${model} ${param}`,
    ts: m(ts, "run_ms"), nrn: haveNeuron ? m(nrn, "run_ms") : NaN,
    tsCpu: m(ts, "cpu_ms"), nrnCpu: haveNeuron ? m(nrn, "cpu_ms") : NaN,
    build: m(ts, "build_ms"), buildNrn: haveNeuron ? m(nrn, "build_ms") : NaN,
    rss: m(ts, "rss_mb"), rssNrn: haveNeuron ? m(nrn, "rss_mb") : NaN,
    same: !haveNeuron ? "-" : ts.every((x) => sameBits(x, nrn[0])) ? "bit-identical"
      : `Δv ${Math.abs(ts[0].v_sum - nrn[0].v_sum).toExponential(1)}`,
    spikes: ts[0].spikes !== undefined ? `${ts[0].spikes}/${haveNeuron ? nrn[0].spikes : "-"}` : "",
  };
  row.ratio = row.ts / row.nrn;
  row.ratioCpu = row.tsCpu / row.nrnCpu;
  row.nsTs = per(row.ts);
  row.nsNrn = per(row.nrn);
  rows.push(row);
  console.error(`${row.model}: neuron-ts ${fmt(row.ts, 0)} ms, NEURON ${fmt(row.nrn, 0)} ms, ratio ${fmt(row.ratio, 2)} (cpu ${fmt(row.ratioCpu, 2)})`);
  if (threaded) {
    const tp = m(par, "run_ms");
    const tr = {
      model: `${model} ${param}`, threads: nthreads, ts1: row.ts, tsN: tp, speedup: row.ts / tp,
      ratio: tp / row.nrn, ns: per(tp), side: median(side), machine: (nthreads * row.ts) / median(side),
      same: par.every((x) => sameBits(x, ts[0])) ? `bit-identical${haveNeuron && sameBits(ts[0], nrn[0]) ? " (and to NEURON)" : ""}` : "DIFFERENT",
    };
    threadRows.push(tr);
    console.error(`${tr.model} on ${nthreads} threads: ${fmt(tp, 0)} ms, speed-up ${fmt(tr.speedup, 2)}, ${tr.same}`);
  }
}

// ---------------------------------------------------------------- threads in the steady state
const steadyRows = [];
if (threadRows.length && steady > Number(tstop ?? 100)) {
  const steadyEnv = { ...process.env, TSTOP: String(steady) };
  const runSteady = (argv) => runOnce(process.execPath, argv, steadyEnv);
  for (const tr of threadRows) {
    const [model, param] = tr.model.split(" ");
    const one = [], many = [], side = [];
    for (let r = 0; r < reps; r++) {
      one.push(runSteady([bundle, model, param]));
      many.push(runSteady([bundle, model, param, String(nthreads)]));
      // the machine's own limit: N one-thread runs at once take longer each than one alone
      // (shared caches and memory, the host), with nothing shared between them in neuron-ts
      side.push(meanRun(await runSideBySide([bundle, model, param], steadyEnv, nthreads)));
    }
    const t1 = median(one.map((x) => x.run_ms)), tN = median(many.map((x) => x.run_ms));
    const pairs = one.map((x, i) => x.run_ms / many[i].run_ms).sort((a, b) => a - b);
    const tSide = median(side);
    const sr = {
      model: tr.model, ts1: t1, tsN: tN, speedup: t1 / tN, low: pairs[0], high: pairs[pairs.length - 1],
      side: tSide, machine: (nthreads * t1) / tSide,
      same: many.every((x) => sameBits(x, one[0])) ? "bit-identical" : "DIFFERENT",
    };
    steadyRows.push(sr);
    console.error(`${sr.model}, ${steady} ms, on ${nthreads} threads: ${fmt(tN, 0)} ms against ${fmt(t1, 0)}, speed-up ${fmt(sr.speedup, 2)}; ${nthreads} one-thread runs side by side ${fmt(tSide, 0)} ms each (${fmt(sr.machine, 2)}x)`);
  }
}

// ---------------------------------------------------------------- start-up of `neuron-ts run`
const topologyPy = `from neuron import h
soma, papic, apic1, apic2, pb, db1, db2 = [h.Section(name=n) for n in ("soma", "proxApical", "apic1", "apic2", "proxBasal", "distBasal1", "distBasal2")]
papic.connect(soma); pb.connect(soma(0)); apic1.connect(papic); apic2.connect(papic); db1.connect(pb); db2.connect(pb)
h.topology()`;
const startup = [], startupNrn = [];
for (let r = 0; r < reps; r++) {
  let t0 = performance.now();
  spawnSync(process.execPath, [path.join(root, "bin", "neuron-ts.mjs"), "run", "examples/topology.ts"], { cwd: root, stdio: "ignore" });
  startup.push(performance.now() - t0);
  if (haveNeuron) {
    t0 = performance.now();
    spawnSync(python, ["-c", topologyPy], { cwd: root, stdio: "ignore" });
    startupNrn.push(performance.now() - t0);
  }
}

// ---------------------------------------------------------------- the tables
const print = (head, table) => {
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells) => "| " + cells.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
  console.log(line(head));
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const row of table) console.log(line(row));
};
console.log(`\nneuron-ts vs NEURON 8.2.2 (cache_efficient), single-threaded, ${tstop ?? 100} ms of model time, median of ${reps}; ns/step = per compartment-step (per cell-step for networks)\n`);
print(
  ["model", "neuron-ts ms", "NEURON ms", "ratio", "ratio (cpu)", "ns/step ts", "ns/step NEURON", "build ms ts/NEURON", "RSS MB ts/NEURON", "v and spikes", "spikes ts/NEURON"],
  rows.map((r) => [r.model, fmt(r.ts, 0), fmt(r.nrn, 0), fmt(r.ratio, 2), fmt(r.ratioCpu, 2), fmt(r.nsTs), fmt(r.nsNrn), `${fmt(r.build, 0)}/${fmt(r.buildNrn, 0)}`, `${fmt(r.rss, 0)}/${fmt(r.rssNrn, 0)}`, r.same, r.spikes]),
);
// the thread tables' machine columns, after their own
const machineNote = `machine: what ${nthreads} cores give ${nthreads} independent copies of the one-thread run, ${nthreads} × 1 thread ms / side-by-side ms`;
const machineHead = [`${nthreads} side by side ms`, "machine", "speed-up / machine"];
const machineCells = (r) => [fmt(r.side, 0), fmt(r.machine, 2), fmt(r.speedup / r.machine, 2)];
if (threadRows.length) {
  console.log(`\nneuron-ts on ${nthreads} worker threads (pc.nthread(${nthreads})), wall-clock; ${machineNote}\n`);
  print(
    ["model", "1 thread ms", `${nthreads} threads ms`, "speed-up", "ratio to NEURON", "ns/cell-step", ...machineHead, "v and spikes vs 1 thread"],
    threadRows.map((r) => [r.model, fmt(r.ts1, 0), fmt(r.tsN, 0), fmt(r.speedup, 2), fmt(r.ratio, 2), fmt(r.ns), ...machineCells(r), r.same]),
  );
}
if (steadyRows.length) {
  console.log(`\nthe same over ${steady} ms of model time (one thread, ${nthreads} threads, and ${nthreads} one-thread processes side by side, in turn; median of ${reps}; single pairs: lowest and highest speed-up; ${machineNote})\n`);
  print(
    ["model", "1 thread ms", `${nthreads} threads ms`, "speed-up", "single pairs", ...machineHead, "v and spikes vs 1 thread"],
    steadyRows.map((r) => [r.model, fmt(r.ts1, 0), fmt(r.tsN, 0), fmt(r.speedup, 2), `${fmt(r.low, 2)}-${fmt(r.high, 2)}`, ...machineCells(r), r.same]),
  );
}
const net = rows.find((r) => r.model.startsWith("network"));
if (net) console.log(`\nmodel build, 1000 cells (network ${net.model.split(" ")[1]}): neuron-ts ${fmt(net.build, 0)} ms, NEURON ${fmt(net.buildNrn, 0)} ms, ratio ${fmt(net.build / net.buildNrn, 2)}`);
console.log(`start-up, \`neuron-ts run examples/topology.ts\` (whole process): median ${fmt(median(startup), 0)} ms` +
  (haveNeuron ? `; the same script in python3 + NEURON: ${fmt(median(startupNrn), 0)} ms` : ""));
const jsonOut = opt("json", null);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ rows, threadRows, steadyRows, startup: median(startup), startupNrn: median(startupNrn) }, null, 1));
