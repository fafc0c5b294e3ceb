// The `h` object: NEURON's top-level namespace (sections, mechanisms, point processes, vectors,
// run control). `createH()` makes an independent instance; the package exports one of them.
import type { MechanismSpec } from "../runtime/mechanism.ts";
import { nernst } from "../runtime/mechanisms/ions.ts";
import type { Section as RtSection } from "../runtime/section.ts";
import type { H } from "./api.ts";
import { badInput, checkFinite, checkPositive, checkX, Context, describe } from "./context.ts";
import {
  RT, SegmentHandle, handleOf, installDensityMechanism, isSection, isSegment, segArg, type SectionHandle,
} from "./handles.ts";
import { createPoint } from "./pointprocess.ts";
import { mechName, checkDensityMechanism } from "./section.ts";
import { newNetCon } from "./netcon.ts";
import { newVector } from "./vector.ts";
import { SaveStateImpl } from "./savestate.ts";
import { ParallelContextImpl } from "./parallel.ts";
import { topologyText } from "./topology.ts";
import { installMorphology, loadFile } from "./morphology/install.ts";
import { installPlots } from "./plot/install.ts";

/** `h.hh`: a density mechanism type with insert(). */
class MechanismTypeImpl {
  constructor(private readonly ctx: Context, readonly name: string) {}
  insert(secs: unknown): this {
    const list: SectionHandle[] = isSection(secs) ? [secs] : sectionList(`h.${this.name}.insert`, secs);
    for (const s of list) {
      if (!s[RT].alive) throw new Error(`h.${this.name}.insert: section ${s[RT].name} has been deleted`);
    }
    for (const s of list) this.ctx.model.insert(s[RT], this.name);
    return this;
  }
  toString(): string {
    return this.name;
  }
}

function sectionList(what: string, secs: unknown): SectionHandle[] {
  if (secs && typeof (secs as Iterable<unknown>)[Symbol.iterator] === "function") {
    const list = Array.from(secs as Iterable<unknown>);
    for (const s of list) if (!isSection(s)) throw badInput(`${what} element`, "a Section", s);
    return list as SectionHandle[];
  }
  throw badInput(what, "a Section or an iterable of Sections", secs);
}

/** Distance from the start of `sec`'s attached end to node (sec, j) (node_dist). */
function nodeDist(sec: RtSection, j: number): number {
  if (j < 0) return 0;
  const ratio = j === sec.nseg ? 1 : (j + 0.5) / sec.nseg;
  return sec.length * ratio;
}

/** topol_distance: path length between two node positions; 1e20 if not connected. */
function topolDistance(s1: RtSection | null, j1: number, s2: RtSection | null, j2: number, ctx: Context): number {
  const m = ctx.model;
  m.compile();
  let n1 = s1 ? m.nodeOf(s1, j1) : -1, n2 = s2 ? m.nodeOf(s2, j2) : -1;
  let d = 0;
  const jOf = (s: RtSection, node: number) => (node === m.parentNode(s) ? -1 : node - s.base);
  while (s1 !== s2) {
    if (!s1) {
      d += nodeDist(s2!, jOf(s2!, n2));
      n2 = m.parentNode(s2!);
      s2 = s2!.parent;
    } else if (!s2) {
      d += nodeDist(s1, jOf(s1, n1));
      n1 = m.parentNode(s1);
      s1 = s1.parent;
    } else if (s1.order > s2.order) {
      d += nodeDist(s1, jOf(s1, n1));
      n1 = m.parentNode(s1);
      s1 = s1.parent;
    } else {
      d += nodeDist(s2, jOf(s2, n2));
      n2 = m.parentNode(s2);
      s2 = s2.parent;
    }
  }
  if (!s1) {
    if (n1 !== n2) d = 1e20;
  } else if (n1 !== n2) {
    const x1 = nodeDist(s1, jOf(s1, n1));
    const x2 = nodeDist(s2!, jOf(s2!, n2));
    d += x1 < x2 ? x2 - x1 : x1 - x2;
  }
  return d;
}

