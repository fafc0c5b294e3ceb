#!/usr/bin/env python3
"""Synapse, clamp, spike-counter and artificial-cell goldens from NEURON 8.2.2 (Exp2Syn,
AlphaSynapse, SEClamp, VClamp, APCount, IntFire1/2/4, NetStim edge cases, NetCon delivery).
Each case runs in a fresh process; output goes to test/golden/synapses/<case>.json. Each case is
a small script written twice: here in Python and in test/golden/synapses/cases.ts in
TypeScript, line for line.

    /usr/bin/python3 test/golden/make_synapse_goldens.py [case ...]
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "synapses")
CASES = {}


def case(f):
    CASES[f.__name__] = f
    return f


def rec(h, ref):
    v = h.Vector()
    v.record(ref)
    return v


def spikes(h, source, sec=None, threshold=None):
    """A Vector of the spike times of source (a point process, or a _ref_ with sec)."""
    nc = h.NetCon(source, None, sec=sec) if sec is not None else h.NetCon(source, None)
    if threshold is not None:
        nc.threshold = threshold
    v = h.Vector()
    nc.record(v)
    return v, nc


def hh_soma(h, name="soma", size=20):
    s = h.Section(name=name)
    s.L = s.diam = size
    s.insert("hh")
    return s


def netstim(h, start, interval, number):
    ns = h.NetStim()
    ns.start = start
    ns.interval = interval
    ns.number = number
    return ns


def L(v):
    return list(v)


@case
def case_e(h):
    soma = hh_soma(h)
    es = h.ExpSyn(soma(0.5))
    es.tau = 2
    e2 = h.Exp2Syn(soma(0.5))
    e2.tau1 = 0.5
    e2.tau2 = 5
    ns1 = netstim(h, 5, 7.3, 4)
    ns2 = netstim(h, 0.3, 12.1, 3)
    nc1 = h.NetCon(ns1, es, 0, 1.3, 0.01)
    nc2 = h.NetCon(ns2, e2, 0, 0.7, 0.004)
    s1, r1 = spikes(h, ns1)
    s2, r2 = spikes(h, ns2)
    sv, rv = spikes(h, soma(0.5)._ref_v, sec=soma)
    v = rec(h, soma(0.5)._ref_v)
    g1, i1 = rec(h, es._ref_g), rec(h, es._ref_i)
    g2, i2, a2, b2 = rec(h, e2._ref_g), rec(h, e2._ref_i), rec(h, e2._ref_A), rec(h, e2._ref_B)
    h.finitialize(-65)
    h.continuerun(49.5)
    return {"v": L(v), "ns1": L(s1), "ns2": L(s2), "soma": L(sv), "expsyn_g": L(g1), "expsyn_i": L(i1),
            "exp2syn_g": L(g2), "exp2syn_i": L(i2), "A": L(a2), "B": L(b2)}


@case
def case_f(h):
    soma = h.Section(name="soma")
    soma.L = soma.diam = 15
    soma.insert("pas")
    soma.insert("hh")
    for seg in soma:
        seg.pas.g = 1e-4
        seg.pas.e = -60
    syn = h.AlphaSynapse(soma(0.5))
    syn.onset = 3
    syn.tau = 0.5
    syn.gmax = 0.005
    cl = h.SEClamp(soma(0.5))
    cl.rs = 5
    cl.dur1, cl.amp1, cl.dur2, cl.amp2, cl.dur3, cl.amp3 = 10, -65, 5, -20, 5, -70
    v = rec(h, soma(0.5)._ref_v)
    ci, cvc, si = rec(h, cl._ref_i), rec(h, cl._ref_vc), rec(h, syn._ref_i)
    h.finitialize(-65)
    h.continuerun(30)
    return {"v": L(v), "clamp_i": L(ci), "clamp_vc": L(cvc), "syn_i": L(si)}


@case
def exp2syn_same_node(h):
    soma = hh_soma(h)
    e1 = h.Exp2Syn(soma(0.5))
    e1.tau1, e1.tau2 = 0.5, 5
    e2 = h.Exp2Syn(soma(0.5))
    e2.tau1, e2.tau2, e2.e = 7, 3, -80
    e3 = h.Exp2Syn(soma(0.5))
    e3.tau1, e3.tau2 = 1e-9, 10
    e4 = h.Exp2Syn(soma(0.5))
    e4.tau1, e4.tau2 = 2, 2
    x1 = h.ExpSyn(soma(0.5))
    x1.tau = 3
    x2 = h.ExpSyn(soma(0.5))
    x2.tau, x2.e = 1, -80
    ns1 = netstim(h, 1.0, 0.5, 6)
    ns2 = netstim(h, 1.5, 0.5, 5)
    ns3 = netstim(h, 3, 2.5, 4)
    ns4 = netstim(h, 0.7, 4, 3)
    ncs = [
        h.NetCon(ns1, e1, 0, 0.5, 0.002),
        h.NetCon(ns1, e1, 0, 0.5, 0.003),
        h.NetCon(ns2, e1, 0, 0, 0.001),
        h.NetCon(ns2, e2, 0, 1, 0.01),
        h.NetCon(ns2, x1, 0, 1.25, 0.004),
        h.NetCon(ns3, e3, 0, 0.3, 0.005),
        h.NetCon(ns3, e4, 0, 0.3, 0.004),
        h.NetCon(ns4, x2, 0, 1.2, 0.02),
    ]
    sv, rv = spikes(h, soma(0.5)._ref_v, sec=soma, threshold=0)
    v = rec(h, soma(0.5)._ref_v)
    syns = [e1, e2, e3, e4]
    g = [rec(h, s._ref_g) for s in syns]
    i = [rec(h, s._ref_i) for s in syns]
    a = [rec(h, s._ref_A) for s in syns]
    b = [rec(h, s._ref_B) for s in syns]
    xg = [rec(h, s._ref_g) for s in (x1, x2)]
    xi = [rec(h, s._ref_i) for s in (x1, x2)]
    h.finitialize(-65)
    tau1 = [s.tau1 for s in syns]
    h.continuerun(30)
    return {"v": L(v), "soma": L(sv), "tau1": tau1, "g": [L(x) for x in g], "i": [L(x) for x in i],
            "A": [L(x) for x in a], "B": [L(x) for x in b], "expsyn_g": [L(x) for x in xg],
            "expsyn_i": [L(x) for x in xi]}


@case
def min_delay_fanout(h):
    # More than two NetCons with one delay from one source: NEURON queues one event and fans it
    # out in NetCon order at delivery (PreSyn use_min_delay_).
    soma = h.Section(name="soma")
    soma.L = soma.diam = 10
    soma.insert("pas")
    syn = h.ExpSyn(soma(0.5))
    syn.tau = 4
    f = h.IntFire2()
    ns = netstim(h, 1, 0.6, 5)
    ncs = [h.NetCon(ns, syn, 0, 1, w) for w in (0.1, 0.2, 0.17)]
    ns2 = netstim(h, 10, 0.6, 5)
    ncs += [h.NetCon(ns2, f, 0, 1, w) for w in (0.1, 0.2, 0.17)]
    # With mixed signs the order decides whether IntFire1 fires.
    f1 = h.IntFire1()
    ns3 = netstim(h, 20, 0.6, 2)
    ncs += [h.NetCon(ns3, f1, 0, 1, w) for w in (-0.5, 0.6, 0.6)]
    s1, r1 = spikes(h, f1)
    g = rec(h, syn._ref_g)
    fi = rec(h, f._ref_i)
    h.finitialize(-65)
    h.continuerun(25)
    return {"g": L(g), "intfire2_i": L(fi), "intfire1_spikes": L(s1)}


@case
def alpha_synapses(h):
    soma = hh_soma(h)
    dend = h.Section(name="dend")
    dend.L, dend.diam, dend.nseg = 300, 2, 5
    dend.insert("pas")
    for seg in dend:
        seg.pas.g = 1e-4
        seg.pas.e = -65
    dend.connect(soma(1))
    specs = [(dend(0.5), 1.0125, 0.3, 0.01, 0), (dend(0.5), 2, 1, 0.003, -70), (dend(1), 0.5, 0.2, 0.002, 0),
             (soma(0), 3, 0.5, 0.001, 0), (soma(0.5), 1, 1, 0, 0)]
    syns = []
    for seg, onset, tau, gmax, e in specs:
        s = h.AlphaSynapse(seg)
        s.onset, s.tau, s.gmax, s.e = onset, tau, gmax, e
        syns.append(s)
    vs = [rec(h, seg._ref_v) for seg in (soma(0.5), soma(0), dend(0.5), dend(1))]
    i = [rec(h, s._ref_i) for s in syns]
    h.finitialize(-65)
    h.continuerun(15)
    alpha = [syns[0].alpha(x) for x in (-0.5, 0, 0.5, 1, 3, 10, 10.5)]
    return {"v": [L(x) for x in vs], "i": [L(x) for x in i], "alpha": alpha}


@case
def seclamp_cases(h):
    soma = hh_soma(h)
    dend = h.Section(name="dend")
    dend.L, dend.diam, dend.nseg = 200, 1, 3
    dend.insert("pas")
    dend.connect(soma(1))
    c1 = h.SEClamp(soma(0.5))
    c1.rs = 0.5
    c1.dur1, c1.amp1, c1.dur2, c1.amp2, c1.dur3, c1.amp3 = 2, -65, 3, -10, 4, -80
    c2 = h.SEClamp(dend(1))
    c2.rs = 20
    c2.dur1, c2.amp1, c2.dur2, c2.amp2, c2.dur3, c2.amp3 = 0, -30, 6, -50, 0, 0
    vs = [rec(h, seg._ref_v) for seg in (soma(0.5), dend(0.5), dend(1))]
    r = [rec(h, c1._ref_i), rec(h, c1._ref_vc), rec(h, c2._ref_i), rec(h, c2._ref_vc)]
    h.finitialize(-65)
    h.continuerun(5)
    c1.amp3 = -90
    c2.rs = 10
    h.continuerun(12)
    return {"v": [L(x) for x in vs], "c1_i": L(r[0]), "c1_vc": L(r[1]), "c2_i": L(r[2]), "c2_vc": L(r[3])}


@case
def vclamp_cases(h):
    soma = hh_soma(h)
    vc1 = h.VClamp(soma(0.5))
    for j, (d, a) in enumerate([(1, -65), (4, -10), (2, -75)]):
        vc1.dur[j] = d
        vc1.amp[j] = a
    cell = h.Section(name="cell")
    cell.L = cell.diam = 10
    cell.insert("pas")
    dend = h.Section(name="dend")
    dend.L, dend.diam, dend.nseg = 100, 1, 3
    dend.insert("pas")
    dend.connect(cell(1))
    vc2 = h.VClamp(cell(0.5))
    vc2.gain, vc2.tau1, vc2.tau2, vc2.fac, vc2.rstim = 1e3, 0.01, 0.02, 2, 2
    for j, (d, a) in enumerate([(3, -50), (3, -60), (3, -40)]):
        vc2.dur[j] = d
        vc2.amp[j] = a
    out = {}
    recs = {}
    for name, vc, seg in (("vc1", vc1, soma(0.5)), ("vc2", vc2, cell(0.5))):
        recs[name] = {"v": rec(h, seg._ref_v), "i": rec(h, vc._ref_i), "e": rec(h, vc._ref_e),
                      "vo": rec(h, vc._ref_vo), "vi": rec(h, vc._ref_vi)}
    dv = rec(h, dend(1)._ref_v)
    h.finitialize(-65)
    h.continuerun(11)
    for name in recs:
        out[name] = {k: L(v) for k, v in recs[name].items()}
    out["dend_v"] = L(dv)
    out["params"] = [vc1.dur[0], vc1.dur[1], vc1.dur[2], vc1.amp[1], vc2.gain, vc2.e0, vc2.vo0, vc2.vi0]
    return out


def apcount_cell(h):
    """The APCount cases' cell: an hh soma with a 0.3 nA IClamp from 1 ms, and a passive dendrite at its 1 end."""
    soma = hh_soma(h)
    ic = h.IClamp(soma(0.5))
    ic.delay, ic.dur, ic.amp = 1, 100, 0.3
    dend = h.Section(name="dend")
    dend.L, dend.diam, dend.nseg = 100, 2, 3
    dend.insert("pas")
    dend.connect(soma(1))
    return soma, dend, ic


