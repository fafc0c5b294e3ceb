// The fused step: the model's whole numerical step as generated WebAssembly, over one memory (the
// arena) that holds every node and point-process column.
//
// NEURON's fixed step does, mechanism by mechanism and node by node (treeset.cpp, solve.cpp):
//   rhs = 0; currents (mechanism order); d = 0; jacobians; capacitance; axial terms (node order);
//   triang (node order reversed); bksub (node order); v += rhs; i_cap; states (mechanism order).
// Every double's final value depends only on the sequence of operations applied to it, and those
// sequences are per node: a node's rhs is 0, then its mechanisms' currents in mechanism order,
// then its own axial term, then its children's axial terms in increasing node order, then its
// children's triang terms in decreasing order. So the same bits come out of one reverse sweep
// that, node by node, computes the node's currents, capacitance and axial terms and eliminates it
// (the triang dependency chain overlaps the channel arithmetic), then one forward sweep for bksub,
// v and i_cap, one pass for the states' first half (which writes the exp arguments), libm's exp
// kernel in place over all of them, and one pass for the rest of the states. The generated code
// follows NEURON's operation order exactly (every golden checks it, tolerance 0).
//
// Layout: node columns are addressed by byte index x8 = 8 × node; sections are processed from a
// table (variant, base, end, parent node); each variant (the set of density mechanisms of a
// section, whether it holds point processes, whether other sections attach to its nodes, whether
// it owns its root node) gets its own loop, selected with br_table. Point processes are computed
// first, one loop per type, into per-instance contributions that the node sweep adds in NEURON's
// order.
//
// Parts: for multi-threaded runs the cells (trees) are divided into parts (contiguous blocks of
// cells, a few per thread). Each part has its own section, root, instance and detector tables,
// its own exp region and delivery ring, found through its descriptor (D_* fields); every function
// takes the part's index first. Node-indexed tables are shared, as parts own disjoint nodes. A
// part's step gives, for its nodes, exactly the operations of the whole model's, so any partition
// gives the same bits. A serial model is one part.
//
// The fused step is used when every mechanism with a current or a state has WebAssembly kernels
// (MechanismSpec.wasm) and they all agree to run (`ready`); otherwise the simulator runs its
// JavaScript kernels, which give the same bits.
import type { Binding, MechanismSpec, WasmEmitter, WasmKernels } from "./mechanism.ts";
import type { MechRuntime, Model } from "./model.ts";
import * as W from "./wasm.ts";
import { exp as hocExp, expKernel, type ExpKernel } from "./math.ts";

const { get, set, f64, i32, add, sub, mul, div, load, store, loadI32, iadd, isub, ishl, seq } = W;
const F = W.F64, I = W.I32;

export const HAS_WASM = W.WA !== null;

/**
 * Whether models compiled from now on get the fused step (default: yes where WebAssembly exists;
 * NTS_ENGINE=js turns it off). Both engines give the same bits; tests compare them.
 */
let fusedEnabled = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.NTS_ENGINE !== "js";
export function setFusedEnabled(on: boolean): void {
  fusedEnabled = on;
}

// ---------------------------------------------------------------------------------- the arena

/** Bytes a region may take beyond its size (Arena.region): sizing estimates add this per region. */
export const REGION_SLACK = 128;

/** One WebAssembly memory per model, re-laid out at every structural compile. */
export class Arena {
  memory: W.WasmMemory | null = null;
  /** Shared (SharedArrayBuffer-backed, for worker threads): a new memory at every layout. */
  shared = false;
  private top = 0;
  /** libm's exp kernel, run in place on this memory (null: exp stays in JavaScript). */
  readonly kernel: ExpKernel | null = expKernel();

  /**
   * Starts a new layout of `bytes` bytes; the old contents must have been copied out. With libm's
   * exp kernel, bytes [0, its data offset) hold a copy of its memory's header (its table and
   * constants at the addresses its code uses); else address 0 stays unused.
   */
  reset(bytes: number, shared = false): void {
    const head = this.kernel ? this.kernel.dataOffset : 64;
    const pages = Math.ceil((bytes + head) / 65536) + 1;
    if (shared) {
      this.memory = new W.WA!.Memory({ initial: pages, maximum: pages, shared: true });
    } else if (!this.memory || this.shared) {
      this.memory = new W.WA!.Memory({ initial: pages });
    } else {
      const have = this.memory.buffer.byteLength / 65536;
      if (have < pages) this.memory.grow(pages - have);
      new Uint8Array(this.memory.buffer).fill(0);
    }
    this.shared = shared;
    if (this.kernel) new Uint8Array(this.memory.buffer).set(this.kernel.header, 0);
    this.top = head;
  }

  get pages(): number {
    return this.memory!.buffer.byteLength / 65536;
  }

  /** Byte offset of a new region of n doubles (see `region`). */
  allocF64(n: number): number {
    return this.region(8 * Math.max(n, 1));
  }

  allocI32(n: number): number {
    return this.region(4 * Math.max(n, 1));
  }

  /**
   * A region of `bytes` bytes: it starts on a cache line (64-byte aligned, which the exp kernel's
   * vector loads also need) and spans an odd number of lines (at most REGION_SLACK bytes more than
   * asked for). Why odd: equal columns laid out one after another (the node columns, a mechanism's
   * columns) are read at the same index in one step; at a stride of 2^k lines the same index of
   * every column falls into the same L1 (and L2) cache set, and with more columns than the set has
   * ways each read misses. At an odd stride the same index of 64 consecutive columns falls into 64
   * different sets. Measured: a binary tree of single-segment sections (depth 10, 4095 nodes:
   * columns of exactly 8 × 4096 bytes) ran 2042 ms before, 565 after (NEURON 875); the bench's
   * tree (3067 nodes) laid out at 64-byte alignment without the odd stride ran 2492 ms, with it 612.
   */
  private region(bytes: number): number {
    const off = (this.top + 63) & ~63;
    let lines = (bytes + 63) >> 6;
    if ((lines & 1) === 0) lines++;
    const top = off + 64 * lines, size = this.memory!.buffer.byteLength;
    if (top > size) throw new Error(`neuron-ts internal: the arena's layout needs ${top} bytes, ${size} were reserved`);
    this.top = top;
    return off;
  }

  f64(off: number, n: number): Float64Array {
    return new Float64Array(this.memory!.buffer, off, n);
  }

  i32(off: number, n: number): Int32Array {
    return new Int32Array(this.memory!.buffer, off, n);
  }
}

// ---------------------------------------------------------------------------------- the plan

interface MechPlan {
  readonly mr: MechRuntime;
  readonly wasm: NonNullable<MechanismSpec["wasm"]>;
  readonly density: boolean;
  readonly index: number;
  scratchOff: number;
  scratchN: number;
  nexp: number;
  kernels: WasmKernels | null;
  /** The mechanism's binding (its columns), set with the kernels. */
  binding: Binding | null;
  /** Point processes: each instance's position in the node-sorted contribution list. */
  pos: Int32Array;
  /** Point processes in a parallel plan: the part that owns each slot (-1: none), i32 by slot. */
  partOfSlotOff: number;
}

interface SectionPlan {
  readonly base: number;
  readonly end: number;
  readonly parent: number;
  readonly mechs: readonly number[];
  readonly hasPP: boolean;
  /** Other sections attach to the far-end node / to a segment node (the children of a branch point). */
  readonly endExtras: boolean;
  readonly midExtras: boolean;
  /**
   * The far-end node has no point process and no section attached: its d is then 0 - b, and its
   * triang factor a / (0 - b) depends on the geometry alone. FusedStep.geometry keeps it in the P
   * column at that node (unused there otherwise), so the step loads it instead of dividing: the
   * same double, one division fewer at the head of the section's chain of dependent divisions.
   */
  readonly plainEnd: boolean;
  /** The parent is a root node whose only child this section is, with no point process: the
   *  root is eliminated (and solved) together with the section. */
  readonly ownsRoot: boolean;
  /**
   * A one-segment section with no section attached to its segment node (children at its far end
   * are fine: extrasCode) and at most 4 point processes on each of its two nodes (a
   * one-compartment cell, a leaf dendrite, a branch of a tree of such sections): the counts at
   * [segment node, far-end node]; its code is straight-line, with these counts unrolled. null:
   * the general loop.
   */
  readonly single: readonly [number, number] | null;
  variant: number;
}

