// Wrong: an exponential of a voltage over a bare number (the 9 was meant to be 9 mV), and the
// logarithm of a time. The steady-state line is right: a ratio of voltages is dimensionless.
import { mV, ms } from "neuron-ts/units";

const vhalf = -40 * mV;
const slope = 9 * mV;
const tau = 2 * ms;
const rate = (v: mV) => Math.exp((v - vhalf) / 9) / tau;
const steady = Math.exp(-vhalf / slope);
console.log(rate(-65), steady, Math.log(tau));
