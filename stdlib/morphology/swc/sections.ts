// From SWC points to Import3d sections, as read_swc.hoc (sectionify, mark_branch, mksection)
// and import3d_gui.hoc (chk_valid, set_nameindex) compute them. Pure data: nothing here touches
// the model.
//
// The rules, in short: a section is a run of contiguous points of one type without branching;
// a child section starts with a copy of its parent point (a dendrite on the soma gets the
// diameter of its own first point there); the root section has no parent copy. A one-point
// soma is a sphere (later a 3-point cylinder of length = diameter); dendrites attach to it at
// 0.5, multi-point ones through a "wire" (pt3dstyle 1). NeuroMorpho's 3-point soma is read as a
// sphere. Zero-length 2-point sections are dropped and their children reattached.
import type { SwcPoints } from "./read.ts";

export interface I3dSection {
  /** Raw index of the section's first own point. */
  readonly id: number;
  readonly x: number[];
  readonly y: number[];
  readonly z: number[];
  readonly d: number[];
  type: number;
  parentsec: I3dSection | null;
  parentx: number;
  /** 1: the first point is the parent point, drawn as a wire (logical connection). */
  first: number;
  pid: number;
  nameindex: number;
  /** Creation index (NEURON's Import3d_Section[serial] in a fresh session). */
  readonly serial: number;
}

export interface I3dResult {
  readonly sections: I3dSection[];
  /** Messages NEURON prints while building (removed sections). */
  readonly notices: string[];
  /** The smallest type of any point, and the number of sections of each type from there. */
  readonly minType: number;
  readonly typeCounts: number[];
}

function newSection(id: number, n: number, serial: number): I3dSection {
  return {
    serial, id, x: new Array(n).fill(0), y: new Array(n).fill(0), z: new Array(n).fill(0), d: new Array(n).fill(0),
    type: 0, parentsec: null, parentx: 1, first: 0, pid: -1, nameindex: 0,
  };
}

function copyPoints(sec: I3dSection, j0: number, k0: number, n: number, p: SwcPoints): void {
  for (let i = 0; i < n; i++) {
    sec.x[j0 + i] = p.x[k0 + i]!;
    sec.y[j0 + i] = p.y[k0 + i]!;
    sec.z[j0 + i] = p.z[k0 + i]!;
    sec.d[j0 + i] = p.d[k0 + i]!;
  }
}

