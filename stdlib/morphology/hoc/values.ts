// HOC values and symbols, and the protocol native objects (SectionList, List, the Cell Builder
// classes, GUI stubs) use to receive calls from HOC code.
import type { Section as RtSection } from "../../../runtime/section.ts";
import type { Context } from "../../context.ts";
import { formatG } from "../../format.ts";
import type { ProcKind, Stmt } from "./ast.ts";
import type { Source } from "./source.ts";

/** HOC's float_epsilon: comparisons, loop bounds and indices tolerate this much. */
export const EPS = 1e-11;

/** A HOC value: a number, a string (strdef) or an object reference (null is NULLobject). */
export type HocValue = number | string | object | null;

export interface ProcDef {
  readonly kind: ProcKind;
  readonly name: string;
  readonly body: Stmt;
  readonly src: Source;
}

export type Sym =
  | { kind: "num"; value: number }
  | { kind: "numarray"; data: Float64Array }
  | { kind: "str"; value: string }
  | { kind: "obj"; value: object | null }
  | { kind: "objarray"; data: Array<object | null> }
  | { kind: "sec"; sec: RtSection }
  | { kind: "secarray"; secs: RtSection[] }
  | { kind: "proc"; def: ProcDef };

/** What a native object's HOC methods may use: the current section, fscan, the context. */
export interface HocEnv {
  readonly ctx: Context;
  currentSection(): RtSection;
  fscan(): number;
  write(text: string): void;
  /** Runs HOC text (NEURON's execute()) at top level. */
  execute(text: string): void;
}

/** A native object implements this to take HOC method calls (args already evaluated). */
export const HOC_CALL = Symbol("neuron-ts.hocCall");
/** Returned by a HOC_CALL implementation that does not know the method. */
export const NOT_HANDLED = Symbol("neuron-ts.notHandled");

export interface HocCallable {
  [HOC_CALL](name: string, args: HocValue[], env: HocEnv): HocValue | typeof NOT_HANDLED;
}

export function hasHocCall(o: unknown): o is HocCallable {
  return o !== null && (typeof o === "object" || typeof o === "function") && HOC_CALL in (o as object);
}

/** HOC's printed name of an object (`SectionList[0]`), else its String(). */
export function objectName(o: object | null): string {
  if (o === null) return "NULLobject";
  const hn = (o as { hname?: unknown }).hname;
  if (typeof hn === "function") return String(hn.call(o));
  return String(o);
}

/** A JS value as HOC sees it. */
export function fromJs(v: unknown): HocValue {
  if (typeof v === "number" || typeof v === "string") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v === undefined) return 0;
  if (v === null) return null;
  if (typeof v === "object" || typeof v === "function") return v as object;
  return Number(v);
}

export function symKind(s: Sym): string {
  switch (s.kind) {
    case "num":
      return "number";
    case "numarray":
      return "double array";
    case "str":
      return "strdef";
    case "obj":
      return "objref";
    case "objarray":
      return "objref array";
    case "sec":
      return "section";
    case "secarray":
      return "section array";
    case "proc":
      return s.def.kind;
  }
}

export function describeValue(v: HocValue): string {
  if (typeof v === "number") return `the number ${formatG(v)}`;
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  if (v === null) return "NULLobject";
  return `the object ${objectName(v)}`;
}
