// The unit of every numeric expression. A quantity's `unit` is the unit its run-time number is
// held in: an expression that contains a unit constant is emitted in NEURON's unit of its
// dimension (the transform converts it), any other keeps the product of its operands' units (a
// slot read is NEURON's number in the slot's unit).
//
// Bare numbers are NEURON-style: `5` in a slot is the slot's unit, `x + 5` takes x's unit, and
// `2 * (5 * mV)` scales. A slot read times a bare number (`seg.v / 10`) is unknown: a NEURON
// script's 10 may well mean 10 mV. Unknown is silent everywhere.
import {
  divide, isDimensionless, multiply, power, root, sameDimension, type Dimension,
} from "../../units/dimension.ts";
import { neuronUnitFor } from "../../units/neuron.ts";
import type { Unit } from "../../units/parse.ts";
import { div, mul, pow } from "../../units/rational.ts";
import type { UnitDefinition } from "../../units/table.ts";
import type { BrandReader } from "./brands.ts";
import type { TS, TypeScript } from "./typescript.ts";
import type { UnitReferences } from "./unit-references.ts";

export type UnitInfo =
  | { readonly kind: "unknown" }
  /** A number with no unit of its own: a literal, or arithmetic of literals. */
  | { readonly kind: "bare" }
  | {
      readonly kind: "quantity";
      readonly unit: Unit;
      /** Written with units or brands in the user's code (not only read from NEURON's slots). */
      readonly explicit: boolean;
      /** Contains a unit constant (so the transform emits it in NEURON's unit). */
      readonly hasUnitConstant: boolean;
    };

export type Quantity = Extract<UnitInfo, { kind: "quantity" }>;

export const UNKNOWN: UnitInfo = { kind: "unknown" };
export const BARE: UnitInfo = { kind: "bare" };

export function quantity(dimension: Dimension, scale: Unit["scale"], explicit: boolean, hasUnitConstant: boolean): Quantity {
  const unit = hasUnitConstant ? neuronUnitFor(dimension) : { dimension, scale };
  return { kind: "quantity", unit: { dimension: unit.dimension, scale: unit.scale }, explicit, hasUnitConstant };
}

/** Math functions whose result has their argument's unit. */
const SAME_UNIT = new Set(["abs", "round", "floor", "ceil", "trunc", "fround"]);
/** Math functions whose arguments must share one dimension; the result has it. */
export const SAME_DIMENSION_ARGS = new Set(["max", "min", "hypot"]);
/** Math functions that need a dimensionless argument. */
export const TRANSCENDENTAL = new Set([
  "exp", "expm1", "log", "log1p", "log2", "log10", "sin", "cos", "tan", "asin", "acos", "atan",
  "sinh", "cosh", "tanh", "asinh", "acosh", "atanh",
]);

export interface InferenceContext {
  readonly ts: TypeScript;
  readonly checker: TS.TypeChecker;
  readonly brands: BrandReader;
  readonly units: UnitReferences;
  /** Files whose declarations are neuron-ts's own (their slots hold NEURON's numbers). */
  isLibraryFile(sf: TS.SourceFile): boolean;
}

/** The integer value of an exponent written as an integer literal (`2`, `-2`, `(3)`). */
export function integerLiteral(ts: TypeScript, node: TS.Expression): number | undefined {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
    const n = integerLiteral(ts, node.operand);
    return n === undefined ? undefined : -n;
  }
  if (ts.isNumericLiteral(node)) {
    const n = Number(node.text);
    return Number.isInteger(n) ? n : undefined;
  }
  return undefined;
}

/** `Math.name(...)` on the global Math: the function name. */
export function mathFunction(ts: TypeScript, checker: TS.TypeChecker, call: TS.CallExpression): string | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== "Math") return undefined;
  const decl = checker.getSymbolAtLocation(callee.expression)?.declarations?.[0];
  return !decl || decl.getSourceFile().isDeclarationFile ? callee.name.text : undefined;
}

export class UnitInference {
  private readonly memo = new Map<TS.Node, UnitInfo>();
  private readonly inProgress = new Set<TS.Node>();

  constructor(private readonly ctx: InferenceContext) {}

  infer(node: TS.Expression): UnitInfo {
    let r = this.memo.get(node);
    if (!r) {
      r = this.compute(node);
      this.memo.set(node, r);
    }
    return r;
  }

  /** The unit a declared type annotation gives (`d: ms`), as an explicit quantity. */
  annotationUnit(typeNode: TS.TypeNode): Quantity | undefined {
    const u = this.ctx.brands.unitOfType(this.ctx.checker.getTypeFromTypeNode(typeNode));
    return u ? quantity(u.dimension, u.scale, true, false) : undefined;
  }

