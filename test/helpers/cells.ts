// Small models and state dumps shared by the tests that run one model two ways and compare the
// bits (engines, threads, batched steps).
import type { H } from "../../stdlib/api.ts";

type AnyH = H & Record<string, any>;

/** Every segment's v, then in sections with hh its m, h and n (and with `currents`, ina and ik). */
export function segmentStates(h: AnyH, currents = true): number[] {
  const out: number[] = [];
  for (const sec of h.allsec()) {
    for (const seg of sec.allseg()) {
      out.push(seg.v);
      if (!sec.has_membrane("hh")) continue;
      out.push(seg.m_hh, seg.h_hh, seg.n_hh);
      if (currents) out.push(seg.ina, seg.ik);
    }
  }
  return out;
}

/** A 2000 µm cable of diameter 1 with `mech` and an IClamp at its 0 end. */
export function clampedCable(h: AnyH, nseg: number, mech: string, clamp: { delay: number; dur: number; amp: number }) {
  const s = h.Section({ name: "cable" });
  s.L = 2000;
  s.diam = 1;
  s.nseg = nseg;
  s.insert(mech);
  const ic = h.IClamp(s(0));
  ic.delay = clamp.delay;
  ic.dur = clamp.dur;
  ic.amp = clamp.amp;
  return { s, ic };
}
