// The seed's two-cell network: the first hh cell is driven by a strong current pulse, and its
// spike reaches an ExpSyn on the second cell through a NetCon with delay 1 ms and weight 5 µS.
import { h, print } from "neuron-ts";
import { ms, mV } from "neuron-ts/units";

h.load_file("stdrun.hoc");

class Cell {
  soma = h.Section({ name: "soma", cell: this });
  all = this.soma.wholetree();
  constructor() {
    h.hh.insert(this.all);
  }
}

const neuron1 = new Cell();
const neuron2 = new Cell();

const ic = h.IClamp(neuron1.soma(0.5));
ic.delay = 1 * ms;
ic.dur = 1 * ms;
ic.amp = 1000;

const postsyn = h.ExpSyn(neuron2.soma(0.5));
postsyn.e = 0; // reversal potential
const syn = h.NetCon(neuron1.soma(0.5)._ref_v, postsyn, { sec: neuron1.soma });
syn.delay = 1;
syn.weight[0] = 5;

const t = h.Vector().record(h._ref_t);
const v1 = h.Vector().record(neuron1.soma(0.5)._ref_v);
const v2 = h.Vector().record(neuron2.soma(0.5)._ref_v);

h.finitialize(-65 * mV);
h.continuerun(10 * ms);

print("neuron1 peak:", v1.max(), "at", t[v1.to_python().indexOf(v1.max())]);
print("neuron2 peak:", v2.max(), "at", t[v2.to_python().indexOf(v2.max())]);
for (let i = 0; i < t.size(); i += 40) print(t[i], v1[i], v2[i]);