export function buildSections(p: SwcPoints, quiet: boolean, log: (s: string) => void): I3dResult {
  const n = p.id.length;
  const type = p.type;
  const pid = p.pid.slice(); // neuromorph_3point_soma may rewrite one parent
  const idIndex = new Map<number, number>();
  p.id.forEach((v, i) => idIndex.set(v, i));
  const pix = (i: number): number => (pid[i]! < 0 ? -1 : idIndex.get(pid[i]!)!);

  // check_pid: more than one tree is allowed, with a warning.
  const roots = pid.map((v, i) => (v < 0 ? i : -1)).filter((i) => i >= 0);
  if (roots.length > 1 && !quiet) {
    log(`warning ${p.src.file}: more than one tree:\n`);
    for (const r of roots) log(`  root at line ${p.iline[r]}\n`);
  }

  // mark_branch: nchild[i] counts children (+1 each, +.01 more if not the next point, +.01 if
  // of another type); sections end where nchild != 1.
  const nchild = new Array<number>(n).fill(0);
  const connect2prox = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const q = pix(i);
    if (q < 0) continue;
    nchild[q]! += 1;
    if (q !== i - 1) {
      nchild[q]! += 0.01;
      // A branch from the first point of a dendrite wired to the soma connects to its 0 end.
      if (q > 1) {
        if (type[q] !== 1 && type[pix(q)] === 1) {
          connect2prox[i] = 1;
          nchild[q] = 1;
        }
      } else if (q === 0 && type[q] !== 1) {
        connect2prox[i] = 1;
        nchild[q] = 1;
      }
    }
    if (type[q] !== type[i]) nchild[q]! += 0.01;
  }

  // sectionify: soma children per soma point; the NeuroMorpho 3-point soma.
  const nchildSoma = new Array<number>(n).fill(0);
  let nsomaPts = type[0] === 1 ? 1 : 0;
  for (let i = 1; i < n; i++) {
    if (type[i] !== 1) continue;
    nsomaPts++;
    const q = pix(i);
    if (q >= 0 && type[q] === 1) nchildSoma[q]! += 1;
  }
  let soma3geom = false;
  if (nsomaPts === 3 && n >= 3 && pix(1) === 0 && pix(2) === 0 && nchild[1] === 0 && nchild[2] === 0
    && p.d[1] === p.d[0] && p.d[2] === p.d[0]) {
    let len = 0;
    for (const i of [1, 2]) len += Math.sqrt((p.x[i]! - p.x[0]!) ** 2 + (p.y[i]! - p.y[0]!) ** 2 + (p.z[i]! - p.z[0]!) ** 2);
    if (Math.abs(len / p.d[0]! - 1) < 0.01) {
      soma3geom = true;
      pid[2] = p.id[1]!; // so that the two outer points are not two soma sections
    }
  }
  for (let i = 0; i < n - 1; i++) {
    // Adjacent soma points: the parent is not a section end unless the soma branches there.
    if (type[i] === 1 && type[i + 1] === 1 && pix(i + 1) === i) {
      if (!(i !== 0 && nchildSoma[i]! > 1)) nchild[i] = 1;
    }
  }
  const sec2point: number[] = [];
  for (let i = 0; i < n; i++) if (nchild[i] !== 1) sec2point.push(i);
  const point2sec = new Array<number>(n).fill(0);
  let si = 0;
  for (let i = 1; i < n; i++) {
    if (i > sec2point[si]!) si++;
    point2sec[i] = si;
  }

  // mksections
  const sections: I3dSection[] = [];
  const mksection = (isec: number, first: number, end: number) => {
    let sec: I3dSection;
    if (isec === 0) {
      const i = soma3geom ? 1 : end;
      sec = newSection(first, i - first, sections.length);
      copyPoints(sec, 0, first, i - first, p);
    } else {
      const i = end;
      sec = newSection(first, i - first + 1, sections.length);
      // A second tree's root has no parent point (pix2ix is -1); HOC reads vec.x[-1] as
      // vec.x[0] (indices are truncated toward zero), so it hangs on the first section.
      const ppt = pix(first);
      const pi = ppt < 0 ? 0 : ppt;
      const psec = sections[point2sec[pi]!]!;
      sec.parentsec = psec;
      const denConSoma = psec.type === 1 && type[first] !== 1;
      const conSoma = psec.type === 1;
      let handled = false;
      if (psec === sections[0]) {
        handled = true;
        if (denConSoma && psec.d.length === 1) {
          sec.parentx = 0.5; // on a one-point (spherical) soma
          if (i - first > 1) sec.first = 1;
        } else if (ppt === psec.id) {
          sec.parentx = 0; // on the root's first point
          if (type[first] !== 1 && nchildSoma[pi]! > 1) sec.first = 1;
        } else {
          handled = false;
        }
      }
      if (!handled && conSoma) {
        const offset = psec.id === 0 ? -1 : -2;
        if (ppt < psec.id + psec.d.length + offset) {
          sec.parentx = 0.5; // on the interior of a multi-point soma
          if (denConSoma && i - first > 1) sec.first = 1;
        } else if (i - first > 1 && nchildSoma[pi]! > 1) {
          if (type[first] !== 1) sec.first = 1;
        }
      }
      copyPoints(sec, 0, pi, 1, p);
      copyPoints(sec, 1, first, i - first, p);
    }
    sec.type = type[first]!;
    sections.push(sec);
    if (sec.parentsec && sec.parentsec.type === 1 && sec.type !== 1) sec.d[0] = sec.d[1]!;
    if (connect2prox[first]) {
      sec.pid = sec.parentsec!.id;
      sec.parentx = 0;
    }
  };
  let isec = 0, first = 0;
  for (let i = 0; i < n; i++) {
    if (point2sec[i]! > isec) {
      mksection(isec, first, i);
      isec++;
      first = i;
    }
  }
  mksection(isec, first, n);

  // chk_valid: drop 1-point and zero-length 2-point child sections, reattaching their children.
  const notices: string[] = [];
  for (let k = sections.length - 1; k >= 0; k--) {
    const sec = sections[k]!;
    if (!sec.parentsec) continue;
    const npt = sec.x.length - sec.first;
    let drop = false;
    if (npt <= 1) {
      notices.push(`One point section Import3d_Section[${sec.serial}] ending at line ${p.iline[sec.id]} has been removed\n`);
      drop = true;
    } else if (npt <= 2) {
      const a = sec.first, b = sec.first + 1;
      if (sec.x[a] === sec.x[b] && sec.y[a] === sec.y[b] && sec.z[a] === sec.z[b]) {
        notices.push(`Two point section ending at line ${p.iline[sec.id]} with 0 length has been removed\n`);
        drop = true;
      }
    }
    if (!drop) continue;
    sections.splice(k, 1);
    for (let j = k; j < sections.length; j++) {
      const s = sections[j]!;
      if (s.parentsec === sec) {
        s.parentsec = sec.parentsec;
        s.parentx = sec.parentx;
        notices.push(`\tand child Import3d_Section[${s.serial}] reattached\n`);
      }
    }
  }

  // set_nameindex: per type, sections numbered in list order.
  let minType = Infinity, maxType = -Infinity;
  for (const t of type) {
    if (t < minType) minType = t;
    if (t > maxType) maxType = t;
  }
  const typeCounts = new Array<number>(maxType - minType + 1).fill(0);
  for (const s of sections) {
    s.nameindex = typeCounts[s.type - minType]!;
    typeCounts[s.type - minType]! += 1;
  }
  return { sections, notices, minType, typeCounts };
}

/** type2name: soma, axon, dend, apic, dend_<t>, minus_<t>. */
export function typeName(t: number): string {
  if (t === 1) return "soma";
  if (t === 2) return "axon";
  if (t === 3) return "dend";
  if (t === 4) return "apic";
  if (t < 0) return `minus_${-t}`;
  return `dend_${t}`;
}
