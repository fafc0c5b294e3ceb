// The seed's "Viewing voltage": the three-section cell (no 3-D points, so PlotShape uses
// define_shape's layout) with v = 50 / 0 / -65 mV in main / dend1 / dend2, drawn with the
// voltage scale -80..80 mV. show() writes a self-contained HTML page and prints its path.
import { h } from "neuron-ts";
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

const ps = h.PlotShape(false);
ps.variable("v");
ps.scale(-80, 80);
ps.plot(plotly).show();
