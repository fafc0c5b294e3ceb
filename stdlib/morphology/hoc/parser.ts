// HOC parser for the morphology subset. It returns one top-level statement per call, so the
// interpreter can run it before the parser reads on (fscan data follows the statement that
// reads it). Precedence, lowest first (NEURON's parse.ypp): = += -= *= /= (right), ||, &&,
// comparisons, + -, * / %, unary - and !, ^ (right; -2^2 is -4).
import type { DeclItem, Expr, ProcKind, Stmt } from "./ast.ts";
import type { Lexer, Token } from "./lexer.ts";

/** Keywords of full HOC that this interpreter does not run: a clear error instead of a guess. */
const UNSUPPORTED = new Map<string, string>([
  ["begintemplate", "templates (begintemplate ... endtemplate)"],
  ["endtemplate", "templates (begintemplate ... endtemplate)"],
  ["iterator", "iterator definitions"],
  ["iterator_statement", "iterators"],
  ["public", "template declarations"],
  ["external", "template declarations"],
  ["parallel", "parallel statements"],
  ["eqn", "equation statements"],
  ["depvar", "equation statements"],
  ["help", "help"],
]);

const CMP = new Set(["<", ">", "<=", ">=", "==", "!="]);

/** What a name means when the parser must decide (NEURON's parser knows symbol types too). */
export type NameKind = "section" | "function" | "other";

export class Parser {
  /** `kindOf` tells sections from functions in `connect a(0), f(x)`; unknown names are sections. */
  constructor(readonly lx: Lexer, private readonly kindOf: (name: string) => NameKind = () => "other") {}

  /** The next top-level statement, or null at end of file. */
  parseTopLevel(): Stmt | null {
    for (;;) {
      const t = this.lx.peek();
      if (t.kind === "eof") return null;
      if (t.kind === "nl" || (t.kind === "op" && t.text === ";")) {
        this.lx.next();
        continue;
      }
      return this.statement();
    }
  }

  // ------------------------------------------------------------------ helpers

  private peek(): Token {
    return this.lx.peek();
  }

  private next(): Token {
    return this.lx.next();
  }

  private isOp(text: string, t: Token = this.peek()): boolean {
    return t.kind === "op" && t.text === text;
  }

  private isName(text: string, t: Token = this.peek()): boolean {
    return t.kind === "name" && t.text === text;
  }

  private expectOp(text: string, construct: string): Token {
    const t = this.peek();
    if (!this.isOp(text, t)) throw this.lx.error(t.pos, construct, `expected '${text}', found ${describeTok(t)}`);
    return this.next();
  }

  private expectName(construct: string): Token {
    const t = this.peek();
    if (t.kind !== "name") throw this.lx.error(t.pos, construct, `expected a name, found ${describeTok(t)}`);
    return this.next();
  }

  // ------------------------------------------------------------------ statements

  statement(): Stmt {
    const t = this.peek();
    if (t.kind === "op") {
      if (t.text === "{") return this.block();
      if (t.text === ";") {
        this.next();
        return { k: "empty", pos: t.pos };
      }
    }
    if (t.kind === "name") {
      const why = UNSUPPORTED.get(t.text);
      if (why) throw this.lx.error(t.pos, t.text, `${why} are outside the HOC subset neuron-ts runs (morphology files: create, connect, pt3dadd, forall/forsec, proc, SectionList, ...)`);
      switch (t.text) {
        case "proc":
        case "func":
        case "obfunc":
          return this.procdef(t.text);
        case "local":
        case "localobj":
          this.next();
          return { k: "local", pos: t.pos, names: this.declList(t.text, false), obj: t.text === "localobj" };
        case "objref":
        case "objectvar":
          this.next();
          return { k: "objref", pos: t.pos, items: this.declList(t.text, true) };
        case "strdef":
          this.next();
          return { k: "strdef", pos: t.pos, items: this.declList(t.text, false) };
        case "double":
          this.next();
          return { k: "double", pos: t.pos, items: this.declList(t.text, true) };
        case "create":
          this.next();
          return { k: "create", pos: t.pos, items: this.declList(t.text, true) };
        case "access":
          this.next();
          return { k: "access", pos: t.pos, sec: this.sectionRef("access") };
        case "connect":
          return this.connect();
        case "forall":
          this.next();
          return { k: "forall", pos: t.pos, body: this.body("forall") };
        case "forsec":
        case "ifsec": {
          this.next();
          const what = this.postfix();
          return { k: t.text, pos: t.pos, what, body: this.body(t.text) };
        }
        case "for":
          return this.forStmt();
        case "while": {
          this.next();
          this.expectOp("(", "while");
          const cond = this.expr();
          this.expectOp(")", "while");
          return { k: "while", pos: t.pos, cond, body: this.body("while") };
        }
        case "if":
          return this.ifStmt();
        case "else":
          throw this.lx.error(t.pos, "else", "'else' without a matching 'if'");
        case "break":
        case "continue":
          this.next();
          return { k: t.text, pos: t.pos };
        case "return": {
          this.next();
          const e = this.lx.sameLine() && !this.isOp("}") ? this.expr() : null;
          return { k: "return", pos: t.pos, e };
        }
        case "insert":
        case "uninsert": {
          this.next();
          const m = this.expectName(t.text);
          return { k: "insert", pos: t.pos, mech: m.text, un: t.text === "uninsert" };
        }
        case "print":
          return this.printStmt();
      }
    }
    return this.exprOrSectionStmt();
  }

