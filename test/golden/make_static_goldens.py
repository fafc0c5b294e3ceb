#!/usr/bin/env python3
"""Static goldens from NEURON 8.2.2: geometry, topology text, distances, segment names,
psection, nseg copy semantics. Each case runs in a fresh process; output goes to
test/golden/static/<case>.json. Each case is a small script written twice: here in Python and
in test/golden/static.test.ts in TypeScript, line for line.

    /usr/bin/python3 test/golden/make_static_goldens.py
"""
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "static")
CASES = {}


def case(f):
    CASES[f.__name__] = f
    return f


def segs(sec):
    return [seg for seg in sec.allseg()]


def geo(sec):
    return {
        "L": sec.L,
        "x": [s.x for s in sec.allseg()],
        "name": [str(s) for s in sec.allseg()],
        "area": [s.area() for s in sec.allseg()],
        "ri": [s.ri() for s in sec.allseg()],
        "diam": [s.diam for s in sec],
        "volume": [s.volume() for s in sec],
        "n3d": sec.n3d(),
        "pt3d": [[sec.x3d(i), sec.y3d(i), sec.z3d(i), sec.diam3d(i), sec.arc3d(i)] for i in range(sec.n3d())],
    }


@case
def defaults(h):
    s = h.Section(name="s")
    return {"geo": geo(s), "Ra": s.Ra, "cm": s.cm, "nseg": s.nseg, "celsius": h.celsius, "dt": h.dt, "tstop": h.tstop, "v": s(0.5).v}


@case
def cylinders(h):
    out = {}
    for nseg in (1, 2, 3, 4, 7, 10, 25):
        s = h.Section(name="c%d" % nseg)
        s.L = 123.4
        s.diam = 2.7
        s.Ra = 91.3
        s.nseg = nseg
        out[str(nseg)] = geo(s)
    d = h.Section(name="dend")
    d.L = 3
    d.diam = 2
    d.nseg = 3
    d(0.5).diam = 4
    out["seed_dend"] = geo(d)
    return out


@case
def pt3d_random(h):
    rng = random.Random(11)
    s = h.Section(name="p")
    x = y = z = 0.0
    for i in range(200):
        x += rng.uniform(-1, 3)
        y += rng.uniform(-2, 2)
        z += rng.uniform(-1.5, 1.5)
        s.pt3dadd(x, y, z, rng.uniform(0.2, 4.5))
    out = {"n5": None}
    for nseg in (1, 4, 9, 31):
        s.nseg = nseg
        out["nseg%d" % nseg] = geo(s)
    return out


@case
def pt3d_edits(h):
    s = h.Section(name="t")
    s.pt3dadd(0, 0, 0, 1)
    s.pt3dadd(10, 0, 0, 5)
    out = {"two": geo(s)}
    s.nseg = 3
    out["nseg3"] = geo(s)
    s(0.5).diam = 2
    out["set_mid_diam"] = geo(s)
    s.L = 25
    out["set_L"] = geo(s)
    s.pt3dinsert(1, 4, 1, 0, 3)
    out["insert"] = geo(s)
    s.pt3dchange(2, 20, 2, 1, 2.5)
    out["change"] = geo(s)
    s.pt3dremove(0)
    out["remove"] = geo(s)
    s.pt3dadd(1.1, 2.2, 3.3, 1.1)
    out["float32"] = geo(s)
    s.pt3dclear()
    out["cleared"] = {"n3d": s.n3d(), "L": s.L}
    return out


def seven(h):
    soma = h.Section(name="soma")
    papic = h.Section(name="proxApical")
    apic1 = h.Section(name="apic1")
    apic2 = h.Section(name="apic2")
    pb = h.Section(name="proxBasal")
    db1 = h.Section(name="distBasal1")
    db2 = h.Section(name="distBasal2")
    papic.connect(soma)
    pb.connect(soma(0))
    apic1.connect(papic)
    apic2.connect(papic)
    db1.connect(pb)
    db2.connect(pb)
    return [soma, papic, apic1, apic2, pb, db1, db2]


def capture(h, f):
    r, w = os.pipe()
    saved = os.dup(1)
    sys.stdout.flush()
    os.dup2(w, 1)
    f()
    os.dup2(saved, 1)
    os.close(w)
    return os.read(r, 1000000).decode()