/** A mechanism's instances that belong to one part (positions k in processing order). */
interface PartInstances {
  readonly ks: number[];
  /** Tables (i32 each, one entry per instance): node × 8, slot × 8, k, contribution position × 8. */
  node8Off: number;
  slot8Off: number;
  kOff: number;
  pos8Off: number;
  /** This part's exp arguments of this mechanism (nexp per instance). */
  exOff: number;
}

/** One thread's share of the model: whole cells. */
export class PartPlan {
  readonly sections: SectionPlan[] = [];
  readonly otherRoots: number[] = [];
  readonly insts = new Map<MechPlan, PartInstances>();
  nexp = 0;
  secTabOff = 0;
  rootTabOff = 0;
  exOff = 0;
  /** i32: 0 when every exp argument written this step is in hoc_Exp's [-700, 700]. */
  exFlagOff = 0;
  /** Threshold detectors of this part: i32 count at thrCountOff, indices at thrIdxOff, crossings out at thrOutOff. */
  thrCountOff = 0;
  thrIdxOff = 0;
  thrOutOff = 0;
  /** Delivery ring (parallel runs): RING entries of 16 bytes (i32 receiver, i32 slot × 8, f64 weight). */
  ringOff = 0;
  constructor(readonly index: number) {}
}

/** Entries in a part's delivery ring (a power of two). */
export const RING = 1 << 16;

// A part's descriptor: i32 fields (the generated functions take the part's index and read its
// tables from here, so that one copy of the code serves every part).
const D_SECTAB = 0, D_NSEC = 1, D_ROOTTAB = 2, D_NROOT = 3, D_EX = 4, D_NEXP = 5, D_EXFLAG = 6;
const D_THRCOUNT = 7, D_THRIDX = 8, D_THROUT = 9, D_RING = 10;
/** Per mechanism m, at D_MECH + 6 m: node × 8, slot × 8, k, position × 8 tables, exp offset, count. */
const D_MECH = 11;

/**
 * Everything the fused step needs that is fixed by the model's structure: decided before the
 * arena is laid out (its tables live in the arena too), filled and compiled after the kernels are
 * bound. `null` from `planFused` means: no fused step for this model.
 */
export class FusedPlan {
  readonly mechs: MechPlan[] = [];
  readonly density: MechPlan[] = [];
  readonly points: MechPlan[] = [];
  /** Point-process types whose NET_RECEIVE has a WebAssembly kernel (deliveries in parallel runs). */
  readonly receivers: MechPlan[] = [];
  readonly sections: SectionPlan[] = [];
  readonly parts: PartPlan[] = [];
  /** Index in `density` of the first mechanism after the point processes in mechanism order. */
  ppSlot = 0;
  npp = 0;
  nexpTotal = 0;
  // arena offsets of the shared (node-indexed) tables
  ppStartOff = 0;
  ppROff = 0;
  ppDOff = 0;
  xStartOff = 0;
  xListOff = 0;
  pOff = 0;
  /** The parts' descriptors (i32 fields D_*), one after another. */
  descOff = 0;
  /**
   * Parallel plans: each part's delivery ring's write position (i32 × parts), then the position
   * up to which its owner is known to have consumed it (i32 × parts); both the generated `defer`
   * and the parallel engine's JavaScript append move the first.
   */
  ringPosOff = 0;
  nextra = 0;
  extras: number[][] = [];
  ppCount: Int32Array = new Int32Array(0);
  /** The cell (root node) of every node, and the part of every cell. */
  cellOfNode: Int32Array = new Int32Array(0);
  partOfCell: Int32Array = new Int32Array(0);

  constructor(readonly model: Model) {}

  /** Bytes the plan needs in the arena, for sizing it. */
  bytes(): number {
    const m = this.model;
    const np = this.parts.length;
    let b = 0;
    b += 16 * this.sections.length + 8 * np;
    b += 4 * (m.nnode + 1) * 2 + 16;
    b += 16 * this.npp + 32;
    b += 4 * this.nextra + 8;
    b += 4 * m.ncell + 8 * np;
    b += 8 * m.nnode + 16;
    b += 8 * this.nexpTotal + 32 * np;
    for (const mp of this.mechs) b += 8 * mp.scratchN + 16 * mp.mr.n + 64 * np + 32;
    b += np * (12 * m.thresholds.n + 64);
    if (np > 1) {
      b += np * 16 * RING + 8 * np;
      for (const mp of this.points) b += 4 * mp.mr.points!.cols.size + REGION_SLACK;
    }
    b += np * this.descBytes() + 16;
    // every region `allocate` makes may take REGION_SLACK more
    b += REGION_SLACK * (8 + this.mechs.length + np * (9 + 4 * this.mechs.length));
    return b + 4096;
  }

  /** Reserves the plan's regions in the arena (after the columns). */
  allocate(arena: Arena): void {
    const m = this.model;
    this.ppStartOff = arena.allocI32(m.nnode + 1);
    this.xStartOff = arena.allocI32(m.nnode + 1);
    this.xListOff = arena.allocI32(this.nextra);
    this.ppROff = arena.allocF64(this.npp);
    this.ppDOff = arena.allocF64(this.npp);
    this.pOff = arena.allocF64(m.nnode);
    for (const mp of this.mechs) mp.scratchOff = arena.allocF64(mp.scratchN);
    this.descOff = arena.allocI32((this.descBytes() >> 2) * this.parts.length);
    const nthr = m.thresholds.n;
    for (const part of this.parts) {
      part.secTabOff = arena.allocI32(4 * part.sections.length);
      part.rootTabOff = arena.allocI32(part.otherRoots.length);
      part.exOff = arena.allocF64(part.nexp);
      let ex = part.exOff;
      for (const [mp, pi] of part.insts) {
        const n = pi.ks.length;
        pi.node8Off = arena.allocI32(n);
        pi.slot8Off = arena.allocI32(n);
        pi.kOff = arena.allocI32(n);
        pi.pos8Off = arena.allocI32(n);
        pi.exOff = ex;
        ex += 8 * mp.nexp * n;
      }
      // the exp-range flag, then advanceN's status
      part.exFlagOff = arena.allocI32(2);
      part.thrCountOff = arena.allocI32(2);
      part.thrIdxOff = arena.allocI32(nthr);
      part.thrOutOff = arena.allocI32(nthr);
      if (this.parts.length > 1) part.ringOff = arena.allocF64(2 * RING);
    }
    if (this.parts.length > 1) {
      this.ringPosOff = arena.allocI32(2 * this.parts.length);
      for (const mp of this.points) mp.partOfSlotOff = arena.allocI32(mp.mr.points!.cols.size);
    }
  }

  /** Bytes of one part's descriptor (see D_* and the per-mechanism fields at D_MECH + 6 m). */
  descBytes(): number {
    return 4 * (D_MECH + 6 * this.mechs.length);
  }

