// Builds and runs a golden model spec (written by make_goldens.py) with neuron-ts's public API,
// returning the same structure NEURON produced.
import { createH } from "../../stdlib/h.ts";
import "../../stdlib/section.ts";
import type { H, IClamp, Section, Vector, Ref } from "../../stdlib/api.ts";

type Spec = Record<string, any>;

export function runSpec(spec: Spec) {
  const h: H = createH();
  h.load_file("stdrun.hoc");
  h.celsius = spec.celsius ?? 6.3;
  h.dt = spec.dt ?? 0.025;
  h.secondorder = spec.secondorder ?? 0;
  if (spec.usetable_hh !== undefined) h.usetable_hh = spec.usetable_hh;
  const secs: Record<string, Section> = {};
  for (const s of spec.sections) {
    const sec = h.Section({ name: s.name });
    secs[s.name] = sec;
    if (s.nseg !== undefined) sec.nseg = s.nseg;
    if (s.L !== undefined) sec.L = s.L;
    if (s.diam !== undefined) sec.diam = s.diam;
    if (s.Ra !== undefined) sec.Ra = s.Ra;
    if (s.cm !== undefined) sec.cm = s.cm;
    if (s.pt3d) {
      sec.pt3dclear();
      for (const p of s.pt3d) sec.pt3dadd(p[0], p[1], p[2], p[3]);
    }
    for (const m of s.insert ?? []) sec.insert(m);
    for (const [k, v] of Object.entries(s.params ?? {})) (sec as any)[k] = v;
  }
  for (const c of spec.connect ?? []) secs[c.child]!.connect(secs[c.parent]!(c.x), c.end ?? 0);
  for (const p of spec.seg_params ?? []) (secs[p.sec]!(p.x) as any)[p.var] = p.value;
  const clamps: IClamp[] = [];
  for (const ic of spec.iclamps ?? []) {
    const c = h.IClamp(secs[ic.sec]!(ic.x));
    c.delay = ic.del;
    c.dur = ic.dur;
    c.amp = ic.amp;
    clamps.push(c);
  }
  for (const a of spec.after ?? []) if (a.nseg) secs[a.nseg[0]]!.nseg = a.nseg[1];

  const ref = (r: Spec): Ref => {
    if (r.var === "t") return h._ref_t;
    if (r.iclamp !== undefined) return (clamps[r.iclamp] as any)[`_ref_${r.var}`];
    return (secs[r.sec]!(r.x) as any)[`_ref_${r.var}`];
  };
  const vecs: Vector[] = [];
  for (const r of spec.record ?? []) {
    const v = h.Vector();
    if (r.Dt !== undefined) v.record(ref(r), r.Dt);
    else if (r.tvec) v.record(ref(r), h.Vector(r.tvec));
    else v.record(ref(r));
    vecs.push(v);
  }
  const spikeVecs: Vector[] = [];
  for (const sp of spec.spikes ?? []) {
    const nc = h.NetCon(secs[sp.sec]!(sp.x)._ref_v, null, { sec: secs[sp.sec] });
    nc.threshold = sp.threshold;
    const sv = h.Vector();
    nc.record(sv);
    spikeVecs.push(sv);
  }
  const run = spec.run;
  const vInit = spec.v_init ?? -65;
  if (run.mode === "continuerun") {
    h.finitialize(vInit);
    h.continuerun(run.tstop);
  } else if (run.mode === "fadvance_loop") {
    h.finitialize(vInit);
    while (h.t < run.tstop) h.fadvance();
  } else if (run.mode === "run") {
    h.tstop = run.tstop;
    h.v_init = vInit;
    h.run();
  }
  for (const step of run.then ?? []) {
    if (step.set) for (const [k, v] of Object.entries(step.set)) (h as any)[k] = v;
    if (step.section !== undefined) for (const [k, v] of Object.entries(step.values)) (secs[step.section] as any)[k] = v;
    if (step.continuerun !== undefined) h.continuerun(step.continuerun);
  }
  const final: Record<string, unknown> = {};
  for (const [name, sec] of Object.entries(secs)) {
    final[name] = {
      x: sec.allseg().map((s) => s.x),
      area: sec.allseg().map((s) => s.area()),
      ri: sec.allseg().map((s) => s.ri()),
      diam: Array.from(sec, (s) => s.diam),
      v: sec.allseg().map((s) => s.v),
    };
  }
  return {
    spec,
    t: h.t,
    dt: h.dt,
    records: vecs.map((v) => v.to_python()),
    spikes: spikeVecs.map((v) => v.to_python()),
    final,
    iclamp_x: clamps.map((c) => c.get_segment()!.x),
  };
}
