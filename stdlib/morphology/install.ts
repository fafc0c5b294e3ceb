// Installs the morphology loaders on h: h.load_file for .hoc/.ses files (the HOC interpreter),
// h.SectionList, h.Import3d_SWC_read / h.Import3d_GUI / h.loadSWC, h.define_shape,
// h.pt3dstyle and h.secname/h.cas for the accessed section.
import { defineShape } from "../../runtime/shape.ts";
import { clearLogicalConnection, logicalConnection, setLogicalConnection } from "../../runtime/shape.ts";
import { badInput, checkFinite, type Context } from "../context.ts";
import { RT, isSection, type SectionHandle } from "../handles.ts";
import { registerCellBuild } from "./cellbuild.ts";
import { Interp } from "./hoc/interp.ts";
import { SectionListImpl } from "./sectionlist.ts";
import { Import3dSwcRead, newImport3dGui } from "./swc/import3d.ts";

const interps = new WeakMap<Context, Interp>();

/** The HOC interpreter of a context (one per h), created on first use. */
export function interpOf(ctx: Context): Interp {
  let it = interps.get(ctx);
  if (!it) {
    it = new Interp(ctx);
    const hook = () => registerCellBuild(it!);
    it.libraryHooks.set("celbild.hoc", hook);
    interps.set(ctx, it);
  }
  return it;
}

function secOpt(what: string, opts: unknown): SectionHandle {
  const s = opts && typeof opts === "object" && "sec" in (opts as object) ? (opts as { sec: unknown }).sec : opts;
  if (!isSection(s)) throw badInput(what, "{ sec: Section }", opts);
  return s;
}

export function installMorphology(h: Record<string, unknown>, ctx: Context): void {
  h.SectionList = (init?: unknown) => new SectionListImpl(ctx, init);

  h.define_shape = () => {
    const r = defineShape(ctx.model);
    for (const p of r.degenerateParents) {
      process.stdout.write(`nrn_define_shape: ${ctx.sectionName(p)} first and last 3-d point at same (x,y)\n`);
    }
    return 1;
  };

  h.pt3dstyle = (...args: unknown[]) => {
    // h.pt3dstyle({ sec }), h.pt3dstyle(0, { sec }), h.pt3dstyle(1, x, y, z, { sec })
    const sec = secOpt("h.pt3dstyle", args.pop());
    const rt = sec[RT];
    if (args.length === 1 && args[0] === 0) clearLogicalConnection(rt);
    else if (args.length === 4 && args[0] === 1) {
      setLogicalConnection(rt, checkFinite("h.pt3dstyle x", args[1]), checkFinite("h.pt3dstyle y", args[2]), checkFinite("h.pt3dstyle z", args[3]));
    } else if (args.length !== 0) throw badInput("h.pt3dstyle arguments", "(), (0) or (1, x, y, z), then { sec }", args);
    ctx.model.geometryChanged = true;
    return logicalConnection(rt) ? 1 : 0;
  };

  h.Import3d_SWC_read = () => new Import3dSwcRead(() => interpOf(ctx));
  h.Import3d_GUI = (swc: unknown, gui: unknown) => newImport3dGui(ctx, swc, gui);
  h.loadSWC = (file: unknown, opts?: { cell?: object | null; quiet?: boolean }) => {
    const r = new Import3dSwcRead(() => interpOf(ctx));
    if (opts?.quiet) r.quiet = 1;
    r.input(file);
    return newImport3dGui(ctx, r, false).build(opts?.cell ?? null);
  };

  // The accessed section (HOC's default section): set by `access` and by the loaders. Defined
  // here unless the facade has its own.
  if (!("cas" in h)) h.cas = () => interpOf(ctx).handle(interpOf(ctx).currentSection());
  if (!("secname" in h)) {
    h.secname = (opts?: { sec?: unknown }) => {
      if (opts && "sec" in opts) return ctx.sectionName(secOpt("h.secname", opts)[RT]);
      return ctx.sectionName(interpOf(ctx).currentSection());
    };
  }
}

/** h.load_file for anything but the built-in HOC libraries: returns true if it handled `path`. */
export function loadFile(ctx: Context, path: string): boolean {
  interpOf(ctx).loadFile(path);
  return true;
}
