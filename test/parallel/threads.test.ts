// pc.nthread(n) (runtime/parallel.ts) must give exactly the single-threaded results: every
// model below runs on 1 thread and on 2 or 3, and every v, state, synapse conductance, recorded
// value and spike time is compared with tolerance 0. The schedules (run-ahead, lockstep), the
// fallback to one thread and the main thread's help with a worker's exp are exercised.
import { describe, expect, it } from "vitest";
import { createH } from "../../stdlib/h.ts";
import { Context } from "../../stdlib/context.ts";
import "../../stdlib/section.ts";
import type { H } from "../../stdlib/api.ts";
import { bits } from "../helpers/compare.ts";
import { benchDraws, hhNetwork, lcg } from "../helpers/network.ts";
import { segmentStates } from "../helpers/cells.ts";

type AnyH = H & Record<string, any>;

/** Every segment's v and hh states, then `extra`. */
const state = (h: AnyH, extra: number[] = []): number[] => [...segmentStates(h, false), ...extra];

/**
 * Builds with `build`, sets the threads (and schedule), runs `run`; returns what run returns, the
 * schedule the (last) run used and why it could not use threads, if so.
 */
function runWith<T>(threads: number, build: (h: AnyH) => (h: AnyH) => T, schedule: "auto" | "lockstep" = "auto"): { result: T; schedule: string | null; blocker: string | null } {
  const h = createH() as AnyH;
  h.load_file("stdrun.hoc");
  const go = build(h);
  const pc = h.ParallelContext();
  pc.nthread(threads);
  pc.threadSchedule(schedule);
  const result = go(h);
  const out = { result, schedule: pc.threadSchedule(), blocker: pc.threadBlocker() };
  pc.nthread(1);
  return out;
}

/** The tests' network (test/helpers/network.ts, the benchmark's draws), optionally a ring. */
function network(ncell: number, nin: number, opts: { ring?: boolean; record?: boolean; seed?: number; tstop?: number; exp2Every?: number } = {}) {
  return (h: AnyH) => {
    const { cells, spikes, ids, keep } = hhNetwork(h, ncell, nin, { seed: opts.seed, ring: opts.ring ? 0.02 : undefined, exp2Every: opts.exp2Every });
    const recs: any[] = [];
    if (opts.record) {
      for (const i of [0, 7, ncell - 1]) {
        const v = h.Vector();
        v.record(cells[i]!.s(0.5)._ref_v);
        const g = h.Vector();
        g.record(cells[i]!.syn._ref_g);
        recs.push(v, g);
      }
    }
    return (h: AnyH) => {
      h.finitialize(-65);
      h.continuerun(opts.tstop ?? 30);
      const exp2 = cells.flatMap((c) => ("A" in c.syn ? [c.syn.A, c.syn.B] : []));
      return state(h, [...spikes.to_python(), ...ids.to_python(), ...cells.map((c) => c.syn.g), ...exp2, ...recs.flatMap((r) => r.to_python()), keep.length]);
    };
  };
}

