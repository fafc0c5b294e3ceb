// A dimensioned value raised to a power that is not an integer literal (`(2 * um) ** n`,
// `Math.pow(x * mV, 0.5)`): its dimension would not be known at compile time. NEURON-style
// `sec.diam ** 1.5` (a slot read, no unit written) is left alone.
import { formatDimension, isDimensionless } from "../../units/dimension.ts";
import { integerLiteral, mathFunction } from "../analysis/infer.ts";
import type { TS } from "../analysis/typescript.ts";
import { defineRule } from "./rule.ts";

export const nonIntegerPower = defineRule<"nonIntegerPower">({
  name: "non-integer-power",
  messages: {
    nonIntegerPower: { code: 9004, text: "'{{source}}' raises {{actual}} to a power that is not an integer literal." },
  },
  visit(node, ctx) {
    const { ts } = ctx;
    let base: TS.Expression | undefined;
    let exponent: TS.Expression | undefined;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AsteriskAsteriskToken) {
      [base, exponent] = [node.left, node.right];
    } else if (ts.isCallExpression(node) && mathFunction(ts, ctx.checker, node) === "pow") {
      [base, exponent] = node.arguments;
    }
    if (!base || !exponent || integerLiteral(ts, exponent) !== undefined) return;
    const info = ctx.inference.infer(base);
    if (info.kind !== "quantity" || !info.explicit || isDimensionless(info.unit.dimension)) return;
    ctx.report(node, "nonIntegerPower", { source: ctx.source(node), actual: formatDimension(info.unit.dimension) });
  },
});
