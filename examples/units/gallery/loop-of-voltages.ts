// Wrong: a loop over levels in mV feeding stimulus onsets.
import { h } from "neuron-ts";
import { mV } from "neuron-ts/units";

const axon = h.Section({ name: "axon" });
for (const level of [-80 * mV, -60 * mV]) {
  const ic = h.IClamp(axon(0.5));
  ic.delay = level;
}