@case
def topology_texts(h):
    out = {}
    keep = seven(h)
    out["seven"] = capture(h, h.topology)
    s = h.Section(name="s")
    d1 = h.Section(name="d1")
    d1.nseg = 5
    d2 = h.Section(name="d2")
    d2.nseg = 3
    d3 = h.Section(name="d3")
    d3.nseg = 2
    ax = h.Section(name="ax")
    ax.nseg = 7
    d1.connect(s(1))
    d2.connect(s(1))
    d3.connect(d1(0.5))
    ax.connect(s(0))
    r = h.Section(name="rev")
    r.nseg = 4
    r.connect(d2(0.7), 1)
    rb = h.Section(name="rb")
    rb.rallbranch = 2.5
    rb.connect(r(0.25))
    out["branched"] = capture(h, h.topology)
    del keep
    return out


@case
def tree_queries(h):
    secs = seven(h)
    soma, papic, apic1, apic2, pb, db1, db2 = secs
    names = lambda l: [str(x) for x in l]
    return {
        "wholetree": names(apic1.wholetree()),
        "subtree_pb": names(pb.subtree()),
        "children_soma": names(soma.children()),
        "children_papic": names(papic.children()),
        "parentseg": [str(s.parentseg()) for s in secs],
        "trueparentseg": [str(s.trueparentseg()) for s in secs],
        "allsec": names(h.allsec()),
        "orientation": [s.orientation() for s in secs],
    }


@case
def distances(h):
    a = h.Section(name="a")
    a.L = 100
    a.nseg = 5
    b = h.Section(name="b")
    b.L = 50
    b.nseg = 3
    b.connect(a(0.45))
    c = h.Section(name="c")
    c.L = 30
    c.nseg = 2
    c.connect(a(1))
    d = h.Section(name="d")
    d.L = 20
    d.connect(a(0))
    e = h.Section(name="e")  # not connected
    h.distance(0, a(0))
    pts = [a(0), a(0.45), a(0.41), a(0.5), a(1), b(0), b(0.2), b(1), c(0.5), c(1), d(0.3), d(1)]
    out = {"from_a0": [h.distance(p) for p in pts]}
    out["pairs"] = [h.distance(p, q) for p in pts for q in pts]
    h.distance(0, b(0.9))
    out["from_b09"] = [h.distance(p) for p in pts]
    out["unconnected"] = h.distance(a(0.5), e(0.5))
    return out


@case
def segment_names(h):
    out = {}
    for nseg in (1, 2, 3, 6, 7, 9, 11, 101, 1001):
        s = h.Section(name="n%d" % nseg)
        s.nseg = nseg
        out[str(nseg)] = [str(seg) for seg in s.allseg()]
    s = h.Section(name="q")
    out["odd_x"] = [str(s(x)) for x in (0.1, 0.123456789, 1e-7, 0.99999999, 0.5, 1.0 / 3, 2.0 / 3, 1e-5, 0.0001, 0.00012345)]
    return out


@case
def nseg_copy(h):
    s = h.Section(name="s")
    s.L = 90
    s.insert("hh")
    s.insert("pas")
    s.nseg = 3
    vals = [1.0, 2.0, 3.0]
    for seg, v in zip(s, vals):
        seg.diam = v
        seg.cm = v * 10
        seg.hh.gnabar = v / 10
        seg.v = -60 - v
        seg.pas.e = -70 + v
    ic = h.IClamp(s(0.5))
    ic0 = h.IClamp(s(0.1))
    out = []
    for n in (5, 2, 7, 1, 4, 3):
        s.nseg = n
        out.append({
            "nseg": n,
            "diam": [seg.diam for seg in s],
            "cm": [seg.cm for seg in s],
            "gnabar": [seg.hh.gnabar for seg in s],
            "v": [seg.v for seg in s.allseg()],
            "e_pas": [seg.pas.e for seg in s],
            "ic_x": ic.get_segment().x,
            "ic0_x": ic0.get_segment().x,
        })
    return out


@case
def psections(h):
    s = h.Section(name="soma")
    s.insert("hh")
    s.insert("pas")
    s.nseg = 2
    d = h.Section(name="d")
    d.connect(s(0.5))
    d.pt3dadd(0, 0, 0, 2)
    d.pt3dadd(5, 1, 0, 1)
    ic = h.IClamp(s(0.5))

    def clean(p):
        p = dict(p)
        p["point_processes"] = {k: len(v) for k, v in p["point_processes"].items()}
        m = dict(p["morphology"])
        m["parent"] = str(m["parent"]) if m["parent"] is not None else None
        m["trueparent"] = str(m["trueparent"]) if m["trueparent"] is not None else None
        m["pts3d"] = [list(x) for x in m["pts3d"]]
        p["morphology"] = m
        for k in ("regions", "species", "hoc_internal_name", "cell"):
            p.pop(k, None)
        return p

    return {"soma": clean(s.psection()), "d": clean(d.psection())}


