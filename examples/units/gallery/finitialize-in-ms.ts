// Wrong: the initial voltage written in milliseconds.
import { h } from "neuron-ts";
import { ms } from "neuron-ts/units";

h.Section({ name: "soma" });
h.finitialize(-65 * ms);
