"""Goldens for neuron-ts' morphology loaders, made by NEURON 8.2.2 (python3-neuron).

Run from the repository root:
    /usr/bin/python3 test/golden/morphology/make_morphology_goldens.py

Each case runs in a fresh NEURON process (sections and HOC names are global), and the results go to
test/golden/morphology/*.json. Every float is written with repr(), so it round-trips exactly.

Cases:
  ses_c91662.json        c91662.ses (Cell Builder session) + the seed's simulation
  hoc_export.json        c91662.cellbuilder-export.hoc + the same simulation
  hoc_pyramid.json       NEURON's demo pyramid.nrn (ntscable output, fscan data)
  hoc_stylized.json      hoc/stylized.hoc (the HOC subset, define_shape on a cell without points)
  hoc_semantics.json     what hoc/semantics.hoc prints (operators, loops, procs, objects, sections,
                         SectionLists, forsec patterns, nested load_file)
  define_shape.json      h.define_shape() on the seed's 3-section Cell and on a tree with every
                         placement rule (built the same way in test/morphology/define_shape.test.ts)
  libmf.json             glibc's cosf/sinf/atan2f (define_shape's float trigonometry), via ctypes
  swc_goldens.json       every SWC file: Import3d at top level (and inside a Python cell object
                         for two of them), before and after h.define_shape()
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from seed_cell import SeedCell  # noqa: E402
DATA = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "morphology"))


def dump_cell(h, secs=None):
    """Per-section facts in allsec order (or the given order)."""
    secs = list(h.allsec()) if secs is None else secs
    out = []
    for s in secs:
        ps = s.parentseg()
        out.append({
            "name": s.name(),
            "nseg": s.nseg,
            "L": s.L,
            "Ra": s.Ra,
            "parent": None if ps is None else ps.sec.name(),
            "parentx": None if ps is None else ps.x,
            "orientation": h.section_orientation(sec=s),
            "pts": [[s.x3d(i), s.y3d(i), s.z3d(i), s.diam3d(i)] for i in range(s.n3d())],
            "arc_last": s.arc3d(s.n3d() - 1) if s.n3d() else None,
            "logical": bool(h.pt3dstyle(sec=s)),
            "segs": [{"x": g.x, "area": g.area(), "diam": g.diam, "ri": g.ri(), "cm": g.cm} for g in s],
            "mechs": sorted(m.name() for m in s(0.5) if not m.is_ion()),
        })
    return out


def totals(h):
    secs = list(h.allsec())
    return {
        "n_sections": len(secs),
        "area": sum(g.area() for s in secs for g in s),
        "L": sum(s.L for s in secs),
        "names": [s.name() for s in secs],
    }


def section_list(h, name):
    return [s.name() for s in getattr(h, name)]


def seed_run(h):
    """The seed script's simulation (hh everywhere, IClamp at soma(0.5))."""
    h.load_file("stdrun.hoc")
    h.hh.insert(h.allsec())
    ic = h.IClamp(h.soma(0.5))
    ic.delay = 1
    ic.dur = 1
    ic.amp = 10
    h.finitialize(-65)
    h.continuerun(2)
    vs = [g.v for s in h.allsec() for g in s]
    return {"t": h.t, "v_soma": h.soma(0.5).v, "v_min": min(vs), "v_max": max(vs), "v": vs}


def case_ses():
    from neuron import h
    h.load_file("stdrun.hoc")
    os.chdir(DATA)
    h.load_file("c91662.ses")
    out = {"totals": totals(h), "cell": dump_cell(h), "cas": h.secname(),
           "lists": {n: section_list(h, n) for n in ["all", "somatic", "axonal", "basaldend", "apical"]}}
    h.define_shape()
    out["pts_after_define_shape"] = [[[s.x3d(i), s.y3d(i), s.z3d(i), s.diam3d(i)] for i in range(s.n3d())] for s in h.allsec()]
    out["run"] = seed_run(h)
    return out