def resting_apcount(h):
    """A passive section resting at -65 mV with an APCount whose threshold is exactly -65."""
    rest = h.Section(name="rest")
    rest.insert("pas")
    for seg in rest:
        seg.pas.e = -65
    apc4 = h.APCount(rest(0.5))
    apc4.thresh = -65
    return rest, apc4


@case
def apcount_cases(h):
    soma, dend, ic = apcount_cell(h)
    apc = h.APCount(soma(0.5))
    times = h.Vector()
    apc.record(times)
    apc2 = h.APCount(soma(0.5))
    apc2.thresh = -70
    times2 = h.Vector()
    apc2.record(times2)
    apc3 = h.APCount(dend(1))
    apc3.thresh = -40
    times3 = h.Vector()
    apc3.record(times3)
    rest, apc4 = resting_apcount(h)
    sv, nc = spikes(h, soma(0.5)._ref_v, sec=soma, threshold=-20)
    n = rec(h, apc._ref_n)
    tm = rec(h, apc._ref_time)
    h.finitialize(-65)
    h.continuerun(30)
    first = {"times": L(times), "times2": L(times2), "times3": L(times3), "netcon": L(sv), "n": L(n),
             "time": L(tm), "counts": [apc.n, apc2.n, apc3.n, apc4.n],
             "firing": [apc.firing, apc2.firing, apc3.firing, apc4.firing], "rest_v": rest(0.5).v}
    apc3.record()
    h.finitialize(-65)
    h.continuerun(8)
    second = {"times": L(times), "times3": L(times3), "counts": [apc.n, apc2.n, apc3.n]}
    return {"first": first, "second": second}


