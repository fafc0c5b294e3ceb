#!/usr/bin/env python3
"""Runs NEURON 8.2.2 on every model in MODELS and writes test/golden/engine/<name>.json.

Each JSON holds the model's spec (which test/golden/build.ts builds again with neuron-ts's
public API) and what NEURON computed for it. Every model runs in a fresh Python process, so
no NEURON state leaks between models.

    apt-get install -y python3-neuron
    /usr/bin/python3 test/golden/make_goldens.py            # all models
    /usr/bin/python3 test/golden/make_goldens.py hh_soma    # one model

Never edit the JSON by hand: change a spec here and regenerate.
"""
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "engine")

# ----------------------------------------------------------------------------- model specs
# A spec is plain data: sections (in creation order) with geometry and mechanisms, connections
# (in order), point processes, what to record, and how to run. build.ts reads the same keys.


def soma(name="soma", **kw):
    d = {"name": name}
    d.update(kw)
    return d


MODELS = {}

# The seed's HH soma: L = diam = 10, brief IClamp; v, gates, currents and t every step.
MODELS["hh_soma"] = {
    "sections": [soma(L=10, diam=10, insert=["hh"])],
    "iclamps": [{"sec": "soma", "x": 0.5, "del": 2, "dur": 0.1, "amp": 1}],
    "record": [
        {"var": "t"},
        {"sec": "soma", "x": 0.5, "var": "v"},
        {"sec": "soma", "x": 0.5, "var": "m_hh"},
        {"sec": "soma", "x": 0.5, "var": "h_hh"},
        {"sec": "soma", "x": 0.5, "var": "n_hh"},
        {"sec": "soma", "x": 0.5, "var": "ina"},
        {"sec": "soma", "x": 0.5, "var": "ik"},
        {"sec": "soma", "x": 0.5, "var": "il_hh"},
        {"sec": "soma", "x": 0.5, "var": "gna_hh"},
        {"sec": "soma", "x": 0.5, "var": "i_cap"},
        {"iclamp": 0, "var": "i"},
    ],
    "spikes": [{"sec": "soma", "x": 0.5, "threshold": 0}],
    "run": {"mode": "continuerun", "tstop": 10},
}

# Case A2 of the numerics reference: sustained current, repetitive spikes, at several
# temperatures (the hh table is rebuilt for each celsius), and with the table off.
for label, celsius, usetable in [("c6_3", 6.3, 1), ("c16_3", 16.3, 1), ("c25", 25.0, 1), ("c18_notable", 18.0, 0)]:
    MODELS["hh_train_" + label] = {
        "celsius": celsius,
        "usetable_hh": usetable,
        "sections": [soma(L=20, diam=20, insert=["hh"])],
        "iclamps": [{"sec": "soma", "x": 0.5, "del": 1, "dur": 100, "amp": 0.15}],
        "record": [{"sec": "soma", "x": 0.5, "var": "v"}, {"sec": "soma", "x": 0.5, "var": "n_hh"}],
        "spikes": [{"sec": "soma", "x": 0.5, "threshold": 10}],
        "run": {"mode": "continuerun", "tstop": 49.5},
    }

# celsius changed between steps: the table is rebuilt at the next fadvance.
MODELS["hh_celsius_midrun"] = {
    "sections": [soma(L=20, diam=20, insert=["hh"])],
    "iclamps": [{"sec": "soma", "x": 0.5, "del": 1, "dur": 100, "amp": 0.15}],
    "record": [{"sec": "soma", "x": 0.5, "var": "v"}],
    "spikes": [{"sec": "soma", "x": 0.5, "threshold": 10}],
    "run": {"mode": "continuerun", "tstop": 15, "then": [{"set": {"celsius": 20}}, {"continuerun": 30}]},
}

