// h.define_shape(): NEURON's nrn_define_shape (src/nrnoc/treeset.cpp), with its float
// arithmetic. Sections without 3-D points get a straight line of nseg + 2 points from their
// parent's connection point (roots start at (0, 0, 100*i)); sections with points are translated
// so that their first point (or their logical connection point, pt3dstyle 1) sits on the
// parent's connection point. Every float variable of the C code is a Math.fround here.
import type { Model } from "./model.ts";
import type { Section } from "./section.ts";

const fr = Math.fround;

// ---------------------------------------------------------------------------------------------
// Float trigonometry as NEURON gets it. treeset.cpp is C++, so cos/sin/atan2 of a float call
// the float overloads: glibc 2.36's cosf/sinf (sysdeps/ieee754/flt-32, the ARM optimized-routines
// versions: a double polynomial after a one-step range reduction) and atan2f/atanf (fdlibm's
// float code, all in float arithmetic). Math.cos/Math.sin/Math.atan2 rounded to float differ
// from them in the last bit often enough to move define_shape's points. These are exact ports
// for the arguments define_shape produces (|angle| < 120).
// ---------------------------------------------------------------------------------------------

function hexf(mant: string, exp: number): number {
  // 0x1.<13 hex digits>p<exp>: exact in a double.
  return parseInt(mant.replace(".", ""), 16) * 2 ** (exp - 4 * (mant.length - 2));
}

interface SinCosTable {
  sign: readonly number[];
  c0: number; c1: number; c2: number; c3: number; c4: number;
  s1: number; s2: number; s3: number;
}

const S1 = -hexf("1.555545995a603", -3), S2 = hexf("1.1107605230bc4", -7), S3 = -hexf("1.994eb3774cf24", -13);
const C1 = -hexf("1.ffffffd0c621c", -2), C2 = hexf("1.55553e1068f19", -5), C3 = -hexf("1.6c087e89a359d", -10);
const C4 = hexf("1.99343027bf8c3", -16);
/** The second table computes -cos(x), so that the sign comes for free. */
const SINCOS: readonly SinCosTable[] = [
  { sign: [1, -1, -1, 1], c0: 1, c1: C1, c2: C2, c3: C3, c4: C4, s1: S1, s2: S2, s3: S3 },
  { sign: [1, -1, -1, 1], c0: -1, c1: -C1, c2: -C2, c3: -C3, c4: -C4, s1: S1, s2: S2, s3: S3 },
];
/** 2/pi * 2^24 and pi/2 (x86_64 glibc has no TOINT_INTRINSICS). */
const HPI_INV = hexf("1.45F306DC9C883", 23);
const HPI = hexf("1.921FB54442D18", 0);

const tf32 = new Float32Array(1);
const tu32 = new Uint32Array(tf32.buffer);

function asuint(f: number): number {
  tf32[0] = f;
  return tu32[0]!;
}

function abstop12(f: number): number {
  return (asuint(f) >>> 20) & 0x7ff;
}

const TOP_PIO4 = abstop12(Math.fround(0.7853981633974483));
const TOP_TINY = abstop12(2 ** -12);
const TOP_120 = abstop12(120);

function sinfPoly(x: number, x2: number, p: SinCosTable, n: number): number {
  if ((n & 1) === 0) {
    const x3 = x * x2;
    const s1 = p.s2 + x2 * p.s3;
    const x7 = x3 * x2;
    const s = x + x3 * p.s1;
    return fr(s + x7 * s1);
  }
  const x4 = x2 * x2;
  const c2 = p.c3 + x2 * p.c4;
  const c1 = p.c0 + x2 * p.c1;
  const x6 = x4 * x2;
  const c = c1 + x4 * p.c2;
  return fr(c + x6 * c2);
}

/** reduce_fast: x - n*pi/2 and the quadrant n, for |x| < 120. */
function reduceFast(x: number): { r: number; n: number } {
  const r = x * HPI_INV;
  const n = ((Math.trunc(r) | 0) + 0x800000) >> 24;
  return { r: x - n * HPI, n };
}

/** glibc cosf. */
export function cosf(y: number): number {
  const x = fr(y);
  const top = abstop12(x);
  if (top < TOP_PIO4) {
    if (top < TOP_TINY) return 1;
    return sinfPoly(x, x * x, SINCOS[0]!, 1);
  }
  if (top < TOP_120) {
    const { r, n } = reduceFast(x);
    const s = SINCOS[0]!.sign[n & 3]!;
    const p = n & 2 ? SINCOS[1]! : SINCOS[0]!;
    return sinfPoly(r * s, r * r, p, n ^ 1);
  }
  return fr(Math.cos(x)); // not reached by define_shape's angles
}