@case
def apcount_counts(h):
    """APCounts without record vectors (the generated step's check): counts, times, firing flags."""
    soma, dend, ic = apcount_cell(h)
    apc = h.APCount(soma(0.5))
    apc2 = h.APCount(soma(0.5))
    apc2.thresh = -70
    apc3 = h.APCount(dend(1))
    apc3.thresh = -40
    rest, apc4 = resting_apcount(h)
    n = rec(h, apc._ref_n)
    tm = rec(h, apc._ref_time)
    fi = rec(h, apc3._ref_firing)
    h.finitialize(-65)
    h.continuerun(30)
    first = {"n": L(n), "time": L(tm), "firing3": L(fi), "counts": [apc.n, apc2.n, apc3.n, apc4.n],
             "times": [apc.time, apc2.time, apc3.time, apc4.time],
             "firing": [apc.firing, apc2.firing, apc3.firing, apc4.firing], "rest_v": rest(0.5).v}
    h.finitialize(-65)
    h.continuerun(8)
    second = {"counts": [apc.n, apc2.n, apc3.n, apc4.n], "times": [apc.time, apc2.time, apc3.time, apc4.time]}
    return {"first": first, "second": second}


@case
def apcount_record_only(h):
    """An APCount recording into a Vector and nothing else recorded (no Vector.record, no NetCon):
    a run with nothing else for JavaScript to do between steps."""
    soma, dend, ic = apcount_cell(h)
    apc = h.APCount(soma(0.5))
    times = h.Vector()
    apc.record(times)
    h.finitialize(-65)
    h.continuerun(60)
    first = {"times": L(times), "n": apc.n, "time": apc.time}
    h.continuerun(75)
    return {"first": first, "second": {"times": L(times), "n": apc.n}}


