// HOC's built-in functions that morphology files use. Section functions (pt3dadd, n3d, area,
// ...) act on the current section and go through the facade's section handles; run-control
// functions (finitialize, continuerun, topology, ...) fall through to `h` in the interpreter.
import path from "node:path";
import { exp, log, pow } from "../../../runtime/math.ts";
import { clearLogicalConnection, logicalConnection, setLogicalConnection } from "../../../runtime/shape.ts";
import type { Expr } from "./ast.ts";
import type { Interp } from "./interp.ts";
import { cFormat } from "./printf.ts";
import { compileSectionPattern } from "./regexp.ts";
import { HOC_CALL, type HocValue } from "./values.ts";

export type Builtin = (it: Interp, args: Expr[], pos: number) => HocValue;

function nums(it: Interp, args: Expr[], name: string, min: number, max = min): number[] {
  if (args.length < min || args.length > max) {
    throw new Error(`${name}() takes ${min === max ? min : `${min} to ${max}`} argument(s), got ${args.length}`);
  }
  return args.map((a) => it.num(a, name));
}

function math1(name: string, f: (x: number) => number): Builtin {
  return (it, args) => {
    const [x] = nums(it, args, name, 1);
    const r = f(x!);
    if (Number.isNaN(r)) throw new Error(`${name}(${x}): argument out of domain`);
    return r;
  };
}

/** A method of the current section's handle, with numeric arguments. */
function secMethod(name: string, min: number, max = min): Builtin {
  return (it, args) => {
    const a = nums(it, args, name, min, max);
    const h = it.handle(it.currentSection()) as unknown as Record<string, (...x: number[]) => unknown>;
    const r = h[name]!(...a);
    return typeof r === "number" ? r : 1;
  };
}

function strArg(it: Interp, e: Expr, name: string): string {
  const v = it.eval(e);
  if (typeof v !== "string") throw new Error(`${name}() needs a string argument`);
  return v;
}

