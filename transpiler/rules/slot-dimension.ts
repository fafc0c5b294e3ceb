// A slot given a value of the wrong dimension: a property or variable assigned, a function
// argument, a returned value, an object-literal property. The slot's unit comes from its declared
// type's brand (NEURON's slots in stdlib/api.ts, `d: ms` in user code) or, for a binding declared
// without a type, from the unit of its initializer (`let onset = 2 * ms`).
import { formatDimension, sameDimension } from "../../units/dimension.ts";
import { neuronUnitFor } from "../../units/neuron.ts";
import type { Unit } from "../../units/parse.ts";
import type { TS } from "../analysis/typescript.ts";
import { defineRule, type RuleContext } from "./rule.ts";

type Id = "slotDimension";

interface Slot {
  readonly name: string;
  readonly unit: Unit;
}

function check(ctx: RuleContext<Id>, value: TS.Expression, slot: Slot | undefined): void {
  if (!slot) return;
  const v = ctx.inference.infer(value);
  if (v.kind !== "quantity" || sameDimension(v.unit.dimension, slot.unit.dimension)) return;
  ctx.report(value, "slotDimension", {
    slot: slot.name,
    expected: formatDimension(slot.unit.dimension),
    unit: neuronUnitFor(slot.unit.dimension).name,
    source: ctx.source(value),
    actual: formatDimension(v.unit.dimension),
  });
}

function typeSlot(ctx: RuleContext<Id>, type: TS.Type | undefined, name: string): Slot | undefined {
  const unit = type && ctx.brands.unitOfType(type);
  return unit ? { name, unit } : undefined;
}

function containingFunction(ctx: RuleContext<Id>, node: TS.Node): TS.SignatureDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) if (ctx.ts.isFunctionLike(n)) return n;
  return undefined;
}

function functionName(ctx: RuleContext<Id>, fn: TS.SignatureDeclaration): string {
  const { ts } = ctx;
  if (fn.name) return ctx.source(fn.name);
  const p = fn.parent;
  if (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) return ctx.source(p.name);
  return "function";
}

export const slotDimension = defineRule<Id>({
  name: "slot-dimension",
  messages: {
    slotDimension: { code: 9001, text: "'{{slot}}' expects {{expected}} ({{unit}}), but '{{source}}' is {{actual}}." },
  },
  visit(node, ctx) {
    const { ts, checker } = ctx;
    const K = ts.SyntaxKind;
    if (node.parent && ts.isArrowFunction(node.parent) && node.parent.body === node && node.parent.type) {
      const unit = ctx.inference.annotationUnit(node.parent.type)?.unit;
      check(ctx, node as TS.Expression, unit && { name: `return of ${functionName(ctx, node.parent)}`, unit });
    }
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op !== K.EqualsToken && op !== K.PlusEqualsToken && op !== K.MinusEqualsToken) return;
      const target = ctx.inference.infer(node.left);
      if (target.kind === "quantity") check(ctx, node.right, { name: ctx.source(node.left), unit: target.unit });
    } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const args = node.arguments ?? [];
      if (args.length === 0 || !args.some((a) => ctx.inference.infer(a).kind === "quantity")) return;
      const sig = checker.getResolvedSignature(node);
      if (!sig) return;
      const params = sig.getParameters();
      args.forEach((arg, i) => {
        const p = params[i];
        const decl = p?.valueDeclaration;
        if (!p || (decl && ts.isParameter(decl) && decl.dotDotDotToken)) return;
        check(ctx, arg, typeSlot(ctx, checker.getTypeOfSymbolAtLocation(p, node), `${ctx.source(node.expression)}(${p.name})`));
      });
    } else if (ts.isVariableDeclaration(node) && node.type && node.initializer) {
      const unit = ctx.inference.annotationUnit(node.type)?.unit;
      check(ctx, node.initializer, unit && { name: ctx.source(node.name), unit });
    } else if (ts.isReturnStatement(node) && node.expression) {
      const fn = containingFunction(ctx, node);
      const unit = fn?.type && ctx.inference.annotationUnit(fn.type)?.unit;
      check(ctx, node.expression, unit && fn && { name: `return of ${functionName(ctx, fn)}`, unit });
    } else if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
      if (ctx.inference.infer(node.initializer).kind !== "quantity") return;
      check(ctx, node.initializer, typeSlot(ctx, checker.getContextualType(node.initializer), ctx.source(node.name)));
    }
  },
});
