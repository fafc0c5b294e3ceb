// neuron-ts side of the benchmarks: builds and runs one model, prints one JSON line.
// The same models, parameter for parameter, are in bench/models.py (NEURON).
//   node bench/.build/models.mjs <model> [param] [threads]   (bench/run.mjs bundles this file)
// TSTOP=<ms> in the environment runs that long instead of the model's 100 ms.
// SCHEDULE=lockstep: the threads' schedule (pc.threadSchedule), for comparisons.
import { h } from "neuron-ts";
import type { Section } from "neuron-ts";

type AnyH = typeof h & Record<string, any>;
const H = h as AnyH;

/** The same 32-bit generator as bench/models.py, so both sides build the same network. */
class Lcg {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (Math.imul(this.s, 1664525) + 1013904223) >>> 0;
    return this.s;
  }
  below(n: number): number {
    return this.next() % n;
  }
}

interface Built {
  keep: unknown;
  compartments: number;
  tstop: number;
  probe: () => number;
  spikes?: { size(): number; as_numpy(): Float64Array };
}

function cable(mech: string, nseg: number): Built {
  const s = h.Section({ name: "cable" });
  s.L = 10000;
  s.diam = 1;
  s.nseg = nseg;
  s.insert(mech);
  if (mech === "pas") {
    s.g_pas = 1e-4;
    s.e_pas = -65;
  }
  const ic = h.IClamp(s(0));
  ic.delay = 1;
  ic.dur = 1e9;
  ic.amp = 0.5;
  return { keep: [s, ic], compartments: nseg, tstop: 100, probe: () => s(0.5).v };
}

function tree(depth: number, nseg = 5): Built {
  const secs: Section[] = [];
  const grow = (parent: Section | null, d: number) => {
    const sec = h.Section({ name: `b${secs.length}` });
    secs.push(sec);
    sec.L = 200 / (1 + d);
    sec.diam = 4 / (1 + d);
    sec.nseg = nseg;
    sec.insert("hh");
    if (parent) sec.connect(parent(1));
    if (d < depth) {
      grow(sec, d + 1);
      grow(sec, d + 1);
    }
  };
  grow(null, 0);
  const ic = h.IClamp(secs[0]!(0.5));
  ic.delay = 1;
  ic.dur = 1e9;
  ic.amp = 2;
  const last = secs[secs.length - 1]!;
  return { keep: [secs, ic], compartments: nseg * secs.length, tstop: 100, probe: () => last(0.5).v };
}

function network(ncell: number, nin: number): Built {
  const rng = new Lcg(12345);
  const cells = Array.from({ length: ncell }, (_, i) => {
    const s = h.Section({ name: `c${i}` });
    s.L = s.diam = 20;
    s.insert("hh");
    const syn = H.ExpSyn(s(0.5));
    syn.tau = 2;
    return { s, syn };
  });
  const stims = Array.from({ length: ncell }, () => {
    const ns = H.NetStim();
    ns.start = rng.below(1000) / 100.0;
    ns.interval = 5 + rng.below(1000) / 100.0;
    ns.number = 1e9;
    return ns;
  });
  const ncs = [];
  for (let i = 0; i < ncell; i++) {
    for (let k = 0; k < nin; k++) {
      const nc = h.NetCon(stims[rng.below(ncell)], cells[i]!.syn);
      nc.delay = 1 + rng.below(100) / 100.0;
      nc.weight[0] = 0.0005 + rng.below(100) / 100000.0;
      ncs.push(nc);
    }
  }
  const spikes = h.Vector();
  const dets = cells.map((c) => {
    const d = h.NetCon(c.s(0.5)._ref_v, null, { sec: c.s });
    d.record(spikes);
    return d;
  });
  return { keep: [cells, stims, ncs, dets], compartments: ncell, tstop: 100, probe: () => cells[0]!.s(0.5).v, spikes };
}

function build(model: string, param: number): Built {
  switch (model) {
    case "hh_cable":
      return cable("hh", param);
    case "pas_cable":
      return cable("pas", param);
    case "hh_tree":
      return tree(param);
    case "hh_tree1":
      // single-segment sections (morphologies read from SWC files often have many)
      return tree(param, 1);
    case "network":
      return network(1000, param);
  }
  throw new Error(`unknown model ${model}`);
}

const [model, param] = [process.argv[2]!, Number(process.argv[3])];
const threads = Number(process.argv[4] ?? 1);
const t0 = performance.now();
const m = build(model, param);
const pc = threads > 1 ? H.ParallelContext() : null;
if (pc) {
  pc.nthread(threads);
  // SCHEDULE=lockstep forces a spike exchange every step (results are the same)
  if (process.env.SCHEDULE) pc.threadSchedule(process.env.SCHEDULE as "auto" | "lockstep");
}
const t1 = performance.now();
h.finitialize(-65);
const t2 = performance.now();
const c2 = process.cpuUsage();
h.continuerun(Number(process.env.TSTOP ?? m.tstop));
const c3 = process.cpuUsage(c2);
const t3 = performance.now();
// Checksums in a fixed order (sections in creation order, segments by x; spikes as recorded), the
// same sums as bench/models.py: equal bits mean every v and spike time agrees.
let vSum = 0;
for (const sec of h.allsec()) for (const seg of sec) vSum += seg.v;
let spikeSum = 0;
if (m.spikes) for (const x of m.spikes.as_numpy()) spikeSum += x;
const out: Record<string, number> = {
  build_ms: t1 - t0,
  run_ms: t3 - t2,
  cpu_ms: (c3.user + c3.system) / 1000,
  v_sum: vSum,
  spike_sum: spikeSum,
  steps: Math.round(h.t / h.dt),
  compartments: m.compartments,
  v_probe: m.probe(),
  rss_mb: process.memoryUsage().rss / 2 ** 20,
};
if (m.spikes) out.spikes = m.spikes.size();
if (pc) {
  out.threads = threads;
  const why = pc.threadBlocker();
  if (why) process.stderr.write(`not on threads: ${why}\n`);
}
console.log(JSON.stringify(out));
