#!/usr/bin/env python3
"""Plot goldens from NEURON 8.2.2 (+ matplotlib 3.6.3, plotly 5.4): PlotShape figures (traces,
coordinates, hover text, colours, layout), RangeVarPlot x/y, colormap tables and NEURON's hover
number format. Each case runs in a fresh NEURON process and writes test/golden/plot/<case>.json.
test/plot/cases.ts builds the same models in TypeScript, line for line.

NEURON 8.2.2's ps.plot(plotly) returns a FigureWidget, which needs ipywidgets >= 7 (Debian has
6); go.Figure is substituted for it, which changes no data (see
shared/reference/morphology-and-plotting.md §4).

    /usr/bin/python3 test/golden/plot/make_plot_goldens.py [case ...]
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from seed_cell import SeedCell  # noqa: E402
ROOT = os.path.join(HERE, "..", "..", "..")
CASES = {}


def case(f):
    CASES[f.__name__] = f
    return f


def setup():
    import plotly.graph_objects as go
    go.FigureWidget = go.Figure
    from neuron import h
    h.load_file("stdrun.hoc")
    return h


def fig_json(fig):
    return json.loads(fig.to_json())



def rvp_data(h, rvp):
    y = h.Vector()
    x = h.Vector()
    rvp.to_vector(y, x)
    return {"x": list(x), "y": list(y), "left": rvp.left(), "right": rvp.right(), "d2root": rvp.d2root()}


@case
def seed_three_cell():
    """The seed: PlotShape of the three-section cell with v = 50 / 0 / -65, scale -80..80, then
    nseg = 101 everywhere and RangeVarPlot('v', main(0), dend2(1))."""
    import plotly
    h = setup()
    c = SeedCell(h)
    c.main.v = 50
    c.dend1.v = 0
    c.dend2.v = -65
    ps = h.PlotShape(False)
    ps.variable("v")
    ps.scale(-80, 80)
    shape = fig_json(ps.plot(plotly))
    for sec in c.all:
        sec.nseg = 101
    rvp = h.RangeVarPlot("v", c.main(0), c.dend2(1))
    rfig = fig_json(rvp.plot(plotly))
    return {"shape": shape, "rvp": rvp_data(h, rvp), "rvp_fig": rfig}


@case
def three_cell_paths():
    """RangeVarPlot paths through the three-section cell with a v that varies along every
    section: begin/end in the middle of sections, reversed, through the root, with an origin."""
    h = setup()
    c = SeedCell(h)
    c.main.nseg = 5
    c.dend1.nseg = 7
    c.dend2.nseg = 4
    c.main.L = 20
    c.dend1.L = 150
    c.dend2.L = 93.7
    for k, sec in enumerate(c.all):
        for seg in sec.allseg():
            seg.v = -70 + 30 * k + 17.5 * seg.x
    out = {}
    for name, a, b in [
        ("main0_dend2_1", c.main(0), c.dend2(1)),
        ("dend2_1_main0", c.dend2(1), c.main(0)),
        ("dend1_03_dend2_07", c.dend1(0.3), c.dend2(0.7)),
        ("main05_dend1_1", c.main(0.5), c.dend1(1)),
        ("dend1_1_main05", c.dend1(1), c.main(0.5)),
        ("dend2_05_dend2_05", c.dend2(0.5), c.dend2(0.5)),
    ]:
        out[name] = rvp_data(h, h.RangeVarPlot("v", a, b))
    rvp = h.RangeVarPlot("v", c.dend1(1), c.dend2(1))
    rvp.origin(12.3)
    out["origin"] = rvp_data(h, rvp)
    return out


def pt3d_cell(h):
    """A small cell with 3-D points: a soma, a dendrite whose points include a repeated one
    (zero-length step), and an oblique branch at 0.5; hh in soma and dend only."""
    soma = h.Section(name="soma")
    dend = h.Section(name="dend")
    obl = h.Section(name="obl")
    dend.connect(soma(1))
    obl.connect(dend(0.5))
    soma.pt3dclear()
    soma.pt3dadd(0, 0, 0, 12.3)
    soma.pt3dadd(7.1, 3.3, -1.2, 11.9)
    soma.pt3dadd(14.2, 4.0, -2.5, 10.1)
    dend.pt3dclear()
    for p in [(14.2, 4.0, -2.5, 3.1), (30.7, 11.3, 0.2, 2.9), (30.7, 11.3, 0.2, 2.9),
              (55.0, 20.1, 4.4, 2.2), (81.9, 18.6, 9.7, 1.7), (120.3, 27.4, 10.1, 1.2)]:
        dend.pt3dadd(*p)
    obl.pt3dclear()
    for p in [(40.0, 15.0, 2.0, 1.5), (45.5, 40.2, 3.0, 1.1), (47.3, 71.9, -6.1, 0.8)]:
        obl.pt3dadd(*p)
    soma.nseg = 1
    dend.nseg = 5
    obl.nseg = 3
    h.hh.insert(soma)
    h.hh.insert(dend)
    obl.insert("pas")
    ic = h.IClamp(soma(0.5))
    ic.delay = 0.5
    ic.dur = 1
    ic.amp = 0.8
    h.finitialize(-65)
    h.continuerun(2.5)
    return soma, dend, obl, ic


@case
def pt3d_shapes():
    """PlotShape of a cell with 3-D points and nseg > 1 (segments cut at arc positions), under
    several variables, colormaps and scales, a SectionList, and mark()."""
    import plotly
    from matplotlib import cm
    import matplotlib
    h = setup()
    soma, dend, obl, ic = pt3d_cell(h)
    out = {}
    ps = h.PlotShape(False)
    ps.variable("v")
    out["v_viridis"] = fig_json(ps.plot(plotly, cmap=matplotlib.colormaps["viridis"]))
    ps.scale(-70.3, 20.7)
    out["v_jet_scaled"] = fig_json(ps.plot(plotly, cmap=cm.jet))
    ps.variable("m_hh")
    ps.scale(0, 1)
    out["m_hh"] = fig_json(ps.plot(plotly, cmap=cm.cool))
    ps.variable("ina")
    ps.scale(-0.5, 0.1)
    out["ina_hot"] = fig_json(ps.plot(plotly, cmap=cm.hot))
    ps.variable("diam")
    ps.scale(0, 12)
    out["diam_default_cmap"] = fig_json(ps.plot(plotly))
    sl = h.SectionList()
    sl.append(sec=obl)
    sl.append(sec=soma)
    ps2 = h.PlotShape(sl, False)
    ps2.variable("v")
    fig = ps2.plot(plotly, cmap=cm.cool)
    fig.mark(dend(0.3)).mark(obl(1))
    out["sectionlist_mark"] = fig_json(fig)
    out["rvp_m_hh"] = rvp_data(h, h.RangeVarPlot("m_hh", soma(0), dend(1)))
    try:
        # obl(0) sits on dend's centre node, which has hh, so NEURON reads m_hh(0) of obl
        # (its first segment), which has none: an error.
        h.RangeVarPlot("m_hh", obl(1), soma(0))
        out["rvp_m_hh_obl_error"] = False
    except RuntimeError:
        out["rvp_m_hh_obl_error"] = True
    out["rvp_v"] = rvp_data(h, h.RangeVarPlot("v", obl(1), soma(0)))
    out["rvp_pas"] = rvp_data(h, h.RangeVarPlot("g_pas", soma(0), obl(1)))
    return out


@case
def c91662():
    """The seed's first script (c91662.ses, hh everywhere, a somatic pulse, t = 2 ms): the whole
    PlotShape figure with cool, the colours with viridis, and two RangeVarPlots to the apical tip."""
    import plotly
    from matplotlib import cm
    import matplotlib
    h = setup()
    h.load_file(os.path.join(ROOT, "examples", "data", "c91662.ses"))
    h.hh.insert(h.allsec())
    ic = h.IClamp(h.soma(0.5))
    ic.delay = 1
    ic.dur = 1
    ic.amp = 10
    h.finitialize(-65)
    h.continuerun(2)
    ps = h.PlotShape(False)
    ps.variable("v")
    cool = fig_json(ps.plot(plotly, cmap=cm.cool))
    viridis = fig_json(ps.plot(plotly, cmap=matplotlib.colormaps["viridis"]))
    return {
        "cool": cool,
        "viridis_colors": [tr["line"]["color"] for tr in viridis["data"]],
        "rvp_soma": rvp_data(h, h.RangeVarPlot("v", h.soma(0), h.apic[43](1))),
        "rvp_basal": rvp_data(h, h.RangeVarPlot("v", h.basal[4](0), h.apic[43](1))),
    }


SEGMENTED = ["autumn", "binary", "bone", "cool", "coolwarm", "copper", "gray", "hot", "hsv",
             "jet", "nipy_spectral", "pink", "spring", "summer", "winter"]
LISTED = ["viridis", "plasma", "inferno", "magma", "cividis"]


@case
def colormaps():
    """Every supported colormap's 256 RGBA entries (cmap(i)) and the hex colours NEURON makes
    of them (int(255 * c) per channel)."""
    import matplotlib
    out = {}
    for name in SEGMENTED + LISTED:
        cmap = matplotlib.colormaps[name]
        rgba = [list(map(float, cmap(i))) for i in range(256)]
        out[name] = {
            "rgba": rgba,
            "hex": ["#" + "".join(f"{int(255 * c):02x}" for c in col[:3]) for col in rgba],
        }
    return out


@case
def hover_format():
    """NEURON's hover text number, "%.3f" % val, for awkward values (ties, -0, tiny, huge)."""
    vals = [42.81355200726888, -64.39479284374232, 0.0625, -0.0625, 0.0005, 0.0015, 2.5e-4,
            -1e-4, -0.0, 0.0, 1.0005, 1234567.8915, 1e21, 1.5e22, -3.0e25, 123.4565, 0.1 + 0.2,
            -65.0, 8.4e-45, 999.9995, 5e-324, 1e300]
    return {"values": vals, "text": ["%.3f" % v for v in vals]}


def main():
    names = sys.argv[1:] or list(CASES)
    if len(names) == 1 and os.environ.get("PLOT_GOLDEN_CHILD"):
        print(json.dumps(CASES[names[0]]()))
        return
    for name in names:
        r = subprocess.run([sys.executable, __file__, name], capture_output=True, text=True,
                           env={**os.environ, "PLOT_GOLDEN_CHILD": "1"})
        if r.returncode:
            sys.exit(f"{name}: {r.stderr}")
        line = [l for l in r.stdout.splitlines() if l.startswith("{")][-1]
        path = os.path.join(HERE, f"{name}.json")
        with open(path + ".tmp", "w") as f:
            f.write(line + "\n")
        os.replace(path + ".tmp", path)
        print(f"wrote {path} ({len(line)} bytes)")


if __name__ == "__main__":
    main()
