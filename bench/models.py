#!/usr/bin/env python3
"""NEURON side of the benchmarks: builds and runs one model, prints one JSON line.

    /usr/bin/python3 bench/models.py <model> [param]

TSTOP=<ms> in the environment runs that long instead of the model's 100 ms.

The same models, parameter for parameter, are in bench/models.ts. NEURON runs with
cvode.cache_efficient(1). Times are wall-clock (time.perf_counter) around the build and around
finitialize + continuerun.
"""
import json
import os
import resource
import sys
import time

from neuron import h

h.load_file("stdrun.hoc")


class Lcg:
    """The same 32-bit generator as bench/models.ts, so both sides build the same network."""

    def __init__(self, seed):
        self.s = seed & 0xFFFFFFFF

    def next(self):
        self.s = (self.s * 1664525 + 1013904223) & 0xFFFFFFFF
        return self.s

    def below(self, n):
        return self.next() % n


def cable(mech, nseg):
    s = h.Section(name="cable")
    s.L = 10000
    s.diam = 1
    s.nseg = nseg
    s.insert(mech)
    if mech == "pas":
        s.g_pas = 1e-4
        s.e_pas = -65
    ic = h.IClamp(s(0))
    ic.delay = 1
    ic.dur = 1e9
    ic.amp = 0.5
    return {"keep": [s, ic], "compartments": nseg, "tstop": 100, "probe": s(0.5)}


def tree(depth, nseg=5):
    secs = []

    def grow(parent, d):
        sec = h.Section(name="b%d" % len(secs))
        secs.append(sec)
        sec.L = 200 / (1 + d)
        sec.diam = 4 / (1 + d)
        sec.nseg = nseg
        sec.insert("hh")
        if parent is not None:
            sec.connect(parent(1))
        if d < depth:
            grow(sec, d + 1)
            grow(sec, d + 1)

    grow(None, 0)
    ic = h.IClamp(secs[0](0.5))
    ic.delay = 1
    ic.dur = 1e9
    ic.amp = 2
    return {"keep": [secs, ic], "compartments": nseg * len(secs), "tstop": 100, "probe": secs[-1](0.5)}


def network(ncell, nin):
    rng = Lcg(12345)
    cells = []
    for i in range(ncell):
        s = h.Section(name="c%d" % i)
        s.L = s.diam = 20
        s.insert("hh")
        syn = h.ExpSyn(s(0.5))
        syn.tau = 2
        cells.append((s, syn))
    stims = []
    for i in range(ncell):
        ns = h.NetStim()
        ns.start = rng.below(1000) / 100.0
        ns.interval = 5 + rng.below(1000) / 100.0
        ns.number = 1e9
        stims.append(ns)
    ncs = []
    for i in range(ncell):
        for k in range(nin):
            nc = h.NetCon(stims[rng.below(ncell)], cells[i][1])
            nc.delay = 1 + rng.below(100) / 100.0
            nc.weight[0] = 0.0005 + rng.below(100) / 100000.0
            ncs.append(nc)
    spikes = h.Vector()
    dets = []
    for i in range(ncell):
        d = h.NetCon(cells[i][0](0.5)._ref_v, None, sec=cells[i][0])
        d.record(spikes)
        dets.append(d)
    return {"keep": [cells, stims, ncs, dets], "compartments": ncell, "tstop": 100,
            "probe": cells[0][0](0.5), "spikes": spikes, "events": lambda: ncell * nin}


def build(model, param):
    if model == "hh_cable":
        return cable("hh", param)
    if model == "pas_cable":
        return cable("pas", param)
    if model == "hh_tree":
        return tree(param)
    if model == "hh_tree1":
        return tree(param, 1)
    if model == "network":
        return network(1000, param)
    raise SystemExit("unknown model " + model)


def main():
    model = sys.argv[1]
    param = int(sys.argv[2])
    h.CVode().cache_efficient(1)
    t0 = time.perf_counter()
    m = build(model, param)
    t1 = time.perf_counter()
    h.finitialize(-65)
    t2 = time.perf_counter()
    c2 = time.process_time()
    h.continuerun(float(os.environ.get("TSTOP", m["tstop"])))
    c3 = time.process_time()
    t3 = time.perf_counter()
    steps = round(h.t / h.dt)
    # checksums in the same order as bench/models.ts
    v_sum = 0.0
    for sec in h.allsec():
        for seg in sec:
            v_sum += seg.v
    spike_sum = 0.0
    if "spikes" in m:
        for x in m["spikes"]:
            spike_sum += x
    out = {
        "build_ms": (t1 - t0) * 1e3,
        "run_ms": (t3 - t2) * 1e3,
        "cpu_ms": (c3 - c2) * 1e3,
        "v_sum": v_sum,
        "spike_sum": spike_sum,
        "steps": steps,
        "compartments": m["compartments"],
        "v_probe": m["probe"].v,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if "spikes" in m:
        out["spikes"] = int(m["spikes"].size())
    print(json.dumps(out))


if __name__ == "__main__":
    main()
