// Wrong: a stimulus onset written in millivolts.
import { h } from "neuron-ts";
import { mV } from "neuron-ts/units";

const soma = h.Section({ name: "soma" });
const ic = h.IClamp(soma(0.5));
ic.delay = 5 * mV;
