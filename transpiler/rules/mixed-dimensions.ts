// Adding, subtracting or comparing values of different dimensions (`3 * mV + 2 * ms`,
// `seg.v > h.t`, `Math.max(1 * ms, 2 * mV)`), and mixing them in one array or in the branches of
// a conditional (`[2 * ms, 13 * mV]`), whose value then has no one unit.
import { formatDimension, sameDimension } from "../../units/dimension.ts";
import { mathFunction, SAME_DIMENSION_ARGS } from "../analysis/infer.ts";
import type { TS } from "../analysis/typescript.ts";
import { defineRule } from "./rule.ts";

export const mixedDimensions = defineRule<"mixedDimensions">({
  name: "mixed-dimensions",
  messages: {
    mixedDimensions: { code: 9002, text: "'{{source}}' {{operation}} {{left}} and {{right}}." },
  },
  visit(node, ctx) {
    const { ts } = ctx;
    const K = ts.SyntaxKind;
    let operation: string;
    let operands: readonly TS.Expression[];
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === K.PlusToken) operation = "adds";
      else if (op === K.MinusToken) operation = "subtracts";
      else if ([K.LessThanToken, K.GreaterThanToken, K.LessThanEqualsToken, K.GreaterThanEqualsToken,
        K.EqualsEqualsToken, K.EqualsEqualsEqualsToken, K.ExclamationEqualsToken, K.ExclamationEqualsEqualsToken].includes(op)) {
        operation = "compares";
      } else return;
      operands = [node.left, node.right];
    } else if (ts.isArrayLiteralExpression(node)) {
      operation = "mixes";
      operands = node.elements.filter((e) => !ts.isSpreadElement(e) && !ts.isOmittedExpression(e));
    } else if (ts.isConditionalExpression(node)) {
      operation = "mixes";
      operands = [node.whenTrue, node.whenFalse];
    } else if (ts.isCallExpression(node)) {
      const fn = mathFunction(ts, ctx.checker, node);
      if (fn === undefined || !SAME_DIMENSION_ARGS.has(fn)) return;
      operation = "compares";
      operands = node.arguments;
    } else return;
    let first: ReturnType<typeof ctx.inference.infer> | undefined;
    for (const o of operands) {
      const info = ctx.inference.infer(o);
      if (info.kind !== "quantity") continue;
      if (first?.kind !== "quantity") first = info;
      else if (!sameDimension(first.unit.dimension, info.unit.dimension)) {
        ctx.report(node, "mixedDimensions", {
          source: ctx.source(node),
          operation,
          left: formatDimension(first.unit.dimension),
          right: formatDimension(info.unit.dimension),
        });
        return;
      }
    }
  },
});
