// h.Import3d_SWC_read() and h.Import3d_GUI(reader, false), as in NEURON's Python use:
//
//   const r = h.Import3d_SWC_read();
//   r.input("cell.swc");
//   h.Import3d_GUI(r, false).instantiate(null);   // or .instantiate(cellObject)
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Context } from "../../context.ts";
import { badInput } from "../../context.ts";
import type { SectionHandle } from "../../handles.ts";
import type { Interp } from "../hoc/interp.ts";
import { parseSwc, type SwcPoints } from "./read.ts";
import { buildSections, type I3dResult } from "./sections.ts";
import { instantiate } from "./instantiate.ts";

export class Import3dSwcRead {
  /** 1: no warning for files with several trees. */
  quiet = 0;
  readonly filetype = "SWC";
  private points: SwcPoints | null = null;
  private result: I3dResult | null = null;

  constructor(private readonly interp: () => Interp) {}

  /** Reads and checks the file; nothing is built until instantiate. Relative to the working directory. */
  input(file: unknown): number {
    if (typeof file !== "string") throw badInput("Import3d_SWC_read.input(file)", "a file name", file);
    const abs = path.resolve(process.cwd(), file);
    let text: string;
    try {
      text = readFileSync(abs, "latin1");
    } catch {
      throw new Error(`Import3d_SWC_read.input(${JSON.stringify(file)}): cannot read ${abs}`);
    }
    this.points = parseSwc(file, text);
    this.result = buildSections(this.points, this.quiet !== 0, (s) => process.stdout.write(s));
    return 0;
  }

  /** Number of points read. */
  get npoints(): number {
    return this.points ? this.points.id.length : 0;
  }

  /** The header (# comment) lines. */
  get header(): string[] {
    return this.points ? [...this.points.header] : [];
  }

  /** @internal */
  sectionsFor(what: string): I3dResult {
    if (!this.result) throw new Error(`${what}: call input(file) on the Import3d_SWC_read first`);
    return this.result;
  }

  /** @internal */
  get interpreter(): Interp {
    return this.interp();
  }

  toString(): string {
    return "Import3d_SWC_read[0]";
  }
}

export class Import3dGui {
  constructor(readonly swc: Import3dSwcRead) {}

  /**
   * Builds the cell: at top level with `null` (soma[0], dend[i], ... as HOC names on h), or
   * inside `cell` (cell.soma, cell.dend, cell.all arrays; section names "<cell>.dend[3]").
   */
  instantiate(cell: object | null): number {
    this.build(cell);
    return 0;
  }

  /** @internal instantiate, returning the sections made (allsec order). */
  build(cell: object | null): SectionHandle[] {
    if (cell !== null && (typeof cell !== "object" || Array.isArray(cell))) {
      throw badInput("Import3d_GUI.instantiate(cell)", "null or an object", cell);
    }
    const r = this.swc.sectionsFor("Import3d_GUI.instantiate");
    for (const n of r.notices) process.stdout.write(n);
    return instantiate(this.swc.interpreter, r, cell);
  }

  toString(): string {
    return "Import3d_GUI[0]";
  }
}

export function newImport3dGui(_ctx: Context, swc: unknown, gui: unknown): Import3dGui {
  if (!(swc instanceof Import3dSwcRead)) throw badInput("h.Import3d_GUI(reader, false): reader", "an h.Import3d_SWC_read()", swc);
  if (gui !== false && gui !== 0) throw badInput("h.Import3d_GUI(reader, gui): gui", "false (neuron-ts has no GUI)", gui);
  return new Import3dGui(swc);
}
