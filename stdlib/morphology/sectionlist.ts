// h.SectionList: NEURON's SectionList (src/nrnoc/seclist.cpp). An ordered list of sections that
// may hold a section more than once; deleted sections drop out when the list is next read.
// From TypeScript, methods take a section positionally or as { sec } (Python's sec=); from HOC,
// a missing section argument means the currently accessed section.
import type { Section as RtSection } from "../../runtime/section.ts";
import { badInput, type Context } from "../context.ts";
import { CTX, RT, handleOf, isSection, type SectionHandle } from "../handles.ts";
import { HOC_CALL, NOT_HANDLED, type HocEnv, type HocValue } from "./hoc/values.ts";

const counts = new WeakMap<Context, number>();

export class SectionListImpl {
  private secs: RtSection[] = [];
  private readonly id: number;

  constructor(readonly ctx: Context, init?: unknown) {
    this.id = counts.get(ctx) ?? 0;
    counts.set(ctx, this.id + 1);
    if (init !== undefined && init !== null) {
      if (typeof (init as Iterable<unknown>)[Symbol.iterator] !== "function") {
        throw badInput("h.SectionList(init)", "an iterable of Sections", init);
      }
      for (const s of init as Iterable<unknown>) this.secs.push(this.rtArg("h.SectionList(init) element", s));
    }
  }

  /** The live sections, in list order (prunes deleted ones, as NEURON's ITERATE_REMOVE). */
  sections(): RtSection[] {
    this.secs = this.secs.filter((s) => s.alive);
    return this.secs;
  }

  *[Symbol.iterator](): IterableIterator<SectionHandle> {
    for (const s of [...this.sections()]) if (s.alive) yield handleOf(this.ctx, s);
  }

  get length(): number {
    return this.sections().length;
  }

  append(sec?: unknown): number {
    this.secs.push(this.rtArg(`${this.hname()}.append`, sec));
    return 1;
  }

  /** remove(sec): the first occurrence (returns 1, or 0 if absent); remove(list): all its sections. */
  remove(arg?: unknown): number {
    if (arg instanceof SectionListImpl) {
      const drop = new Set(arg.sections());
      const before = this.sections().length;
      this.secs = this.secs.filter((s) => !drop.has(s));
      return before - this.secs.length;
    }
    const sec = this.rtArg(`${this.hname()}.remove`, arg);
    const i = this.sections().indexOf(sec);
    if (i < 0) {
      process.stderr.write(`NEURON: ${this.ctx.sectionName(sec)} not in this section list\n`);
      return 0;
    }
    this.secs.splice(i, 1);
    return 1;
  }

  /** Appends the section's children, in NEURON's sibling order. */
  children(sec?: unknown): number {
    for (const ch of this.rtArg(`${this.hname()}.children`, sec).children) this.secs.push(ch);
    return 1;
  }

  /** Appends the section and everything below it, breadth first (seclist.cpp subtree1). */
  subtree(sec?: unknown): number {
    this.appendSubtree(this.rtArg(`${this.hname()}.subtree`, sec));
    return 1;
  }

  wholetree(sec?: unknown): number {
    let root = this.rtArg(`${this.hname()}.wholetree`, sec);
    while (root.parent) root = root.parent;
    this.appendSubtree(root);
    return 1;
  }

  allroots(): number {
    for (const s of this.ctx.model.sections) if (s.alive && !s.parent) this.secs.push(s);
    return 1;
  }

  /** Removes repeated sections (keeps the first); returns how many were removed. */
  unique(): number {
    const seen = new Set<RtSection>();
    const before = this.sections().length;
    this.secs = this.secs.filter((s) => (seen.has(s) ? false : (seen.add(s), true)));
    return before - this.secs.length;
  }

  contains(sec?: unknown): boolean {
    return this.sections().includes(this.rtArg(`${this.hname()}.contains`, sec));
  }

  printnames(): number {
    for (const s of this.sections()) process.stdout.write(`${this.ctx.sectionName(s)}\n`);
    return 1;
  }

  hname(): string {
    return `SectionList[${this.id}]`;
  }

  toString(): string {
    return this.hname();
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.hname();
  }

  /** HOC calls: a missing section argument is the current section. */
  [HOC_CALL](name: string, args: HocValue[], env: HocEnv): HocValue | typeof NOT_HANDLED {
    const withSec = ["append", "remove", "children", "subtree", "wholetree", "contains"];
    if (withSec.includes(name)) {
      if (args.length > 1) throw new Error(`${this.hname()}.${name}: takes 0 or 1 arguments, got ${args.length}`);
      const arg = args.length === 0 ? handleOf(env.ctx, env.currentSection()) : args[0];
      const r = (this[name as "append"] as (a: unknown) => number | boolean)(arg);
      return typeof r === "boolean" ? (r ? 1 : 0) : r;
    }
    if (name === "allroots" || name === "unique" || name === "printnames") {
      if (args.length) throw new Error(`${this.hname()}.${name}: takes no arguments`);
      return this[name]();
    }
    return NOT_HANDLED;
  }

  private appendSubtree(root: RtSection): void {
    // Breadth first: each generation's children in sibling order.
    let level = [root];
    while (level.length) {
      const next: RtSection[] = [];
      for (const s of level) {
        this.secs.push(s);
        next.push(...s.children);
      }
      level = next;
    }
  }

  private rtArg(what: string, sec: unknown): RtSection {
    let s = sec;
    if (s && typeof s === "object" && !isSection(s) && "sec" in (s as object)) s = (s as { sec: unknown }).sec;
    if (!isSection(s)) throw badInput(what, "a Section or { sec: Section }", sec);
    const rt = (s as SectionHandle)[RT];
    if (!rt.alive) throw new Error(`${what}: section ${rt.name} has been deleted`);
    if ((s as SectionHandle)[CTX] !== this.ctx) throw new Error(`${what}: the section belongs to another model (another h)`);
    return rt;
  }
}
