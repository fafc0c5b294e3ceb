// The seed's Hodgkin-Huxley example: a 10 µm soma with hh, a 0.1 ms pulse of 1 nA at 2 ms,
// v and t recorded for 10 ms. NEURON's script plots v against t; this one prints the spike's
// peak and the trace every 0.5 ms.
import { h, print } from "neuron-ts";
import { ms, mV, µm } from "neuron-ts/units";

h.load_file("stdrun.hoc");
const soma = h.Section({ name: "soma" });
soma.L = soma.diam = 10 * µm;
h.hh.insert(soma);

const ic = h.IClamp(soma(0.5));
ic.delay = 2 * ms;
ic.dur = 0.1 * ms;
ic.amp = 1;

const t = h.Vector().record(h._ref_t);
const v = h.Vector().record(soma(0.5)._ref_v);

h.finitialize(-65 * mV);
h.continuerun(10 * ms);

const peak = v.max();
const tpeak = t[v.to_python().indexOf(peak)];
print("points:", `${t.size()}`);
print("peak v:", peak, "mV at t =", tpeak, "ms");
for (let i = 0; i < t.size(); i += 20) print(t[i], v[i]);
