// The seed's SaveState tip: run past an initial period once, save the state, then start every
// variant of the experiment from there instead of from t = 0.
import { h, print } from "neuron-ts";
import { ms, mV } from "neuron-ts/units";

h.load_file("stdrun.hoc");
const soma = h.Section({ name: "soma" });
soma.L = soma.diam = 20;
h.hh.insert(soma);
const syn = h.ExpSyn(soma(0.5));
syn.tau = 2 * ms;
const stim = h.NetStim();
stim.start = 5 * ms;
stim.interval = 7.3 * ms;
stim.number = 10;
const nc = h.NetCon(stim, syn);
nc.delay = 1.3 * ms;
nc.weight[0] = 0.01;

const spikes = h.Vector();
const det = h.NetCon(soma(0.5)._ref_v, null, { sec: soma });
det.record(spikes);

h.finitialize(-65 * mV);
h.continuerun(10 * ms); // the initial period, shared by every variant
const s = h.SaveState();
s.save(); // a state fits only the model it came from: build everything first

for (const w of [0.005, 0.01, 0.02]) {
  s.restore(); // back to t = 10 ms, events in flight included
  nc.weight[0] = w;
  spikes.resize(0); // restore does not truncate recordings
  h.continuerun(60 * ms);
  print("weight", w, "t =", h.t, "spikes after 10 ms:", spikes.to_python());
}