def sample_loop(h, tstop, every, fns):
    """fadvance to tstop; every `every` steps append [t, fn() for each fn]."""
    out = [[h.t] + [f() for f in fns]]
    k = 0
    while h.t < tstop - h.dt / 2:
        h.fadvance()
        k += 1
        if k % every == 0:
            out.append([h.t] + [f() for f in fns])
    return out


@case
def intfire1_chain(h):
    ns = netstim(h, 1, 2, 100)
    f1 = h.IntFire1()
    f2 = h.IntFire1()
    f3 = h.IntFire1()
    f3.tau, f3.refrac = 3, 2
    ncs = [h.NetCon(ns, f1, 0, 0.5, 0.3), h.NetCon(f1, f2, 0, 1, 0.7), h.NetCon(f2, f3, 0, 0, 1.5),
           h.NetCon(ns, f2, 0, 0.25, 0.15), h.NetCon(ns, f3, 0, 0.1, -0.4)]
    s = [spikes(h, f)[0] for f in (f1, f2, f3)]
    h.finitialize(-65)
    m = sample_loop(h, 60, 4, [f1.M, f2.M, f3.M, lambda: f1.m, lambda: f2.m])
    return {"spikes": [L(x) for x in s], "M": m}


@case
def hoc_exp_clamp(h):
    # nocmodl's exp is hoc_Exp: 0 below -700 (glibc's exp still gives ~1e-305 .. 5e-324 there).
    ns = netstim(h, 1, 1, 1)
    f = h.IntFire1()
    f.tau = 0.1
    nc = h.NetCon(ns, f, 0, 0, 0.5)
    h.finitialize(-65)
    m = sample_loop(h, 80, 40, [f.M])
    return {"M": m}


