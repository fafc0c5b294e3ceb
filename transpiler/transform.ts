// The unit transform: rewrites a checked file so that it runs with numbers only. Every arithmetic
// expression that contains a unit constant is emitted in NEURON's unit of its dimension — folded
// exactly to one literal when it is constant (`36 * mS / cm ** 2` → `0.036`), otherwise with the
// unit constants dropped and one conversion factor applied (`g * mS / cm ** 2` → `g / 1000`).
// The imports of neuron-ts/units are removed (blank lines keep line numbers for stack traces).
//
// Expressions without a unit constant are left exactly as written: a NEURON-style script's numbers
// never change. Every value outside arithmetic is thus NEURON's number, so a slot store needs no
// conversion (stdlib/api.ts brands are NEURON's units; test/units checks it).
import { DIMENSIONLESS, divide, multiply, power, sameDimension, type Dimension } from "../units/dimension.ts";
import { neuronUnitFor } from "../units/neuron.ts";
import {
  add, div, equals, isOne, mul, neg, ONE, parseNumericLiteral, pow, sub, toLiteral, type Rational,
} from "../units/rational.ts";
import type { FileAnalysis } from "./checker.ts";
import { integerLiteral } from "./analysis/infer.ts";
import type { TS } from "./analysis/typescript.ts";

interface Emitted {
  readonly text: string;
  readonly dimension: Dimension;
  /** The size in SI units of one unit of the emitted number. */
  readonly scale: Rational;
  /** Needs parentheses as an operand of `*` (a sum, a product, a negative literal). */
  readonly composite: boolean;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** `text` times `factor`, written as a division when the factor is 1/integer (exactly rounded). */
function scaled(text: string, composite: boolean, factor: Rational): string {
  if (isOne(factor)) return text;
  const t = composite ? `(${text})` : text;
  if (factor.num === 1n && factor.den <= MAX_SAFE) return `${t} / ${factor.den}`;
  return `${t} * ${toLiteral(factor)}`;
}

export function transformAnalyzedFile(a: FileAnalysis): string {
  const { ts, sourceFile: sf, units, inference } = a;
  const K = ts.SyntaxKind;
  const text = sf.text;
  const hasUnitMemo = new Map<TS.Node, boolean>();

  const isArithmetic = (node: TS.Node): boolean => {
    if (ts.isParenthesizedExpression(node) || ts.isNumericLiteral(node)) return true;
    if (ts.isPrefixUnaryExpression(node)) return node.operator === K.MinusToken || node.operator === K.PlusToken;
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      return op === K.AsteriskToken || op === K.SlashToken || op === K.PlusToken || op === K.MinusToken ||
        op === K.AsteriskAsteriskToken || op === K.PercentToken;
    }
    return !!units.unitOf(node);
  };

  /** Whether a unit constant occurs in the arithmetic tree under `node` (not inside calls etc.). */
  const hasUnit = (node: TS.Node): boolean => {
    let r = hasUnitMemo.get(node);
    if (r === undefined) {
      if (units.unitOf(node)) r = true;
      else if (ts.isParenthesizedExpression(node)) r = hasUnit(node.expression);
      else if (ts.isPrefixUnaryExpression(node)) r = isArithmetic(node) && hasUnit(node.operand);
      else if (ts.isBinaryExpression(node)) r = isArithmetic(node) && (hasUnit(node.left) || hasUnit(node.right));
      else r = false;
      hasUnitMemo.set(node, r);
    }
    return r;
  };

