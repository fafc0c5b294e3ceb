// Areas, axial resistances and matrix coefficients (src/nrnoc/treeset.cpp nrn_area_ri,
// diam_from_list, connection_coef), in NEURON's exact order of operations.
//
// Units: area µm², rinv µS. For a node with area, a·v and b·v are in mA/cm²; the zero-area end
// and root nodes carry area = 100 so that the same formulas give nA there.
import type { Model } from "./model.ts";
import type { Section } from "./section.ts";

const PI = 3.14159265358979323846;

export function computeGeometry(model: Model): void {
  const nodes = model.nodes;
  const area = nodes.get("area"), rinv = nodes.get("rinv"), diam = nodes.get("diam");
  for (const sec of model.secOrder) {
    if (sec.hasPt3d && sec.pt3d!.n > 1) areaRiFromPoints(sec, area, rinv, diam, sec.length);
    else areaRiCylinder(sec, area, rinv, diam);
  }
  connectionCoefficients(model);
}

function areaRiCylinder(sec: Section, area: Float64Array, rinv: Float64Array, diam: Float64Array): void {
  const ra = sec.Ra;
  const dx = sec.length / sec.nseg;
  let rright = 0;
  let j = 0;
  for (; j < sec.nseg; j++) {
    const nd = sec.base + j;
    let d = diam[nd]!;
    if (d <= 0) {
      // NEURON resets to 1e-6 and raises; the facade validates diam > 0, so this is a guard.
      d = diam[nd] = 1e-6;
    }
    area[nd] = PI * d * dx;
    const rleft = (1e-2 * ra * (dx / 2)) / ((PI * d * d) / 4.);
    rinv[nd] = 1. / (rleft + rright);
    rright = rleft;
  }
  area[sec.base + j] = 1.e2;
  rinv[sec.base + j] = 1. / rright;
}

/**
 * diam_from_list for every segment of a section with 3-D points: trapezoidal integration of
 * diameter, lateral area and resistance over the piecewise-linear diameter, each segment in two
 * halves; the walk state (j, x1, y1) carries across segments.
 */
function areaRiFromPoints(sec: Section, area: Float64Array, rinv: Float64Array, diam: Float64Array, L: number): void {
  const p = sec.pt3d!;
  const arc = p.arc, pd = p.d;
  const npt = p.n;
  const nseg = sec.nseg;
  const ra = sec.Ra;
  const ds = arc[npt - 1]! / nseg;
  void L;
  let j = 0;
  let x1 = arc[0]!;
  let y1 = Math.abs(pd[0]!);
  let rparent = 0;
  for (let inode = 0; inode < nseg; inode++) {
    let si = inode * ds;
    let dsum = 0, asum = 0, rleft = 0, ri = 0;
    for (let ihalf = 0; ihalf < 2; ihalf++) {
      ri = 0;
      const sip = si + ds / 2.;
      for (;;) {
        const jp = j + 1;
        const xj = arc[j]!;
        const xjp = arc[jp]!;
        let x2: number, y2: number, jnext: number;
        if (xjp > sip || jp === npt - 1) {
          const frac = Math.abs(xjp - xj) < 1e-10 ? 1 : (sip - xj) / (xjp - xj);
          x2 = sip;
          y2 = (1. - frac) * Math.abs(pd[j]!) + frac * Math.abs(pd[jp]!);
          jnext = j;
        } else {
          x2 = xjp;
          y2 = Math.abs(pd[jp]!);
          jnext = jp;
        }
        let delta = x2 - x1;
        dsum += (y2 + y1) * delta;
        if (delta < 1e-15) delta = 1e-15;
        let temp = (y2 * y1) / delta;
        if (temp === 0) temp = 1e-15;
        ri += 1 / temp;
        temp = 0.5 * (y2 - y1);
        temp = Math.sqrt(delta * delta + temp * temp);
        asum += (y2 + y1) * temp;
        x1 = x2;
        y1 = y2;
        if (j === jnext) break;
        j = jnext;
      }
      if (ihalf === 0) rleft = ((ri * ra) / PI) * (4. * .01);
      else ri = ((ri * ra) / PI) * (4. * .01);
      si = sip;
    }
    const nd = sec.base + inode;
    rinv[nd] = 1. / (rparent + rleft);
    dsum *= .5 / ds;
    if (Math.abs(dsum - diam[nd]!) > 1e-9 || dsum < 1e-5) diam[nd] = dsum;
    area[nd] = asum * .5 * PI;
    rparent = ri;
  }
  area[sec.base + nseg] = 1.e2;
  rinv[sec.base + nseg] = 1. / rparent;
}

function connectionCoefficients(model: Model): void {
  const nodes = model.nodes;
  const area = nodes.get("area"), rinv = nodes.get("rinv"), a = nodes.get("a"), b = nodes.get("b");
  const parent = model.parent;
  for (let i = 0; i < model.ncell; i++) {
    a[i] = 0;
    b[i] = 0;
  }
  for (const sec of model.secOrder) {
    const nd0 = sec.base;
    a[nd0] = (-1.e2 * sec.rallbranch * rinv[nd0]!) / area[parent[nd0]!]!;
    for (let j = 1; j <= sec.nseg; j++) {
      const nd = sec.base + j;
      a[nd] = (-1.e2 * rinv[nd]!) / area[nd - 1]!;
    }
  }
  for (const sec of model.secOrder) {
    for (let j = 0; j <= sec.nseg; j++) {
      const nd = sec.base + j;
      b[nd] = (-1.e2 * rinv[nd]!) / area[nd]!;
    }
  }
}
