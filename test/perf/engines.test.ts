// The two engines — the JavaScript kernels (runtime/simulator.ts, the reference) and the generated
// WebAssembly step (runtime/fused.ts, the default) — must give the same bits:
//  - every engine and synapse golden again with the JavaScript engine (the default engine is
//    checked by the golden tests themselves);
//  - models built for the differences between the paths, run with both engines in this process
//    and compared value by value (tolerance 0): exp arguments for libm's kernel special path
//    (|x| >= 512) and beyond hoc_Exp's limit, usetable switched off mid-run (the fused step
//    declines a step), secondorder, continuous plays (the states' first half after them),
//    temperature changes, branches attached in mid-section, point processes on root and end
//    nodes, a network of NetStims, ExpSyns and threshold detectors.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { setFusedEnabled } from "../../runtime/fused.ts";
import { createH } from "../../stdlib/h.ts";
import "../../stdlib/section.ts";
import type { H } from "../../stdlib/api.ts";
import { bits, EXACT, expectMatches } from "../helpers/compare.ts";
import { hhNetwork } from "../helpers/network.ts";
import { clampedCable, segmentStates } from "../helpers/cells.ts";
import { runSpec } from "../golden/build.ts";
import { cases } from "../golden/synapses/cases.ts";

type AnyH = H & Record<string, any>;
const goldenDir = path.join(import.meta.dirname, "..", "golden");

afterEach(() => setFusedEnabled(true));

describe("the JavaScript engine matches NEURON's goldens bit for bit", () => {
  const dir = path.join(goldenDir, "engine");
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    it(`engine/${f}`, () => {
      setFusedEnabled(false);
      const ref = JSON.parse(readFileSync(path.join(dir, f), "utf8"));
      expectMatches(runSpec(ref.spec), ref, EXACT);
    });
  }
  for (const [name, run] of Object.entries(cases)) {
    it(`synapses/${name}`, () => {
      setFusedEnabled(false);
      const h = createH();
      h.load_file("stdrun.hoc");
      const got = JSON.parse(JSON.stringify(run(h as never)));
      const ref = JSON.parse(readFileSync(path.join(goldenDir, "synapses", `${name}.json`), "utf8"));
      expectMatches(got, ref, EXACT);
    });
  }
});

/** Runs `build` + `run` with each engine; returns what `run` returns for each. */
function both<T>(build: (h: AnyH) => (h: AnyH) => T): { js: T; wasm: T } {
  setFusedEnabled(false);
  const h1 = createH() as AnyH;
  h1.load_file("stdrun.hoc");
  const js = build(h1)(h1);
  setFusedEnabled(true);
  const h2 = createH() as AnyH;
  h2.load_file("stdrun.hoc");
  const wasm = build(h2)(h2);
  return { js, wasm };
}

/** Every segment's v (and a few more variables) in a fixed order. */
const state = (h: AnyH): number[] => segmentStates(h);
const cable = (h: AnyH, nseg: number, mech = "hh") => clampedCable(h, nseg, mech, { delay: 0.5, dur: 1e9, amp: 0.3 });