  /** Writes the tables (and the parts' descriptors) into the arena. */
  fill(arena: Arena): void {
    const m = this.model;
    const dw = this.descBytes() >> 2;
    const desc = arena.i32(this.descOff, dw * this.parts.length);
    for (const part of this.parts) {
      const o = dw * part.index;
      desc[o + D_SECTAB] = part.secTabOff;
      desc[o + D_NSEC] = part.sections.length;
      desc[o + D_ROOTTAB] = part.rootTabOff;
      desc[o + D_NROOT] = part.otherRoots.length;
      desc[o + D_EX] = part.exOff;
      desc[o + D_NEXP] = part.nexp;
      desc[o + D_EXFLAG] = part.exFlagOff;
      desc[o + D_THRCOUNT] = part.thrCountOff;
      desc[o + D_THRIDX] = part.thrIdxOff;
      desc[o + D_THROUT] = part.thrOutOff;
      desc[o + D_RING] = part.ringOff;
      for (const mp of this.mechs) {
        const pi = part.insts.get(mp)!;
        const q = o + D_MECH + 6 * mp.index;
        desc[q] = pi.node8Off;
        desc[q + 1] = pi.slot8Off;
        desc[q + 2] = pi.kOff;
        desc[q + 3] = pi.pos8Off;
        desc[q + 4] = pi.exOff;
        desc[q + 5] = pi.ks.length;
      }
    }
    const ppStart = arena.i32(this.ppStartOff, m.nnode + 1);
    let acc = 0;
    for (let i = 0; i < m.nnode; i++) {
      ppStart[i] = 8 * acc;
      acc += this.ppCount[i]!;
    }
    ppStart[m.nnode] = 8 * acc;
    const xStart = arena.i32(this.xStartOff, m.nnode + 1);
    const xList = arena.i32(this.xListOff, this.nextra);
    acc = 0;
    for (let i = 0; i < m.nnode; i++) {
      xStart[i] = 4 * acc;
      for (const c of this.extras[i] ?? []) xList[acc++] = 8 * c;
    }
    xStart[m.nnode] = 4 * acc;
    for (const part of this.parts) {
      const tab = arena.i32(part.secTabOff, 4 * part.sections.length);
      part.sections.forEach((s, i) => {
        tab[4 * i] = s.variant;
        tab[4 * i + 1] = 8 * s.base;
        tab[4 * i + 2] = 8 * s.end;
        tab[4 * i + 3] = 8 * s.parent;
      });
      const roots = arena.i32(part.rootTabOff, part.otherRoots.length);
      part.otherRoots.forEach((r, i) => (roots[i] = 8 * r));
      for (const [mp, pi] of part.insts) {
        const n = pi.ks.length;
        const node8 = arena.i32(pi.node8Off, n), slot8 = arena.i32(pi.slot8Off, n);
        const kk = arena.i32(pi.kOff, n), pos8 = arena.i32(pi.pos8Off, n);
        pi.ks.forEach((k, j) => {
          node8[j] = 8 * mp.mr.node[k]!;
          slot8[j] = 8 * mp.mr.slot[k]!;
          kk[j] = k;
          pos8[j] = 8 * (mp.pos[k] ?? 0);
        });
      }
    }
    if (this.parts.length > 1) {
      arena.i32(this.ringPosOff, 2 * this.parts.length).fill(0);
      for (const mp of this.points) arena.i32(mp.partOfSlotOff, mp.mr.points!.cols.size).fill(-1);
      for (const part of this.parts) {
        for (const [mp, pi] of part.insts) {
          if (mp.density) continue;
          const tab = arena.i32(mp.partOfSlotOff, mp.mr.points!.cols.size);
          for (const k of pi.ks) tab[mp.mr.slot[k]!] = part.index;
        }
      }
    }
  }
}

/**
 * Decides whether the model can run fused and collects its structure; null if it cannot.
 * `nparts` > 1 divides the cells into parts (part 0 gets `share0` of the work, the others equal
 * shares), cells in order, so that each part holds consecutive cells.
 */
export function planFused(model: Model, nparts = 1, share0 = 1 / nparts): FusedPlan | null {
  if (!HAS_WASM || !fusedEnabled) return null;
  const plan = new FusedPlan(model);
  let seenPoint = false, afterPoint = false;
  for (const mr of model.active) {
    const spec = mr.spec;
    if (spec.kind === "artificial") continue;
    if (!spec.wasm) return null;
    const density = spec.kind === "density" || spec.kind === "ion";
    const mp: MechPlan = {
      mr, wasm: spec.wasm, density, index: plan.mechs.length, scratchOff: 0,
      scratchN: spec.wasm.scratchDoubles?.(mr.n) ?? 0, nexp: spec.wasm.nexp ?? 0, kernels: null, binding: null,
      pos: new Int32Array(density ? 0 : mr.n), partOfSlotOff: 0,
    };
    plan.nexpTotal += mp.nexp * mr.n;
    plan.mechs.push(mp);
    if (density) {
      if (seenPoint) afterPoint = true;
      plan.density.push(mp);
    } else {
      // every point process type must sit between the same two density mechanisms
      if (afterPoint) return null;
      seenPoint = true;
      plan.points.push(mp);
    }
    if (!seenPoint) plan.ppSlot = plan.density.length;
  }
  // point-process contributions, sorted by node, then mechanism order, then processing order
  const ppCount = new Int32Array(model.nnode);
  const order: Array<{ m: MechPlan; k: number; node: number; rank: number }> = [];
  plan.points.forEach((mp, rank) => {
    for (let k = 0; k < mp.mr.n; k++) {
      const node = mp.mr.node[k]!;
      order.push({ m: mp, k, node, rank });
      ppCount[node]!++;
    }
  });
  order.sort((a, b) => a.node - b.node || a.rank - b.rank || a.k - b.k);
  order.forEach((e, q) => (e.m.pos[e.k] = q));
  plan.npp = order.length;
  plan.ppCount = ppCount;
  // children attached to a node other than through the section's own chain
  const parent = model.parent;
  const extras: number[][] = [];
  let nextra = 0;
  for (const sec of model.secOrder) {
    const p = parent[sec.base]!;
    (extras[p] ??= []).push(sec.base);
    nextra++;
  }
  for (const list of extras) list?.sort((a, b) => a - b);
  plan.extras = extras;
  plan.nextra = nextra;

  // cells: the root node of every node, and a cost per cell for dividing them into parts
  const cellOfNode = new Int32Array(model.nnode);
  for (let r = 0; r < model.ncell; r++) cellOfNode[r] = r;
  for (const sec of model.secOrder) {
    const cell = cellOfNode[parent[sec.base]!]!;
    for (let j = 0; j <= sec.nseg; j++) cellOfNode[sec.base + j] = cell;
  }
  plan.cellOfNode = cellOfNode;
  const cost = new Float64Array(model.ncell);
  for (const sec of model.secOrder) cost[cellOfNode[sec.base]!]! += (sec.nseg + 1) * (1 + sec.mechs.length + sec.ions.length);
  for (const e of order) cost[cellOfNode[e.node]!]! += 1;
  const partOfCell = new Int32Array(model.ncell);
  if (nparts > 1) {
    let total = 0;
    for (let c = 0; c < model.ncell; c++) total += cost[c]!;
    const shares = Array.from({ length: nparts }, (_, p) => (p === 0 ? share0 : (1 - share0) / (nparts - 1)));
    let p = 0, bound = shares[0]! * total, acc = 0;
    for (let c = 0; c < model.ncell; c++) {
      while (p < nparts - 1 && acc + cost[c]! / 2 > bound) bound += shares[++p]! * total;
      partOfCell[c] = p;
      acc += cost[c]!;
    }
  }
  plan.partOfCell = partOfCell;
  for (let p = 0; p < nparts; p++) plan.parts.push(new PartPlan(p));
  const partOfNode = (node: number) => partOfCell[cellOfNode[node]!]!;

  // sections and their variants
  const variants = new Map<string, number>();
  const owned = new Uint8Array(model.ncell);
  for (const sec of model.secOrder) {
    const base = sec.base, end = sec.base + sec.nseg;
    const mechs: number[] = [];
    plan.density.forEach((mp, i) => {
      const spec = mp.mr.spec;
      const has = spec.kind === "ion" ? sec.ions.includes(spec.name.replace(/_ion$/, "")) : sec.mechs.includes(spec.name);
      if (has) mechs.push(i);
    });
    let hasPP = false, midExtras = false;
    for (let i = base; i <= end; i++) {
      if (ppCount[i]! > 0) hasPP = true;
      if (extras[i] && i < end) midExtras = true;
    }
    const endExtras = extras[end] !== undefined;
    const plainEnd = !endExtras && ppCount[end] === 0;
    const p = parent[base]!;
    const ownsRoot = p < model.ncell && extras[p]!.length === 1 && ppCount[p] === 0;
    if (ownsRoot) owned[p] = 1;
    const single: [number, number] | null = sec.nseg === 1 && !midExtras && ppCount[base]! <= 4 && ppCount[end]! <= 4 ? [ppCount[base]!, ppCount[end]!] : null;
    const key = `${mechs.join(",")}|${hasPP ? 1 : 0}|${endExtras ? 1 : 0}|${plainEnd ? 1 : 0}|${midExtras ? 1 : 0}|${ownsRoot ? 1 : 0}|${single ? single.join(":") : "-"}`;
    let variant = variants.get(key);
    if (variant === undefined) variants.set(key, (variant = variants.size));
    const sp: SectionPlan = { base, end, parent: p, mechs, hasPP, endExtras, midExtras, plainEnd, ownsRoot, single, variant };
    plan.sections.push(sp);
    plan.parts[partOfNode(base)]!.sections.push(sp);
  }
  for (let r = 0; r < model.ncell; r++) if (!owned[r]) plan.parts[partOfCell[r]!]!.otherRoots.push(r);
  // every mechanism's instances, by part
  for (const mp of plan.mechs) {
    for (const part of plan.parts) part.insts.set(mp, { ks: [], node8Off: 0, slot8Off: 0, kOff: 0, pos8Off: 0, exOff: 0 });
    for (let k = 0; k < mp.mr.n; k++) {
      const part = plan.parts[partOfNode(mp.mr.node[k]!)]!;
      part.insts.get(mp)!.ks.push(k);
      part.nexp += mp.nexp;
    }
  }
  return plan;
}

