// The seed's cell-class tip: a Pyramidal class whose soma is 10 µm, one instance, then a
// thousand. Sections created with `cell: this` are named after the cell (Pyramidal[0].soma).
import { h, print } from "neuron-ts";
import { µm } from "neuron-ts/units";

class Pyramidal {
  soma = h.Section("soma", this);
  constructor() {
    this.soma.L = this.soma.diam = 10 * µm;
  }
}

const pyr1 = new Pyramidal();
print(pyr1.soma.diam);

const pyr2 = new Pyramidal();
const pyrs = Array.from({ length: 1000 }, () => new Pyramidal());
print(pyr2.soma.L, `${pyrs.length}`, `${Array.from(h.allsec()).length}`);