describe("fused WebAssembly step = JavaScript kernels, value by value", () => {
  it("exp arguments beyond libm's main path (|x| >= 512) and beyond hoc_Exp's 700", () => {
    for (const dt of [130, 140, 1e4]) { // 130, 140: some |x| in [512, 700]; 1e4: beyond 700
      const { js, wasm } = both((h) => {
        cable(h, 7);
        h.dt = dt;
        return (h) => {
          h.finitialize(-65);
          const trace: number[] = [];
          for (let i = 0; i < 5; i++) {
            h.fadvance();
            trace.push(...state(h));
          }
          return trace;
        };
      });
      expect(bits(wasm)).toEqual(bits(js));
    }
  });

  it("usetable off mid-run, celsius changes, secondorder", () => {
    const { js, wasm } = both((h) => {
      cable(h, 11);
      h.secondorder = 1;
      return (h) => {
        h.finitialize(-65);
        const trace: number[] = [];
        for (let i = 0; i < 200; i++) {
          if (i === 50) h.usetable_hh = 0;
          if (i === 100) h.usetable_hh = 1;
          if (i === 120) h.celsius = 18.5;
          h.fadvance();
          if (i % 10 === 0) trace.push(...state(h), h.minf_hh, h.ntau_hh);
        }
        return trace;
      };
    });
    expect(bits(wasm)).toEqual(bits(js));
  });

  it("hh's GLOBALs after continuerun (set once after the loop when nothing records) and after fadvance", () => {
    const { js, wasm } = both((h) => {
      cable(h, 5);
      return (h) => {
        h.finitialize(-65);
        const out: number[] = [];
        for (const ts of [3, 7.5, 20]) {
          h.continuerun(ts);
          out.push(h.t, h.minf_hh, h.mtau_hh, h.hinf_hh, h.htau_hh, h.ninf_hh, h.ntau_hh, ...state(h));
          h.fadvance();
          out.push(h.minf_hh, h.ntau_hh);
        }
        return out;
      };
    });
    expect(bits(wasm)).toEqual(bits(js));
  });

  it("continuous play into an IClamp and a recorded current", () => {
    const { js, wasm } = both((h) => {
      const { ic } = cable(h, 9);
      const tv = h.Vector([0, 1, 2, 3, 4, 5]);
      const yv = h.Vector([0, 0.5, -0.2, 0.8, 0.1, 0.3]);
      yv.play(ic._ref_amp, tv, 1);
      const rec = h.Vector();
      rec.record(ic._ref_i);
      return (h) => {
        h.finitialize(-65);
        h.continuerun(6);
        return [...state(h), ...rec.to_python()];
      };
    });
    expect(bits(wasm)).toEqual(bits(js));
  });

  it("branches attached mid-section, point processes on root and end nodes, pas and hh mixed", () => {
    const { js, wasm } = both((h) => {
      const trunk = h.Section({ name: "trunk" });
      trunk.nseg = 7;
      trunk.L = 300;
      trunk.insert("hh");
      trunk.insert("pas");
      const kids = [0.2, 0.5, 0.5, 1].map((x, i) => {
        const k = h.Section({ name: `k${i}` });
        k.nseg = 3;
        k.L = 100;
        k.diam = 0.7;
        k.insert(i % 2 ? "pas" : "hh");
        k.connect(trunk(x));
        return k;
      });
      const other = h.Section({ name: "other" });
      other.insert("pas");
      const stims = [h.IClamp(trunk(0)), h.IClamp(kids[3]!(1)), h.IClamp(trunk(0.5)), h.IClamp(other(0.5))];
      stims.forEach((c, i) => {
        c.delay = 0.2 * i;
        c.dur = 3;
        c.amp = 0.1 + 0.05 * i;
      });
      const syn = h.ExpSyn(trunk(0));
      const ns = h.NetStim();
      ns.start = 0.5;
      ns.interval = 0.7;
      ns.number = 5;
      const nc = h.NetCon(ns, syn);
      nc.weight[0] = 0.002;
      return (h) => {
        h.finitialize(-65);
        h.continuerun(5);
        return state(h);
      };
    });
    expect(bits(wasm)).toEqual(bits(js));
  });

  it("many cells with point processes on their root nodes (each root processed once)", () => {
    const { js, wasm } = both((h) => {
      const keep: unknown[] = [];
      for (let c = 0; c < 12; c++) {
        const soma = h.Section({ name: `soma${c}` });
        soma.L = soma.diam = 15;
        soma.insert("hh");
        const d = h.Section({ name: `d${c}` });
        d.nseg = 1 + (c % 4);
        d.insert("pas");
        d.connect(soma(c % 3 === 0 ? 0.5 : 1));
        const ic = h.IClamp(c % 2 ? soma(0) : d(1));
        ic.delay = 0.1 * c;
        ic.dur = 3;
        ic.amp = 0.2 + 0.01 * c;
        keep.push(soma, d, ic);
      }
      return (h) => {
        h.finitialize(-65);
        h.continuerun(4);
        return state(h);
      };
    });
    expect(bits(wasm)).toEqual(bits(js));
  });

  it("one-segment sections (straight-line code): 0-5 point processes on the segment and the far end, own or shared roots, single-segment children", () => {
    const { js, wasm } = both((h) => {
      const keep: unknown[] = [];
      for (let c = 0; c < 14; c++) {
        const soma = h.Section({ name: `soma${c}` });
        soma.L = soma.diam = 12 + c;
        soma.insert("hh");
        // 0, 1, 2 on the segment; 0, 1, 2 on the far end; cell 13: 5 on the segment (past the unrolled counts)
        const nMid = c === 13 ? 5 : c % 3, nEnd = Math.floor(c / 3) % 3;
        for (let k = 0; k < nMid + nEnd; k++) {
          const ic = h.IClamp(soma(k < nMid ? 0.5 : 1));
          ic.delay = 0.1 * k;
          ic.dur = 2;
          ic.amp = 0.05 + 0.01 * k + 0.003 * c;
          keep.push(ic);
        }
        if (c % 4 === 1) keep.push(h.IClamp(soma(0))); // a point process on the root: the root is not the section's own
        if (c % 5 === 2) {
          const kid = h.Section({ name: `kid${c}` });
          kid.insert(c % 2 ? "pas" : "hh");
          kid.connect(soma(1));
          const syn = h.ExpSyn(kid(0.5));
          const ns = h.NetStim();
          ns.start = 0.3;
          ns.interval = 0.9;
          ns.number = 4;
          const nc = h.NetCon(ns, syn);
          nc.weight[0] = 0.003;
          keep.push(kid, syn, ns, nc);
        }
        keep.push(soma);
      }
      return (h) => {
        h.finitialize(-65);
        h.continuerun(4);
        return state(h);
      };
    });
    expect(bits(wasm)).toEqual(bits(js));
  });

  it("a network: NetStims, ExpSyns, threshold detectors, equal-time events", () => {
    const { js, wasm } = both((h) => {
      // coarser draws than the benchmark's: more spikes, and many equal delivery times
      const { spikes, ids, keep } = hhNetwork(h, 30, 6, {
        seed: 7,
        ring: 0.01,
        draws: {
          start: (rnd) => rnd(100) / 100,
          interval: (rnd) => 2 + rnd(100) / 100,
          delay: (rnd) => 1 + rnd(10) / 10,
          weight: (rnd) => 0.001 + rnd(100) / 10000,
        },
      });
      return (h) => {
        h.finitialize(-65);
        h.continuerun(40);
        return [...state(h), ...spikes.to_python(), ...ids.to_python(), keep.length];
      };
    });
    expect(bits(wasm)).toEqual(bits(js));
  });
});

