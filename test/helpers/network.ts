// The network model of the tests that run one model two ways and compare the bits (the engines,
// the thread counts): one-compartment hh cells with an ExpSyn each, driven by NetStims through
// random NetCons, every cell's spikes recorded by a threshold detector (bench/models.ts's network,
// small). The random draws are a parameter: the same wiring with the benchmark's times, or coarser
// ones that give more spikes and more equal delivery times.
import type { H } from "../../stdlib/api.ts";

type AnyH = H & Record<string, any>;

/** A linear congruential generator: each call gives an integer in [0, n). */
export type Rnd = (n: number) => number;

export function lcg(seed: number): Rnd {
  let s = seed >>> 0;
  return (n: number) => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) % n;
}

/**
 * How the network's random values are drawn, in this order: each NetStim's start and interval,
 * then each NetCon's source, delay and weight.
 */
export interface NetworkDraws {
  start(rnd: Rnd): number;
  interval(rnd: Rnd): number;
  delay(rnd: Rnd): number;
  weight(rnd: Rnd): number;
}

/** The benchmark's draws (bench/models.ts). */
export const benchDraws: NetworkDraws = {
  start: (rnd) => rnd(1000) / 100,
  interval: (rnd) => 5 + rnd(1000) / 100,
  delay: (rnd) => 1 + rnd(100) / 100,
  weight: (rnd) => 0.0005 + rnd(100) / 100000,
};

export interface NetworkOptions {
  /** The generator's seed (default 12345). */
  seed?: number;
  draws?: NetworkDraws;
  /** If set, each cell's detector also reaches the next cell's synapse: delay 1.5 ms, this weight. */
  ring?: number;
  /** If set, every cell i with i % exp2Every === 0 gets an Exp2Syn (tau1 0.5, tau2 2) instead of the ExpSyn. */
  exp2Every?: number;
}

/**
 * Builds `ncell` cells (c0, c1, ...; L = diam = 20, hh, an ExpSyn with tau 2 at 0.5, or an Exp2Syn: exp2Every), `ncell`
 * NetStims and `nin` NetCons per cell from random NetStims, then a detector per cell recording into
 * `spikes` and `ids`. `keep` holds every object made.
 */
export function hhNetwork(h: AnyH, ncell: number, nin: number, opts: NetworkOptions = {}) {
  const rnd = lcg(opts.seed ?? 12345);
  const draws = opts.draws ?? benchDraws;
  const cells = Array.from({ length: ncell }, (_, i) => {
    const s = h.Section({ name: `c${i}` });
    s.L = s.diam = 20;
    s.insert("hh");
    if (opts.exp2Every !== undefined && i % opts.exp2Every === 0) {
      const syn = h.Exp2Syn(s(0.5));
      syn.tau1 = 0.5;
      syn.tau2 = 2;
      return { s, syn };
    }
    const syn = h.ExpSyn(s(0.5));
    syn.tau = 2;
    return { s, syn };
  });
  const stims = Array.from({ length: ncell }, () => {
    const ns = h.NetStim();
    ns.start = draws.start(rnd);
    ns.interval = draws.interval(rnd);
    ns.number = 1e9;
    return ns;
  });
  const keep: unknown[] = [cells, stims];
  for (let i = 0; i < ncell; i++) {
    for (let k = 0; k < nin; k++) {
      const nc = h.NetCon(stims[rnd(ncell)], cells[i]!.syn);
      nc.delay = draws.delay(rnd);
      nc.weight[0] = draws.weight(rnd);
      keep.push(nc);
    }
  }
  const spikes = h.Vector(), ids = h.Vector();
  const ring = opts.ring;
  cells.forEach((c, i) => {
    const d = h.NetCon(c.s(0.5)._ref_v, ring !== undefined ? cells[(i + 1) % ncell]!.syn : null, { sec: c.s });
    if (ring !== undefined) {
      d.delay = 1.5;
      d.weight[0] = ring;
    }
    d.record(spikes, ids, i);
    keep.push(d);
  });
  return { cells, spikes, ids, keep };
}
