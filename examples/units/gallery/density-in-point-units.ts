// Wrong: a channel density written as a conductance (mS instead of mS/cm²), and a point current
// written as a density.
import { h } from "neuron-ts";
import { cm, mA, mS } from "neuron-ts/units";

const soma = h.Section({ name: "soma" });
h.hh.insert(soma);
soma(0.5).hh.gkbar = 36 * mS;
const ic = h.IClamp(soma(0.5));
ic.amp = 0.1 * mA / cm ** 2;
