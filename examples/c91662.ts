// The seed's first script: a reconstructed CA1 pyramidal cell (c91662.ses, a Cell Builder
// session from ModelDB 87284), hh everywhere, a 10 nA pulse at the soma from 1 to 2 ms, and the
// shape coloured by v at t = 2 ms with the `cool` colormap, written to HTML.
// The session file is examples/data/c91662.ses (see examples/data/SOURCES.md).
import path from "node:path";
import { h, print } from "neuron-ts";
import { mV, ms } from "neuron-ts/units";
import { plotly, cm } from "neuron-ts/plot";

const data = path.join(path.dirname(process.argv[1]!), "data");

h.load_file("stdrun.hoc");
h.load_file(path.join(data, "c91662.ses"));
h.hh.insert(h.allsec());
const ic = h.IClamp(h.soma(0.5));
ic.delay = 1 * ms;
ic.dur = 1 * ms;
ic.amp = 10;
h.finitialize(-65 * mV);
h.continuerun(2 * ms);

// What NEURON 8.2.2 gives for the same run (test/golden/morphology/ses_c91662.json):
// 194 sections, area 18937.124703056685 µm², v(soma(0.5)) = 42.81355200726888 mV,
// min v = -64.39479284374232 mV (at apic[43](0.5)).
const secs = Array.from(h.allsec());
const vs = secs.flatMap((s) => Array.from(s, (seg) => seg.v));
const area = secs.flatMap((s) => Array.from(s, (seg) => seg.area())).reduce((a, b) => a + b, 0);
print("sections:", `${secs.length}`, "area:", area, "um2");
print("t:", h.t, "ms  v(soma(0.5)):", h.soma(0.5).v, "mV  min v:", Math.min(...vs), "mV");

const ps = h.PlotShape(false);
ps.variable("v");
ps.plot(plotly, { cmap: cm.cool }).show();
