// A ring of N ball-and-stick cells (hh soma, passive dendrite with an ExpSyn): a NetStim kicks
// cell 0 and the spike travels around the ring, each cell exciting the next after 5 ms.
// `npx neuron-ts run examples/ring.ts [N] [tstop]`; default 1000 cells for 100 ms.
import { h, print } from "neuron-ts";
import { ms, mV, µm } from "neuron-ts/units";

const N = Number(process.argv[2] ?? 1000);
const tstop = Number(process.argv[3] ?? 100);
h.load_file("stdrun.hoc");

class BallAndStick {
  soma = h.Section({ name: "soma", cell: this });
  dend = h.Section({ name: "dend", cell: this });
  syn;
  constructor(readonly gid: number) {
    this.soma.L = this.soma.diam = 12.6157 * µm;
    this.soma.insert("hh");
    this.dend.L = 200 * µm;
    this.dend.diam = 1 * µm;
    this.dend.nseg = 5;
    this.dend.insert("pas");
    this.dend.g_pas = 0.001;
    this.dend.e_pas = -65 * mV;
    this.dend.connect(this.soma(1));
    this.syn = h.ExpSyn(this.dend(0.5));
    this.syn.tau = 2 * ms;
  }
  toString() {
    return `BallAndStick[${this.gid}]`;
  }
}

const cells = Array.from({ length: N }, (_, gid) => new BallAndStick(gid));
const spikeTimes = h.Vector();
const spikeGids = h.Vector();
const netcons = cells.map((cell, i) => {
  const nc = h.NetCon(cell.soma(0.5)._ref_v, cells[(i + 1) % N]!.syn, { sec: cell.soma });
  nc.weight[0] = 0.05;
  nc.delay = 5 * ms;
  nc.record(spikeTimes, spikeGids, i);
  return nc;
});
const stim = h.NetStim();
stim.number = 1;
stim.start = 9 * ms;
const kick = h.NetCon(stim, cells[0]!.syn);
kick.delay = 1 * ms;
kick.weight[0] = 0.04;

h.finitialize(-65 * mV);
h.continuerun(tstop * ms);

print("cells:", `${N}`, "netcons:", `${netcons.length}`, "spikes:", `${spikeTimes.size()}`);
print("first spikes:", spikeTimes.to_python().slice(0, 5), "gids", spikeGids.to_python().slice(0, 5));
print("last spike:", spikeTimes.size() ? spikeTimes[-1] : null, "gid", spikeGids.size() ? spikeGids[-1] : null);
