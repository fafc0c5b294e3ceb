// The seed's spike detection with units: four 0.5 ms pulses of 50 nA into an hh axon, a NetCon
// watching v cross 10 mV. Prints what NEURON prints for ../shared/conformance/seed_spikes.py.
import { h } from "neuron-ts";
import { ms, mV, nA } from "neuron-ts/units";

h.load_file("stdrun.hoc");
const axon = h.Section({ name: "axon" });
h.hh.insert(axon);

const onsets = [2 * ms, 13 * ms, 27 * ms, 40 * ms];
const pulse = { dur: 0.5 * ms, amp: 50 * nA };
const iclamps = [];
for (const onset of onsets) {
  const ic = h.IClamp(axon(0.5));
  ic.delay = onset;
  ic.dur = pulse.dur;
  ic.amp = pulse.amp;
  iclamps.push(ic);
}

const t = h.Vector().record(h._ref_t);
const v = h.Vector().record(axon(0.5)._ref_v);
const nc = h.NetCon(axon(0.5)._ref_v, null, { sec: axon });
nc.threshold = 10 * mV;
const spike_times = h.Vector();
nc.record(spike_times);

h.finitialize(-65 * mV);
h.continuerun(onsets[3]! + 9.5 * ms);
console.log(JSON.stringify({ spike_times: spike_times.to_python(), n: t.size(), v_max: v.max(), v_last: v[v.size() - 1] }));