  /** The unit of a declared binding (variable, parameter, field, property), if it has one. */
  declarationUnit(decl: TS.Declaration, at: TS.Node): UnitInfo {
    const { ts } = this.ctx;
    if (this.ctx.isLibraryFile(decl.getSourceFile())) return this.typeUnit(at, false);
    if (this.inProgress.has(decl)) return UNKNOWN;
    this.inProgress.add(decl);
    try {
      if (ts.isParameter(decl) || ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) || ts.isPropertySignature(decl)) {
        if (decl.type) return this.annotationUnit(decl.type) ?? UNKNOWN;
        if (ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(decl.parent) && ts.isForOfStatement(decl.parent.parent)) {
          return this.elementUnit(decl.parent.parent.expression);
        }
        if (!ts.isParameter(decl) && !ts.isPropertySignature(decl) && decl.initializer) return this.infer(decl.initializer);
        return UNKNOWN;
      }
      if (ts.isPropertyAssignment(decl)) return this.infer(decl.initializer);
      if (ts.isShorthandPropertyAssignment(decl)) {
        const sym = this.ctx.checker.getShorthandAssignmentValueSymbol(decl);
        const d = sym?.valueDeclaration;
        return d ? this.declarationUnit(d, decl.name) : UNKNOWN;
      }
      return this.typeUnit(at, true);
    } finally {
      this.inProgress.delete(decl);
    }
  }

  /** The unit of the elements of an iterated expression (array literal, array binding, typed array). */
  elementUnit(expr: TS.Expression): UnitInfo {
    const { ts, checker } = this.ctx;
    while (ts.isParenthesizedExpression(expr)) expr = expr.expression;
    if (ts.isArrayLiteralExpression(expr)) {
      if (expr.elements.some((e) => ts.isSpreadElement(e) || ts.isOmittedExpression(e))) return UNKNOWN;
      return this.join(expr.elements.map((e) => this.infer(e)));
    }
    if (ts.isIdentifier(expr)) {
      const decl = checker.getSymbolAtLocation(expr)?.valueDeclaration;
      if (decl && ts.isVariableDeclaration(decl) && !decl.type && decl.initializer && !this.ctx.isLibraryFile(decl.getSourceFile()) &&
          ts.isVariableDeclarationList(decl.parent) && decl.parent.flags & ts.NodeFlags.Const) {
        return this.elementUnit(decl.initializer);
      }
    }
    const type = checker.getTypeAtLocation(expr);
    const element = checker.getIndexTypeOfType(type, ts.IndexKind.Number);
    const u = element && this.ctx.brands.unitOfType(element);
    return u ? quantity(u.dimension, u.scale, true, false) : UNKNOWN;
  }

  /** One unit for several values that must share it (array elements, branches). */
  join(infos: UnitInfo[]): UnitInfo {
    let out: UnitInfo = BARE;
    for (const i of infos) {
      if (i.kind === "unknown") return UNKNOWN;
      if (i.kind === "bare") continue;
      if (out.kind === "bare") out = i;
      else if (out.kind === "quantity") {
        if (!sameDimension(out.unit.dimension, i.unit.dimension)) return UNKNOWN;
        out = quantity(out.unit.dimension, out.unit.scale, out.explicit || i.explicit, out.hasUnitConstant || i.hasUnitConstant);
      }
    }
    return out;
  }

  private typeUnit(node: TS.Node, explicit: boolean): UnitInfo {
    const u = this.ctx.brands.unitOfType(this.ctx.checker.getTypeAtLocation(node));
    return u ? quantity(u.dimension, u.scale, explicit, false) : UNKNOWN;
  }

  private unitConstant(def: UnitDefinition): Quantity {
    return quantity(def.dimension, def.scale, true, true);
  }

  private compute(node: TS.Expression): UnitInfo {
    const { ts } = this.ctx;
    const K = ts.SyntaxKind;
    if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)) {
      return this.infer(node.expression);
    }
    if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
      return this.annotationUnit(node.type) ?? this.infer(node.expression);
    }
    if (ts.isNumericLiteral(node)) return BARE;
    if (ts.isPrefixUnaryExpression(node)) {
      const op = node.operator;
      return op === K.MinusToken || op === K.PlusToken || op === K.PlusPlusToken || op === K.MinusMinusToken
        ? this.infer(node.operand) : UNKNOWN;
    }
    if (ts.isPostfixUnaryExpression(node)) return this.infer(node.operand);
    if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
      const def = this.ctx.units.unitOf(node);
      if (def) return this.unitConstant(def);
      return this.reference(node);
    }
    if (ts.isBinaryExpression(node)) return this.binary(node);
    if (ts.isConditionalExpression(node)) return this.join([this.infer(node.whenTrue), this.infer(node.whenFalse)]);
    if (ts.isCallExpression(node)) return this.call(node);
    if (ts.isElementAccessExpression(node)) {
      const e = this.elementUnit(node.expression);
      return e.kind === "unknown" ? this.typeUnit(node, false) : e;
    }
    return UNKNOWN;
  }

  private reference(node: TS.Identifier | TS.PropertyAccessExpression): UnitInfo {
    const { ts, checker } = this.ctx;
    let sym = checker.getSymbolAtLocation(ts.isIdentifier(node) ? node : node.name);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
    const decl = sym?.valueDeclaration ?? sym?.declarations?.[0];
    if (!decl) return this.typeUnit(node, false);
    return this.declarationUnit(decl, node);
  }

  private binary(node: TS.BinaryExpression): UnitInfo {
    const { ts } = this.ctx;
    const K = ts.SyntaxKind;
    const op = node.operatorToken.kind;
    switch (op) {
      case K.AsteriskToken:
      case K.SlashToken:
        return this.product(this.infer(node.left), this.infer(node.right), op === K.SlashToken);
      case K.PlusToken:
      case K.MinusToken:
      case K.PercentToken:
        return this.sum(this.infer(node.left), this.infer(node.right));
      case K.AsteriskAsteriskToken:
        return this.power(this.infer(node.left), node.right);
      case K.EqualsToken:
      case K.CommaToken:
        return this.infer(node.right);
      case K.PlusEqualsToken:
      case K.MinusEqualsToken:
        return this.infer(node.left);
      default:
        return UNKNOWN;
    }
  }

  product(l: UnitInfo, r: UnitInfo, divideBy: boolean): UnitInfo {
    if (l.kind === "unknown" || r.kind === "unknown") return UNKNOWN;
    if (l.kind === "bare" && r.kind === "bare") return BARE;
    if (l.kind === "bare" || r.kind === "bare") {
      const q = (l.kind === "quantity" ? l : r) as Quantity;
      if (!q.explicit) return UNKNOWN; // `seg.v / 10`: the 10 may carry a unit, NEURON-style
      if (divideBy && r === q) return quantity(power(q.unit.dimension, -1), pow(q.unit.scale, -1), true, q.hasUnitConstant);
      return q;
    }
    const dim = divideBy ? divide(l.unit.dimension, r.unit.dimension) : multiply(l.unit.dimension, r.unit.dimension);
    const scale = divideBy ? div(l.unit.scale, r.unit.scale) : mul(l.unit.scale, r.unit.scale);
    return quantity(dim, scale, l.explicit || r.explicit, l.hasUnitConstant || r.hasUnitConstant);
  }

  sum(l: UnitInfo, r: UnitInfo): UnitInfo {
    if (l.kind === "unknown" || r.kind === "unknown") return UNKNOWN;
    if (l.kind === "bare") return r;
    if (r.kind === "bare") return l;
    if (!sameDimension(l.unit.dimension, r.unit.dimension)) return UNKNOWN; // reported by mixed-dimensions
    return quantity(l.unit.dimension, l.unit.scale, l.explicit || r.explicit, l.hasUnitConstant || r.hasUnitConstant);
  }

  private power(base: UnitInfo, exponent: TS.Expression): UnitInfo {
    if (base.kind !== "quantity") return base;
    const n = integerLiteral(this.ctx.ts, exponent);
    if (n === undefined) return isDimensionless(base.unit.dimension) ? base : UNKNOWN; // reported by non-integer-power
    return quantity(power(base.unit.dimension, n), pow(base.unit.scale, n), base.explicit, base.hasUnitConstant);
  }

  private call(node: TS.CallExpression): UnitInfo {
    const { ts, checker } = this.ctx;
    const fn = mathFunction(ts, checker, node);
    if (fn !== undefined) {
      const args = node.arguments.map((a) => this.infer(a));
      if (SAME_UNIT.has(fn)) return args[0] ?? UNKNOWN;
      if (SAME_DIMENSION_ARGS.has(fn)) return args.length ? this.join(args) : UNKNOWN;
      if (fn === "sqrt" || fn === "cbrt") {
        const a = args[0];
        if (!a || a.kind !== "quantity") return a ?? UNKNOWN;
        const d = root(a.unit.dimension, fn === "sqrt" ? 2 : 3);
        // Values outside arithmetic are in NEURON's units, whose roots are NEURON's units again.
        return d ? quantity(d, neuronUnitFor(d).scale, a.explicit, a.hasUnitConstant) : UNKNOWN;
      }
      if (fn === "pow" && node.arguments.length === 2) return this.power(args[0]!, node.arguments[1]!);
      if (TRANSCENDENTAL.has(fn) || fn === "sign") return args[0]?.kind === "unknown" ? UNKNOWN : BARE;
      return UNKNOWN;
    }
    // A function whose declared return type carries a brand (`seg.area(): um2`, `f(): ms`).
    const sig = checker.getResolvedSignature(node);
    const decl = sig?.getDeclaration();
    if (!sig || !decl) return UNKNOWN;
    const u = this.ctx.brands.unitOfType(checker.getReturnTypeOfSignature(sig));
    return u ? quantity(u.dimension, u.scale, !this.ctx.isLibraryFile(decl.getSourceFile()), false) : UNKNOWN;
  }
}