# dt != 0.025, secondorder = 1, and NEURON's "while t < tstop: fadvance()" loop.
MODELS["hh_dt_0_01"] = {
    "dt": 0.01,
    "sections": [soma(L=10, diam=10, insert=["hh"])],
    "iclamps": [{"sec": "soma", "x": 0.5, "del": 2, "dur": 0.1, "amp": 1}],
    "record": [{"var": "t"}, {"sec": "soma", "x": 0.5, "var": "v"}],
    "run": {"mode": "continuerun", "tstop": 10},
}
MODELS["hh_secondorder1"] = {
    "secondorder": 1,
    "sections": [soma(L=20, diam=20, insert=["hh"])],
    "iclamps": [{"sec": "soma", "x": 0.5, "del": 2, "dur": 0.5, "amp": 1}],
    "record": [{"sec": "soma", "x": 0.5, "var": "v"}, {"sec": "soma", "x": 0.5, "var": "m_hh"}],
    "spikes": [{"sec": "soma", "x": 0.5, "threshold": 0}],
    "run": {"mode": "continuerun", "tstop": 20},
}
MODELS["hh_fadvance_loop"] = {
    "sections": [soma(L=10, diam=10, insert=["hh"])],
    "iclamps": [{"sec": "soma", "x": 0.5, "del": 2, "dur": 0.1, "amp": 1}],
    "record": [{"var": "t"}, {"sec": "soma", "x": 0.5, "var": "v"}],
    "run": {"mode": "fadvance_loop", "tstop": 10},
}
# h.run() with dt = 0.01: stdrun's setdt changes dt to 0.0125 and steps twice per step().
MODELS["hh_run_setdt"] = {
    "dt": 0.01,
    "sections": [soma(L=10, diam=10, insert=["hh"])],
    "iclamps": [{"sec": "soma", "x": 0.5, "del": 2, "dur": 0.1, "amp": 1}],
    "record": [{"var": "t"}, {"sec": "soma", "x": 0.5, "var": "v"}],
    "run": {"mode": "run", "tstop": 5},
}

# Case B: passive cable with an off-centre clamp.
MODELS["passive_cable"] = {
    "sections": [soma("dend", L=1000, diam=2, nseg=21, Ra=100, insert=["pas"], params={"g_pas": 1e-4, "e_pas": -65})],
    "iclamps": [{"sec": "dend", "x": 0.1, "del": 1, "dur": 5, "amp": 0.2}],
    "record": [{"sec": "dend", "x": x, "var": "v"} for x in (0, 0.1, 0.5, 0.9, 1)],
    "run": {"mode": "continuerun", "tstop": 20},
}

# A branched tree: children at x = 1 (two, the newer first in node order), x = 0 and an
# interior x; hh and pas mixed; cm and Ra not default; nseg > 1; two clamps; records at
# interior nodes and at the 0 and 1 ends.
MODELS["branched_tree"] = {
    "sections": [
        soma("soma", L=20, diam=20, nseg=1, Ra=120, cm=1.2, insert=["hh"]),
        soma("d1", L=200, diam=2, nseg=5, Ra=80, insert=["pas", "hh"], params={"g_pas": 2e-4, "e_pas": -65, "gnabar_hh": 0.06}),
        soma("d2", L=150, diam=1.5, nseg=3, Ra=80, cm=0.8, insert=["pas"], params={"g_pas": 5e-4, "e_pas": -70}),
        soma("d3", L=80, diam=1, nseg=2, insert=["hh"], params={"gkbar_hh": 0.02}),
        soma("ax", L=400, diam=1, nseg=7, Ra=100, insert=["hh"]),
        soma("d4", L=50, diam=0.8, nseg=3, insert=["pas"]),
    ],
    "connect": [
        {"child": "d1", "parent": "soma", "x": 1},
        {"child": "d2", "parent": "soma", "x": 1},
        {"child": "d3", "parent": "d1", "x": 0.5},
        {"child": "ax", "parent": "soma", "x": 0},
        {"child": "d4", "parent": "d2", "x": 0.3},
    ],
    "iclamps": [
        {"sec": "soma", "x": 0.5, "del": 1, "dur": 3, "amp": 0.8},
        {"sec": "d3", "x": 0.9, "del": 5, "dur": 1, "amp": 0.3},
    ],
    "record": [
        {"sec": "soma", "x": 0.5, "var": "v"},
        {"sec": "soma", "x": 0, "var": "v"},
        {"sec": "soma", "x": 1, "var": "v"},
        {"sec": "d1", "x": 0.3, "var": "v"},
        {"sec": "d1", "x": 1, "var": "v"},
        {"sec": "d2", "x": 0.5, "var": "v"},
        {"sec": "d3", "x": 0.75, "var": "v"},
        {"sec": "d3", "x": 0.75, "var": "m_hh"},
        {"sec": "ax", "x": 0.5, "var": "v"},
        {"sec": "ax", "x": 1, "var": "v"},
        {"sec": "d4", "x": 0.5, "var": "v"},
        {"sec": "d1", "x": 0.3, "var": "i_pas"},
    ],
    "spikes": [{"sec": "ax", "x": 1, "threshold": -20}, {"sec": "soma", "x": 0.5, "threshold": 0}],
    "run": {"mode": "continuerun", "tstop": 12},
}

