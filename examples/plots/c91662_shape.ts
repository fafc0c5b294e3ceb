// The seed's first script, whole: the reconstructed CA1 pyramidal cell c91662 (a Cell Builder
// session), hh everywhere, a 10 nA pulse at the soma from 1 to 2 ms, and the shape coloured by v
// at t = 2 ms with matplotlib's `cool` colormap: the same 194 lines and colours as NEURON's.
import path from "node:path";
import { h } from "neuron-ts";
import { mV, ms } from "neuron-ts/units";
import { plotly, cm } from "neuron-ts/plot";

h.load_file("stdrun.hoc");
h.load_file(path.join(path.dirname(process.argv[1]!), "..", "data", "c91662.ses"));
h.hh.insert(h.allsec());
const ic = h.IClamp(h.soma(0.5));
ic.delay = 1 * ms;
ic.dur = 1 * ms;
ic.amp = 10;
h.finitialize(-65 * mV);
h.continuerun(2 * ms);
const ps = h.PlotShape(false);
ps.variable("v");
ps.plot(plotly, { cmap: cm.cool }).show();