/** glibc sinf. */
export function sinf(y: number): number {
  const x = fr(y);
  const top = abstop12(x);
  if (top < TOP_PIO4) {
    if (top < TOP_TINY) return x;
    return sinfPoly(x, x * x, SINCOS[0]!, 0);
  }
  if (top < TOP_120) {
    const { r, n } = reduceFast(x);
    const s = SINCOS[0]!.sign[n & 3]!;
    const p = n & 2 ? SINCOS[1]! : SINCOS[0]!;
    return sinfPoly(r * s, r * r, p, n);
  }
  return fr(Math.sin(x)); // not reached by define_shape's angles
}

const ATANHI = [4.6364760399e-01, 7.8539812565e-01, 9.8279368877e-01, 1.5707962513e+00].map(fr);
const ATANLO = [5.0121582440e-09, 3.7748947079e-08, 3.4473217170e-08, 7.5497894159e-08].map(fr);
const AT = [
  3.3333334327e-01, -2.0000000298e-01, 1.4285714924e-01, -1.1111110449e-01, 9.0908870101e-02,
  -7.6918758452e-02, 6.6610731184e-02, -5.8335702866e-02, 4.9768779427e-02, -3.6531571299e-02,
  1.6285819933e-02,
].map(fr);

/** fdlibm/glibc atanf: every operation rounded to float. */
export function atanf(xIn: number): number {
  let x = fr(xIn);
  const hx = asuint(x) | 0;
  const ix = hx & 0x7fffffff;
  let id: number;
  if (ix >= 0x4c000000) {
    if (ix > 0x7f800000) return x;
    return hx > 0 ? fr(ATANHI[3]! + ATANLO[3]!) : fr(-ATANHI[3]! - ATANLO[3]!);
  }
  if (ix < 0x3ee00000) {
    if (ix < 0x31000000) return x;
    id = -1;
  } else {
    x = Math.abs(x);
    if (ix < 0x3f980000) {
      if (ix < 0x3f300000) {
        id = 0;
        x = fr(fr(fr(2 * x) - 1) / fr(2 + x));
      } else {
        id = 1;
        x = fr(fr(x - 1) / fr(x + 1));
      }
    } else if (ix < 0x401c0000) {
      id = 2;
      x = fr(fr(x - 1.5) / fr(1 + fr(1.5 * x)));
    } else {
      id = 3;
      x = fr(-1 / x);
    }
  }
  const z = fr(x * x);
  const w = fr(z * z);
  const a = AT;
  const s1 = fr(z * fr(a[0]! + fr(w * fr(a[2]! + fr(w * fr(a[4]! + fr(w * fr(a[6]! + fr(w * fr(a[8]! + fr(w * a[10]!)))))))))));
  const s2 = fr(w * fr(a[1]! + fr(w * fr(a[3]! + fr(w * fr(a[5]! + fr(w * fr(a[7]! + fr(w * a[9]!)))))))));
  if (id < 0) return fr(x - fr(x * fr(s1 + s2)));
  const r = fr(ATANHI[id]! - fr(fr(fr(x * fr(s1 + s2)) - ATANLO[id]!) - x));
  return hx < 0 ? -r : r;
}

const PI_O_2 = fr(1.5707963705e+00), PI_F = fr(3.1415927410e+00), PI_LO = fr(-8.7422776573e-08);

/** fdlibm/glibc atan2f (finite arguments). */
export function atan2f(yIn: number, xIn: number): number {
  const y = fr(yIn), x = fr(xIn);
  if (Number.isNaN(x) || Number.isNaN(y)) return fr(x + y);
  const hx = asuint(x) | 0, hy = asuint(y) | 0;
  const ix = hx & 0x7fffffff, iy = hy & 0x7fffffff;
  if (hx === 0x3f800000) return atanf(y);
  const m = ((hy >>> 31) & 1) | ((hx >>> 30) & 2);
  if (iy === 0) {
    if (m <= 1) return y;
    return m === 2 ? PI_F : -PI_F;
  }
  if (ix === 0) return hy < 0 ? -PI_O_2 : PI_O_2;
  if (ix === 0x7f800000 || iy === 0x7f800000) return fr(Math.atan2(y, x)); // infinities: not in define_shape
  const k = (iy - ix) >> 23;
  let z: number;
  if (k > 60) z = fr(PI_O_2 + fr(0.5 * PI_LO));
  else if (hx < 0 && k < -60) z = 0;
  else z = atanf(Math.abs(fr(y / x)));
  switch (m) {
    case 0:
      return z;
    case 1:
      return -z;
    case 2:
      return fr(PI_F - fr(z - PI_LO));
    default:
      return fr(fr(z - PI_LO) - PI_F);
  }
}