# The branched tree's geometry changed between runs (no finitialize): each continuerun must use
# the new areas and coefficients, including what the fused step keeps of them (the triang
# factor of a far-end node with nothing attached: ax, d3, d4).
MODELS["geometry_between_runs"] = dict(MODELS["branched_tree"], run={
    "mode": "continuerun", "tstop": 4, "then": [
        {"section": "ax", "values": {"diam": 1.6, "L": 300}},
        {"section": "d4", "values": {"Ra": 200}},
        {"continuerun": 8},
        {"section": "d3", "values": {"diam": 0.6}},
        {"section": "soma", "values": {"diam": 15}},
        {"continuerun": 12},
    ]})

# A binary tree of single-segment sections (depth 3; hh, and pas with hh, by level): every
# internal section has two children at its 1 end and one also an IClamp there (the generated
# step's straight-line code for one-segment sections, with children); records at middles and 1 ends.
def seg1_tree():
    secs, conns = [], []

    def grow(parent, d):
        name = "b%d" % len(secs)
        if d % 2:
            secs.append(soma(name, L=60 / (1 + d), diam=3 / (1 + d), nseg=1, insert=["pas", "hh"], params={"g_pas": 2e-4, "e_pas": -65}))
        else:
            secs.append(soma(name, L=60 / (1 + d), diam=3 / (1 + d), nseg=1, insert=["hh"]))
        if parent is not None:
            conns.append({"child": name, "parent": parent, "x": 1})
        if d < 3:
            grow(name, d + 1)
            grow(name, d + 1)

    grow(None, 0)
    return secs, conns


SEG1_SECTIONS, SEG1_CONNECT = seg1_tree()
MODELS["single_segment_tree"] = {
    "sections": SEG1_SECTIONS,
    "connect": SEG1_CONNECT,
    "iclamps": [
        {"sec": "b0", "x": 0.5, "del": 0.5, "dur": 5, "amp": 0.4},
        {"sec": "b1", "x": 1, "del": 3, "dur": 1, "amp": 0.1},
    ],
    "record": [
        {"sec": "b0", "x": 0.5, "var": "v"},
        {"sec": "b0", "x": 1, "var": "v"},
        {"sec": "b1", "x": 0.5, "var": "v"},
        {"sec": "b1", "x": 1, "var": "v"},
        {"sec": "b2", "x": 0.5, "var": "m_hh"},
        {"sec": "b3", "x": 0.5, "var": "v"},
        {"sec": "b14", "x": 0.5, "var": "v"},
        {"sec": "b14", "x": 1, "var": "v"},
    ],
    "spikes": [{"sec": "b0", "x": 0.5, "threshold": 0}, {"sec": "b14", "x": 0.5, "threshold": -20}],
    "run": {"mode": "continuerun", "tstop": 10},
}

# A child attached by its 1 end (reversed orientation) with an interior grandchild.
MODELS["reversed_child"] = {
    "sections": [
        soma("soma", L=20, diam=20, insert=["hh"]),
        soma("r", L=120, diam=2, nseg=4, insert=["pas"]),
        soma("g", L=60, diam=1, nseg=3, insert=["hh"]),
    ],
    "connect": [
        {"child": "r", "parent": "soma", "x": 1, "end": 1},
        {"child": "g", "parent": "r", "x": 0.3},
    ],
    "iclamps": [{"sec": "soma", "x": 0.5, "del": 1, "dur": 2, "amp": 0.5}],
    "record": [
        {"sec": "r", "x": 0.1, "var": "v"},
        {"sec": "r", "x": 0.9, "var": "v"},
        {"sec": "r", "x": 0, "var": "v"},
        {"sec": "r", "x": 1, "var": "v"},
        {"sec": "g", "x": 0.5, "var": "v"},
    ],
    "run": {"mode": "continuerun", "tstop": 8},
}

# Case D: tapered pt3d section with hh.
MODELS["pt3d_taper_hh"] = {
    "sections": [soma("s", nseg=3, pt3d=[[0, 0, 0, 1], [10, 0, 0, 5]], insert=["hh"])],
    "iclamps": [{"sec": "s", "x": 0.5, "del": 0.5, "dur": 1, "amp": 0.05}],
    "record": [{"sec": "s", "x": 0.5, "var": "v"}, {"sec": "s", "x": 0.1, "var": "v"}],
    "run": {"mode": "continuerun", "tstop": 10},
}

# A cell of pt3d sections (random points, float32 storage) connected at interior points.
rng = random.Random(7)