export function createH(ctx: Context = new Context()): H {
  const model = ctx.model;
  const sim = ctx.sim;
  let nstepSteprun = 1;

  const h: Record<string, unknown> = {};
  const define = (name: string, get: () => unknown, set?: (v: never) => void) =>
    Object.defineProperty(h, name, { get, set, enumerable: true, configurable: true });

  // ---------------------------------------------------------------- sections
  h.Section = (a?: unknown, b?: unknown) => {
    let name: unknown = a, cell: unknown = b;
    if (a !== null && typeof a === "object") {
      const o = a as { name?: unknown; cell?: unknown };
      for (const k of Object.keys(o)) {
        if (k !== "name" && k !== "cell") throw badInput(`h.Section option ${describe(k)}`, "name or cell", k);
      }
      name = o.name;
      cell = o.cell;
    }
    if (name !== undefined && typeof name !== "string") throw badInput("h.Section name", "a string", name);
    if (cell !== undefined && cell !== null && typeof cell !== "object") throw badInput("h.Section cell", "an object", cell);
    const rt = model.createSection((name as string | undefined) ?? `__nrnsec_${model.sections.length}`, cell ?? null);
    return handleOf(ctx, rt);
  };

  h.allsec = () => model.sections.filter((s) => s.alive).map((s) => handleOf(ctx, s));

  h.delete_section = (opts: { sec?: unknown }) => {
    if (!opts || !isSection(opts.sec)) throw badInput("h.delete_section", "{ sec: Section }", opts);
    model.deleteSection(opts.sec[RT]);
  };

  h.topology = () => {
    process.stdout.write(topologyText(ctx));
    return 1;
  };

  h.psection = (opts: { sec?: unknown }) => {
    if (!opts || !isSection(opts.sec)) throw badInput("h.psection", "{ sec: Section }", opts);
    return (opts.sec as unknown as { psection(): unknown }).psection();
  };

  h.distance = (a: unknown, b?: unknown, c?: unknown) => {
    if (a === 0 || a === 1) {
      // distance(0, seg) or distance(0, x, { sec }): set the origin.
      const { sec, x } = isSegment(b) ? { sec: b.sec, x: b.x } : segArg("h.distance origin", (c as { sec?: unknown })?.sec, b);
      const rt = sec[RT];
      ctx.distanceOrigin = { sec: rt, j: rt.nodeIndexExact(x) };
      return 0;
    }
    if (isSegment(a) && isSegment(b)) {
      const r1 = a.sec[RT], r2 = b.sec[RT];
      return topolDistance(r1, r1.nodeIndexExact(a.x), r2, r2.nodeIndexExact(b.x), ctx);
    }
    if (isSegment(a)) {
      const o = ctx.distanceOrigin;
      if (!o || !o.sec.alive) throw new Error("h.distance(seg): no origin; set one with h.distance(0, seg) or use h.distance(seg1, seg2)");
      const r2 = a.sec[RT];
      return topolDistance(o.sec, o.j, r2, r2.nodeIndexExact(a.x), ctx);
    }
    throw badInput("h.distance arguments", "(0, seg), (seg) or (seg1, seg2)", a);
  };

  h.area = (x: unknown, opts: { sec?: unknown }) => {
    const { sec, x: xx } = segArg("h.area", opts?.sec, checkX("h.area x", x));
    return new SegmentHandle(sec, xx).area();
  };
  h.ri = (x: unknown, opts: { sec?: unknown }) => {
    const { sec, x: xx } = segArg("h.ri", opts?.sec, checkX("h.ri x", x));
    return new SegmentHandle(sec, xx).ri();
  };

  // ---------------------------------------------------------------- mechanisms
  function installSpec(spec: MechanismSpec): void {
    if (spec.kind === "density" || spec.kind === "ion") {
      installDensityMechanism(spec);
      if (spec.kind === "density") {
        const mt = new MechanismTypeImpl(ctx, spec.name);
        Object.defineProperty(h, spec.name, { value: mt, enumerable: true });
        spec.globals.forEach((g, k) => {
          define(`${g.name}_${spec.name}`, () => model.mech(spec.name)!.globals[k], (v: number) => {
            model.mech(spec.name)!.globals[k] = checkFinite(`h.${g.name}_${spec.name}`, v);
          });
        });
      }
    } else {
      h[spec.name] = (a?: unknown, opts?: { sec?: unknown }) => createPoint(ctx, spec, a, opts);
    }
    // GLOBALs of every mechanism type are h.<name>_<mech> (h.usetable_hh, h.eps_IntFire4).
    if (spec.kind !== "density" && spec.kind !== "ion") {
      spec.globals.forEach((g, k) => {
        define(`${g.name}_${spec.name}`, () => model.mech(spec.name)!.globals[k], (v: number) => {
          model.mech(spec.name)!.globals[k] = checkFinite(`h.${g.name}_${spec.name}`, v);
        });
      });
    }
  }
  for (const name of model.registry.names()) installSpec(model.mech(name)!.spec);

  h.nernst = (ci: number, co: number, z: number) => nernst(ci, co, z, model.env.celsius);

  // ---------------------------------------------------------------- vectors, netcons
  h.Vector = (init?: unknown, value?: unknown) => newVector(ctx, init, value);
  h.NetCon = (source: unknown, target: unknown, ...rest: unknown[]) => newNetCon(ctx, source, target, ...rest);
  h.SaveState = () => new SaveStateImpl(ctx);
  h.FInitializeHandler = (a: unknown, b?: unknown) => {
    const type = typeof a === "number" ? a : 1;
    const fn = typeof a === "function" ? a : b;
    if (![0, 1, 2, 3].includes(type)) throw badInput("h.FInitializeHandler type", "0, 1, 2 or 3", type);
    if (typeof fn !== "function") throw badInput("h.FInitializeHandler callback", "a function", fn);
    sim.addInitHandler(type as 0 | 1 | 2 | 3, fn as () => void);
    return { type, toString: () => "FInitializeHandler" };
  };

  // ---------------------------------------------------------------- run control
  define("t", () => model.env.t, (v: number) => {
    model.env.t = checkFinite("h.t", v);
  });
  define("dt", () => model.env.dt, (v: number) => {
    model.env.dt = checkPositive("h.dt", v);
  });
  define("celsius", () => model.env.celsius, (v: number) => {
    model.env.celsius = checkFinite("h.celsius", v);
  });
  define("secondorder", () => model.env.secondorder, (v: number) => {
    if (v !== 0 && v !== 1) {
      throw badInput("h.secondorder", v === 2 ? "0 or 1 (secondorder 2, the ion-current correction, is not implemented)" : "0 or 1", v);
    }
    model.env.secondorder = v;
  });
  define("tstop", () => ctx.tstop, (v: number) => {
    ctx.tstop = checkFinite("h.tstop", v);
  });
  define("v_init", () => ctx.v_init, (v: number) => {
    ctx.v_init = checkFinite("h.v_init", v);
  });
  define("steps_per_ms", () => ctx.steps_per_ms, (v: number) => {
    ctx.steps_per_ms = checkPositive("h.steps_per_ms", v);
  });
  define("_ref_t", () => ({ kind: "t" }));

  h.load_file = (name: unknown) => {
    if (typeof name !== "string") throw badInput("h.load_file", "a file name", name);
    if (/^(stdrun|nrngui|stdlib|noload)\.hoc$/.test(name.split("/").pop()!)) return 1;
    if (loadFile(ctx, name)) return 1;
    throw new Error(`h.load_file(${JSON.stringify(name)}): cannot load this file (stdrun.hoc and nrngui.hoc are built in)`);
  };

  h.finitialize = (v?: unknown) => {
    if (v !== undefined) checkFinite("h.finitialize v", v);
    sim.finitialize(v as number | undefined);
    return 1;
  };
  h.fadvance = () => {
    sim.fadvance();
    return 1;
  };
  const continuerun = (tstop: unknown) => {
    checkFinite("h.continuerun tstop", tstop);
    const t = tstop as number;
    if (t < model.env.t) throw badInput("h.continuerun tstop", `≥ the current t (${model.env.t})`, t);
    const ts = t - model.env.dt / 2;
    const progress = ctx.progress ? ctx.progress(model.env.t, t) : null;
    sim.continueTo(ts, nstepSteprun, progress ? (tt) => progress.tick(tt) : null);
    if (progress) progress.end(model.env.t);
  };
  h.continuerun = continuerun;
  h.ParallelContext = () => new ParallelContextImpl(ctx, continuerun);
  const setdt = () => {
    const Dt = 1 / ctx.steps_per_ms;
    nstepSteprun = Math.trunc(Dt / model.env.dt);
    if (nstepSteprun === 0) nstepSteprun = 1;
    const dtnew = Dt / nstepSteprun;
    if (Math.abs(model.env.dt * nstepSteprun * ctx.steps_per_ms - 1) > 1e-6) {
      process.stdout.write("Changed dt\n");
      model.env.dt = dtnew;
    }
  };
  h.init = () => {
    sim.finitialize(ctx.v_init);
  };
  h.stdinit = () => {
    setdt();
    sim.finitialize(ctx.v_init);
  };
  h.run = (tstop?: unknown) => {
    if (tstop !== undefined) ctx.tstop = checkFinite("h.run tstop", tstop);
    (h.stdinit as () => void)();
    continuerun(ctx.tstop);
  };

  ctx.hObject = h;
  installMorphology(h, ctx);
  installPlots(h, ctx);
  return h as unknown as H;
}