def case_export():
    from neuron import h
    os.chdir(DATA)
    h.load_file("c91662.cellbuilder-export.hoc")
    out = {"totals": totals(h), "cell": dump_cell(h), "cas": h.secname(),
           "lists": {n: section_list(h, n) for n in ["all", "somatic", "axonal", "basaldend", "apical"]}}
    out["run"] = seed_run(h)
    return out


def case_pyramid():
    from neuron import h
    os.chdir(os.path.join(HERE, "hoc"))
    h.load_file("pyramid.nrn")
    return {"totals": totals(h), "cell": dump_cell(h), "nspine": h.nspine}


def case_stylized():
    from neuron import h
    os.chdir(os.path.join(HERE, "hoc"))
    h.load_file("stylized.hoc")
    return {"totals": totals(h), "cell": dump_cell(h), "cas": h.secname(), "s": h.s,
            "lists": {n: section_list(h, n) for n in ["dends", "somatic", "everything"]}}


def case_semantics():
    from neuron import h
    os.chdir(os.path.join(HERE, "hoc"))
    h.load_file("semantics.hoc")
    return {}


def case_define_shape():
    """h.define_shape() on cells without (or with some) 3-D points; build_* mirror the TS test."""
    from neuron import h
    out = {}


    c = SeedCell(h)
    h.define_shape()
    out["seed_cell"] = [[[s.x3d(i), s.y3d(i), s.z3d(i), s.diam3d(i)] for i in range(s.n3d())] for s in c.all]
    for s in list(h.allsec()):
        h.delete_section(sec=s)

    # A tree with every placement rule: children at 0 (reversed), interior (+pi/2), three at 1
    # (spread), a child attached by its 1 end, a grandchild, a second root, a section that
    # already has points (translated), and nseg > 1 (intermediate points).
    a = h.Section(name="a"); a.L = 50; a.diam = 4; a.nseg = 3
    b = h.Section(name="b"); b.L = 30; b.diam = 1.5; b.connect(a(0))
    c_ = h.Section(name="c"); c_.L = 20; c_.diam = 0.7; c_.connect(a(0.3))
    d = [h.Section(name="d%d" % i) for i in range(3)]
    for i, s in enumerate(d):
        s.L = 40 + 7 * i; s.diam = 1.1 + 0.1 * i; s.nseg = 1 + 2 * i; s.connect(a(1))
    e = h.Section(name="e"); e.L = 33.3; e.diam = 0.9; e.nseg = 4; e.connect(d[1](1), 1)
    f = h.Section(name="f"); f.L = 12.5; f.diam = 0.5; f.connect(e(0.5))
    g = h.Section(name="g"); g.L = 77; g.diam = 3
    k = h.Section(name="k"); k.connect(g(1))
    k.pt3dadd(5, 5, 5, 2); k.pt3dadd(25.5, 9.25, -3, 1.25); k.pt3dadd(40.1, 3.3, 7.7, 1)
    m = h.Section(name="m"); m.L = 10; m.diam = 1; m.connect(k(0.5))
    h.define_shape()
    out["tree"] = {s.name(): [[s.x3d(i), s.y3d(i), s.z3d(i), s.diam3d(i)] for i in range(s.n3d())] for s in h.allsec()}
    out["tree_L"] = {s.name(): s.L for s in h.allsec()}
    out["tree_area"] = {s.name(): [g_.area() for g_ in s] for s in h.allsec()}
    return out


