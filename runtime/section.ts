// The engine's record of a section: plain data, no behaviour beyond index arithmetic.
// Node layout: a section owns nseg + 1 consecutive nodes, pnode[j] = base + j, where
// pnode[0..nseg-1] are segment centres and pnode[nseg] is the zero-area node at the far end.
// The end attached to the parent is not owned: it is the "parent node" (Model.parentNode).
import type { Pt3dList } from "./pt3d.ts";

export class Section {
  name: string;
  /** The cell object a section was created with (its String() prefixes the name), or null. */
  cell: unknown;
  alive = true;
  nseg = 1;
  /** NEURON's dparam[2]: L in µm; 3-D point changes set it to the last arc length. */
  Lstored = 100;
  Ra = 35.4;
  rallbranch = 1;
  /** Node index of pnode[0]; valid at any time (the model updates it when nodes move). */
  base = -1;
  /** This section's own root node while it has no parent, else -1. */
  root = -1;
  parent: Section | null = null;
  /** Position on the parent where this section attaches (NEURON's dparam[1]). */
  parentX = 1;
  /** Which end of this section attaches to the parent, 0 or 1 (NEURON's dparam[3]). */
  orientation = 0;
  /** NEURON's sibling list: children in increasing distance from this section's 0 end. */
  readonly children: Section[] = [];
  /** Inserted density mechanisms, by name, in insertion order. */
  readonly mechs: string[] = [];
  /** Ions present on this section's nodes (needed by a mechanism or inserted). */
  readonly ions: string[] = [];
  pt3d: Pt3dList | null = null;
  /** Position in the breadth-first section order (valid after compile). */
  order = -1;
  /** Creation stamp: section_list order is creation order. */
  readonly serial: number;
  /** Facade object for this section (the callable handle), owned by stdlib. */
  handle: unknown = null;

  constructor(serial: number, name: string, cell: unknown) {
    this.serial = serial;
    this.name = name;
    this.cell = cell;
  }

  /** node_index(sec, x): the pnode index of the segment containing x (0 ≤ x ≤ 1). */
  nodeIndex(x: number): number {
    const n = this.nseg;
    let i = Math.trunc(n * x);
    if (i === n) i = n - 1;
    if (this.orientation) i = n - i - 1;
    return i;
  }

  /** node_index_exact: -1 for the attached end, nseg for the far end, else nodeIndex. */
  nodeIndexExact(x: number): number {
    if (x === 0) return this.orientation ? this.nseg : -1;
    if (x === 1) return this.orientation ? -1 : this.nseg;
    return this.nodeIndex(x);
  }

  get hasPt3d(): boolean {
    return this.pt3d !== null && this.pt3d.n > 0;
  }

  /** section_length: L, floored at 1e-9 (NEURON stores the floor back). */
  get length(): number {
    if (this.Lstored <= 1e-9) this.Lstored = 1e-9;
    return this.Lstored;
  }
}
