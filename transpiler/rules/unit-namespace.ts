// `import * as u from "neuron-ts/units"` is fine as long as the namespace is only used as
// `u.mV`: the transform replaces those with numbers and the module never loads. Passing `u`
// itself around would need the module at run time.
import { defineRule } from "./rule.ts";

export const unitNamespace = defineRule<"namespaceEscapes">({
  name: "unit-namespace",
  messages: {
    namespaceEscapes: {
      code: 9007,
      text: "'{{source}}' uses the units namespace as a value; write {{source}}.NAME (a unit), which compiles to a number.",
    },
  },
  visit(node, ctx) {
    const { ts } = ctx;
    if (!ts.isIdentifier(node) || !ctx.units.isNamespace(node)) return;
    const p = node.parent;
    if (ts.isNamespaceImport(p) || (ts.isPropertyAccessExpression(p) && p.expression === node && ctx.units.unitOf(p))) return;
    if (ts.isTypeQueryNode(p) || ts.isQualifiedName(p)) return;
    ctx.report(node, "namespaceEscapes", { source: ctx.source(node) });
  },
});