def case_libmf():
    """glibc's float cosf/sinf/atan2f, which define_shape uses (treeset.cpp is C++: float overloads)."""
    import ctypes
    import random
    libm = ctypes.CDLL("libm.so.6")
    for fn in ("cosf", "sinf"):
        getattr(libm, fn).restype = ctypes.c_float
        getattr(libm, fn).argtypes = [ctypes.c_float]
    libm.atan2f.restype = ctypes.c_float
    libm.atan2f.argtypes = [ctypes.c_float, ctypes.c_float]
    rnd = random.Random(20221215)
    f32 = lambda v: ctypes.c_float(v).value
    xs = [f32(rnd.uniform(-7, 7)) for _ in range(4000)] + [f32(rnd.uniform(-0.8, 0.8)) for _ in range(2000)]
    pairs = [(f32(rnd.uniform(-500, 500)), f32(rnd.uniform(-500, 500))) for _ in range(4000)]
    pairs += [(f32(rnd.uniform(-1, 1) * 10 ** rnd.uniform(-6, 6)), f32(rnd.uniform(-1, 1) * 10 ** rnd.uniform(-6, 6))) for _ in range(2000)]
    return {"x": xs, "cosf": [libm.cosf(x) for x in xs], "sinf": [libm.sinf(x) for x in xs],
            "yx": pairs, "atan2f": [libm.atan2f(y, x) for y, x in pairs]}


SWC_FILES = [os.path.join(DATA, f) for f in sorted(os.listdir(DATA)) if f.endswith(".swc")] + \
    [os.path.join(HERE, "swc", f) for f in sorted(os.listdir(os.path.join(HERE, "swc"))) if f.endswith(".swc")]


def case_swc(path, in_cell):
    from neuron import h
    h.load_file("import3d.hoc")
    r = h.Import3d_SWC_read()
    r.quiet = 1
    r.input(path)
    i3d = h.Import3d_GUI(r, False)
    if in_cell:
        class Cell:
            def __repr__(self):
                return "Cell[0]"
        cell = Cell()
        i3d.instantiate(cell)
        secs = list(cell.all)
    else:
        i3d.instantiate(None)
        secs = list(h.allsec())
    out = {"totals": totals(h), "cell": dump_cell(h, secs)}
    if not in_cell:
        out["cas"] = h.secname()
        # HOC names the loader made, with their sizes
        names = {}
        for nm in ["soma", "axon", "dend", "apic"] + ["dend_%d" % k for k in range(5, 12)]:
            if hasattr(h, nm):
                names[nm] = len(list(getattr(h, nm)))
        out["hoc_arrays"] = names
    h.define_shape()
    out["pts_after_define_shape"] = [[[s.x3d(i), s.y3d(i), s.z3d(i), s.diam3d(i)] for i in range(s.n3d())] for s in secs]
    return out


def run_in_child(fn_name, *args):
    """Runs one case in a fresh interpreter and returns its JSON."""
    code = "import sys, json; sys.path.insert(0, %r); import make_morphology_goldens as m; " \
           "print('@@' + json.dumps(getattr(m, %r)(*%r)))" % (HERE, fn_name, args)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    line = [l for l in res.stdout.splitlines() if l.startswith("@@")][0]
    stdout = "\n".join(l for l in res.stdout.splitlines() if not l.startswith("@@") and "DISPLAY" not in l and "No graphics" not in l)
    data = json.loads(line[2:])
    data["stdout"] = stdout
    return data


def write(name, data):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")


def main():
    write("ses_c91662.json", run_in_child("case_ses"))
    write("hoc_export.json", run_in_child("case_export"))
    write("hoc_pyramid.json", run_in_child("case_pyramid"))
    write("hoc_stylized.json", run_in_child("case_stylized"))
    write("define_shape.json", run_in_child("case_define_shape"))
    write("hoc_semantics.json", run_in_child("case_semantics"))
    write("libmf.json", run_in_child("case_libmf"))
    swc = {}
    for p in SWC_FILES:
        key = os.path.basename(p)
        swc[key] = run_in_child("case_swc", p, False)
        swc[key]["source"] = os.path.relpath(p, os.path.join(HERE, "..", "..", ".."))
    for key in ["c91662.swc", "soma_multipoint.swc"]:
        p = [q for q in SWC_FILES if os.path.basename(q) == key][0]
        swc[key + "#cell"] = run_in_child("case_swc", p, True)
    write("swc_goldens.json", swc)


if __name__ == "__main__":
    main()
