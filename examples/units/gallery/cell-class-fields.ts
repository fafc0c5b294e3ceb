// Wrong: a cell class whose time field is reset to a voltage and compared with one.
import { h } from "neuron-ts";
import { ms, mV } from "neuron-ts/units";

class Cell {
  soma = h.Section({ name: "soma", cell: this });
  refractory = 2 * ms;

  reset(): void {
    this.refractory = -65 * mV;
    if (this.refractory > this.soma(0.5).v) console.log("late");
  }
}
new Cell().reset();