@case
def cell_names(h):
    class Cell:
        def __init__(self, gid):
            self.gid = gid
            self.soma = h.Section(name="soma", cell=self)
            self.dend = h.Section(name="dend", cell=self)
            self.dend.connect(self.soma)

        def __repr__(self):
            return "Cell[%d]" % self.gid

    cells = [Cell(i) for i in range(3)]
    return {"names": [str(s) for s in h.allsec()], "seg": str(cells[1].dend(0.25)), "topology": capture(h, h.topology)}


@case
def pt3d_volume_area_seed(h):
    dend = h.Section(name="dend")
    dend.L = 3
    dend.diam = 2
    dend.nseg = 3
    before = [[str(seg), seg.area()] for seg in dend]
    dend(0.5).diam = 4
    after = [[str(seg), seg.area()] for seg in dend]
    dend.nseg = 1
    dend.pt3dclear()
    dend.pt3dadd(0, 0, 0, 1)
    dend.pt3dadd(10, 0, 0, 5)
    return {"before": before, "after": after, "volume": dend(0.5).volume(), "geo": geo(dend)}


@case
def vector_api(h):
    rng = random.Random(3)
    vals = [rng.uniform(-80, 40) for _ in range(257)]
    v = h.Vector(vals)
    out = {"size": v.size(), "sum": v.sum(), "mean": v.mean(), "var": v.var(), "stdev": v.stdev(), "max": v.max(), "min": v.min(), "last": v[-1], "x3": v.x[3]}
    v.resize(5)
    out["resized"] = list(v)
    v.append(1.5, 2.5)
    out["appended"] = list(v)
    w = h.Vector(4)
    w.indgen(2, 0.5)
    out["indgen"] = list(w)
    return {"vals": vals, "out": out}


@case
def access_forms(h):
    s = h.Section(name="s")
    s.nseg = 3
    s.insert("hh")
    s.gnabar_hh = 0.2
    s(0.5).hh.gkbar = 0.05
    s(0.1).gl_hh = 0.001
    s(0.9).ena = 55
    s.ek = -80
    out = {
        "gnabar": [seg.hh.gnabar for seg in s],
        "gkbar": [seg.gkbar_hh for seg in s],
        "gl": [seg.hh.gl for seg in s],
        "ena": [seg.ena for seg in s],
        "ek": [seg.ek for seg in s],
        "sec_gnabar": s.gnabar_hh,
        "has_hh": s.has_membrane("hh"),
        "has_pas": s.has_membrane("pas"),
    }
    h.finitialize(-65)
    out["m"] = [seg.hh.m for seg in s]
    out["ina"] = [seg.ina for seg in s]
    out["minf"] = h.minf_hh
    s.uninsert("hh")
    out["has_hh_after"] = s.has_membrane("hh")
    s.insert("hh")
    out["gnabar_reinserted"] = [seg.hh.gnabar for seg in s]
    return out


@case
def finitialize_handlers(h):
    s = h.Section(name="s")
    s.insert("hh")
    ic = h.IClamp(s(0.5))
    ic.amp = 0.3
    seen = []
    def probe(tag):
        return lambda: seen.append([tag, s(0.5).v, s(0.5).hh.m, s(0.5).hh.gna, ic.i])
    fihs = [h.FInitializeHandler(3, probe("type3")), h.FInitializeHandler(0, probe("type0")),
            h.FInitializeHandler(probe("default")), h.FInitializeHandler(2, probe("type2")),
            h.FInitializeHandler(1, probe("type1"))]
    s(0.5).v = 11
    s(0.5).hh.m = 0.7
    h.finitialize(-70)
    return seen


@case
def netcon_presyn(h):
    s = h.Section(name="s")
    s.L = s.diam = 20
    s.insert("hh")
    ic = h.IClamp(s(0.5))
    ic.delay = 1
    ic.dur = 100
    ic.amp = 0.2
    nc1 = h.NetCon(s(0.5)._ref_v, None, sec=s)
    nc2 = h.NetCon(s(0.5)._ref_v, None, sec=s)
    nc2.threshold = -30
    v1 = h.Vector()
    nc1.record(v1)
    h.finitialize(-65)
    while h.t < 30:
        h.fadvance()
    return {"thresholds": [nc1.threshold, nc2.threshold], "spikes": list(v1), "delay": nc1.delay, "weight0": nc1.weight[0]}


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
