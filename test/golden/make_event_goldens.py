#!/usr/bin/env python3
"""Event-machinery goldens from NEURON 8.2.2: Vector.play (step, Dt, continuous, discontinuities),
SaveState (continuation, restore(1), file round trip), NetCon/NetStim delivery and tie order,
a ring network. Each case runs in a fresh process and is written again, line for line, in
test/golden/events.test.ts. Output: test/golden/events/<case>.json.

    /usr/bin/python3 test/golden/make_event_goldens.py
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "events")
CASES = {}


def case(f):
    CASES[f.__name__] = f
    return f


def hh_soma(h, name="soma"):
    s = h.Section(name=name)
    s.L = s.diam = 20
    s.insert("hh")
    return s


@case
def play_step(h):
    s = hh_soma(h)
    ic = h.IClamp(s(0.5))
    ic.dur = 1e9
    y = h.Vector([0, 1, 2, 0.3, 0.7])
    tv = h.Vector([0, 0.05, 0.07, 1.0, 1.01])
    y.play(ic._ref_amp, tv)
    amp = h.Vector().record(ic._ref_amp)
    v = h.Vector().record(s(0.5)._ref_v)
    ic2 = h.IClamp(s(0.5))
    ic2.dur = 1e9
    y2 = h.Vector([0.1, -0.2, 0.05, 0.4])
    y2.play(ic2._ref_amp, 0.3)
    amp2 = h.Vector().record(ic2._ref_amp)
    h.finitialize(-65)
    h.continuerun(3)
    return {"amp": list(amp), "amp2": list(amp2), "v": list(v)}


@case
def play_continuous(h):
    s = hh_soma(h)
    ic = h.IClamp(s(0.5))
    ic.dur = 1e9
    y = h.Vector([0, 1])
    tv = h.Vector([0, 2])
    y.play(ic._ref_amp, tv, 1)
    i = h.Vector().record(ic._ref_i)
    amp = h.Vector().record(ic._ref_amp)
    ic2 = h.IClamp(s(0.5))
    ic2.dur = 1e9
    y2 = h.Vector([0, 0.5, 0.5, -0.3, 0.2, 0.2])
    t2 = h.Vector([0.5, 1.0, 1.0, 2.0, 2.5, 4.0])
    y2.play(ic2._ref_amp, t2, 1)
    i2 = h.Vector().record(ic2._ref_i)
    ic3 = h.IClamp(s(0.5))
    ic3.dur = 1e9
    y3 = h.Vector([0, 0.2, 0.6, 0.1])
    t3 = h.Vector([0, 1.0, 1.0, 3.0])
    d3 = h.Vector([1, 2])
    y3.play(ic3._ref_amp, t3, d3)
    i3 = h.Vector().record(ic3._ref_i)
    v = h.Vector().record(s(0.5)._ref_v)
    h.finitialize(-65)
    h.continuerun(5)
    return {"i": list(i), "amp": list(amp), "i2": list(i2), "i3": list(i3), "v": list(v)}


def net_model(h):
    s = hh_soma(h)
    syn = h.ExpSyn(s(0.5))
    syn.tau = 2
    ns = h.NetStim()
    ns.start = 5
    ns.interval = 7.3
    ns.number = 10
    nc = h.NetCon(ns, syn)
    nc.delay = 1.3
    nc.weight[0] = 0.01
    ns2 = h.NetStim()
    ns2.start = 2
    ns2.interval = 4.1
    ns2.number = 20
    nc2 = h.NetCon(ns2, syn)
    nc2.delay = 0.5
    nc2.weight[0] = 0.004
    det = h.NetCon(s(0.5)._ref_v, None, sec=s)
    return s, syn, [ns, ns2, nc, nc2, det]


@case
def savestate_continue(h):
    s, syn, keep = net_model(h)
    v = h.Vector().record(s(0.5)._ref_v)
    g = h.Vector().record(syn._ref_g)
    spikes = h.Vector()
    keep[4].record(spikes)
    h.finitialize(-65)
    h.continuerun(10)
    ss = h.SaveState()
    ss.save()
    h.continuerun(30)
    full_v = list(v)
    full_spikes = list(spikes)
    h.finitialize(-65)
    ss.restore()
    t_restored = h.t
    h.continuerun(30)
    out = {"full_v": full_v, "full_spikes": full_spikes, "t_restored": t_restored, "cont_v": list(v),
           "cont_g": list(g), "cont_spikes": list(spikes), "final_v": s(0.5).v}
    # the same through a file
    path = os.path.join(tempfile.mkdtemp(), "state.dat")
    f = h.File(path)
    f.wopen()
    ss.fwrite(f)
    f.close()
    ss2 = h.SaveState()
    f = h.File(path)
    f.ropen()
    ss2.fread(f)
    f.close()
    h.finitialize(-65)
    ss2.restore()
    h.continuerun(30)
    out["file_v"] = list(v)
    return out


@case
def savestate_in_flight(h):
    # saved while NetCon deliveries are queued (ns fired at 12.3: arrives at 13.6 and 15.3)
    s, syn, keep = net_model(h)
    nc3 = h.NetCon(keep[0], syn)
    nc3.delay = 3
    nc3.weight[0] = 0.002
    v = h.Vector().record(s(0.5)._ref_v)
    g = h.Vector().record(syn._ref_g)
    h.finitialize(-65)
    h.continuerun(12.5)
    ss = h.SaveState()
    ss.save()
    h.continuerun(30)
    full_v = list(v)
    h.finitialize(-65)
    ss.restore()
    h.continuerun(30)
    return {"full_v": full_v, "cont_v": list(v), "cont_g": list(g), "final_g": syn.g}


@case
def netcon_event(h):
    # NetCon.event(t): deliveries queued by hand (two at one time), to a NetCon with no source
    s = hh_soma(h)
    syn = h.ExpSyn(s(0.5))
    syn.tau = 2
    nc = h.NetCon(None, syn)
    nc.weight[0] = 0.01
    v = h.Vector().record(s(0.5)._ref_v)
    g = h.Vector().record(syn._ref_g)
    h.finitialize(-65)
    nc.event(2)
    nc.event(2)
    nc.event(5.5)
    h.continuerun(10)
    return {"v": list(v), "g": list(g)}


@case
def savestate_type1(h):
    # restore(1) restores states only; with no events queued the continuation is the run's.
    s = hh_soma(h)
    ic = h.IClamp(s(0.5))
    ic.delay = 1
    ic.dur = 100
    ic.amp = 0.2
    v = h.Vector().record(s(0.5)._ref_v)
    m = h.Vector().record(s(0.5)._ref_m_hh)
    h.finitialize(-65)
    h.continuerun(10)
    ss = h.SaveState()
    ss.save()
    h.continuerun(20)
    full = list(v)
    h.finitialize(-65)
    ss.restore(1)
    t1 = h.t
    h.continuerun(20)
    return {"full": full, "t": t1, "cont": list(v), "m": list(m)}


@case
def out_of_order(h):
    # restore(1) keeps finitialize's queue: NetStim's first event is then earlier than the
    # restored time, and NEURON refuses it.
    s, syn, keep = net_model(h)
    h.finitialize(-65)
    h.continuerun(10)
    ss = h.SaveState()
    ss.save()
    h.finitialize(-65)
    ss.restore(1)
    try:
        h.continuerun(12)
        return {"error": None}
    except RuntimeError:
        return {"error": "out of order", "t": h.t}


@case
def netstim_edges(h):
    s = hh_soma(h)
    syn = h.ExpSyn(s(0.5))
    syn.tau = 3
    ns0 = h.NetStim()
    ns0.start = 0
    ns0.number = 2
    ns0.interval = 4
    nc0 = h.NetCon(ns0, syn, 0, 0, 0.002)
    ns1 = h.NetStim()
    ns1.start = 1.0
    ns1.number = 3
    ns1.interval = 0.1
    nc1 = h.NetCon(ns1, syn)
    nc1.delay = 2
    nc1.weight[0] = 0.003
    ns2 = h.NetStim()
    ns2.start = -1
    ns2.number = 5
    nc2 = h.NetCon(ns2, syn)
    ns3 = h.NetStim()
    ns3.start = 3
    ns3.number = 0
    nc3 = h.NetCon(ns3, syn)
    ns4 = h.NetStim()  # driven from outside: on at 2, off at 4.5
    ns4.start = -1
    ns4.interval = 0.7
    ns4.number = 100
    drv = h.NetStim()
    drv.start = 2
    drv.number = 1
    on = h.NetCon(drv, ns4, 0, 0, 1)
    drv2 = h.NetStim()
    drv2.start = 4.5
    drv2.number = 1
    off = h.NetCon(drv2, ns4, 0, 0.01, -1)
    nc4 = h.NetCon(ns4, syn, 0, 0.2, 0.001)
    inactive = h.NetCon(ns1, syn, 0, 0.3, 0.05)
    inactive.active(False)
    tvecs = []
    for src in (ns0, ns1, ns2, ns3, ns4):
        tv = h.Vector()
        n = h.NetCon(src, None)
        n.record(tv)
        tvecs.append((n, tv))
    g = h.Vector().record(syn._ref_g)
    h.finitialize(-65)
    h.continuerun(12)
    return {"g": list(g), "spikes": [list(tv) for _, tv in tvecs], "active": [inactive.active(), nc1.active()]}


@case
def equal_time_events(h):
    s = hh_soma(h)
    syn = h.ExpSyn(s(0.5))
    syn.tau = 1.5
    syns = [h.ExpSyn(s(0.5)) for _ in range(3)]
    ns = h.NetStim()
    ns.start = 1
    ns.interval = 2
    ns.number = 4
    ncs = []
    for k, w in enumerate([0.0011, 0.0023, 0.0037, 0.0041, 0.0053]):
        nc = h.NetCon(ns, syn)
        nc.delay = 0.5
        nc.weight[0] = w
        ncs.append(nc)
    for k, sy in enumerate(syns):
        sy.tau = 1 + k
        nc = h.NetCon(ns, sy)
        nc.delay = 0.5 + 0.25 * k
        nc.weight[0] = 0.002 * (k + 1)
        ncs.append(nc)
    ns2 = h.NetStim()
    ns2.start = 2.5
    ns2.interval = 1
    ns2.number = 3
    for w in (0.0007, 0.0009):
        nc = h.NetCon(ns2, syn)
        nc.delay = 0.0
        nc.weight[0] = w
        ncs.append(nc)
    g = h.Vector().record(syn._ref_g)
    v = h.Vector().record(s(0.5)._ref_v)
    gs = [h.Vector().record(sy._ref_g) for sy in syns]
    h.finitialize(-65)
    h.continuerun(10)
    return {"g": list(g), "v": list(v), "gs": [list(x) for x in gs]}


@case
def ring(h):
    n = 8
    cells = []
    for i in range(n):
        soma = h.Section(name="soma%d" % i)
        soma.L = soma.diam = 12.6157
        soma.insert("hh")
        dend = h.Section(name="dend%d" % i)
        dend.L = 200
        dend.diam = 1
        dend.nseg = 5
        dend.insert("pas")
        dend.g_pas = 0.001
        dend.e_pas = -65
        dend.connect(soma(1))
        syn = h.ExpSyn(dend(0.5))
        syn.tau = 2
        cells.append((soma, dend, syn))
    ncs = []
    for i in range(n):
        src = cells[i][0]
        tgt = cells[(i + 1) % n][2]
        nc = h.NetCon(src(0.5)._ref_v, tgt, sec=src)
        nc.weight[0] = 0.05
        nc.delay = 5
        ncs.append(nc)
    stim = h.NetStim()
    stim.number = 1
    stim.start = 9
    kick = h.NetCon(stim, cells[0][2])
    kick.delay = 1
    kick.weight[0] = 0.04
    tv = h.Vector()
    idv = h.Vector()
    for i, nc in enumerate(ncs):
        nc.record(tv, idv, i)
    v0 = h.Vector().record(cells[0][0](0.5)._ref_v)
    h.finitialize(-65)
    h.continuerun(100)
    return {"t": list(tv), "id": list(idv), "v0": list(v0)}


def main():
    args = sys.argv[1:]
    if args and args[0].startswith("--one="):
        from neuron import h
        h.load_file("stdrun.hoc")
        name = args[0][len("--one="):]
        print(json.dumps(CASES[name](h)))
        return
    os.makedirs(OUT, exist_ok=True)
    for name in args or sorted(CASES):
        out = subprocess.run([sys.executable, __file__, "--one=" + name], capture_output=True, text=True)
        if out.returncode != 0:
            sys.stderr.write(out.stderr)
            raise SystemExit(name + ": NEURON failed")
        line = [l for l in out.stdout.splitlines() if l.startswith("{")][-1]
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            f.write(line)
        print(name, len(line), "bytes")


if __name__ == "__main__":
    main()
