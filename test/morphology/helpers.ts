// Shared by the morphology tests: a fresh h per test, the same per-section dump that
// test/golden/morphology/make_morphology_goldens.py writes from NEURON, and a value-by-value
// comparison (numbers within 1e-9, relative above 1; 3-D points exactly, they are float32).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import "../../stdlib/index.ts";
import { createH } from "../../stdlib/h.ts";
import type { H, Section } from "../../stdlib/api.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, "..", "..");
export const GOLDEN = path.join(ROOT, "test", "golden", "morphology");
export const DATA = path.resolve(ROOT, "..", "shared", "data", "morphology");
export const BAD = path.join(here, "bad");

export function freshH(): H {
  return createH();
}

export function golden(name: string): any {
  return JSON.parse(readFileSync(path.join(GOLDEN, name), "utf8"));
}

/** Runs fn with the working directory set to dir (load_file resolves against it). */
export function inDir<T>(dir: string, fn: () => T): T {
  const old = process.cwd();
  process.chdir(dir);
  try {
    return fn();
  } finally {
    process.chdir(old);
  }
}

export interface SectionDump {
  name: string;
  nseg: number;
  L: number;
  Ra: number;
  parent: string | null;
  parentx: number | null;
  orientation: number;
  pts: number[][];
  arc_last: number | null;
  logical: boolean;
  segs: Array<{ x: number; area: number; diam: number; ri: number; cm: number }>;
  mechs: string[];
}

export function dumpCell(h: H, secs?: Iterable<Section>): SectionDump[] {
  const list = Array.from(secs ?? h.allsec());
  return list.map((s) => {
    const ps = s.parentseg();
    const n = s.n3d();
    const pts: number[][] = [];
    for (let i = 0; i < n; i++) pts.push([s.x3d(i), s.y3d(i), s.z3d(i), s.diam3d(i)]);
    return {
      name: s.name(),
      nseg: s.nseg,
      L: s.L,
      Ra: s.Ra,
      parent: ps ? ps.sec.name() : null,
      parentx: ps ? ps.x : null,
      orientation: s.orientation(),
      pts,
      arc_last: n ? s.arc3d(n - 1) : null,
      logical: Boolean(h.pt3dstyle({ sec: s })),
      segs: Array.from(s, (g) => ({ x: g.x, area: g.area(), diam: g.diam, ri: g.ri(), cm: g.cm })),
      mechs: Object.keys(s.psection().density_mechs).sort(),
    };
  });
}

export function totals(h: H) {
  const secs = Array.from(h.allsec());
  let area = 0, L = 0;
  for (const s of secs) {
    for (const g of s) area += g.area();
    L += s.L;
  }
  return { n_sections: secs.length, area, L, names: secs.map((s) => s.name()) };
}

export function ptsOf(secs: Iterable<Section>): number[][][] {
  return Array.from(secs, (s) => {
    const out: number[][] = [];
    for (let i = 0; i < s.n3d(); i++) out.push([s.x3d(i), s.y3d(i), s.z3d(i), s.diam3d(i)]);
    return out;
  });
}

export interface Diff {
  count: number;
  maxAbs: number;
  first: string[];
}

/**
 * Compares expected (NEURON) and actual value by value. Numbers: |a-e| <= 1e-9 * max(1, |e|);
 * numbers under a key in `exactKeys` must be identical. Returns every mismatch (first 10 shown).
 */
export function compare(expected: unknown, actual: unknown, exactKeys: string[] = ["pts"]): Diff {
  const d: Diff = { count: 0, maxAbs: 0, first: [] };
  const walk = (e: unknown, a: unknown, where: string, exact: boolean) => {
    if (typeof e === "number" && typeof a === "number") {
      const diff = Math.abs(a - e);
      if (Number.isFinite(diff) && diff > d.maxAbs) d.maxAbs = diff;
      const ok = exact ? Object.is(a, e) || a === e : diff <= 1e-9 * Math.max(1, Math.abs(e)) || a === e;
      if (!ok) note(`${where}: expected ${e}, got ${a}`);
      return;
    }
    if (Array.isArray(e)) {
      if (!Array.isArray(a) || a.length !== e.length) {
        note(`${where}: expected an array of ${e.length}, got ${Array.isArray(a) ? `an array of ${a.length}` : JSON.stringify(a)}`);
        return;
      }
      e.forEach((v, i) => walk(v, a[i], `${where}[${i}]`, exact));
      return;
    }
    if (e !== null && typeof e === "object") {
      if (a === null || typeof a !== "object") {
        note(`${where}: expected an object, got ${JSON.stringify(a)}`);
        return;
      }
      for (const k of Object.keys(e)) walk((e as any)[k], (a as any)[k], `${where}.${k}`, exact || exactKeys.includes(k));
      return;
    }
    if (e !== a) note(`${where}: expected ${JSON.stringify(e)}, got ${JSON.stringify(a)}`);
  };
  const note = (s: string) => {
    d.count++;
    if (d.first.length < 10) d.first.push(s);
  };
  walk(expected, actual, "$", false);
  return d;
}

/** A Diff as a readable assertion message. */
export function report(d: Diff): string {
  return d.count ? `${d.count} mismatches:\n  ${d.first.join("\n  ")}` : "";
}

/** The seed's simulation on c91662 (loaded into h): hh everywhere, IClamp at soma(0.5), 2 ms. */
export function runC91662Seed(h: H): void {
  h.load_file("stdrun.hoc");
  h.hh.insert(h.allsec());
  const ic = h.IClamp(h.soma(0.5));
  ic.delay = 1;
  ic.dur = 1;
  ic.amp = 10;
  h.finitialize(-65);
  h.continuerun(2);
}
