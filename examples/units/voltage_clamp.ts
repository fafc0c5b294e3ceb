// A voltage-clamp protocol with units: SEClamp's series resistance in MΩ, its levels in mV and
// durations in ms, and the holding potential reused through a const.
import { h } from "neuron-ts";
import { kohm, ms, mV, µm } from "neuron-ts/units";

const soma = h.Section({ name: "soma" });
soma.L = soma.diam = 20 * µm;
h.hh.insert(soma);

const holding = -70 * mV;
const clamp = h.SEClamp(soma(0.5));
clamp.rs = 500 * kohm;
clamp.amp1 = holding;
clamp.dur1 = 5 * ms;
clamp.amp2 = holding + 60 * mV;
clamp.dur2 = 10 * ms;
clamp.amp3 = holding;
clamp.dur3 = 5 * ms;

const i = h.Vector().record(clamp._ref_i);
h.finitialize(holding);
h.continuerun(clamp.dur1 + clamp.dur2 + clamp.dur3);
console.log(JSON.stringify({ rs: clamp.rs, amp2: clamp.amp2, i_min: i.min(), i_max: i.max() }));
