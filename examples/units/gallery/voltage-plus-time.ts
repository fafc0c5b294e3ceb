// Wrong: a voltage added to a time.
import { ms, mV } from "neuron-ts/units";

const offset = 3 * mV + 2 * ms;
console.log(offset);
