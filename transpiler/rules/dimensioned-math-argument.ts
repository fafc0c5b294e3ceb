// `Math.exp`, `Math.log` and the other transcendental functions of a dimensioned value
// (`Math.exp(v0)` with v0 = -65 * mV): the argument must be a ratio (`v / (25 * mV)`). Values only
// read from NEURON's slots are not flagged: a NEURON-style script's `Math.log(seg.cai)` means mM.
import { formatDimension, isDimensionless } from "../../units/dimension.ts";
import { mathFunction, TRANSCENDENTAL } from "../analysis/infer.ts";
import { defineRule } from "./rule.ts";

export const dimensionedMathArgument = defineRule<"dimensionedArgument">({
  name: "dimensioned-math-argument",
  messages: {
    dimensionedArgument: { code: 9003, text: "'Math.{{fn}}' needs a dimensionless argument, but '{{source}}' is {{actual}}." },
  },
  visit(node, ctx) {
    if (!ctx.ts.isCallExpression(node)) return;
    const fn = mathFunction(ctx.ts, ctx.checker, node);
    const arg = node.arguments[0];
    if (fn === undefined || !TRANSCENDENTAL.has(fn) || !arg) return;
    const info = ctx.inference.infer(arg);
    if (info.kind !== "quantity" || !info.explicit || isDimensionless(info.unit.dimension)) return;
    ctx.report(arg, "dimensionedArgument", { fn, source: ctx.source(arg), actual: formatDimension(info.unit.dimension) });
  },
});