def walk(n, x0, y0, z0, d0):
    pts = [[x0, y0, z0, d0]]
    for _ in range(n - 1):
        x0 += rng.uniform(-3, 8)
        y0 += rng.uniform(-4, 4)
        z0 += rng.uniform(-2, 2)
        d0 = max(0.3, d0 + rng.uniform(-0.4, 0.3))
        pts.append([round(x0, 6), round(y0, 6), round(z0, 6), round(d0, 6)])
    return pts


MODELS["pt3d_cell"] = {
    "sections": [
        soma("soma", pt3d=[[0, 0, 0, 12], [6, 0.5, 0, 14], [12, 1, 0, 11]], insert=["hh"]),
        soma("a", nseg=7, pt3d=walk(40, 12, 1, 0, 3), insert=["hh"]),
        soma("b", nseg=5, pt3d=walk(25, 0, 0, 0, 2), insert=["pas"], params={"g_pas": 3e-4, "e_pas": -65}),
        soma("c", nseg=3, pt3d=walk(12, 30, 5, 0, 1.2), insert=["hh"]),
    ],
    "connect": [
        {"child": "a", "parent": "soma", "x": 1},
        {"child": "b", "parent": "soma", "x": 0},
        {"child": "c", "parent": "a", "x": 0.42},
    ],
    "iclamps": [{"sec": "soma", "x": 0.5, "del": 1, "dur": 2, "amp": 1.5}],
    "record": [
        {"sec": "soma", "x": 0.5, "var": "v"},
        {"sec": "a", "x": 0.5, "var": "v"},
        {"sec": "a", "x": 1, "var": "v"},
        {"sec": "b", "x": 0.7, "var": "v"},
        {"sec": "c", "x": 0.5, "var": "v"},
    ],
    "spikes": [{"sec": "a", "x": 1, "threshold": 0}],
    "run": {"mode": "continuerun", "tstop": 10},
}

# Record with Dt and with a time vector (event-driven samples; the last Dt sample can be
# missing), and initial v other than -65.
MODELS["record_sampled"] = {
    "v_init": -70,
    "sections": [soma(L=20, diam=20, insert=["hh"])],
    "iclamps": [{"sec": "soma", "x": 0.5, "del": 2, "dur": 0.5, "amp": 1}],
    "record": [
        {"sec": "soma", "x": 0.5, "var": "v", "Dt": 0.1},
        {"var": "t", "Dt": 0.1},
        {"sec": "soma", "x": 0.5, "var": "v", "tvec": [0, 0.3, 0.31, 1.0, 2.51, 7.77]},
    ],
    "run": {"mode": "continuerun", "tstop": 25},
}

# nseg changed after parameters were set: NEURON copies node values, it does not interpolate;
# a point process keeps its node (its x moves).
MODELS["nseg_change"] = {
    "sections": [soma("s", L=300, diam=3, nseg=3, insert=["pas", "hh"])],
    "seg_params": [
        {"sec": "s", "x": 0.1, "var": "diam", "value": 1},
        {"sec": "s", "x": 0.5, "var": "diam", "value": 2},
        {"sec": "s", "x": 0.9, "var": "diam", "value": 3},
        {"sec": "s", "x": 0.1, "var": "gnabar_hh", "value": 0.05},
        {"sec": "s", "x": 0.9, "var": "gnabar_hh", "value": 0.2},
        {"sec": "s", "x": 0.5, "var": "cm", "value": 2},
    ],
    "iclamps": [{"sec": "s", "x": 0.5, "del": 1, "dur": 1, "amp": 0.5}],
    "after": [{"nseg": ["s", 5]}, {"nseg": ["s", 2]}, {"nseg": ["s", 7]}],
    "record": [{"sec": "s", "x": 0.5, "var": "v"}, {"sec": "s", "x": 0.95, "var": "v"}],
    "run": {"mode": "continuerun", "tstop": 6},
}

# ----------------------------------------------------------------------------- NEURON side


def build(h, spec):
    secs = {}
    for s in spec["sections"]:
        sec = h.Section(name=s["name"])
        secs[s["name"]] = sec
        if "nseg" in s:
            sec.nseg = s["nseg"]
        if "L" in s:
            sec.L = s["L"]
        if "diam" in s:
            sec.diam = s["diam"]
        if "Ra" in s:
            sec.Ra = s["Ra"]
        if "cm" in s:
            sec.cm = s["cm"]
        if "pt3d" in s:
            sec.pt3dclear()
            for p in s["pt3d"]:
                sec.pt3dadd(*p)
        for m in s.get("insert", []):
            sec.insert(m)
        for k, v in s.get("params", {}).items():
            setattr(sec, k, v)
    for c in spec.get("connect", []):
        secs[c["child"]].connect(secs[c["parent"]](c["x"]), c.get("end", 0))
    for p in spec.get("seg_params", []):
        setattr(secs[p["sec"]](p["x"]), p["var"], p["value"])
    clamps = []
    for ic in spec.get("iclamps", []):
        c = h.IClamp(secs[ic["sec"]](ic["x"]))
        c.delay = ic["del"]
        c.dur = ic["dur"]
        c.amp = ic["amp"]
        clamps.append(c)
    for a in spec.get("after", []):
        if "nseg" in a:
            secs[a["nseg"][0]].nseg = a["nseg"][1]
    return secs, clamps