// ---------------------------------------------------------------------------------- codegen

/** Per-function locals shared by the generated code. */
class Ctx {
  readonly x8: number;
  readonly s8: number;
  readonly t: number;
  readonly dt: number;
  private readonly ks = new Map<MechPlan, number>();
  private readonly exs = new Map<MechPlan, number>();
  constructor(readonly fn: W.Func, readonly plan: FusedPlan) {
    this.x8 = fn.local(I);
    this.s8 = fn.local(I);
    this.t = fn.local(F);
    this.dt = fn.local(F);
  }

  k(mp: MechPlan): number {
    let k = this.ks.get(mp);
    if (k === undefined) this.ks.set(mp, (k = this.fn.local(I)));
    return k;
  }

  ex(mp: MechPlan): number {
    let x = this.exs.get(mp);
    if (x === undefined) this.exs.set(mp, (x = this.fn.local(I)));
    return x;
  }

  emitter(mp: MechPlan): WasmEmitter {
    const fn = this.fn;
    const b = mp.binding!;
    return {
      node: (name) => b.nodeCol(name).byteOffset,
      col: (name) => b.col(name).byteOffset,
      scratch: mp.scratchOff,
      local: (type) => fn.local(type),
      x8: this.x8,
      s8: mp.density ? this.x8 : this.s8,
      k: this.k(mp),
      ex: this.ex(mp),
      t: this.t,
      dt: this.dt,
      expFn: 0,
    };
  }
}

/**
 * A loop over a section's segment nodes (`body`, then `step`, until `exit`); for a single-segment
 * section, its one node without the loop (the branch and the loop's bookkeeping are a visible part
 * of a one-compartment cell's step).
 */
function segmentLoop(s: SectionPlan, exit: W.Code, body: W.Code, step: W.Code): W.Code {
  return s.single ? seq(body, step) : W.block(W.loop(W.brIf(1, exit), body, step, W.br(0)));
}

/** switch (selector) { case 0: cases[0]; ... } with br_table (no fall-through). */
function switchCode(selector: W.Code, cases: W.Code[]): W.Code {
  const n = cases.length;
  if (n === 0) return [];
  if (n === 1) return cases[0]!;
  // block $done { block $c(n-1) { ... block $c0 { br_table } cases[0]; br $done } cases[1] ... }
  let inner: W.Code = seq(selector, [0x0e], W.leb(n), ...Array.from({ length: n }, (_, i) => W.leb(i)), W.leb(n - 1));
  for (let i = 0; i < n; i++) {
    inner = seq([0x02, 0x40], inner, [0x0b], cases[i]!, W.br(n - 1 - i));
  }
  return seq([0x02, 0x40], inner, [0x0b]);
}

/** One part's generated functions and the places its tables live (for the parallel engine). */
export interface FusedPart {
  /** The exp step alone (after stateBefore), with PartCalls.advance's status. */
  expRun(): number;
  assemble(t: number, cfac: number, dt: number): void;
  update(cfac: number, second: number, dt: number, t: number, state: number): void;
  stateBefore(dt: number, t: number): void;
  stateAfter(dt: number, t: number): void;
  /** The mechanisms' `prepare` kernels over this part's instances (dt: the run's step). */
  prepare(dt: number): void;
  /** The batched exp arguments (hoc_Exp applied in place between stateBefore and stateAfter). */
  readonly expArgs: Float64Array;
  /** Byte offset of expArgs in the arena (to interpret PartCalls.advance's status). */
  readonly expArgsOffset: number;
  /** The status of the step where PartCalls.advanceN stopped. */
  readonly batchStatus: Int32Array;
  readonly thrCount: Int32Array;
  readonly thrIdx: Int32Array;
  readonly thrOut: Int32Array;
  /** The delivery ring: entries (i32 receiver, i32 slot × 8, f64 weight), as i32 and f64 views. */
  readonly ringI32: Int32Array;
  readonly ringF64: Float64Array;
}

/**
 * The generated functions that take a part's index, called directly: one call site then calls
 * one function (a per-part closure would make the loops over parts megamorphic, measured at
 * 5 % of a network's run with 8 parts).
 */
export interface PartCalls {
  /**
   * Part p's whole step from the midpoint on, in one call: assemble (at time t), bksub and v,
   * i_cap, the states' first half (at tEnd), the batched exp with libm's kernel in place, the
   * states' second half. Returns 0 when done; else the exp (and stateAfter) are left to
   * JavaScript: -2 an argument is outside hoc_Exp's [-700, 700] (nothing done), -3 no kernel
   * (nothing done), -1 the kernel's madd does not fuse (nothing done), or > 0 the byte offset of
   * the first argument the kernel left (|x| >= 512; all before it are done).
   */
  advance(p: number, t: number, cfac: number, second: number, dt: number, tEnd: number): number;
  /**
   * n steps of part p from time t (see the generated function): the steps done, n unless a
   * step's exp needs JavaScript (its status is then in FusedPart.batchStatus).
   */
  advanceN(p: number, t: number, cfac: number, second: number, dt: number, n: number): number;
  /** Threshold check over part p's detectors; returns the number of crossings listed (FusedPart.thrOut). */
  thresholds(p: number): number;
  /** Applies `count` deliveries from part p's ring, starting at entry `start` mod RING (parallel runs). */
  apply(p: number, start: number, count: number): void;
}

export interface FusedStep {
  /** JavaScript checks before a fused step; false: run this step in JavaScript. */
  ready(): boolean;
  readonly parts: readonly FusedPart[];
  readonly calls: PartCalls;
  readonly plan: FusedPlan;
  /** The compiled module (shared memory: instantiate it in workers over the same memory). */
  readonly module: W.WasmModule;
  /** Receiver index (in deliveries) of each point-process mechanism with a NET_RECEIVE kernel. */
  readonly receiverIndex: Map<MechRuntime, number>;
  /** One NetCon delivery by receiver index (the generated `recv`; see runtime/idtree.ts). */
  readonly recv: (r: number, slot: number, w: number, t: number) => number;
  /** `recv` for a multi-threaded run: to the target part's delivery ring (the generated `defer`). */
  readonly defer: (r: number, slot: number, w: number, t: number) => number;
  /** Parallel plans: the rings' write positions (parts), then their consumed positions (parts). */
  readonly ringPos: Int32Array;
  afterState(): void;
  /** Whether afterState must run after every step now (WasmKernels.afterEveryStep). */
  afterEveryStep(): boolean;
  /** Why the step cannot run on worker threads (WasmKernels.oneThread), or null. */
  readonly oneThread: string | null;
  /** Threshold detectors the generated checks cover (the model's table at compile; -1: none). */
  readonly thresholdCount: number;
  /** After every computation of the geometry: what the step keeps of it (SectionPlan.plainEnd). */
  geometry(): void;
}

/**
 * Whether the mechanisms' currents go into the reverse elimination sweep (measured, see
 * docs/performance.md): a sweep that carries a division dependency chain (triang) runs at the
 * chain's latency while the work per node is light, and here the channel arithmetic overlaps it.
 * The states' first half is not fused into the bksub sweep: that was measured slower (the heavy
 * state arithmetic fills the out-of-order window behind the chain).
 */
