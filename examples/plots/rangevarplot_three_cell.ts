// The seed's RangeVarPlot: the three-section cell with v = 50 / 0 / -65 mV, nseg = 101
// everywhere, and v along the path from main(0) to dend2(1) (x = distance from main(0), µm).
import { h, print } from "neuron-ts";
import { um } from "neuron-ts/units";
import { plotly } from "neuron-ts/plot";

class Cell {
  main = h.Section({ name: "main", cell: this });
  dend1 = h.Section({ name: "dend1", cell: this });
  dend2 = h.Section({ name: "dend2", cell: this });
  all;
  constructor() {
    this.dend1.connect(this.main);
    this.dend2.connect(this.main);
    this.main.diam = 10 * um;
    this.dend1.diam = 2 * um;
    this.dend2.diam = 2 * um;
    this.all = this.main.wholetree();
  }
}

const my_cell = new Cell();
my_cell.main.v = 50;
my_cell.dend1.v = 0;
my_cell.dend2.v = -65;
for (const sec of my_cell.all) sec.nseg = 101;

const rvp = h.RangeVarPlot("v", my_cell.main(0), my_cell.dend2(1));
const fig = rvp.plot(plotly);
const trace = fig.data[0] as { x: number[]; y: number[] };
print("points:", `${trace.x.length}`, "x from", rvp.left(), "to", rvp.right());
fig.show();