describe("threads give the single-threaded results bit for bit", () => {
  it("a network whose spikes are only recorded: run-ahead on 2 and 3 threads", () => {
    const one = runWith(1, network(120, 8)).result;
    const two = runWith(2, network(120, 8));
    expect(two.blocker).toBe(null);
    expect(two.schedule).toBe("run-ahead");
    expect(bits(two.result)).toEqual(bits(one));
    const three = runWith(3, network(120, 8));
    expect(bits(three.result)).toEqual(bits(one));
  });

  it("Exp2Syn targets on every third cell (their WebAssembly NET_RECEIVE applied by the thread that owns the cell): run-ahead and a ring in lockstep", () => {
    for (const ring of [false, true]) {
      const opts = { exp2Every: 3, ring, tstop: 40 };
      const one = runWith(1, network(90, 8, opts)).result;
      const two = runWith(2, network(90, 8, opts));
      expect(two.blocker).toBe(null);
      expect(two.schedule).toBe(ring ? "lockstep" : "run-ahead");
      expect(bits(two.result)).toEqual(bits(one));
    }
  });

  it("the same network, spikes exchanged every step (lockstep forced)", () => {
    const one = runWith(1, network(120, 8)).result;
    const two = runWith(2, network(120, 8), "lockstep");
    expect(two.schedule).toBe("lockstep");
    expect(bits(two.result)).toEqual(bits(one));
  });

  it("a ring network (cells' spikes reach other cells) and recorded variables: lockstep", () => {
    for (const record of [false, true]) {
      const one = runWith(1, network(60, 4, { ring: true, record, seed: 7 })).result;
      const two = runWith(2, network(60, 4, { ring: true, record, seed: 7 }));
      expect(two.blocker).toBe(null);
      expect(two.schedule).toBe("lockstep");
      expect(bits(two.result)).toEqual(bits(one));
    }
  });

  it("branched cells of different shapes, IClamps on roots and far ends", () => {
    const build = (h: AnyH) => {
      const keep: unknown[] = [];
      for (let c = 0; c < 16; c++) {
        const soma = h.Section({ name: `soma${c}` });
        soma.L = soma.diam = 15;
        soma.insert("hh");
        const dends = [0.3, 1, 1, 0.7].slice(0, 1 + (c % 4)).map((x, j) => {
          const d = h.Section({ name: `d${c}_${j}` });
          d.nseg = 1 + ((c + j) % 5);
          d.L = 120;
          d.diam = 1;
          d.insert(j % 2 ? "pas" : "hh");
          d.connect(soma(x));
          return d;
        });
        const ic = h.IClamp(c % 2 ? soma(0) : dends[dends.length - 1]!(1));
        ic.delay = 1 + (c % 3);
        ic.dur = 5;
        ic.amp = 0.3 + 0.02 * c;
        keep.push(soma, dends, ic);
      }
      return (h: AnyH) => {
        h.finitialize(-65);
        h.continuerun(15);
        return state(h, [keep.length]);
      };
    };
    const one = runWith(1, build).result;
    const two = runWith(2, build);
    expect(two.blocker).toBe(null);
    expect(bits(two.result)).toEqual(bits(one));
  });

  it("runs continued, nthread changed between runs, finitialize again", () => {
    const build = (h: AnyH) => {
      const run = network(80, 6)(h);
      void run;
      return (h: AnyH) => {
        const pc = h.ParallelContext();
        h.finitialize(-65);
        h.continuerun(10);
        const a = state(h);
        pc.nthread(pc.nthread() > 1 ? 1 : 2);
        h.continuerun(20);
        const b = state(h);
        h.finitialize(-65);
        h.continuerun(5);
        return [...a, ...b, ...state(h)];
      };
    };
    expect(bits(runWith(2, build).result)).toEqual(bits(runWith(1, build).result));
  });

  for (const ring of [false, true]) it(`continuerun in short pieces (the run's tables kept between pieces), NetCons added between them${ring ? ", spikes reaching cells (lockstep)" : ""}`, () => {
    const build = (h: AnyH) => {
      const { cells, spikes, ids, keep } = hhNetwork(h, 60, 5, { seed: 3, ring: ring ? 0.02 : undefined });
      return (h: AnyH) => {
        h.finitialize(-65);
        for (let t = 0.5; t <= 6; t += 0.5) h.continuerun(t);
        const a = state(h);
        // a new NetCon changes the tables: the next piece must deliver its events too
        const ns = h.NetStim();
        ns.start = h.t;
        ns.interval = 1.3;
        ns.number = 5;
        const nc = h.NetCon(ns, cells[41]!.syn);
        nc.delay = 0.4;
        nc.weight[0] = 0.01;
        for (let t = 6.25; t <= 12; t += 0.25) h.continuerun(t);
        return [...a, ...state(h, [...spikes.to_python(), ...ids.to_python(), ...cells.map((c) => c.syn.g), keep.length])];
      };
    };
    const one = runWith(1, build).result;
    const two = runWith(2, build);
    expect(two.blocker).toBe(null);
    expect(two.schedule).toBe(ring ? "lockstep" : "run-ahead");
    expect(bits(two.result)).toEqual(bits(one));
  });

  // The threads' deliveries carry a copy of each NetCon's weight 0 (the queue's NetCon records,
  // Simulator.idsReady, which one thread uses too: test/perf/engines.test.ts checks them against
  // the JavaScript engine): every way of writing weights between runs must reach it.
  const weightChanges: Array<[string, number, (h: AnyH, inputs: AnyH[]) => void]> = [
    ["weights changed between runs reach the threads' deliveries (a run carries the weights as they are at its start)", 5, (h, inputs) => {
      h.continuerun(4);
      for (let k = 0; k < inputs.length; k += 2) inputs[k]!.weight[0] *= 4;
      h.continuerun(8);
      for (let k = 1; k < inputs.length; k += 3) inputs[k]!.weight[0] = 0;
      h.continuerun(14);
    }],
    ["weights restored by SaveState between runs reach the threads' deliveries (a run copies again after any write)", 7, (h, inputs) => {
      const ss = h.SaveState();
      ss.save();
      for (let k = 0; k < inputs.length; k += 2) inputs[k]!.weight[0] *= 5;
      h.continuerun(5);
      ss.restore();
      h.continuerun(10);
    }],
  ];
  for (const [what, seed, between] of weightChanges) it(what, () => {
    const build = (h: AnyH) => {
      const { cells, spikes, ids, keep } = hhNetwork(h, 60, 5, { seed });
      const inputs = keep.slice(2, 2 + 60 * 5) as AnyH[];
      return (h: AnyH) => {
        h.finitialize(-65);
        between(h, inputs);
        return state(h, [...spikes.to_python(), ...ids.to_python(), ...cells.map((c) => c.syn.g)]);
      };
    };
    const one = runWith(1, build).result;
    const two = runWith(2, build);
    expect(two.blocker).toBe(null);
    expect(bits(two.result)).toEqual(bits(one));
  });

  it("NetCons into artificial cells first, then into the cells' synapses: each delivery reaches its own target's part", () => {
    // The NetCon table numbers target mechanisms in order of first use: here IntFire1 is 0 and
    // ExpSyn 1, so a delivery that looked up its target by the wrong mechanism would land in the
    // wrong part, or in no part at all.
    const build = (h: AnyH) => {
      const rnd = lcg(11);
      const fires = Array.from({ length: 4 }, () => h.IntFire1());
      const early = h.NetStim();
      early.start = 0.3;
      early.interval = 0.7;
      early.number = 40;
      const toFire = fires.map((f, i) => {
        const nc = h.NetCon(early, f);
        nc.delay = 0.5 + 0.25 * i;
        nc.weight[0] = 0.6;
        return nc;
      });
      const { cells, spikes, ids, keep } = hhNetwork(h, 80, 6, { seed: 5 });
      // the artificial cells' spikes also reach synapses on cells of every part
      const fromFire = fires.flatMap((f) => Array.from({ length: 10 }, () => {
        const nc = h.NetCon(f, cells[rnd(cells.length)]!.syn);
        nc.delay = 1 + rnd(50) / 100;
        nc.weight[0] = 0.004;
        return nc;
      }));
      return (h: AnyH) => {
        h.finitialize(-65);
        h.continuerun(25);
        return state(h, [...spikes.to_python(), ...ids.to_python(), ...cells.map((c) => c.syn.g), ...fires.map((f) => f.m), toFire.length + fromFire.length + keep.length]);
      };
    };
    const one = runWith(1, build).result;
    const two = runWith(2, build);
    expect(two.blocker).toBe(null);
    expect(two.schedule).toBe("run-ahead");
    expect(bits(two.result)).toEqual(bits(one));
    const three = runWith(3, build);
    expect(bits(three.result)).toEqual(bits(one));
  });

  it("exp arguments beyond libm's main path in a worker's part (the main thread finishes them)", () => {
    const build = (h: AnyH) => {
      const cells = Array.from({ length: 40 }, (_, i) => {
        const s = h.Section({ name: `c${i}` });
        s.insert("hh");
        return s;
      });
      h.dt = 130; // |dt / tau| reaches [512, 700] for some gates: libm's kernel leaves those
      return (h: AnyH) => {
        h.finitialize(-65);
        h.continuerun(130 * 6);
        return state(h, [cells.length]);
      };
    };
    const one = runWith(1, build).result;
    const two = runWith(2, build);
    expect(two.blocker).toBe(null);
    expect(bits(two.result)).toEqual(bits(one));
  });

  it("a model threads cannot run falls back to one thread, with the same results", () => {
    const build = (h: AnyH) => {
      const s = h.Section({ name: "s" });
      s.insert("hh");
      const ic = h.IClamp(s(0.5));
      ic.dur = 1e9;
      h.Vector([0, 0.2, 0.5]).play(ic._ref_amp, h.Vector([0, 2, 4]), 1);
      return (h: AnyH) => {
        h.finitialize(-65);
        h.continuerun(6);
        return state(h);
      };
    };
    const two = runWith(2, build);
    expect(two.blocker).toMatch(/Vector.play/);
    expect(two.schedule).toBe(null);
    expect(bits(two.result)).toEqual(bits(runWith(1, build).result));
  });

  it("a network with an APCount recording into a Vector runs on one thread (its appends are JavaScript after every step), with the same results", () => {
    const build = (h: AnyH) => {
      const { cells, spikes } = hhNetwork(h, 40, 6);
      const apc = h.APCount(cells[3]!.s(0.5));
      const times = h.Vector();
      apc.record(times);
      return (h: AnyH) => {
        h.finitialize(-65);
        h.continuerun(25);
        return [...state(h), ...spikes.to_python(), ...times.to_python(), apc.n];
      };
    };
    const two = runWith(2, build);
    expect(two.blocker).toMatch(/APCount.record/);
    expect(two.schedule).toBe(null);
    const one = runWith(1, build).result;
    expect(one.at(-1)).toBeGreaterThan(0);
    expect(bits(two.result)).toEqual(bits(one));
  });

  it("clamps on network cells (SEClamp, VClamp: their generated kernels in a worker's part)", () => {
    const build = (h: AnyH) => {
      const { cells, spikes } = hhNetwork(h, 40, 6);
      const se = h.SEClamp(cells[4]!.s(0.5));
      [se.dur1, se.amp1, se.dur2, se.amp2, se.rs] = [5, -40, 10, -70, 2];
      const vc = h.VClamp(cells[35]!.s(0.5));
      vc.dur[0] = 4;
      vc.amp[0] = -30;
      vc.dur[1] = 8;
      vc.amp[1] = -60;
      return (h: AnyH) => {
        h.finitialize(-65);
        h.continuerun(25);
        return [...state(h), ...spikes.to_python(), se.i, vc.i, vc.e, vc.vo];
      };
    };
    const two = runWith(2, build);
    expect(two.blocker).toBe(null);
    expect(two.schedule).toBe("run-ahead");
    expect(bits(two.result)).toEqual(bits(runWith(1, build).result));
  });

  it("a network with an AlphaSynapse runs on one thread (its current calls exp every step, which workers lack), with the same results", () => {
    const build = (h: AnyH) => {
      const { cells, spikes } = hhNetwork(h, 40, 6);
      const syn = h.AlphaSynapse(cells[5]!.s(0.5));
      [syn.onset, syn.tau, syn.gmax] = [3, 1, 0.05];
      return (h: AnyH) => {
        h.finitialize(-65);
        h.continuerun(25);
        return [...state(h), ...spikes.to_python(), syn.i];
      };
    };
    const two = runWith(2, build);
    expect(two.blocker).toMatch(/AlphaSynapse/);
    expect(two.schedule).toBe(null);
    expect(bits(two.result)).toEqual(bits(runWith(1, build).result));
  });

  it("a step of more deliveries than IN_FLIGHT: publication waits for them to be applied, with the same results", () => {
    // 50 NetStims fire together at 0 into 50 cells through 400 NetCons per cell, all with delay 1
    // (their next firings, 5 ms or more later, reach no cell within the run): 20 000 deliveries in
    // one step, more than the 16 384 the main thread may have in flight, so the next step is
    // published only once every part has applied them
    const draws = { ...benchDraws, start: () => 0, delay: () => 1 };
    const build = (h: AnyH) => {
      const { cells, spikes, ids } = hhNetwork(h, 50, 400, { seed: 7, draws });
      return (h: AnyH) => {
        h.finitialize(-65);
        h.continuerun(5);
        return state(h, [...spikes.to_python(), ...ids.to_python(), ...cells.map((c) => c.syn.g)]);
      };
    };
    const one = runWith(1, build).result;
    const ctx = new Context();
    const h = createH(ctx) as AnyH;
    h.load_file("stdrun.hoc");
    const go = build(h);
    const pc = h.ParallelContext();
    pc.nthread(2);
    const two = go(h);
    const stats = (ctx.sim as unknown as { engine: { lastStats: { inFlightHeld: number; runAhead: boolean } } }).engine.lastStats;
    pc.nthread(1);
    expect(stats.runAhead).toBe(true);
    expect(stats.inFlightHeld).toBeGreaterThan(0);
    expect(bits(two)).toEqual(bits(one));
  });

  it("a step of more deliveries to one part than its ring holds: the main thread applies them, with the same results", () => {
    // one NetStim fires at 0 into cell 0's synapse through 70 000 NetCons of delay 1: one step of
    // deliveries to one part, more than its ring's 65 536 entries. The queue's WebAssembly append
    // (FusedStep.defer) hands the rest to the JavaScript one; the part's owner cannot make room
    // (the step is not published yet), so the main thread applies the ring itself once the part
    // is done with every published step (before, this run never ended)
    const build = (h: AnyH) => {
      const { cells, spikes, ids } = hhNetwork(h, 8, 1, { seed: 3 });
      const ns = h.NetStim();
      ns.start = 0;
      ns.number = 1;
      const many = Array.from({ length: 70000 }, (_, i) => {
        const nc = h.NetCon(ns, cells[0]!.syn);
        nc.delay = 1;
        nc.weight[0] = 1e-7 * (1 + (i % 7));
        return nc;
      });
      return (h: AnyH) => {
        h.finitialize(-65);
        h.continuerun(4);
        return state(h, [...spikes.to_python(), ...ids.to_python(), ...cells.map((c) => c.syn.g), many.length]);
      };
    };
    const one = runWith(1, build).result;
    const two = runWith(2, build);
    expect(two.blocker).toBe(null);
    expect(bits(two.result)).toEqual(bits(one));
  });

  it("the workers get each compiled step at finitialize, and a closed engine stops listening for compiles", () => {
    const ctx = new Context();
    const h = createH(ctx) as AnyH;
    h.load_file("stdrun.hoc");
    network(40, 4)(h);
    const listeners = ctx.model.compileListeners.length;
    const pc = h.ParallelContext();
    pc.nthread(2);
    expect(ctx.model.compileListeners.length).toBe(listeners + 1);
    h.finitialize(-65);
    const engine = (ctx.sim as unknown as { engine: { workerModule: unknown } }).engine;
    // posted when the step was compiled, before any run
    expect(engine.workerModule).toBe(ctx.model.fused!.module);
    pc.nthread(3);
    pc.nthread(2);
    expect(ctx.model.compileListeners.length).toBe(listeners + 1);
    pc.nthread(1);
    expect(ctx.model.compileListeners.length).toBe(listeners);
  });
});