export interface FuseOptions {
  currents: boolean;
}

function envOptions(): FuseOptions {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.NTS_FUSE;
  if (env === undefined) return { currents: true };
  return { currents: env.split(",").includes("currents") };
}

/** Binds the wasm kernels and compiles the module; null if a mechanism declines. */
export function buildFused(plan: FusedPlan, arena: Arena, bindings: Map<MechRuntime, Binding>, opts: FuseOptions = envOptions()): FusedStep | null {
  const model = plan.model;
  for (const mp of plan.mechs) {
    const b = bindings.get(mp.mr)!;
    const k = mp.wasm.bind(b, arena.f64(mp.scratchOff, mp.scratchN));
    if (!k) return null;
    mp.kernels = k;
    mp.binding = b;
    if (!mp.density && k.receive) plan.receivers.push(mp);
  }
  plan.fill(arena);

  const V = model.nodes.get("v").byteOffset, RHS = model.nodes.get("rhs").byteOffset, D = model.nodes.get("d").byteOffset;
  const A = model.nodes.get("a").byteOffset, B = model.nodes.get("b").byteOffset, CM = model.nodes.get("cm").byteOffset;
  const ICAP = model.nodes.get("i_cap").byteOffset;
  const P = plan.pOff;
  const nvariants = plan.sections.reduce((m, s) => Math.max(m, s.variant + 1), 0);
  const variantOf: SectionPlan[] = [];
  for (const s of plan.sections) variantOf[s.variant] ??= s;
  const TT = model.thresholds;

  const imports: W.ImportFunc[] = [{ module: "m", name: "exp", params: [F], results: [F] }];
  const funcs: Array<W.Func | W.RawFunc> = [];
  const idx = (f: W.Func | W.RawFunc) => imports.length + funcs.indexOf(f);
  const kern = arena.kernel;
  const libmExp = kern ? new W.RawFunc("libmExp", [I, I], [I], kern.body) : null;
  if (libmExp) funcs.push(libmExp);

  const DW = plan.descBytes();
  /** Locals of a function taking the part index as its first parameter: the descriptor's address. */
  const descOf = (fn: W.Func): number => {
    const dp = fn.local(I);
    fn.body = seq(set(dp, iadd(i32(plan.descOff), W.imul(get(0), i32(DW)))));
    return dp;
  };
  /** A descriptor field (i32) of the function's part. */
  const field = (dp: number, f: number): W.Code => loadI32(4 * f, get(dp));
  /** A loop over one mechanism's instances of the part (x8, s8, k and ex set for the body). */
  const instanceLoop = (c: Ctx, dp: number, mp: MechPlan, body: (e: WasmEmitter) => W.Code): W.Code => {
    const e = c.emitter(mp);
    const j4 = c.fn.local(I), end = c.fn.local(I), tn = c.fn.local(I), ts = c.fn.local(I), tk = c.fn.local(I), te = c.fn.local(I);
    const q = D_MECH + 6 * mp.index;
    return seq(
      set(end, ishl(field(dp, q + 5), i32(2))),
      set(tn, field(dp, q)), set(ts, field(dp, q + 1)), set(tk, field(dp, q + 2)), set(te, field(dp, q + 4)),
      W.forUp(j4, i32(0), get(end), 4,
        set(c.x8, loadI32(0, iadd(get(tn), get(j4)))),
        mp.density ? [] : set(c.s8, loadI32(0, iadd(get(ts), get(j4)))),
        set(e.k, loadI32(0, iadd(get(tk), get(j4)))),
        set(e.ex, iadd(get(te), W.imul(get(j4), i32(2 * mp.nexp)))),
        body(e)));
  };

  // ---------------------------------------------------------- assemble(p, t, cfac, dt)
  const fa = new W.Func("assemble", [I, F, F, F], []);
  {
    const ca = new Ctx(fa, plan);
    const dp = descOf(fa);
    const prologue = fa.body;
    const cfac = fa.local(F), r = fa.local(F), dd = fa.local(F), pr = fa.local(F), pd = fa.local(F);
    const sp = fa.local(I), base8 = fa.local(I), end8 = fa.local(I), par8 = fa.local(I), q = fa.local(I), qe = fa.local(I), c8 = fa.local(I);
    const vi = fa.local(F), dv = fa.local(F), pc = fa.local(F), rc = fa.local(F), bc = fa.local(F), ac = fa.local(F), vc = fa.local(F), bi = fa.local(F);
    const stab = fa.local(I), nsec = fa.local(I), rtab = fa.local(I), nroot = fa.local(I), rq = fa.local(I);
    const X = get(ca.x8);
    const ppLoops: W.Code[] = [];
    for (const mp of plan.points) {
      const e = ca.emitter(mp);
      const j4 = fa.local(I), end = fa.local(I), tn = fa.local(I), ts = fa.local(I), tk = fa.local(I), tq = fa.local(I);
      const f0 = D_MECH + 6 * mp.index;
      // the tables' addresses in locals: a descriptor load inside the loop is repeated every
      // iteration (the loop's stores might alias it)
      ppLoops.push(
        set(end, ishl(field(dp, f0 + 5), i32(2))),
        set(tn, field(dp, f0)), set(ts, field(dp, f0 + 1)), set(tk, field(dp, f0 + 2)), set(tq, field(dp, f0 + 3)),
        W.forUp(j4, i32(0), get(end), 4,
          set(ca.x8, loadI32(0, iadd(get(tn), get(j4)))),
          set(ca.s8, loadI32(0, iadd(get(ts), get(j4)))),
          set(e.k, loadI32(0, iadd(get(tk), get(j4)))),
          mp.kernels!.current ? mp.kernels!.current(e, pr, pd) : seq(set(pr, f64(0)), set(pd, f64(0))),
          set(q, loadI32(0, iadd(get(tq), get(j4)))),
          store(plan.ppROff, get(q), get(pr)),
          store(plan.ppDOff, get(q), get(pd)),
        ));
    }
    /** r += ppR[q], dd += ppD[q] for the point processes of node x8, in order (`count`: known, unrolled). */
    const ppAdd = (count?: number): W.Code => count !== undefined ? seq(
      count > 0 ? set(q, loadI32(plan.ppStartOff, W.ishrS(X, i32(1)))) : [],
      ...Array.from({ length: count }, (_, j) => seq(
        set(r, add(get(r), load(plan.ppROff + 8 * j, get(q)))),
        set(dd, add(get(dd), load(plan.ppDOff + 8 * j, get(q))))))) : seq(
      set(q, loadI32(plan.ppStartOff, W.ishrS(X, i32(1)))),
      set(qe, loadI32(plan.ppStartOff + 4, W.ishrS(X, i32(1)))),
      W.block(W.loop(
        W.brIf(1, W.igeS(get(q), get(qe))),
        set(r, add(get(r), load(plan.ppROff, get(q)))),
        set(dd, add(get(dd), load(plan.ppDOff, get(q)))),
        set(q, iadd(get(q), i32(8))),
        W.br(0),
      )),
    );
    /** children attached to node x8 from other sections: axial terms (increasing), then triang (decreasing). */
    const extrasCode = (): W.Code => seq(
      set(q, loadI32(plan.xStartOff, W.ishrS(X, i32(1)))),
      set(qe, loadI32(plan.xStartOff + 4, W.ishrS(X, i32(1)))),
      W.block(W.loop(
        W.brIf(1, W.igeS(get(q), get(qe))),
        set(c8, loadI32(plan.xListOff, get(q))),
        // rhs[p] += a[c]*(v[p] - v[c]); d[p] -= a[c]
        set(r, add(get(r), mul(load(A, get(c8)), sub(load(V, X), load(V, get(c8)))))),
        set(dd, sub(get(dd), load(A, get(c8)))),
        set(q, iadd(get(q), i32(4))),
        W.br(0),
      )),
      W.block(W.loop(
        W.brIf(1, W.ileS(get(q), loadI32(plan.xStartOff, W.ishrS(X, i32(1))))),
        set(q, isub(get(q), i32(4))),
        set(c8, loadI32(plan.xListOff, get(q))),
        // d[p] -= P[c]*b[c]; rhs[p] -= P[c]*rhs[c]
        set(dd, sub(get(dd), mul(load(P, get(c8)), load(B, get(c8))))),
        set(r, sub(get(r), mul(load(P, get(c8)), load(RHS, get(c8))))),
        W.br(0),
      )),
    );
    const densityCurrent = (s: SectionPlan, from: number, to: number): W.Code => {
      const out: W.Code[] = [];
      for (const i of s.mechs) {
        if (i < from || i >= to) continue;
        const mp = plan.density[i]!;
        if (mp.kernels!.current) out.push(mp.kernels!.current(ca.emitter(mp), r, dd));
      }
      return seq(...out);
    };
    /** The node's mechanism terms into r, dd (its point processes included). */
    const nodeCurrents = (s: SectionPlan): W.Code => seq(
      set(r, f64(0)), set(dd, f64(0)),
      densityCurrent(s, 0, plan.ppSlot),
      s.single ? ppAdd(s.single[0]) : s.hasPP ? ppAdd() : [],
      densityCurrent(s, plan.ppSlot, plan.density.length),
    );
    /** Unfused: every node's mechanism terms first, into rhs and d, sections in order. */
    const sectionCurrents = (s: SectionPlan): W.Code => seq(
      set(ca.x8, get(base8)),
      W.block(W.loop(
        W.brIf(1, W.igeS(X, get(end8))),
        nodeCurrents(s),
        store(RHS, X, get(r)), store(D, X, get(dd)),
        set(ca.x8, iadd(X, i32(8))),
        W.br(0),
      )),
      set(r, f64(0)), set(dd, f64(0)),
      s.hasPP ? ppAdd() : [],
      store(RHS, X, get(r)), store(D, X, get(dd)),
    );
    const sectionReverse = (s: SectionPlan): W.Code => seq(
      // the far-end node: no mechanisms, no capacitance
      set(ca.x8, get(end8)),
      opts.currents ? seq(set(r, f64(0)), set(dd, f64(0)), s.single ? ppAdd(s.single[1]) : s.hasPP ? ppAdd() : []) : seq(set(r, load(RHS, X)), set(dd, load(D, X))),
      set(vi, load(V, X)),
      set(dv, sub(load(V, isub(X, i32(8))), get(vi))),
      set(bi, load(B, X)),
      set(r, sub(get(r), mul(get(bi), get(dv)))),
      set(dd, sub(get(dd), get(bi))),
      s.endExtras ? extrasCode() : [],
      store(RHS, X, get(r)), store(D, X, get(dd)),
      set(ac, load(A, X)),
      set(pc, s.plainEnd ? load(P, X) : div(get(ac), get(dd))), set(rc, get(r)), set(bc, get(bi)), set(vc, get(vi)),
      // the segment nodes, last to first
      set(ca.x8, isub(get(end8), i32(8))),
      segmentLoop(s, W.iltS(X, get(base8)), seq(
        opts.currents ? nodeCurrents(s) : seq(set(r, load(RHS, X)), set(dd, load(D, X))),
        set(dd, add(get(dd), mul(get(cfac), load(CM, X)))),
        set(vi, load(V, X)),
        set(dv, sub(load(V, s.single ? get(par8) : W.select(get(par8), isub(X, i32(8)), W.ieq(X, get(base8)))), get(vi))),
        set(bi, load(B, X)),
        set(r, sub(get(r), mul(get(bi), get(dv)))),
        set(dd, sub(get(dd), get(bi))),
        // the next node of the section (child i+1): axial term
        set(r, add(get(r), mul(get(ac), sub(get(vi), get(vc))))),
        set(dd, sub(get(dd), get(ac))),
        s.midExtras ? extrasCode() : [],
        // child i+1: triang
        set(dd, sub(get(dd), mul(get(pc), get(bc)))),
        set(r, sub(get(r), mul(get(pc), get(rc)))),
        store(RHS, X, get(r)), store(D, X, get(dd)),
        set(ac, load(A, X)),
        set(pc, div(get(ac), get(dd))), set(rc, get(r)), set(bc, get(bi)), set(vc, get(vi))),
        set(ca.x8, isub(X, i32(8)))),
      s.ownsRoot
        ? seq(
          // the root: no mechanisms; the section's base is its only child (axial term, triang)
          set(r, add(f64(0), mul(get(ac), sub(load(V, get(par8)), get(vc))))),
          set(dd, sub(f64(0), get(ac))),
          set(dd, sub(get(dd), mul(get(pc), get(bc)))),
          set(r, sub(get(r), mul(get(pc), get(rc)))),
          store(RHS, get(par8), get(r)), store(D, get(par8), get(dd)))
        : store(P, get(base8), get(pc)),
    );
    const sectionSwitch = (make: (s: SectionPlan) => W.Code): W.Code =>
      switchCode(loadI32(0, get(sp)), Array.from({ length: nvariants }, (_, v) => make(variantOf[v]!)));
    fa.body = seq(
      prologue,
      set(ca.t, get(1)), set(cfac, get(2)), set(ca.dt, get(3)),
      set(stab, field(dp, D_SECTAB)), set(nsec, field(dp, D_NSEC)),
      set(rtab, field(dp, D_ROOTTAB)), set(nroot, field(dp, D_NROOT)),
      ...ppLoops,
      opts.currents
        ? []
        : W.forUp(sp, get(stab), iadd(get(stab), ishl(get(nsec), i32(4))), 16,
          set(base8, loadI32(4, get(sp))), set(end8, loadI32(8, get(sp))),
          sectionSwitch(sectionCurrents)),
      W.forDown(sp, iadd(get(stab), ishl(isub(get(nsec), i32(1)), i32(4))), get(stab), 16,
        set(base8, loadI32(4, get(sp))), set(end8, loadI32(8, get(sp))), set(par8, loadI32(12, get(sp))),
        sectionSwitch(sectionReverse)),
      // the other root nodes: point processes and children only (rq: ppAdd and extrasCode use q)
      W.forDown(rq, iadd(get(rtab), ishl(isub(get(nroot), i32(1)), i32(2))), get(rtab), 4,
        set(ca.x8, loadI32(0, get(rq))),
        set(r, f64(0)), set(dd, f64(0)),
        plan.npp > 0 ? ppAdd() : [],
        extrasCode(),
        store(RHS, X, get(r)), store(D, X, get(dd))),
    );
  }
  funcs.push(fa);

  // ---------------------------------------------------------- update(p, cfac, second, dt, t), updateState
  /**
   * After a kernel's stateBefore: flag |= any of its nexp arguments outside [-700, 700] (nan
   * included), so that JavaScript needs no pass over them to apply hoc_Exp's limits.
   */
  const checkArgs = (acc: number, mp: MechPlan, e: WasmEmitter): W.Code => {
    const x = e.local(F);
    const out: W.Code[] = [];
    for (let j = 0; j < mp.nexp; j++) {
      out.push(set(x, load(8 * j, get(e.ex))),
        set(acc, W.ior(get(acc), W.ieqz(W.iand(W.fge(get(x), f64(-700.)), W.fle(get(x), f64(700.)))))));
    }
    return seq(...out);
  };
  /** The states' first half, the range flag gathered in a local (no store-to-load chain) and or-ed into the part's flag word. */
  const stateBeforeLoops = (c: Ctx, dp: number, flag: number): W.Code[] => {
    const acc = c.fn.local(I);
    return [
      set(acc, i32(0)),
      ...plan.mechs.filter((mp) => mp.kernels!.stateBefore).map((mp) => instanceLoop(c, dp, mp, (e) => seq(mp.kernels!.stateBefore!(e), checkArgs(acc, mp, e)))),
      W.storeI32(0, get(flag), W.ior(W.loadI32(0, get(flag)), get(acc))),
    ];
  };
  const makeUpdate = (name: string, withState: boolean): W.Func => {
    const fu = new W.Func(name, [I, F, I, F, F], []);
    const cu = new Ctx(fu, plan);
    const dp = descOf(fu);
    const prologue = fu.body;
    const cf = fu.local(F), second = fu.local(I), rr = fu.local(F), rp = fu.local(F);
    const sp2 = fu.local(I), b8 = fu.local(I), e8 = fu.local(I), flag = fu.local(I);
    const stab = fu.local(I), nsec = fu.local(I), rtab = fu.local(I), nroot = fu.local(I);
    const XU = get(cu.x8);
    const vUpdate = () => store(V, XU, add(load(V, XU), W.select(mul(f64(2.), get(rr)), get(rr), get(second))));
    const sectionForward = (s: SectionPlan): W.Code => seq(
      s.ownsRoot
        ? seq(
          // the section's own root, first
          set(cu.x8, loadI32(12, get(sp2))),
          set(rr, div(load(RHS, XU), load(D, XU))),
          store(RHS, XU, get(rr)),
          vUpdate(),
          set(rp, get(rr)))
        : set(rp, load(RHS, loadI32(12, get(sp2)))),
      set(cu.x8, get(b8)),
      segmentLoop(s, W.igeS(XU, get(e8)), seq(
        set(rr, div(sub(load(RHS, XU), mul(load(B, XU), get(rp))), load(D, XU))),
        store(RHS, XU, get(rr)),
        vUpdate(),
        store(ICAP, XU, mul(mul(get(cf), load(CM, XU)), get(rr))),
        set(rp, get(rr))),
        set(cu.x8, iadd(XU, i32(8)))),
      set(rr, div(sub(load(RHS, XU), mul(load(B, XU), get(rp))), load(D, XU))),
      store(RHS, XU, get(rr)),
      vUpdate(),
    );
    fu.body = seq(
      prologue,
      set(cf, get(1)), set(second, get(2)), set(cu.dt, get(3)), set(cu.t, get(4)),
      set(stab, field(dp, D_SECTAB)), set(nsec, field(dp, D_NSEC)),
      set(rtab, field(dp, D_ROOTTAB)), set(nroot, field(dp, D_NROOT)), set(flag, field(dp, D_EXFLAG)),
      withState ? W.storeI32(0, get(flag), i32(0)) : [],
      W.forUp(sp2, get(rtab), iadd(get(rtab), ishl(get(nroot), i32(2))), 4,
        set(cu.x8, loadI32(0, get(sp2))),
        set(rr, div(load(RHS, XU), load(D, XU))),
        store(RHS, XU, get(rr)),
        vUpdate()),
      W.forUp(sp2, get(stab), iadd(get(stab), ishl(get(nsec), i32(4))), 16,
        set(b8, loadI32(4, get(sp2))), set(e8, loadI32(8, get(sp2))),
        switchCode(loadI32(0, get(sp2)), Array.from({ length: nvariants }, (_, v) => sectionForward(variantOf[v]!)))),
      // the states' first half, after the sweep
      ...(withState ? stateBeforeLoops(cu, dp, flag) : []),
    );
    return fu;
  };
  const fu0 = makeUpdate("update", false);
  const fu1 = makeUpdate("updateState", true);
  funcs.push(fu0, fu1);

  // ---------------------------------------------------------- stateBefore / stateAfter (p, dt, t)
  const fb = new W.Func("stateBefore", [I, F, F], []);
  {
    const cb = new Ctx(fb, plan);
    const dp = descOf(fb);
    const flag = fb.local(I);
    fb.body = seq(fb.body, set(cb.dt, get(1)), set(cb.t, get(2)), set(flag, field(dp, D_EXFLAG)),
      W.storeI32(0, get(flag), i32(0)), ...stateBeforeLoops(cb, dp, flag));
  }
  const ff = new W.Func("stateAfter", [I, F, F], []);
  {
    const cf2 = new Ctx(ff, plan);
    const dp = descOf(ff);
    ff.body = seq(ff.body, set(cf2.dt, get(1)), set(cf2.t, get(2)),
      ...plan.mechs.filter((mp) => mp.kernels!.stateAfter).map((mp) => instanceLoop(cf2, dp, mp, (e) => mp.kernels!.stateAfter!(e))));
  }
  funcs.push(fb, ff);

  // ---------------------------------------------------------- thresholds(p): i32
  const ft = new W.Func("thresholds", [I], [I]);
  {
    const dp = descOf(ft);
    const j = ft.local(I), k = ft.local(I), cnt = ft.local(I), x = ft.local(F), end = ft.local(I), ix = ft.local(I), out = ft.local(I);
    ft.body = TT.inArena
      ? seq(
        ft.body,
        set(cnt, i32(0)),
        set(end, ishl(loadI32(0, field(dp, D_THRCOUNT)), i32(2))),
        set(ix, field(dp, D_THRIDX)), set(out, field(dp, D_THROUT)),
        W.forUp(j, i32(0), get(end), 4,
          set(k, ishl(loadI32(0, iadd(get(ix), get(j))), i32(2))),
          // value = v - threshold; above: a crossing if the flag was down; else the flag goes down
          set(x, sub(load(0, loadI32(TT.addrOff, get(k))), load(TT.thrOff, ishl(get(k), i32(1))))),
          W.ifElse(W.fgt(get(x), f64(0)),
            W.ifThen(W.ieqz(loadI32(TT.flagOff, get(k))),
              W.storeI32(TT.flagOff, get(k), i32(1)),
              W.storeI32(0, iadd(get(out), ishl(get(cnt), i32(2))), W.ishrS(get(k), i32(2))),
              set(cnt, iadd(get(cnt), i32(1)))),
            W.storeI32(TT.flagOff, get(k), i32(0)))),
        get(cnt))
      : i32(0);
  }
  funcs.push(ft);

  // ---------------------------------------------------------- apply(p, start, count): deliveries
  const fd = new W.Func("apply", [I, I, I], []);
  {
    const c = new Ctx(fd, plan);
    const dp = descOf(fd);
    const i = fd.local(I), e = fd.local(I), w = fd.local(F), ring = fd.local(I);
    const cases = plan.receivers.map((mp) => mp.kernels!.receive!(c.emitter(mp), w));
    fd.body = plan.parts.length > 1 && cases.length > 0
      ? seq(fd.body, set(ring, field(dp, D_RING)),
        W.forUp(i, i32(0), get(2), 1,
          set(e, iadd(get(ring), ishl(W.iand(iadd(get(1), get(i)), i32(RING - 1)), i32(4)))),
          set(c.s8, loadI32(4, get(e))),
          set(w, load(8, get(e))),
          switchCode(loadI32(0, get(e)), cases)))
      : [];
  }
  funcs.push(fd);
  // ---------------------------------------------------------- recv and defer: one delivery each
  /**
   * The body of a function (r, slot, w, t) -> i32 delivering a NetCon event of weight w at time t
   * to receiver r's instance `slot`: nocmodl's tsav check (1, nothing done, when the instance's
   * last event is later: JavaScript then reports it), then `deliver` (which sets tsav), 0.
   * 1 for a receiver whose tsav column is not in the arena.
   */
  const byReceiver = (c: Ctx, deliver: (mp: MechPlan, tsav: number) => W.Code): W.Code => {
    const cases = plan.receivers.map((mp) => {
      const col = mp.mr.points!.tsav;
      if (col.buffer !== arena.memory!.buffer) return W.ret(i32(1));
      return seq(W.ifThen(W.fgt(load(col.byteOffset, get(c.s8)), get(3)), W.ret(i32(1))), deliver(mp, col.byteOffset));
    });
    return cases.length > 0 ? seq(set(c.s8, ishl(get(1), i32(3))), switchCode(get(0), cases), i32(0)) : i32(1);
  };
  // recv: from the queue (runtime/idtree.ts), NET_RECEIVE here
  const frc = new W.Func("recv", [I, I, F, F], [I]);
  {
    const c = new Ctx(frc, plan);
    frc.body = byReceiver(c, (mp, tsav) => seq(store(tsav, get(c.s8), get(3)), mp.kernels!.receive!(c.emitter(mp), 2)));
  }
  funcs.push(frc);
  // defer: `recv` for a multi-threaded run, the event appended (receiver, slot × 8, weight) to the
  // delivery ring of the part that owns the instance, for that part's next unit (`apply`). Also 1
  // with nothing done when the instance is on no part or the ring may be full (ringPosOff's
  // consumed position is old): the parallel engine's JavaScript then delivers it (it waits for
  // room, helping with the units).
  const fdf = new W.Func("defer", [I, I, F, F], [I]);
  {
    const c = new Ctx(fdf, plan);
    const p = fdf.local(I), pos = fdf.local(I), e = fdf.local(I);
    const np = plan.parts.length, WPOS = plan.ringPosOff, FREE = plan.ringPosOff + 4 * np;
    fdf.body = np === 1 ? i32(1) : byReceiver(c, (mp, tsav) => seq(
      set(p, loadI32(mp.partOfSlotOff, ishl(get(1), i32(2)))),
      W.ifThen(W.iltS(get(p), i32(0)), W.ret(i32(1))),
      set(pos, loadI32(WPOS, ishl(get(p), i32(2)))),
      W.ifThen(W.igeS(isub(get(pos), loadI32(FREE, ishl(get(p), i32(2)))), i32(RING)), W.ret(i32(1))),
      store(tsav, get(c.s8), get(3)),
      set(e, iadd(loadI32(4 * D_RING, iadd(i32(plan.descOff), W.imul(get(p), i32(DW)))), ishl(W.iand(get(pos), i32(RING - 1)), i32(4)))),
      W.storeI32(0, get(e), get(0)),
      W.storeI32(4, get(e), get(c.s8)),
      store(8, get(e), get(2)),
      W.storeI32(WPOS, ishl(get(p), i32(2)), iadd(get(pos), i32(1)))));
  }
  funcs.push(fdf);
  const fp = new W.Func("prepare", [I, F], []);
  {
    const c = new Ctx(fp, plan);
    const dp = descOf(fp);
    fp.body = seq(fp.body, set(c.dt, get(1)),
      ...plan.mechs.filter((mp) => mp.kernels!.prepare).map((mp) => instanceLoop(c, dp, mp, (e) => mp.kernels!.prepare!(e))));
  }
  funcs.push(fp);

  // ---------------------------------------------------------- the exp step and advance
  const fe = new W.Func("expRun", [I], [I]);
  {
    const dp = descOf(fe);
    fe.body = seq(fe.body,
      W.ifI32(W.ieqz(field(dp, D_NEXP)), i32(0),
        W.ifI32(W.ine(loadI32(0, field(dp, D_EXFLAG)), i32(0)), i32(-2),
          libmExp ? W.call(idx(libmExp), field(dp, D_EX), field(dp, D_NEXP)) : i32(-3))));
  }
  funcs.push(fe);
  const fv = new W.Func("advance", [I, F, F, I, F, F], [I]);
  {
    const st = fv.local(I);
    fv.body = seq(
      W.call(idx(fa), get(0), get(1), get(2), get(4)),
      W.call(idx(fu1), get(0), get(2), get(3), get(4), get(5)),
      set(st, W.call(idx(fe), get(0))),
      W.ifThen(W.ieqz(get(st)), W.call(idx(ff), get(0), get(4), get(5))),
      get(st),
    );
  }
  funcs.push(fv);
  // ---------------------------------------------------------- advanceN(p, t, cfac, second, dt, n)
  // n steps with nothing for JavaScript between them (the simulator's batch: no events due, no
  // records, plays or detectors). t advances in two half steps, t + 0.5 dt, as the simulator's
  // loop does (the same two roundings). Returns the steps done; fewer than n when a step's exp
  // needs JavaScript: its advance status is then at the part's exFlag + 4 and that step is done
  // up to its exp (JavaScript finishes it as after `advance`).
  const fn = new W.Func("advanceN", [I, F, F, I, F, I], [I]);
  {
    const dp = descOf(fn);
    const k = fn.local(I), st = fn.local(I), tm = fn.local(F), half = fn.local(F);
    fn.body = seq(fn.body,
      set(half, mul(f64(0.5), get(4))),
      W.forUp(k, i32(0), get(5), 1,
        set(tm, add(get(1), get(half))),
        set(1, add(get(tm), get(half))),
        set(st, W.call(idx(fv), get(0), get(tm), get(2), get(3), get(4), get(1))),
        W.ifThen(W.ine(get(st), i32(0)), W.storeI32(4, field(dp, D_EXFLAG), get(st)), W.ret(get(k)))),
      get(k));
  }
  funcs.push(fn);

  W.tierUpEagerly();
  const module = new W.WA!.Module(W.moduleBytes(imports, funcs, arena.pages, arena.shared, arena.pages));
  const inst = new W.WA!.Instance(module, { env: { mem: arena.memory! }, m: { exp: hocExp } });
  const ex = inst.exports as Record<string, (...a: number[]) => number>;
  const parts: FusedPart[] = plan.parts.map((part) => partRuntime(ex, part, arena, TT.n));
  // the serial detector list: every detector, in order (a parallel run sets its own)
  if (plan.parts.length === 1 && TT.inArena) {
    parts[0]!.thrCount[0] = TT.n;
    for (let k = 0; k < TT.n; k++) parts[0]!.thrIdx[k] = k;
  }
  const kernels = plan.mechs.map((mp) => mp.kernels!);
  const readies = kernels.filter((k) => k.ready).map((k) => k.ready!.bind(k));
  const afters = kernels.filter((k) => k.afterState).map((k) => k.afterState!.bind(k));
  const everySteps = kernels.filter((k) => k.afterEveryStep).map((k) => k.afterEveryStep!.bind(k));
  return {
    plan,
    parts,
    module,
    calls: {
      advance: ex.advance! as PartCalls["advance"],
      advanceN: ex.advanceN! as PartCalls["advanceN"],
      thresholds: ex.thresholds! as PartCalls["thresholds"],
      apply: ex.apply! as PartCalls["apply"],
    },
    receiverIndex: new Map(plan.receivers.map((mp, i) => [mp.mr, i])),
    recv: ex.recv! as FusedStep["recv"],
    defer: ex.defer! as FusedStep["defer"],
    ringPos: plan.parts.length > 1 ? arena.i32(plan.ringPosOff, 2 * plan.parts.length) : new Int32Array(0),
    thresholdCount: TT.inArena ? TT.n : -1,
    oneThread: kernels.find((k) => k.oneThread)?.oneThread ?? null,
    ready() {
      for (let i = 0; i < readies.length; i++) if (!readies[i]!()) return false;
      return true;
    },
    afterState() {
      for (let i = 0; i < afters.length; i++) afters[i]!();
    },
    afterEveryStep() {
      for (let i = 0; i < everySteps.length; i++) if (everySteps[i]!()) return true;
      return false;
    },
    geometry() {
      const m = plan.model, a = m.nodes.get("a"), b = m.nodes.get("b"), pcol = arena.f64(plan.pOff, m.nnode);
      for (const sp of plan.sections) if (sp.plainEnd) pcol[sp.end] = a[sp.end]! / (0 - b[sp.end]!);
    },
  };
}



