// Public types of the morphology loaders: SectionList, Import3d, loadSWC, define_shape and the
// accessed section. Merged into H (stdlib/api.ts). Sections and lists that HOC code or a loader
// made are on h by their HOC names (h.soma, h.apic[10], h.apical): H's index signature.
import type { Section } from "../api.ts";

/** NEURON's SectionList: an ordered list of sections (a section may appear more than once). */
export interface SectionList extends Iterable<Section> {
  /** Number of (live) sections in the list. */
  readonly length: number;
  append(sec: Section | { sec: Section }): number;
  /** Removes the first occurrence of a section (1, or 0 if absent), or every section of a list. */
  remove(what: Section | { sec: Section } | SectionList): number;
  /** Appends the section's children (NEURON's sibling order). */
  children(sec: Section | { sec: Section }): number;
  /** Appends the section and everything below it, breadth first. */
  subtree(sec: Section | { sec: Section }): number;
  /** Appends the whole tree the section is in, breadth first from its root. */
  wholetree(sec: Section | { sec: Section }): number;
  /** Appends every root section (creation order). */
  allroots(): number;
  /** Removes repeated sections; returns how many were removed. */
  unique(): number;
  contains(sec: Section | { sec: Section }): boolean;
  printnames(): number;
  hname(): string;
}

/** h.Import3d_SWC_read(): reads and checks an SWC file (nothing is built until instantiate). */
export interface Import3dSwcRead {
  /** 1: no warning for files with more than one tree. */
  quiet: number;
  readonly filetype: string;
  input(file: string): number;
  readonly npoints: number;
  readonly header: string[];
}

/** h.Import3d_GUI(reader, false): builds the cell the reader describes. */
export interface Import3dGui {
  /**
   * `null`: top-level sections soma[0], axon[i], dend[i], apic[i] (HOC names on h; access to the
   * first). An object: sections named "<cell>.dend[3]" in cell.soma, cell.dend, ..., and cell.all.
   */
  instantiate(cell: object | null): number;
}

export interface LoadSwcOptions {
  /** Build inside this object (as instantiate(cell)) instead of at top level. */
  cell?: object | null;
  /** No warning for files with several trees. */
  quiet?: boolean;
}

export interface MorphologyH {
  SectionList(init?: Iterable<Section>): SectionList;
  Import3d_SWC_read(): Import3dSwcRead;
  Import3d_GUI(reader: Import3dSwcRead, gui: false | 0): Import3dGui;
  /** Import3d in one call: read, check and instantiate; returns the sections made (allsec order). */
  loadSWC(file: string, opts?: LoadSwcOptions): Section[];
  /** Gives 3-D points to every section that has none, and moves children onto their parents. */
  define_shape(): number;
  /** pt3dstyle: 1 if the section has a logical connection point; set it with (1, x, y, z, { sec }). */
  pt3dstyle(opts: { sec: Section }): number;
  pt3dstyle(style: 0, opts: { sec: Section }): number;
  pt3dstyle(style: 1, x: number, y: number, z: number, opts: { sec: Section }): number;
  /** The currently accessed section (HOC's `access`; the first section if none was accessed). */
  cas(): Section;
  /** The name of the accessed section, or of { sec }. */
  secname(opts?: { sec: Section }): string;
}