@case
def intfire2_net(h):
    ns = netstim(h, 1, 3, 20)
    nsi = netstim(h, 10, 7, 4)
    g1 = h.IntFire2()
    g2 = h.IntFire2()
    g2.ib, g2.taus, g2.taum = 1.2, 5, 8
    g3 = h.IntFire2()
    g3.ib = 0.5
    ncs = [h.NetCon(ns, g1, 0, 1, 0.4), h.NetCon(nsi, g1, 0, 0.5, -0.3), h.NetCon(g1, g2, 0, 2, 0.5),
           h.NetCon(nsi, g2, 0, 0.5, -0.8), h.NetCon(g2, g3, 0, 1, 0.7)]
    s = [spikes(h, g)[0] for g in (g1, g2, g3)]
    h.finitialize(-65)
    taus = [g.taus for g in (g1, g2, g3)]
    m = sample_loop(h, 100, 10, [g1.M, g1.I, g2.M, g2.I, g3.M, g3.I])
    return {"spikes": [L(x) for x in s], "taus": taus, "MI": m, "final": [[g.i, g.m] for g in (g1, g2, g3)]}


@case
def intfire4_net(h):
    ns = netstim(h, 1, 4, 20)
    nsi = netstim(h, 6, 9, 5)
    n1 = h.IntFire4()
    n2 = h.IntFire4()
    n2.taue, n2.taum = 25, 20
    n3 = h.IntFire4()
    n3.taui1 = 30
    ncs = [h.NetCon(ns, n1, 0, 1, 0.6), h.NetCon(nsi, n1, 0, 0.5, -0.5), h.NetCon(n1, n2, 0, 2, 1.2),
           h.NetCon(ns, n3, 0, 0.75, 2.0), h.NetCon(nsi, n3, 0, 0.2, -1.5)]
    s = [spikes(h, n)[0] for n in (n1, n2, n3)]
    h.finitialize(-65)
    params = [[n.taue, n.taui1, n.taui2, n.taum, n.ae, n.ai1, n.ai2] for n in (n1, n2, n3)]
    m = sample_loop(h, 80, 10, [n1.M, n1.E, n1.I, n2.M, n2.E, n2.I, n3.M, n3.E, n3.I])
    counts = [[n.nself, n.nexcite, n.ninhibit, n.e, n.i1, n.i2, n.m] for n in (n1, n2, n3)]
    return {"spikes": [L(x) for x in s], "params": params, "MEI": m, "counts": counts}


@case
def netstim_edges(h):
    soma = h.Section(name="soma")
    soma.L = soma.diam = 10
    soma.insert("pas")
    syn = h.ExpSyn(soma(0.5))
    syn.tau = 2
    syn2 = h.ExpSyn(soma(0.5))
    syn2.tau = 0.5
    cell2 = hh_soma(h, "cell2")
    ic = h.IClamp(cell2(0.5))
    ic.delay, ic.dur, ic.amp = 0.5, 100, 0.5
    syn3 = h.ExpSyn(soma(0.5))
    nsA = netstim(h, 0, 2, 3)
    nsB = netstim(h, 1, 1, 0)
    nsC = netstim(h, 2, 1, 1)
    nsD = netstim(h, -1, 1.5, 4)
    nsE = netstim(h, 5.3, 1, 1)
    nsF = netstim(h, 4, 0.01, 7)
    nsG = netstim(h, 1, 1, 2.5)
    ncs = [h.NetCon(nsA, syn, 0, 0, 0.01), h.NetCon(nsA, syn, 0, 1, 0.5), h.NetCon(nsC, nsD, 0, 1, 1),
           h.NetCon(nsE, nsD, 0, 0, -1), h.NetCon(nsF, syn2, 0, 0, 0.001),
           h.NetCon(cell2(0.5)._ref_v, syn3, 0, 0, 0.02, sec=cell2)]
    ncs[1].active(False)
    recs = [spikes(h, ns)[0] for ns in (nsA, nsB, nsC, nsD, nsE, nsF, nsG)]
    g = [rec(h, s._ref_g) for s in (syn, syn2, syn3)]
    v = rec(h, soma(0.5)._ref_v)
    h.finitialize(-65)
    g0 = syn.g
    h.continuerun(12)
    return {"spikes": [L(x) for x in recs], "g": [L(x) for x in g], "v": L(v), "g_at_0": g0,
            "active": [ncs[0].active(), ncs[1].active()]}


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
        line = [l for l in out.stdout.splitlines() if l.startswith("{") or l.startswith("[")][-1]
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            f.write(line)
        print(name, len(line), "bytes")


if __name__ == "__main__":
    main()
