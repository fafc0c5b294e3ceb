#!/usr/bin/env python3
"""Runs the Python originals of examples/*.ts with NEURON 8.2.2 and writes what they print to
test/golden/examples/<name>.txt. Each script is the seed's script (with a text summary where
the seed plots), the same program as its TypeScript port.

    /usr/bin/python3 test/golden/make_example_goldens.py
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "examples")

SCRIPTS = {}

SCRIPTS["hh_soma"] = '''
from neuron import h
from neuron.units import ms, mV, µm
h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 10 * µm
h.hh.insert(soma)
ic = h.IClamp(soma(0.5))
ic.delay = 2 * ms
ic.dur = 0.1 * ms
ic.amp = 1
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
h.finitialize(-65 * mV)
h.continuerun(10 * ms)
peak = v.max()
tpeak = t[list(v).index(peak)]
print("points:", t.size())
print("peak v:", peak, "mV at t =", tpeak, "ms")
for i in range(0, int(t.size()), 20):
    print(t[i], v[i])
'''

SCRIPTS["spike_detection"] = '''
from neuron import h
from neuron.units import ms, mV
h.load_file("stdrun.hoc")
axon = h.Section(name="axon")
h.hh.insert(axon)
iclamps = []
for input_time in [2 * ms, 13 * ms, 27 * ms, 40 * ms]:
    ic = h.IClamp(axon(0.5))
    ic.delay = input_time
    ic.dur = 0.5 * ms
    ic.amp = 50
    iclamps.append(ic)
t = h.Vector().record(h._ref_t)
v = h.Vector().record(axon(0.5)._ref_v)
nc = h.NetCon(axon(0.5)._ref_v, None, sec=axon)
spike_times = h.Vector()
nc.record(spike_times)
h.finitialize(-65 * mV)
h.continuerun(49.5 * ms)
print("spike times:", list(spike_times))
print("points:", t.size(), "max v:", v.max())
'''

SCRIPTS["segments"] = '''
from neuron import h
dend = h.Section("dend")
dend.L = 3
dend.diam = 2
dend.nseg = 3
for seg in dend:
    print(seg, seg.area())
seg = dend(0.5)
print(seg.x, seg.sec == dend)
dend(0.5).diam = 4
for seg in dend:
    print(seg, seg.area())
dend.nseg = 1
dend.pt3dclear()
dend.pt3dadd(0, 0, 0, 1)
dend.pt3dadd(10, 0, 0, 5)
print(dend(0.5).volume())
'''

SCRIPTS["topology"] = '''
from neuron import h
soma = h.Section("soma")
papic = h.Section("proxApical")
apic1 = h.Section("apic1")
apic2 = h.Section("apic2")
pb = h.Section("proxBasal")
db1 = h.Section("distBasal1")
db2 = h.Section("distBasal2")
papic.connect(soma)
pb.connect(soma(0))
apic1.connect(papic)
apic2.connect(papic)
db1.connect(pb)
db2.connect(pb)
h.topology()
'''

SCRIPTS["pyramidal"] = '''
from neuron import h
from neuron.units import µm
class Pyramidal:
    def __init__(self):
        self.soma = h.Section("soma", self)
        self.soma.L = self.soma.diam = 10 * µm
pyr1 = Pyramidal()
print(pyr1.soma.diam)
pyr2 = Pyramidal()
pyrs = [Pyramidal() for i in range(1000)]
print(pyr2.soma.L, len(pyrs), len(list(h.allsec())))
'''


SCRIPTS["network"] = '''
from neuron import h
from neuron.units import ms, mV
h.load_file("stdrun.hoc")
class Cell:
    def __init__(self):
        self.soma = h.Section(name="soma", cell=self)
        self.all = self.soma.wholetree()
        h.hh.insert(self.all)
neuron1 = Cell()
neuron2 = Cell()
ic = h.IClamp(neuron1.soma(0.5))
ic.delay = 1 * ms
ic.dur = 1 * ms
ic.amp = 1000
postsyn = h.ExpSyn(neuron2.soma(0.5))
postsyn.e = 0
syn = h.NetCon(neuron1.soma(0.5)._ref_v, postsyn, sec=neuron1.soma)
syn.delay = 1
syn.weight[0] = 5
t = h.Vector().record(h._ref_t)
v1 = h.Vector().record(neuron1.soma(0.5)._ref_v)
v2 = h.Vector().record(neuron2.soma(0.5)._ref_v)
h.finitialize(-65 * mV)
h.continuerun(10 * ms)
print("neuron1 peak:", v1.max(), "at", t[list(v1).index(v1.max())])
print("neuron2 peak:", v2.max(), "at", t[list(v2).index(v2.max())])
for i in range(0, int(t.size()), 40):
    print(t[i], v1[i], v2[i])
'''

SCRIPTS["savestate_tip"] = '''
from neuron import h
from neuron.units import ms, mV
h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 20
h.hh.insert(soma)
syn = h.ExpSyn(soma(0.5))
syn.tau = 2 * ms
stim = h.NetStim()
stim.start = 5 * ms
stim.interval = 7.3 * ms
stim.number = 10
nc = h.NetCon(stim, syn)
nc.delay = 1.3 * ms
nc.weight[0] = 0.01
spikes = h.Vector()
det = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
det.record(spikes)
h.finitialize(-65 * mV)
h.continuerun(10 * ms)
s = h.SaveState()
s.save()
for w in [0.005, 0.01, 0.02]:
    s.restore()
    nc.weight[0] = w
    spikes.resize(0)
    h.continuerun(60 * ms)
    print("weight", w, "t =", h.t, "spikes after 10 ms:", list(spikes))
'''

SCRIPTS["ring"] = '''
import sys
from neuron import h
from neuron.units import ms, mV, µm
N = 1000
tstop = 100
h.load_file("stdrun.hoc")
class BallAndStick:
    def __init__(self, gid):
        self.gid = gid
        self.soma = h.Section(name="soma", cell=self)
        self.dend = h.Section(name="dend", cell=self)
        self.soma.L = self.soma.diam = 12.6157 * µm
        self.soma.insert("hh")
        self.dend.L = 200 * µm
        self.dend.diam = 1 * µm
        self.dend.nseg = 5
        self.dend.insert("pas")
        self.dend.g_pas = 0.001
        self.dend.e_pas = -65 * mV
        self.dend.connect(self.soma(1))
        self.syn = h.ExpSyn(self.dend(0.5))
        self.syn.tau = 2 * ms
    def __repr__(self):
        return "BallAndStick[%d]" % self.gid
cells = [BallAndStick(gid) for gid in range(N)]
spike_times = h.Vector()
spike_gids = h.Vector()
netcons = []
for i, cell in enumerate(cells):
    nc = h.NetCon(cell.soma(0.5)._ref_v, cells[(i + 1) % N].syn, sec=cell.soma)
    nc.weight[0] = 0.05
    nc.delay = 5 * ms
    nc.record(spike_times, spike_gids, i)
    netcons.append(nc)
stim = h.NetStim()
stim.number = 1
stim.start = 9 * ms
kick = h.NetCon(stim, cells[0].syn)
kick.delay = 1 * ms
kick.weight[0] = 0.04
h.finitialize(-65 * mV)
h.continuerun(tstop * ms)
print("cells:", N, "netcons:", len(netcons), "spikes:", int(spike_times.size()))
print("first spikes:", list(spike_times)[:5], "gids", list(spike_gids)[:5])
print("last spike:", spike_times[-1] if spike_times.size() else None, "gid", spike_gids[-1] if spike_gids.size() else None)
'''


SCRIPTS["artificial_net"] = '''
from neuron import h
from neuron.units import ms
h.load_file("stdrun.hoc")
seed = 2024
def random(n):
    global seed
    seed = (seed * 1664525 + 1013904223) & 0xFFFFFFFF
    return seed % n
N = 100
cells = []
for i in range(N):
    c = h.IntFire1()
    c.tau = 10 * ms
    c.refrac = 3 * ms
    cells.append(c)
stims = []
for i, cell in enumerate(cells):
    ns = h.NetStim()
    ns.start = random(1000) / 100
    ns.interval = 8 + random(400) / 100
    ns.number = 20
    nc = h.NetCon(ns, cell, 0, 0.5, 0.75)
    stims.append((ns, nc, i))
spike_times = h.Vector()
spike_ids = h.Vector()
links = []
recs = []
for i in range(N):
    r = h.NetCon(cells[i], None)
    r.record(spike_times, spike_ids, i)
    recs.append(r)
    for k in range(10):
        j = random(N)
        w = (1 if random(2) else -1) * (0.05 + random(10) / 100)
        links.append(h.NetCon(cells[i], cells[j], 0, 1 + random(50) / 10, w))
ring = [h.IntFire4() for i in range(5)]
ring_spikes = h.Vector()
ring_ncs = []
for i, cell in enumerate(ring):
    ring_ncs.append(h.NetCon(cell, ring[(i + 1) % len(ring)], 0, 2, 1.05))
    r = h.NetCon(cell, None)
    r.record(ring_spikes)
    ring_ncs.append(r)
kick = h.NetStim()
kick.number = 1
kick.start = 1
kick_nc = h.NetCon(kick, ring[0], 0, 0, 1.05)
h.finitialize()
h.continuerun(200 * ms)
print("IntFire1 spikes:", int(spike_times.size()), "first:", list(spike_times)[:6])
print("ids:", list(spike_ids)[:6])
print("IntFire4 ring spikes:", list(ring_spikes)[:8])
print("m of cell 0 at the end:", cells[0].M(), "stims:", len(stims), "links:", len(links))
'''


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in sys.argv[1:] or sorted(SCRIPTS):
        out = subprocess.run([sys.executable, "-c", SCRIPTS[name]], capture_output=True, text=True)
        if out.returncode != 0:
            sys.stderr.write(out.stderr)
            raise SystemExit(name + ": NEURON failed")
        with open(os.path.join(OUT, name + ".txt"), "w") as f:
            f.write(out.stdout)
        print(name, len(out.stdout.splitlines()), "lines")


if __name__ == "__main__":
    main()
