// NEURON's section-name patterns (src/oc/regexp.cpp, compiled with CABLESECTION): the pattern
// must match the whole name; `.` is any character, `*` repeats the previous item, `<abc>` and
// `<^abc>` are character classes (with a-z ranges), `{3-7}` matches an integer in that range,
// and everything else is literal: `[`, `]`, `^` and also `\` (with CABLESECTION defined, the
// compiler stores the backslash itself, so "dend\\[1\\]" never matches dend[1] in NEURON).
// forsec "dend" therefore matches `.*dend.*` (cabcode.cpp wraps the pattern).

type Item =
  | { t: "chr"; c: string; star: boolean }
  | { t: "dot"; star: boolean }
  | { t: "ccl"; set: string; neg: boolean; star: boolean }
  | { t: "int"; lo: number; hi: number };

export function compileSectionPattern(pattern: string): (name: string) => boolean {
  const items = parse(pattern);
  return (name) => match(items, 0, name, 0);
}

function parse(p: string): Item[] {
  const items: Item[] = [];
  let i = 0;
  const fail = (why: string) => new Error(`section name pattern ${JSON.stringify(p)}: ${why}`);
  if (p.length === 0) throw fail("empty pattern");
  if (p[0] === "*") throw fail("'*' cannot come first");
  while (i < p.length) {
    const c = p[i++]!;
    if (c === "*") {
      const last = items[items.length - 1]!;
      if (last.t === "int") throw fail("'*' cannot follow {a-b}");
      last.star = true;
    } else if (c === ".") {
      items.push({ t: "dot", star: false });
    } else if (c === "{") {
      const close = p.indexOf("}", i);
      const m = close < 0 ? null : /^(\d+)-(\d+)$/.exec(p.slice(i, close));
      if (!m) throw fail("{a-b} must hold two integers");
      items.push({ t: "int", lo: Number(m[1]), hi: Number(m[2]) });
      i = close + 1;
    } else if (c === "<") {
      let neg = false;
      if (p[i] === "^") {
        neg = true;
        i++;
      }
      let set = "";
      let first = true;
      while (first || p[i] !== ">") {
        if (i >= p.length) throw fail("'<' is never closed with '>'");
        const ch = p[i++]!;
        if (ch === "-" && !first && p[i] !== ">" && i < p.length && set[set.length - 1]! <= p[i]!) {
          const from = set.charCodeAt(set.length - 1), to = p.charCodeAt(i++);
          for (let k = from + 1; k <= to; k++) set += String.fromCharCode(k);
        } else {
          set += ch;
        }
        first = false;
      }
      i++;
      items.push({ t: "ccl", set, neg, star: false });
    } else {
      items.push({ t: "chr", c, star: false });
    }
  }
  return items;
}

function one(it: Item, ch: string | undefined): boolean {
  if (ch === undefined) return false;
  if (it.t === "chr") return ch === it.c;
  if (it.t === "dot") return true;
  if (it.t === "ccl") return it.set.includes(ch) !== it.neg;
  return false;
}

function match(items: Item[], k: number, s: string, i: number): boolean {
  for (; k < items.length; k++) {
    const it = items[k]!;
    if (it.t === "int") {
      // Greedy over all digits, no backtracking (as in NEURON).
      let j = i;
      while (j < s.length && s[j]! >= "0" && s[j]! <= "9") j++;
      if (j === i) return false;
      const n = Number(s.slice(i, j));
      if (n < it.lo || n > it.hi) return false;
      i = j;
    } else if (it.star) {
      let j = i;
      while (one(it, s[j])) j++;
      for (; j >= i; j--) if (match(items, k + 1, s, j)) return true;
      return false;
    } else {
      if (!one(it, s[i])) return false;
      i++;
    }
  }
  return i === s.length;
}
