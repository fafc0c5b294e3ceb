// A network of artificial cells: 100 IntFire1 cells, each driven by its own NetStim and by 10
// randomly chosen cells of the network (a seeded generator, the same in NEURON's version of this
// script), plus a ring of IntFire4 cells. Artificial cells have no sections: they integrate
// events analytically, so large networks are cheap.
import { h, print } from "neuron-ts";
import { ms } from "neuron-ts/units";

h.load_file("stdrun.hoc");

let seed = 2024;
const random = (n: number) => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed % n;
};

const N = 100;
const cells = Array.from({ length: N }, () => {
  const c = h.IntFire1();
  c.tau = 10 * ms;
  c.refrac = 3 * ms;
  return c;
});
const stims = cells.map((cell, i) => {
  const ns = h.NetStim();
  ns.start = random(1000) / 100;
  ns.interval = 8 + random(400) / 100;
  ns.number = 20;
  const nc = h.NetCon(ns, cell, 0, 0.5, 0.75);
  return { ns, nc, i };
});
const spikeTimes = h.Vector();
const spikeIds = h.Vector();
const links = [];
for (let i = 0; i < N; i++) {
  h.NetCon(cells[i], null).record(spikeTimes, spikeIds, i);
  for (let k = 0; k < 10; k++) {
    const j = random(N);
    const w = (random(2) ? 1 : -1) * (0.05 + random(10) / 100);
    links.push(h.NetCon(cells[i], cells[j], 0, 1 + random(50) / 10, w));
  }
}

const ring = Array.from({ length: 5 }, () => h.IntFire4());
const ringSpikes = h.Vector();
ring.forEach((cell, i) => {
  h.NetCon(cell, ring[(i + 1) % ring.length], 0, 2, 1.05);
  h.NetCon(cell, null).record(ringSpikes);
});
const kick = h.NetStim();
kick.number = 1;
kick.start = 1;
h.NetCon(kick, ring[0], 0, 0, 1.05);

h.finitialize();
h.continuerun(200 * ms);

print("IntFire1 spikes:", `${spikeTimes.size()}`, "first:", spikeTimes.to_python().slice(0, 6));
print("ids:", spikeIds.to_python().slice(0, 6));
print("IntFire4 ring spikes:", ringSpikes.to_python().slice(0, 8));
print("m of cell 0 at the end:", cells[0]!.M(), "stims:", `${stims.length}`, "links:", `${links.length}`);
