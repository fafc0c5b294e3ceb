// The seed's geometry with units: segment areas of a 3 µm dendrite, one segment made 4 µm thick,
// and the volume of a frustum given by 3-D points. Prints what NEURON prints for
// ../shared/conformance/seed_geometry.py.
import { h } from "neuron-ts";
import { µm } from "neuron-ts/units";

const dend = h.Section({ name: "dend" });
dend.L = 3 * µm;
dend.diam = 2 * µm;
dend.nseg = 3;
const before = Array.from(dend, (seg) => [String(seg), seg.area()]);
dend(0.5).diam = 4 * µm;
const after = Array.from(dend, (seg) => [String(seg), seg.area()]);
dend.nseg = 1;
dend.pt3dclear();
dend.pt3dadd(0 * µm, 0 * µm, 0 * µm, 1 * µm);
dend.pt3dadd(10 * µm, 0 * µm, 0 * µm, 5 * µm);
console.log(JSON.stringify({ before, after, volume: dend(0.5).volume() }));
