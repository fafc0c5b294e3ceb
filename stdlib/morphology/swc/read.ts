// Reading an SWC file as NEURON 8.2.2's Import3d_SWC_read does (share/lib/hoc/import3d/
// read_swc.hoc rdfile/parse/check_pid): each data line is read with sscanf("%f" x 7), so every
// number is a float32 value; the radius becomes a diameter (x2, in double); lines starting with
// '#' are the header; blank lines are skipped.
//
// NEURON prints a message and goes on for several kinds of bad input; neuron-ts stops with an
// error that names file:line instead, before any section is made:
//   - a line that is not 7 numbers (NEURON: "could not parse");
//   - a repeated id, and ids out of increasing order (NEURON 8.2.2 fails while sorting them);
//   - a parent id that is not smaller than the point's id (a cycle or forward reference);
//   - a parent id that no point has.
// Several trees in one file are allowed, as in NEURON (it warns unless `quiet`).
import { hocError, Source } from "../hoc/source.ts";
import { strtof } from "./cnum.ts";

/** The longest prefix strtof accepts (decimal, inf, nan). */
const FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan(?:\([0-9A-Za-z_]*\))?)/i;

export interface SwcPoints {
  readonly src: Source;
  /** Raw id, type, position, diameter (2 * radius) and parent id, in file order. */
  readonly id: number[];
  readonly type: number[];
  readonly x: number[];
  readonly y: number[];
  readonly z: number[];
  readonly d: number[];
  readonly pid: number[];
  /** 1-based line of each point. */
  readonly iline: number[];
  /** Line start offsets of each point (for error positions). */
  readonly pos: number[];
  readonly header: string[];
}

/** sscanf(line, "%f %f %f %f %f %f %f"): the values read before the first failure. */
function scan7(line: string): number[] {
  const out: number[] = [];
  let rest = line;
  while (out.length < 7) {
    rest = rest.replace(/^\s+/, "");
    const m = FLOAT.exec(rest);
    if (!m) break;
    const t = m[0];
    const low = t.toLowerCase().replace(/^[+-]/, "");
    const neg = t.startsWith("-");
    if (low.startsWith("inf")) out.push(neg ? -Infinity : Infinity);
    else if (low.startsWith("nan")) out.push(NaN);
    else out.push(strtof(t));
    rest = rest.slice(t.length);
  }
  return out;
}

export function parseSwc(file: string, text: string): SwcPoints {
  const src = new Source(file, text);
  const pts: SwcPoints = { src, id: [], type: [], x: [], y: [], z: [], d: [], pid: [], iline: [], pos: [], header: [] };
  let start = 0;
  let lineNo = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    lineNo++;
    const a = scan7(line);
    if (a.length === 7) {
      for (const v of a) {
        if (!Number.isFinite(v)) throw hocError(src, start, "SWC point", `numbers must be finite, got ${JSON.stringify(line.trim())}`);
      }
      pts.id.push(a[0]!);
      pts.type.push(a[1]!);
      pts.x.push(a[2]!);
      pts.y.push(a[3]!);
      pts.z.push(a[4]!);
      pts.d.push(a[5]! * 2);
      pts.pid.push(a[6]!);
      pts.iline.push(lineNo);
      pts.pos.push(start);
    } else if (/^[ \t\n]*#/.test(line)) {
      pts.header.push(line);
    } else if (!/^\s*$/.test(line)) {
      throw hocError(src, start, "SWC line", "expected 7 numbers (id type x y z radius parent) or a # comment");
    }
    start = end + 1;
  }
  check(pts);
  return pts;
}

/** check_pid's conditions, as errors. */
function check(p: SwcPoints): void {
  const n = p.id.length;
  const at = (i: number) => p.pos[i]!;
  const line = (i: number) => p.iline[i]!;
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const id = p.id[i]!;
    if (!Number.isInteger(id) || id < 0) throw hocError(p.src, at(i), "SWC point", `the id must be an integer ≥ 0, got ${id}`);
    const prev = seen.get(id);
    if (prev !== undefined) throw hocError(p.src, at(i), "SWC point", `id ${id} is used twice (first at line ${line(prev)})`);
    seen.set(id, i);
  }
  for (let i = 1; i < n; i++) {
    if (p.id[i]! <= p.id[i - 1]!) {
      throw hocError(p.src, at(i), "SWC point", `ids must increase down the file (id ${p.id[i]} follows id ${p.id[i - 1]}); NEURON 8.2.2's Import3d cannot read unsorted files either`);
    }
  }
  for (let i = 0; i < n; i++) {
    const pid = p.pid[i]!;
    if (pid < 0) continue;
    if (!seen.has(pid)) throw hocError(p.src, at(i), "SWC point", `parent id ${pid} of point ${p.id[i]} does not exist`);
    if (pid >= p.id[i]!) {
      throw hocError(p.src, at(i), "SWC point", `parent id ${pid} of point ${p.id[i]} is not smaller than its id: parents must come first (a cycle or a forward reference)`);
    }
  }
  if (n === 0) throw new Error(`${p.src.file}: no SWC points (every line is blank or a # comment)`);
}
