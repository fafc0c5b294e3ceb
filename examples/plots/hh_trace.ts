// The seed's Hodgkin-Huxley example with its plot: a 10 µm soma with hh, a 0.1 ms pulse of 1 nA
// at 2 ms, v against t for 10 ms. plt.show() writes an interactive page; savefig writes the same
// plot as a static SVG image (hh_trace.svg in the current folder).
import { h } from "neuron-ts";
import { ms, mV, µm } from "neuron-ts/units";
import { plt } from "neuron-ts/plot";

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

plt.plot(t, v, { label: "soma(0.5)" });
plt.xlabel("t (ms)");
plt.ylabel("v (mV)");
plt.legend();
plt.savefig("hh_trace.svg");
plt.show();