/** A part's exported functions (bound to its index) and table views, from an instance's exports. */
function partRuntime(ex: Record<string, (...a: number[]) => number>, part: PartPlan, arena: Arena, nthr: number): FusedPart {
  const p = part.index;
  const expRun = ex.expRun!, asm = ex.assemble!, upd = ex.update!, updS = ex.updateState!;
  const sb = ex.stateBefore!, sa = ex.stateAfter!, prep = ex.prepare!;
  return {
    expRun: () => expRun(p),
    assemble: (t, cfac, dt) => void asm(p, t, cfac, dt),
    update(cfac, second, dt, t, state) {
      (state ? updS : upd)(p, cfac, second, dt, t);
    },
    stateBefore: (dt, t) => void sb(p, dt, t),
    stateAfter: (dt, t) => void sa(p, dt, t),
    prepare: (dt) => void prep(p, dt),
    expArgs: arena.f64(part.exOff, part.nexp),
    expArgsOffset: part.exOff,
    batchStatus: arena.i32(part.exFlagOff + 4, 1),
    thrCount: arena.i32(part.thrCountOff, 1),
    thrIdx: arena.i32(part.thrIdxOff, Math.max(nthr, 1)),
    thrOut: arena.i32(part.thrOutOff, Math.max(nthr, 1)),
    ringI32: part.ringOff ? arena.i32(part.ringOff, 4 * RING) : new Int32Array(0),
    ringF64: part.ringOff ? arena.f64(part.ringOff, 2 * RING) : new Float64Array(0),
  };
}