  private block(): Stmt {
    const open = this.expectOp("{", "block");
    const body: Stmt[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === "nl" || this.isOp(";", t)) {
        this.next();
        continue;
      }
      if (this.isOp("}", t)) {
        this.next();
        return { k: "block", pos: open.pos, body };
      }
      if (t.kind === "eof") throw this.lx.error(open.pos, "block", "'{' is never closed with '}' (the file ends first)");
      body.push(this.statement());
    }
  }

  /** The statement a loop or `if` controls: on the same line, or a block starting on the next. */
  private body(construct: string): Stmt {
    const t = this.peek();
    if (t.kind === "nl") {
      this.lx.skipNewlines();
      if (!this.isOp("{")) throw this.lx.error(this.peek().pos, construct, "the statement it controls is missing");
    }
    if (this.peek().kind === "eof") throw this.lx.error(t.pos, construct, "the statement it controls is missing (end of file)");
    return this.statement();
  }

  private procdef(kind: ProcKind): Stmt {
    const kw = this.next();
    const name = this.expectName(kind);
    this.expectOp("(", kind);
    this.expectOp(")", `${kind} ${name.text}`);
    this.lx.skipNewlines();
    if (!this.isOp("{")) throw this.lx.error(this.peek().pos, `${kind} ${name.text}`, "the body must be a { } block");
    return { k: "procdef", pos: kw.pos, kind, name: name.text, body: this.block() };
  }

  private declList(construct: string, sized: boolean): DeclItem[] {
    const items: DeclItem[] = [];
    for (;;) {
      const n = this.expectName(construct);
      let size: Expr | null = null;
      if (this.isOp("[")) {
        if (!sized) throw this.lx.error(this.peek().pos, construct, `${construct} names cannot be arrays`);
        this.next();
        size = this.expr();
        this.expectOp("]", construct);
        if (this.isOp("[")) throw this.lx.error(this.peek().pos, construct, "multi-dimensional arrays are outside the supported HOC subset");
      }
      items.push({ pos: n.pos, name: n.text, size });
      if (!this.isOp(",")) return items;
      this.next();
    }
  }

  /** A section reference: name, name[i], possibly through object members (cell.dend[2]). */
  private sectionRef(construct: string): Expr {
    const n = this.expectName(construct);
    let e: Expr = { k: "name", pos: n.pos, name: n.text, index: this.optIndex(construct) };
    while (this.isOp(".")) {
      this.next();
      const m = this.expectName(construct);
      e = { k: "member", pos: m.pos, obj: e, name: m.text, index: this.optIndex(construct), args: null };
    }
    return e;
  }

  private optIndex(construct: string): Expr | null {
    if (!this.isOp("[")) return null;
    this.next();
    const e = this.expr();
    this.expectOp("]", construct);
    if (this.isOp("[")) throw this.lx.error(this.peek().pos, construct, "multi-dimensional arrays are outside the supported HOC subset");
    return e;
  }

  private parenExpr(construct: string): Expr {
    this.expectOp("(", construct);
    const e = this.expr();
    this.expectOp(")", construct);
    return e;
  }

  /** `connect child(x), parent(y)` or `connect child(x), y` (parent: the current section). */
  private connect(): Stmt {
    const kw = this.next();
    const child = this.sectionRef("connect");
    const childX = this.isOp("(") ? this.parenExpr("connect") : null;
    this.expectOp(",", "connect");
    let parent: Expr | null = null;
    let parentX: Expr;
    const t = this.peek();
    if (t.kind === "name" && this.kindOf(t.text) !== "function" && this.nameStartsSectionWithX()) {
      parent = this.sectionRef("connect");
      parentX = this.parenExpr("connect");
    } else {
      parentX = this.expr();
    }
    return { k: "connect", pos: kw.pos, child, childX, parent, parentX };
  }

  /** Lookahead without consuming: NAME ([..])? (. NAME ([..])?)* '(' */
  private nameStartsSectionWithX(): boolean {
    const save = this.lx.pos;
    try {
      this.sectionRef("connect");
      return this.isOp("(");
    } catch {
      return false;
    } finally {
      this.lx.pos = save;
    }
  }

  private forStmt(): Stmt {
    const kw = this.next();
    if (this.isOp("(")) {
      this.next();
      // for (x) / for (x, 0) / for (init; cond; step)
      const save = this.lx.pos;
      const t = this.peek();
      if (t.kind === "name") {
        this.next();
        if (this.isOp(")") || this.isOp(",")) {
          const v: Expr = { k: "name", pos: t.pos, name: t.text, index: null };
          let ends = true;
          if (this.isOp(",")) {
            this.next();
            const e = this.expr();
            ends = !(e.k === "num" && e.value === 0);
          }
          this.expectOp(")", "for (x)");
          return { k: "forx", pos: kw.pos, v, ends, body: this.body("for") };
        }
        this.lx.pos = save;
      }
      const init = this.isOp(";") ? null : this.expr();
      this.expectOp(";", "for (;;)");
      const cond = this.isOp(";") ? null : this.expr();
      this.expectOp(";", "for (;;)");
      const step = this.isOp(")") ? null : this.expr();
      this.expectOp(")", "for (;;)");
      return { k: "cfor", pos: kw.pos, init, cond, step, body: this.body("for") };
    }
    const v = this.postfix();
    if (v.k !== "name" && v.k !== "member") throw this.lx.error(v.pos, "for", "expected a loop variable: for i = a, b");
    this.expectOp("=", "for");
    const from = this.expr();
    this.expectOp(",", "for");
    const to = this.expr();
    return { k: "for", pos: kw.pos, v, from, to, body: this.body("for") };
  }

  private ifStmt(): Stmt {
    const kw = this.next();
    const cond = this.parenExpr("if");
    const then = this.body("if");
    // `else` may follow on the same line or after newlines (peeking does not consume).
    // Data for fscan may follow, so a lexer error while looking ahead just means "no else".
    const save = this.lx.pos;
    let hasElse = false;
    try {
      this.lx.skipNewlines();
      hasElse = this.isName("else");
    } catch {
      hasElse = false;
    }
    if (hasElse) {
      this.next();
      return { k: "if", pos: kw.pos, cond, then, else: this.body("else") };
    }
    this.lx.pos = save;
    return { k: "if", pos: kw.pos, cond, then, else: null };
  }

  private printStmt(): Stmt {
    const kw = this.next();
    const items: Expr[] = [];
    if (this.lx.sameLine() && !this.isOp("}")) {
      items.push(this.expr());
      while (this.isOp(",")) {
        this.next();
        items.push(this.expr());
      }
    }
    return { k: "print", pos: kw.pos, items };
  }

  /** An expression statement, or `sec stmt` when a section reference is followed by a statement. */
  private exprOrSectionStmt(): Stmt {
    const start = this.peek();
    const e = this.expr();
    const t = this.peek();
    const sectionLike = e.k === "name" || (e.k === "member" && e.args === null);
    if (sectionLike && ((t.kind === "name" && t.text !== "else") || this.isOp("{", t))) {
      return { k: "sec", pos: start.pos, sec: e, body: this.statement() };
    }
    return { k: "expr", pos: start.pos, e };
  }

  // ------------------------------------------------------------------ expressions

  expr(): Expr {
    const target = this.or();
    const t = this.peek();
    if (t.kind === "op" && (t.text === "=" || t.text === "+=" || t.text === "-=" || t.text === "*=" || t.text === "/=")) {
      if (!isLvalue(target)) throw this.lx.error(t.pos, "assignment", "the left side cannot be assigned to");
      this.next();
      let value = this.expr();
      if (this.isOp(":") && target.k === "call" && target.args.length === 1 && target.args[0]!.k === "range") {
        const c = this.next();
        value = { k: "range", pos: c.pos, a: value, b: this.expr() };
      }
      return { k: "assign", pos: target.pos, op: t.text as "=", target, value };
    }
    return target;
  }

  private or(): Expr {
    let l = this.and();
    while (this.isOp("||")) {
      const t = this.next();
      l = { k: "binary", pos: t.pos, op: "||", l, r: this.and() };
    }
    return l;
  }

  private and(): Expr {
    let l = this.cmp();
    while (this.isOp("&&")) {
      const t = this.next();
      l = { k: "binary", pos: t.pos, op: "&&", l, r: this.cmp() };
    }
    return l;
  }

  private cmp(): Expr {
    let l = this.add();
    for (;;) {
      const t = this.peek();
      if (t.kind !== "op" || !CMP.has(t.text)) return l;
      this.next();
      l = { k: "binary", pos: t.pos, op: t.text, l, r: this.add() };
    }
  }

  private add(): Expr {
    let l = this.mul();
    for (;;) {
      const t = this.peek();
      if (!(t.kind === "op" && (t.text === "+" || t.text === "-"))) return l;
      this.next();
      l = { k: "binary", pos: t.pos, op: t.text, l, r: this.mul() };
    }
  }

  private mul(): Expr {
    let l = this.unary();
    for (;;) {
      const t = this.peek();
      if (!(t.kind === "op" && (t.text === "*" || t.text === "/" || t.text === "%"))) return l;
      this.next();
      l = { k: "binary", pos: t.pos, op: t.text, l, r: this.unary() };
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === "op" && (t.text === "-" || t.text === "!" || t.text === "+")) {
      this.next();
      const e = this.unary();
      return t.text === "+" ? e : { k: "unary", pos: t.pos, op: t.text as "-" | "!", e };
    }
    return this.pow();
  }

  private pow(): Expr {
    const base = this.postfix();
    if (this.isOp("^")) {
      const t = this.next();
      return { k: "binary", pos: t.pos, op: "^", l: base, r: this.unary() };
    }
    return base;
  }

  private postfix(): Expr {
    let e = this.primary();
    while (this.isOp(".")) {
      this.next();
      const m = this.expectName("member access");
      const index = this.optIndex("member access");
      const args = this.isOp("(") ? this.args("call") : null;
      e = { k: "member", pos: m.pos, obj: e, name: m.text, index, args };
    }
    return e;
  }

  private args(construct: string): Expr[] {
    this.expectOp("(", construct);
    const out: Expr[] = [];
    this.lx.skipNewlines();
    if (this.isOp(")")) {
      this.next();
      return out;
    }
    for (;;) {
      this.lx.skipNewlines();
      let a = this.expr();
      if (this.isOp(":")) {
        const c = this.next();
        a = { k: "range", pos: c.pos, a, b: this.expr() };
      }
      out.push(a);
      this.lx.skipNewlines();
      if (this.isOp(")")) {
        this.next();
        return out;
      }
      this.expectOp(",", construct);
    }
  }

  private primary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case "num":
        this.next();
        return { k: "num", pos: t.pos, value: t.value };
      case "str":
        this.next();
        return { k: "str", pos: t.pos, value: t.text };
      case "arg":
        this.next();
        return { k: "arg", pos: t.pos, type: t.text as "", n: t.value };
      case "name": {
        if (t.text === "new") {
          this.next();
          const cls = this.expectName("new");
          const args = this.isOp("(") ? this.args(`new ${cls.text}`) : [];
          return { k: "new", pos: t.pos, cls: cls.text, args };
        }
        this.next();
        const index = this.optIndex(t.text);
        if (index === null && this.isOp("(")) return { k: "call", pos: t.pos, name: t.text, args: this.args(`${t.text}()`) };
        return { k: "name", pos: t.pos, name: t.text, index };
      }
      case "op":
        if (t.text === "(") {
          this.next();
          const e = this.expr();
          this.expectOp(")", "parenthesised expression");
          return e;
        }
        if (t.text === "&") {
          this.next();
          return { k: "addr", pos: t.pos, e: this.postfix() };
        }
        break;
    }
    throw this.lx.error(t.pos, "expression", `expected a value, found ${describeTok(t)}`);
  }
}

function isLvalue(e: Expr): boolean {
  return e.k === "name" || e.k === "member" || e.k === "arg" || e.k === "call";
}

export function describeTok(t: Token): string {
  switch (t.kind) {
    case "eof":
      return "the end of the file";
    case "nl":
      return "the end of the line";
    case "str":
      return JSON.stringify(t.text);
    case "arg":
      return `$${t.text}${t.value}`;
    default:
      return `'${t.kind === "num" ? t.text : t.text}'`;
  }
}
