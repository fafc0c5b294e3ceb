// The seed's segment examples: areas of a 3-segment dendrite, one segment made thicker, and the
// volume of a tapered section given by 3-D points.
import { h, print } from "neuron-ts";

const dend = h.Section("dend");
dend.L = 3;
dend.diam = 2;
dend.nseg = 3;
for (const seg of dend) print(seg, seg.area());

const seg = dend(0.5);
print(seg.x, seg.sec === dend);

dend(0.5).diam = 4;
for (const seg of dend) print(seg, seg.area());

dend.nseg = 1;
dend.pt3dclear();
dend.pt3dadd(0, 0, 0, 1);
dend.pt3dadd(10, 0, 0, 5);
print(dend(0.5).volume());