export const BUILTINS = new Map<string, Builtin>([
  ["fscan", (it, args) => {
    if (args.length) throw new Error("fscan() reading from a file opened with ropen() is outside the supported HOC subset");
    return it.fscan();
  }],
  ["abs", math1("abs", Math.abs)],
  ["sqrt", math1("sqrt", Math.sqrt)],
  ["exp", math1("exp", exp)],
  ["log", math1("log", log)],
  ["log10", math1("log10", Math.log10)],
  ["sin", math1("sin", Math.sin)],
  ["cos", math1("cos", Math.cos)],
  ["tan", math1("tan", Math.tan)],
  ["atan", math1("atan", Math.atan)],
  ["int", math1("int", Math.trunc)],
  ["floor", math1("floor", Math.floor)],
  ["atan2", (it, args) => {
    const [y, x] = nums(it, args, "atan2", 2);
    return Math.atan2(y!, x!);
  }],
  ["pow", (it, args) => {
    const [x, y] = nums(it, args, "pow", 2);
    return pow(x!, y!);
  }],
  ["printf", (it, args) => {
    if (!args.length) throw new Error("printf() needs a format");
    const text = cFormat(strArg(it, args[0]!, "printf"), it.evalArgs(args.slice(1)), "printf");
    it.write(text);
    return text.length;
  }],
  ["sprint", (it, args, pos) => {
    if (args.length < 2) throw new Error("sprint(strdef, format, ...) needs a strdef and a format");
    const text = cFormat(strArg(it, args[1]!, "sprint"), it.evalArgs(args.slice(2)), "sprint");
    const target = args[0]!;
    if (target.k !== "name" && target.k !== "arg" && target.k !== "member") throw new Error("sprint(): the first argument must be a strdef");
    it.assign(target, text, "=", pos);
    return 1;
  }],
  ["strcmp", (it, args) => {
    if (args.length !== 2) throw new Error("strcmp() takes 2 strings");
    const a = strArg(it, args[0]!, "strcmp"), b = strArg(it, args[1]!, "strcmp");
    return a < b ? -1 : a > b ? 1 : 0;
  }],
  ["load_file", (it, args) => {
    // load_file(name), load_file(name, "Template"), load_file(1, name): force reload.
    if (args.length === 0 || args.length > 2) throw new Error("load_file() takes a file name (and a template name)");
    const a = it.eval(args[0]!);
    if (typeof a === "number") {
      if (args.length !== 2) throw new Error("load_file(force, name) needs the name");
      return it.loadFile(strArg(it, args[1]!, "load_file"), a !== 0);
    }
    if (typeof a !== "string") throw new Error("load_file() needs a file name");
    if (args.length === 2) strArg(it, args[1]!, "load_file");
    return it.loadFile(a);
  }],
  ["xopen", (it, args) => {
    if (args.length !== 1) throw new Error("xopen() takes a file name");
    return it.loadFile(strArg(it, args[0]!, "xopen"), true);
  }],
  ["execute", (it, args) => {
    if (args.length !== 1) throw new Error("execute(\"statement\") with an object context is outside the supported HOC subset");
    it.execute(strArg(it, args[0]!, "execute"));
    return 1;
  }],
  ["getcwd", (it) => it.currentDir() + path.sep],
  ["numarg", (it) => {
    const f = it.frames[it.frames.length - 1];
    if (!f) throw new Error("numarg() is only meaningful inside a proc or func");
    return f.args.length;
  }],
  ["object_push", (it, args) => {
    if (args.length !== 1) throw new Error("object_push() takes one object");
    it.objStack.push(it.object(args[0]!));
    return 0;
  }],
  ["object_pop", (it) => {
    if (!it.objStack.length) throw new Error("object_pop() without a matching object_push()");
    it.objStack.pop();
    return 0;
  }],
  ["object_id", (it, args) => {
    const v = it.eval(args[0]!);
    return v === null || typeof v !== "object" ? 0 : 1;
  }],
  ["secname", (it) => it.ctx.sectionName(it.currentSection())],
  ["ismembrane", (it, args) => {
    const name = strArg(it, args[0]!, "ismembrane");
    const h = it.handle(it.currentSection()) as unknown as { has_membrane(n: string): boolean };
    return h.has_membrane(name) ? 1 : 0;
  }],
  ["issection", (it, args) => {
    const test = compileSectionPattern(strArg(it, args[0]!, "issection"));
    return test(it.ctx.sectionName(it.currentSection())) ? 1 : 0;
  }],
  ["pt3dclear", secMethod("pt3dclear", 0, 1)],
  ["pt3dadd", secMethod("pt3dadd", 4)],
  ["pt3dinsert", secMethod("pt3dinsert", 5)],
  ["pt3dremove", secMethod("pt3dremove", 1)],
  ["pt3dchange", secMethod("pt3dchange", 2, 5)],
  ["n3d", secMethod("n3d", 0)],
  ["x3d", secMethod("x3d", 1)],
  ["y3d", secMethod("y3d", 1)],
  ["z3d", secMethod("z3d", 1)],
  ["diam3d", secMethod("diam3d", 1)],
  ["arc3d", secMethod("arc3d", 1)],
  ["disconnect", secMethod("disconnect", 0)],
  ["pt3dstyle", (it, args) => {
    // pt3dstyle() -> 0/1; pt3dstyle(0); pt3dstyle(1, x, y, z): logical connection point.
    const sec = it.currentSection();
    if (args.length > 0) {
      const a = nums(it, args, "pt3dstyle", 1, 4);
      if (a[0] === 1) {
        if (a.length !== 4) throw new Error("pt3dstyle(1, x, y, z) needs the point");
        setLogicalConnection(sec, a[1]!, a[2]!, a[3]!);
      } else if (a[0] === 0) clearLogicalConnection(sec);
      else throw new Error("pt3dstyle(style): style must be 0 or 1");
      it.ctx.model.geometryChanged = true;
    }
    return logicalConnection(sec) ? 1 : 0;
  }],
  ["define_shape", (it) => {
    (it.ctx.hObject as { define_shape(): unknown }).define_shape();
    return 1;
  }],
  ["delete_section", (it) => {
    (it.ctx.hObject as { delete_section(o: object): unknown }).delete_section({ sec: it.handle(it.currentSection()) });
    return 0;
  }],
  ["area", (it, args) => {
    const [x] = nums(it, args, "area", 1);
    return (it.handle(it.currentSection())(x!) as unknown as { area(): number }).area();
  }],
  ["ri", (it, args) => {
    const [x] = nums(it, args, "ri", 1);
    return (it.handle(it.currentSection())(x!) as unknown as { ri(): number }).ri();
  }],
  ["distance", (it, args) => {
    const h = it.ctx.hObject as { distance(...a: unknown[]): number };
    const a = nums(it, args, "distance", 1, 2);
    const sec = it.handle(it.currentSection());
    if (a.length === 2) return h.distance(0, sec(a[1]!));
    return h.distance(sec(a[0]!));
  }],
  ["hoc_ac_", () => 0],
]);

export { HOC_CALL };
