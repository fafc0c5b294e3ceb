// The seed's spike-detection example: an hh axon driven by four 0.5 ms pulses of 50 nA; a NetCon
// with no target records the times v at axon(0.5) crosses its threshold (10 mV) upward.
import { h, print } from "neuron-ts";
import { ms, mV } from "neuron-ts/units";

h.load_file("stdrun.hoc");
const axon = h.Section({ name: "axon" });
h.hh.insert(axon);

const iclamps = [];
for (const input_time of [2 * ms, 13 * ms, 27 * ms, 40 * ms]) {
  const ic = h.IClamp(axon(0.5));
  ic.delay = input_time;
  ic.dur = 0.5 * ms;
  ic.amp = 50;
  iclamps.push(ic);
}

const t = h.Vector().record(h._ref_t);
const v = h.Vector().record(axon(0.5)._ref_v);
const nc = h.NetCon(axon(0.5)._ref_v, null, { sec: axon });
const spike_times = h.Vector();
nc.record(spike_times);

h.finitialize(-65 * mV);
h.continuerun(49.5 * ms);

print("spike times:", spike_times.to_python());
print("points:", `${t.size()}`, "max v:", v.max());