  /** The exact SI value and dimension of a constant unit expression (literals and units only). */
  const constant = (node: TS.Expression): { value: Rational; dimension: Dimension } | undefined => {
    if (ts.isNumericLiteral(node)) {
      const value = parseNumericLiteral(node.text);
      return value && { value, dimension: DIMENSIONLESS };
    }
    const def = units.unitOf(node);
    if (def) return { value: def.scale, dimension: def.dimension };
    if (ts.isParenthesizedExpression(node)) return constant(node.expression);
    if (ts.isPrefixUnaryExpression(node) && isArithmetic(node)) {
      const c = constant(node.operand);
      return c && (node.operator === K.MinusToken ? { value: neg(c.value), dimension: c.dimension } : c);
    }
    if (!ts.isBinaryExpression(node)) return undefined;
    const op = node.operatorToken.kind;
    const l = constant(node.left);
    if (!l) return undefined;
    if (op === K.AsteriskAsteriskToken) {
      const n = integerLiteral(ts, node.right);
      return n === undefined ? undefined : { value: pow(l.value, n), dimension: power(l.dimension, n) };
    }
    const r = constant(node.right);
    if (!r) return undefined;
    switch (op) {
      case K.AsteriskToken: return { value: mul(l.value, r.value), dimension: multiply(l.dimension, r.dimension) };
      case K.SlashToken: return r.value.num === 0n ? undefined : { value: div(l.value, r.value), dimension: divide(l.dimension, r.dimension) };
      case K.PlusToken:
      case K.MinusToken:
        if (!sameDimension(l.dimension, r.dimension)) return undefined;
        return { value: op === K.PlusToken ? add(l.value, r.value) : sub(l.value, r.value), dimension: l.dimension };
      default: return undefined;
    }
  };

  /** An operand as written (no unit constant in it): its run-time unit is what inference says. */
  const asWritten = (node: TS.Expression): Emitted => {
    const info = inference.infer(node);
    const q = info.kind === "quantity" ? info.unit : { dimension: DIMENSIONLESS, scale: ONE };
    const composite = !(ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isCallExpression(node) ||
      ts.isElementAccessExpression(node) || ts.isParenthesizedExpression(node) || (ts.isNumericLiteral(node)));
    return { text: render(node), dimension: q.dimension, scale: q.scale, composite };
  };

  /** A unit constant, possibly parenthesised or to an integer power (`mV`, `cm ** 2`, `(um)`). */
  const isUnitFactor = (node: TS.Expression): boolean => {
    if (units.unitOf(node)) return true;
    if (ts.isParenthesizedExpression(node)) return isUnitFactor(node.expression);
    return ts.isBinaryExpression(node) && node.operatorToken.kind === K.AsteriskAsteriskToken &&
      isUnitFactor(node.left) && integerLiteral(ts, node.right) !== undefined;
  };

  const operand = (node: TS.Expression): Emitted => (hasUnit(node) ? emit(node) : asWritten(node));

  /** `e` converted to NEURON's unit of its dimension. */
  const inNeuronUnit = (e: Emitted): Emitted => {
    const target = neuronUnitFor(e.dimension).scale;
    if (equals(e.scale, target)) return e;
    return { text: scaled(e.text, e.composite, div(e.scale, target)), dimension: e.dimension, scale: target, composite: true };
  };

  const emitChain = (node: TS.BinaryExpression): Emitted => {
    const items: Array<{ node: TS.Expression; sign: 1 | -1 }> = [];
    const flatten = (n: TS.Expression, sign: 1 | -1): void => {
      if (ts.isBinaryExpression(n) && (n.operatorToken.kind === K.AsteriskToken || n.operatorToken.kind === K.SlashToken)) {
        flatten(n.left, sign);
        flatten(n.right, n.operatorToken.kind === K.SlashToken ? (-sign as 1 | -1) : sign);
      } else if (ts.isParenthesizedExpression(n) && hasUnit(n) && ts.isBinaryExpression(n.expression) &&
          (n.expression.operatorToken.kind === K.AsteriskToken || n.expression.operatorToken.kind === K.SlashToken)) {
        flatten(n.expression, sign);
      } else items.push({ node: n, sign });
    };
    flatten(node, 1);
    let dimension = DIMENSIONLESS;
    let scale = ONE;
    let out = "";
    for (const { node: item, sign } of items) {
      const c = isUnitFactor(item) ? constant(item) : undefined;
      const isUnitOnly = c !== undefined;
      const e: Emitted = c ? { text: "", dimension: c.dimension, scale: c.value, composite: false } : operand(item);
      dimension = sign === 1 ? multiply(dimension, e.dimension) : divide(dimension, e.dimension);
      scale = sign === 1 ? mul(scale, e.scale) : div(scale, e.scale);
      if (isUnitOnly) continue;
      const t = e.composite ? `(${e.text})` : e.text;
      out = out === "" ? (sign === 1 ? t : `1 / ${t}`) : `${out} ${sign === 1 ? "*" : "/"} ${t}`;
    }
    if (out === "") out = "1";
    return { text: out, dimension, scale, composite: /[-+*/ ]/.test(out) };
  };