export interface Point3 {
  x: number;
  y: number;
  z: number;
}

/** pt3dstyle(1, x, y, z): the logical connection point (float32), kept per section. */
const logical = new WeakMap<Section, Point3>();

export function setLogicalConnection(sec: Section, x: number, y: number, z: number): void {
  logical.set(sec, { x: fr(x), y: fr(y), z: fr(z) });
}

export function clearLogicalConnection(sec: Section): void {
  logical.delete(sec);
}

export function logicalConnection(sec: Section): Point3 | null {
  return logical.get(sec) ?? null;
}

/** nrn_translate_shape: shift all points by (x - first point) in float; arcs are not recomputed. */
function translate(sec: Section, x: number, y: number, z: number): void {
  const p = sec.pt3d!;
  const lc = logical.get(sec);
  let dx: number, dy: number, dz: number;
  if (lc) {
    // A logical connection moves by the parent's translation, not onto the parent.
    dx = fr(x - lc.x);
    dy = fr(y - lc.y);
    dz = fr(z - lc.z);
    lc.x = x;
    lc.y = y;
    lc.z = z;
  } else {
    dx = fr(x - p.x[0]!);
    dy = fr(y - p.y[0]!);
    dz = fr(z - p.z[0]!);
  }
  for (let i = 0; i < p.n; i++) {
    p.x[i] = p.x[i]! + dx;
    p.y[i] = p.y[i]! + dy;
    p.z[i] = p.z[i]! + dz;
  }
}

export interface DefineShapeReport {
  /** Sections whose parent's first and last 3-D points coincide in (x, y) (NEURON prints these). */
  readonly degenerateParents: Section[];
}

export function defineShape(model: Model): DefineShapeReport {
  model.compile(); // recalc_diam, and the section order
  const diam = model.nodes.get("diam");
  const degenerateParents: Section[] = [];
  const dz = 100;
  const order = model.secOrder;
  for (let i = 0; i < order.length; i++) {
    const sec = order[i]!;
    const arc = sec.parentX;
    const psec = sec.parent;
    let x: number, y: number, z: number, x1: number, y1: number;
    if (!psec) {
      x = 0;
      y = 0;
      z = fr(i * dz);
      x1 = 1;
      y1 = 0;
    } else {
      const p = psec.pt3d!;
      const last = p.n - 1;
      let arc1 = arc;
      x1 = fr(p.x[last]! - p.x[0]!);
      y1 = fr(p.y[last]! - p.y[0]!);
      if (psec.orientation !== 0) arc1 = 1 - arc;
      if (arc1 < 0.5) {
        x1 = -x1;
        y1 = -y1;
      }
      x = fr(p.x[last]! * arc1 + p.x[0]! * (1 - arc1));
      y = fr(p.y[last]! * arc1 + p.y[0]! * (1 - arc1));
      z = fr(p.z[last]! * arc1 + p.z[0]! * (1 - arc1));
    }
    if (sec.pt3d && sec.pt3d.n > 0) {
      if (psec) translate(sec, x, y, z);
      continue;
    }
    let angle: number;
    if (Math.abs(y1) < 1e-6 && Math.abs(x1) < 1e-6) {
      if (psec) degenerateParents.push(psec);
      angle = 0;
    } else {
      angle = atan2f(y1, x1);
    }
    if (arc > 0 && arc < 1) angle = fr(angle + 3.14159265358979323846 / 2);
    let nch = 0, ich = 0;
    if (psec) {
      for (const ch of psec.children) {
        if (ch === sec) ich = nch;
        if (arc === ch.parentX) ++nch;
      }
    }
    if (nch > 1) angle = fr(angle + ((ich / (nch - 1)) * 0.8 - 0.4));
    const len = sec.length;
    x1 = fr(x + len * cosf(angle));
    y1 = fr(y + len * sinf(angle));
    const pts = model.pt3d(sec);
    pts.clear();
    const base = sec.base, nseg = sec.nseg;
    pts.add(x, y, z, diam[base]!);
    for (let j = 0; j < nseg; j++) {
      const frac = (j + 0.5) / nseg;
      pts.add(x * (1 - frac) + x1 * frac, y * (1 - frac) + y1 * frac, z, diam[base + j]!);
    }
    pts.add(x1, y1, z, diam[base + nseg - 1]!);
    model.pt3dChanged(sec);
    // NEURON keeps L exactly: the last arc is set to the length, not the summed distances.
    pts.arc[pts.n - 1] = len;
    sec.Lstored = len;
  }
  model.geometryChanged = true;
  return { degenerateParents };
}