// With the fused step, the queue delivers NetCon events itself, in WebAssembly (TQueue.deliverIds,
// the step's recv), from its own copy of each NetCon's target slot, receiver and weight 0
// (Simulator.idsReady); the JavaScript engine delivers from the NetCon table. Every change between
// runs must reach that copy.
describe("NetCon events delivered in WebAssembly = delivered by JavaScript, across changes between runs", () => {
  const between: Array<[string, (h: AnyH, net: ReturnType<typeof hhNetwork>) => void]> = [
    ["weights written between runs (a run delivers the weights as they are at its start)", (h, net) => {
      const inputs = net.keep.slice(2, 2 + 40 * 5) as AnyH[];
      h.continuerun(6);
      for (let k = 0; k < inputs.length; k += 2) inputs[k]!.weight[0] *= 4;
      h.continuerun(12);
      for (let k = 1; k < inputs.length; k += 3) inputs[k]!.weight[0] = 0;
    }],
    ["weights restored by SaveState between runs", (h, net) => {
      const inputs = net.keep.slice(2, 2 + 40 * 5) as AnyH[];
      const ss = h.SaveState();
      ss.save();
      for (let k = 0; k < inputs.length; k += 2) inputs[k]!.weight[0] *= 5;
      h.continuerun(7);
      ss.restore();
    }],
    ["NetCons made between runs (new ids, into synapses and into an artificial cell)", (h, net) => {
      h.continuerun(5);
      const fire = h.IntFire1();
      const src = h.NetStim();
      src.start = 5.2;
      src.interval = 0.9;
      src.number = 100;
      for (let i = 0; i < 40; i += 3) {
        const nc = h.NetCon(src, net.cells[i]!.syn);
        nc.delay = 0.5 + i / 100;
        nc.weight[0] = 0.003;
      }
      const toFire = h.NetCon(src, fire);
      toFire.weight[0] = 0.4;
      net.keep.push(fire, src, toFire);
    }],
    ["the step compiled again between runs (new synapses: the columns move in the arena)", (h, net) => {
      h.continuerun(5);
      const stims = net.keep[1] as AnyH[];
      for (let i = 0; i < 40; i++) {
        const syn = h.Exp2Syn(net.cells[i]!.s(0.5));
        syn.tau1 = 0.3;
        syn.tau2 = 3;
        const nc = h.NetCon(stims[(7 * i) % 40] as never, syn);
        nc.delay = 0.7;
        nc.weight[0] = 0.01;
        net.keep.push(syn, nc);
      }
    }],
  ];
  it("an event earlier than its synapse's last one (a restored state, not its queue): the same error from both", () => {
    const outcome = [false, true].map((fused) => {
      setFusedEnabled(fused);
      const h = createH() as AnyH;
      h.load_file("stdrun.hoc");
      const soma = h.Section({ name: "soma" });
      soma.insert("hh");
      const syn = h.ExpSyn(soma(0.5));
      const nc = h.NetCon(null, syn);
      nc.weight[0] = 0.01;
      h.finitialize(-65);
      nc.event(5);
      h.continuerun(10);
      const ss = h.SaveState();
      ss.save();
      h.finitialize(-65);
      nc.event(2);
      ss.restore(1);
      try {
        h.continuerun(12);
        return "no error";
      } catch (e) {
        return `${String(e)}; g = ${syn.g}`;
      }
    });
    expect(outcome[0]).toMatch(/ExpSyn\[0\]: an event for t = 2 arrived after one for t = 5 \(events out of order\)/);
    expect(outcome[1]).toBe(outcome[0]);
  });

  for (const [what, change] of between) it(what, () => {
    const { js, wasm } = both((h) => {
      const net = hhNetwork(h, 40, 5, { seed: 3, exp2Every: 4 });
      return (h) => {
        h.finitialize(-65);
        change(h, net);
        h.continuerun(20);
        return [...state(h), ...net.spikes.to_python(), ...net.ids.to_python(), ...net.cells.flatMap((c) => ("A" in c.syn ? [c.syn.A, c.syn.B] : [c.syn.g]))];
      };
    });
    expect(bits(wasm)).toEqual(bits(js));
  });
});
