// HOC tokens, read lazily from a shared cursor. HOC runs a file one top-level statement at a
// time, and `fscan()` reads numbers from the same stream right after the statement being run
// (Cell Builder sessions and ntscable files keep their data there). So the lexer never reads
// ahead of what the parser consumed: `peek()` looks without moving the cursor, `fscan()` reads
// raw text from the cursor, and the parser resumes after whatever fscan consumed.
import { hocError, type Source } from "./source.ts";

export type TokKind = "num" | "str" | "name" | "arg" | "op" | "nl" | "eof";

export interface Token {
  readonly kind: TokKind;
  /** The token text; for "arg" the kind letter ("" for $1, "o", "s", "&") and `value` the index. */
  readonly text: string;
  readonly value: number;
  readonly pos: number;
  readonly end: number;
}

const OPS2 = new Set(["==", "!=", "<=", ">=", "&&", "||", "+=", "-=", "*=", "/="]);
const OPS1 = new Set([..."{}()[],.=<>!+-*/%^&:;"]);
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
/** The longest prefix C's strtod (sscanf "%lf") accepts, for fscan's tokens. */
const STRTOD_PREFIX = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

export class Lexer {
  /** End of the last consumed token: where the next token or fscan starts. */
  pos = 0;
  private cache: Token | null = null;
  private cacheFrom = -1;

  constructor(readonly src: Source) {}

  peek(): Token {
    if (this.cache && this.cacheFrom === this.pos) return this.cache;
    this.cacheFrom = this.pos;
    this.cache = this.scan(this.pos);
    return this.cache;
  }

  next(): Token {
    const t = this.peek();
    this.pos = t.end;
    return t;
  }

  /** True if the next token is on the same line as the cursor (no newline token between). */
  sameLine(): boolean {
    const k = this.peek().kind;
    return k !== "nl" && k !== "eof";
  }

  /** Skips newline tokens. */
  skipNewlines(): void {
    while (this.peek().kind === "nl") this.next();
  }

  error(pos: number, construct: string, reason: string): Error {
    return hocError(this.src, pos, construct, reason);
  }

  /**
   * hoc_scan: read whitespace-separated words from the cursor; skip words starting with
   * i, n, I or N and words that do not start with a number; return the first number and
   * swallow one newline right after it. End of file is an error, as in NEURON.
   */
  fscan(): number {
    const text = this.src.text;
    let p = this.pos;
    for (;;) {
      while (p < text.length && /\s/.test(text[p]!)) p++;
      if (p >= text.length) {
        this.pos = p;
        throw this.error(p, "fscan()", "end of file while reading a number (the file is truncated)");
      }
      const start = p;
      while (p < text.length && !/\s/.test(text[p]!) && p - start < 255) p++;
      const word = text.slice(start, p);
      if ("inIN".includes(word[0]!)) continue;
      const m = STRTOD_PREFIX.exec(word);
      if (!m) continue;
      if (text[p] === "\n") p++;
      else if (text[p] === "\r" && text[p + 1] === "\n") p += 2;
      this.pos = p;
      return Number(m[0]);
    }
  }

  private scan(p: number): Token {
    const text = this.src.text;
    for (;;) {
      const c = text[p];
      if (c === undefined) return { kind: "eof", text: "", value: 0, pos: p, end: p };
      if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v") {
        p++;
      } else if (c === "\\" && (text[p + 1] === "\n" || (text[p + 1] === "\r" && text[p + 2] === "\n"))) {
        p += text[p + 1] === "\n" ? 2 : 3; // line continuation
      } else if (c === "/" && text[p + 1] === "/") {
        while (p < text.length && text[p] !== "\n") p++;
      } else if (c === "/" && text[p + 1] === "*") {
        const close = text.indexOf("*/", p + 2);
        if (close < 0) throw this.error(p, "comment", "/* is never closed with */");
        const spansLine = text.slice(p, close).includes("\n");
        const start = p;
        p = close + 2;
        if (spansLine) return { kind: "nl", text: "\n", value: 0, pos: start, end: p };
      } else {
        break;
      }
    }
    const c = text[p]!;
    if (c === "\n") return { kind: "nl", text: "\n", value: 0, pos: p, end: p + 1 };
    if ((c >= "0" && c <= "9") || (c === "." && /\d/.test(text[p + 1] ?? ""))) {
      NUMBER.lastIndex = p;
      const m = NUMBER.exec(text)!;
      return { kind: "num", text: m[0], value: Number(m[0]), pos: p, end: p + m[0].length };
    }
    if (/[A-Za-z_]/.test(c)) {
      NAME.lastIndex = p;
      const m = NAME.exec(text)!;
      return { kind: "name", text: m[0], value: 0, pos: p, end: p + m[0].length };
    }
    if (c === '"') return this.scanString(p);
    if (c === "$") {
      let q = p + 1;
      let kind = "";
      if (text[q] === "o" || text[q] === "s" || text[q] === "&") kind = text[q++]!;
      const m = /^\d+/.exec(text.slice(q, q + 10));
      if (!m) throw this.error(p, "argument", "$ must be followed by a number ($1, $o1, $s1)");
      return { kind: "arg", text: kind, value: Number(m[0]), pos: p, end: q + m[0].length };
    }
    const two = text.slice(p, p + 2);
    if (OPS2.has(two)) return { kind: "op", text: two, value: 0, pos: p, end: p + 2 };
    if (OPS1.has(c)) return { kind: "op", text: c, value: 0, pos: p, end: p + 1 };
    throw this.error(p, "character", `${JSON.stringify(c)} is not part of HOC's syntax`);
  }

  private scanString(p: number): Token {
    const text = this.src.text;
    let out = "";
    let q = p + 1;
    for (;;) {
      const c = text[q];
      if (c === undefined || c === "\n") throw this.error(p, "string", 'a string must be closed with " on the same line');
      if (c === '"') break;
      if (c === "\\") {
        const e = text[q + 1];
        out += e === "n" ? "\n" : e === "t" ? "\t" : e === undefined ? "" : e;
        q += 2;
      } else {
        out += c;
        q++;
      }
    }
    return { kind: "str", text: out, value: 0, pos: p, end: q + 1 };
  }
}
