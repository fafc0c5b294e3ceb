// continuerun runs stretches of steps where JavaScript has nothing to do (no detectors, records,
// plays, and no event due) as one WebAssembly call (Simulator.runBatch, PartCalls.advanceN).
// Those steps must be exactly the steps fadvance takes one by one: every model below runs once
// with continuerun as is and once with a detector that makes continuerun step one by one, and every value is
// compared with tolerance 0 (and the batched run must have batched most of its steps).
import { describe, expect, it } from "vitest";
import { createH } from "../../stdlib/h.ts";
import "../../stdlib/section.ts";
import type { H } from "../../stdlib/api.ts";
import { bits } from "../helpers/compare.ts";
import { clampedCable, segmentStates } from "../helpers/cells.ts";
import { Context } from "../../stdlib/context.ts";

type AnyH = H & Record<string, any>;

/** Every segment's v and its hh states and currents, then `extra`, then t. */
const state = (h: AnyH, extra: number[] = []): number[] => [...segmentStates(h), ...extra, h.t];

/**
 * `build`, finitialize, then continuerun to each of `stops` in turn, twice: as is (batched) and
 * with a threshold detector that never fires (a detector is checked every step, so continuerun
 * steps one by one; it changes no value). Returns the state after each stop, and how many steps
 * the batched run took through fadvance (fewer than all: it did batch).
 */
function runBoth(build: (h: AnyH) => () => number[], stops: number[]): { batched: string[]; stepped: string[]; fadvanced: number; steps: number } {
  let fadvanced = 0, steps = 0;
  const go = (batched: boolean) => {
    const ctx = new Context();
    const h = createH(ctx) as AnyH;
    h.load_file("stdrun.hoc");
    const extra = build(h);
    if (!batched) {
      const sec = [...h.allsec()][0]!;
      h.NetCon(sec(0.5)._ref_v, null, { sec }).threshold = 1e9;
    }
    const sim = ctx.sim, fadvance = sim.fadvance.bind(sim);
    sim.fadvance = () => {
      if (batched) fadvanced++;
      fadvance();
    };
    h.finitialize(-65);
    const out: number[] = [];
    for (const stop of stops) {
      h.continuerun(stop);
      out.push(...state(h, extra()));
    }
    if (batched) steps = Math.round(h.t / h.dt);
    return bits(out);
  };
  return { batched: go(true), stepped: go(false), fadvanced, steps };
}

function cable(h: AnyH, mech: string, nseg: number): void {
  const { s, ic } = clampedCable(h, nseg, mech, { delay: 1, dur: 3, amp: 0.5 });
  (h as any).__keep = [s, ic];
}

describe("continuerun's WebAssembly batches take fadvance's steps, bit for bit", () => {
  it("hh and pas cables, with runs continued and an IClamp switching on and off mid-batch", () => {
    for (const mech of ["hh", "pas"]) {
      const r = runBoth((h) => {
        cable(h, mech, 21);
        return () => [];
      }, [2.5, 7, 7.01, 12]);
      expect(r.batched).toEqual(r.stepped);
      expect(r.fadvanced).toBeLessThan(r.steps / 2);
    expect(r.fadvanced).toBeLessThan(r.steps / 2);
    }
  });

  it("secondorder 1, another dt and celsius", () => {
    const r = runBoth((h) => {
      cable(h, "hh", 7);
      h.secondorder = 1;
      h.dt = 0.01;
      h.celsius = 22;
      return () => [];
    }, [3, 6]);
    expect(r.batched).toEqual(r.stepped);
    expect(r.fadvanced).toBeLessThan(r.steps / 2);
  });

  it("steps whose exp needs JavaScript (arguments beyond libm's main path) inside a batch", () => {
    const r = runBoth((h) => {
      for (let i = 0; i < 3; i++) h.Section({ name: `c${i}` }).insert("hh");
      h.dt = 130; // |dt / tau| reaches [512, 700] for some gates
      return () => [];
    }, [130 * 7]);
    expect(r.batched).toEqual(r.stepped);
    expect(r.fadvanced).toBeLessThan(r.steps / 2);
  });

  it("events split the batches: NetStims into an ExpSyn, no detector", () => {
    const r = runBoth((h) => {
      cable(h, "hh", 5);
      const [s] = (h as any).__keep;
      const syn = h.ExpSyn(s(0.7));
      const keep: unknown[] = [syn];
      for (const [start, interval] of [[0.3, 2.05], [1.1, 3.3]]) {
        const ns = h.NetStim();
        ns.start = start;
        ns.interval = interval;
        ns.number = 5;
        ns.noise = 0;
        const nc = h.NetCon(ns, syn);
        nc.delay = 0.7;
        nc.weight[0] = 0.004;
        keep.push(ns, nc);
      }
      return () => [syn.g, keep.length];
    }, [4, 13]);
    expect(r.batched).toEqual(r.stepped);
    expect(r.fadvanced).toBeLessThan(r.steps / 2);
  });
});
