// A cell class whose parameters carry units: fields, a branded method and a loop over
// quantities. The checker follows units through class fields, `this`, parameters and returns.
import { h, type Section } from "neuron-ts";
import { cm, ms, mS, mV, nA, ohm, uF, µm } from "neuron-ts/units";

class BallAndStick {
  soma: Section;
  dend: Section;
  somaDiameter = 12.6157 * µm;
  dendLength = 200 * µm;
  leak = 0.1 * mS / cm ** 2;

  constructor(readonly gid: number) {
    this.soma = h.Section({ name: "soma", cell: this });
    this.dend = h.Section({ name: "dend", cell: this });
    this.dend.connect(this.soma);
    this.soma.L = this.soma.diam = this.somaDiameter;
    this.dend.L = this.dendLength;
    this.dend.diam = 1 * µm;
    for (const sec of [this.soma, this.dend]) {
      sec.Ra = 100 * ohm * cm;
      sec.cm = 1 * uF / cm ** 2;
    }
    h.hh.insert(this.soma);
    h.pas.insert(this.dend);
    for (const seg of this.dend) {
      seg.pas.g = this.leak / 10;
      seg.pas.e = -65 * mV;
    }
  }

  /** The time the n-th stimulus starts: one every 5 ms after 1 ms. */
  onset(n: number): ms {
    return 1 * ms + n * 5 * ms;
  }

  toString(): string {
    return `BallAndStick[${this.gid}]`;
  }
}

const cell = new BallAndStick(0);
const stims = [0, 1, 2].map((n) => {
  const ic = h.IClamp(cell.soma(0.5));
  ic.delay = cell.onset(n);
  ic.dur = 1 * ms;
  ic.amp = 0.5 * nA;
  return ic;
});
const v = h.Vector().record(cell.dend(1)._ref_v);
h.finitialize(-65 * mV);
h.continuerun(cell.onset(3));
console.log(JSON.stringify({ stims: stims.length, dend_gpas: cell.dend(0.5).pas.g, v_max: v.max(), t: h.t }));