  /** An arithmetic expression that contains a unit constant. */
  const emit = (node: TS.Expression): Emitted => {
    const c = constant(node);
    if (c) {
      const target = neuronUnitFor(c.dimension).scale;
      const lit = toLiteral(div(c.value, target));
      return { text: lit, dimension: c.dimension, scale: target, composite: lit.startsWith("-") };
    }
    if (ts.isParenthesizedExpression(node)) {
      const e = emit(node.expression);
      return { ...e, text: `(${e.text})`, composite: false };
    }
    if (ts.isPrefixUnaryExpression(node)) {
      const e = operand(node.operand);
      const t = e.composite ? `(${e.text})` : e.text;
      return { ...e, text: `${node.operator === K.MinusToken ? "-" : "+"}${t}`, composite: true };
    }
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === K.AsteriskToken || op === K.SlashToken) return emitChain(node);
      if (op === K.AsteriskAsteriskToken) {
        const base = operand(node.left);
        const n = integerLiteral(ts, node.right);
        const t = `${base.composite ? `(${base.text})` : base.text} ** ${render(node.right)}`;
        return n === undefined
          ? { text: t, dimension: base.dimension, scale: base.scale, composite: true }
          : { text: t, dimension: power(base.dimension, n), scale: pow(base.scale, n), composite: true };
      }
      // + - %: both sides in NEURON's unit; a bare side is NEURON-style already.
      const l = operand(node.left);
      const r = operand(node.right);
      const quantityOf = (side: TS.Expression, e: Emitted) => hasUnit(side) || inference.infer(side).kind === "quantity" ? inNeuronUnit(e) : e;
      const L = quantityOf(node.left, l);
      const R = quantityOf(node.right, r);
      const dimension = hasUnit(node.left) || inference.infer(node.left).kind === "quantity" ? L.dimension : R.dimension;
      const rText = R.composite && ts.isBinaryExpression(node.right) ? `(${R.text})` : R.text;
      return { text: `${L.text} ${node.operatorToken.getText(sf)} ${rText}`, dimension, scale: neuronUnitFor(dimension).scale, composite: true };
    }
    throw new Error(`unit transform: unexpected ${ts.SyntaxKind[node.kind]}`);
  };

  const collect = (node: TS.Node, edits: Edit[]): void => {
    if (ts.isImportDeclaration(node) && units.imports.includes(node)) {
      // Keep the line count: stack traces and source maps point at the user's lines.
      edits.push({ start: node.getStart(sf), end: node.end, text: "\n".repeat(node.getText(sf).split("\n").length - 1) });
      return;
    }
    if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    if (ts.isShorthandPropertyAssignment(node) && units.unitOf(node.name)) {
      edits.push({ start: node.getStart(sf), end: node.end, text: `${node.name.text}: ${emit(node.name).text}` });
      return;
    }
    if (ts.isExpression(node) && isArithmetic(node) && hasUnit(node)) {
      edits.push({ start: node.getStart(sf), end: node.end, text: inNeuronUnit(emit(node)).text });
      return;
    }
    ts.forEachChild(node, (child) => collect(child, edits));
  };

  const splice = (from: number, to: number, edits: Edit[]): string => {
    let out = "";
    let pos = from;
    for (const e of edits) {
      out += text.slice(pos, e.start) + e.text;
      pos = e.end;
    }
    return out + text.slice(pos, to);
  };

  /** A node's source text with the rewrites of the expressions inside it. */
  function render(node: TS.Node): string {
    const edits: Edit[] = [];
    ts.forEachChild(node, (child) => collect(child, edits));
    return splice(node.getStart(sf), node.end, edits);
  }

  if (units.imports.length === 0) return text;
  const edits: Edit[] = [];
  collect(sf, edits);
  return splice(0, text.length, edits);
}