def ref(h, secs, clamps, r):
    if r["var"] == "t":
        return h._ref_t
    if "iclamp" in r:
        return getattr(clamps[r["iclamp"]], "_ref_" + r["var"])
    return getattr(secs[r["sec"]](r["x"]), "_ref_" + r["var"])


def run_model(name):
    from neuron import h

    spec = MODELS[name]
    h.load_file("stdrun.hoc")
    h.celsius = spec.get("celsius", 6.3)
    h.dt = spec.get("dt", 0.025)
    h.secondorder = spec.get("secondorder", 0)
    if "usetable_hh" in spec:
        h.usetable_hh = spec["usetable_hh"]
    secs, clamps = build(h, spec)
    vecs = []
    for r in spec.get("record", []):
        v = h.Vector()
        if "Dt" in r:
            v.record(ref(h, secs, clamps, r), r["Dt"])
        elif "tvec" in r:
            tv = h.Vector(r["tvec"])
            vecs.append(tv)
            v.record(ref(h, secs, clamps, r), tv)
        else:
            v.record(ref(h, secs, clamps, r))
        vecs.append(v)
    spike_vecs = []
    ncs = []
    for sp in spec.get("spikes", []):
        nc = h.NetCon(secs[sp["sec"]](sp["x"])._ref_v, None, sec=secs[sp["sec"]])
        nc.threshold = sp["threshold"]
        sv = h.Vector()
        nc.record(sv)
        ncs.append(nc)
        spike_vecs.append(sv)
    run = spec["run"]
    v_init = spec.get("v_init", -65)
    if run["mode"] == "continuerun":
        h.finitialize(v_init)
        h.continuerun(run["tstop"])
    elif run["mode"] == "fadvance_loop":
        h.finitialize(v_init)
        while h.t < run["tstop"]:
            h.fadvance()
    elif run["mode"] == "run":
        h.tstop = run["tstop"]
        h.v_init = v_init
        h.run()
    for step in run.get("then", []):
        if "set" in step:
            for k, v in step["set"].items():
                setattr(h, k, v)
        if "section" in step:
            for k, v in step["values"].items():
                setattr(secs[step["section"]], k, v)
        if "continuerun" in step:
            h.continuerun(step["continuerun"])
    records = [list(v) for v in vecs if v not in []]
    # drop the time vectors given to record(ref, tvec): they are inputs
    records = []
    i = 0
    for r in spec.get("record", []):
        if "tvec" in r:
            i += 1
        records.append(list(vecs[i]))
        i += 1
    segs = {}
    for sname, sec in secs.items():
        segs[sname] = {
            "x": [seg.x for seg in sec.allseg()],
            "area": [seg.area() for seg in sec.allseg()],
            "ri": [seg.ri() for seg in sec.allseg()],
            "diam": [seg.diam for seg in sec],
            "v": [seg.v for seg in sec.allseg()],
        }
    return {
        "spec": spec,
        "t": h.t,
        "dt": h.dt,
        "records": records,
        "spikes": [list(s) for s in spike_vecs],
        "final": segs,
        "iclamp_x": [c.get_segment().x for c in clamps],
    }


def main():
    names = sys.argv[1:]
    if len(names) == 1 and names[0].startswith("--one="):
        name = names[0][len("--one="):]
        json.dump(run_model(name), sys.stdout)
        return
    os.makedirs(OUT, exist_ok=True)
    for name in names or sorted(MODELS):
        out = subprocess.run([sys.executable, __file__, "--one=" + name], capture_output=True, text=True)
        if out.returncode != 0:
            sys.stderr.write(out.stderr)
            raise SystemExit(f"{name}: NEURON failed")
        text = out.stdout[out.stdout.index("{"):]
        data = json.loads(text)
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump(data, f)
        print(f"{name}: {sum(len(r) for r in data['records'])} values, spikes {[len(s) for s in data['spikes']]}")


if __name__ == "__main__":
    main()
