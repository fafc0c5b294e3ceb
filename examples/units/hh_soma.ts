// The seed's Hodgkin-Huxley soma with a unit on every number: hh's and the membrane's parameters
// written out at NEURON's defaults in the units a paper gives them (mS/cm², µF/cm², Ω·cm), so the
// run is the seed's and prints what NEURON prints for ../shared/conformance/seed_hh.py.
import { h } from "neuron-ts";
import { cm, degC, ms, mS, mV, nA, ohm, uF, µm } from "neuron-ts/units";

h.load_file("stdrun.hoc");
const soma = h.Section({ name: "soma" });
soma.L = soma.diam = 10 * µm;
soma.Ra = 35.4 * ohm * cm;
soma.cm = 1 * uF / cm ** 2;
h.hh.insert(soma);
for (const seg of soma) {
  seg.hh.gnabar = 120 * mS / cm ** 2;
  seg.hh.gkbar = 36 * mS / cm ** 2;
  seg.hh.gl = 0.3 * mS / cm ** 2;
  seg.hh.el = -54.3 * mV;
}
h.celsius = 6.3 * degC;

const ic = h.IClamp(soma(0.5));
ic.delay = 2 * ms;
ic.dur = 0.1 * ms;
ic.amp = 1 * nA;

const t = h.Vector().record(h._ref_t);
const v = h.Vector().record(soma(0.5)._ref_v);
h.finitialize(-65 * mV);
h.continuerun(10 * ms);
console.log(JSON.stringify({ t: t.to_python(), v: v.to_python() }));
