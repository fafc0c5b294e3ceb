// The object classes HOC code may `new`: SectionList, List, String, Vector, point processes,
// inert stand-ins for GUI windows (sessions save their windows; without a GUI they do nothing),
// and any class registered later (the Cell Builder's, once celbild.hoc is "loaded").
import { handleOf } from "../../handles.ts";
import { SectionListImpl } from "../sectionlist.ts";
import { HOC_CALL, NOT_HANDLED, objectName, type HocEnv, type HocValue } from "./values.ts";

export type Factory = (args: HocValue[], env: HocEnv) => object;

/** NEURON's List: an ordered list of object references. */
const listCounts = new WeakMap<object, number>();

export class HocList {
  readonly items: object[] = [];
  /** List[id]: numbered per model (h), as NEURON numbers a session's instances. */
  private readonly id: number;

  constructor(owner: object = HocList) {
    this.id = listCounts.get(owner) ?? 0;
    listCounts.set(owner, this.id + 1);
  }

  append(o: unknown): number {
    this.items.push(checkObj("List.append", o));
    return this.items.length;
  }
  prepend(o: unknown): number {
    this.items.unshift(checkObj("List.prepend", o));
    return this.items.length;
  }
  insrt(i: number, o: unknown): number {
    this.items.splice(this.at("List.insrt", i, true), 0, checkObj("List.insrt", o));
    return this.items.length;
  }
  object(i: number): object {
    return this.items[this.at("List.object", i)]!;
  }
  o(i: number): object {
    return this.object(i);
  }
  count(): number {
    return this.items.length;
  }
  remove(i: number): number {
    this.items.splice(this.at("List.remove", i), 1);
    return this.items.length;
  }
  remove_all(): number {
    this.items.length = 0;
    return 0;
  }
  index(o: unknown): number {
    return this.items.indexOf(o as object);
  }
  hname(): string {
    return `List[${this.id}]`;
  }
  toString(): string {
    return this.hname();
  }
  private at(what: string, i: number, end = false): number {
    const k = Math.trunc(i);
    if (!(k >= 0 && k < this.items.length + (end ? 1 : 0))) {
      throw new Error(`${what}(${i}): index out of range (the list has ${this.items.length} objects)`);
    }
    return k;
  }
}

function checkObj(what: string, o: unknown): object {
  if (o === null || (typeof o !== "object" && typeof o !== "function")) throw new Error(`${what}: needs an object, got ${typeof o === "string" ? JSON.stringify(o) : String(o)}`);
  return o;
}

/** NEURON's String: a wrapper with one field, s. */
export class HocString {
  constructor(public s: string) {}
  toString(): string {
    return this.s;
  }
}

/**
 * A GUI object saved in a session (Graph, Shape, VBox, ...): every method does nothing and
 * returns 0, fields are stored. Without a GUI, NEURON's own windows do nothing useful either.
 */
export class GuiStub {
  constructor(readonly cls: string) {}
  [HOC_CALL](): HocValue {
    return 0;
  }
  toString(): string {
    return `${this.cls}[stub]`;
  }
}

/** GUI classes that sessions instantiate; they have no effect on the model. */
export const GUI_CLASSES = ["Graph", "Shape", "PlotShape", "VBox", "HBox", "Deck", "MenuExplore", "GUIMath", "ValueFieldEditor"];

/** Functions that only build GUI panels: no-ops without a GUI (morphology-and-plotting §3.6). */
export const GUI_FUNCTIONS = [
  "xpanel", "xbutton", "xvalue", "xlabel", "xslider", "xvarlabel", "xcheckbox", "xradiobutton",
  "xmenu", "xstatebutton", "xfixedvalue", "doNotify", "pwman_place", "ivoc_style", "nrnmainmenu",
  "nrncontrolmenu", "doEvents",
];

export function builtinClasses(): Map<string, Factory> {
  const m = new Map<string, Factory>();
  m.set("SectionList", (args, env) => {
    if (args.length) throw new Error("new SectionList() takes no arguments in HOC");
    return new SectionListImpl(env.ctx);
  });
  m.set("List", (args, env) => {
    if (args.length) throw new Error("new List(\"template\") (lists of all instances) is outside the supported HOC subset");
    return new HocList(env.ctx);
  });
  m.set("String", (args) => new HocString(args.length ? String(args[0]) : ""));
  for (const cls of GUI_CLASSES) m.set(cls, () => new GuiStub(cls));
  return m;
}

/** `new PP(x)` in HOC: a point process at x of the current section (or unlocated without x). */
export function newPointProcess(name: string, args: HocValue[], env: HocEnv): object {
  const h = env.ctx.hObject as Record<string, (...a: unknown[]) => object>;
  if (args.length === 0) throw new Error(`new ${name}(): give the location, new ${name}(x), with a section on the section stack`);
  const x = args[0];
  if (typeof x !== "number") throw new Error(`new ${name}(x): x must be a number, got ${objectName(x as object)}`);
  return h[name]!(x, { sec: handleOf(env.ctx, env.currentSection()) });
}

export { NOT_HANDLED };
