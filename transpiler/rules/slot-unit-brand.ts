// Unit brands written in user code must name NEURON's unit of their dimension: neuron-ts holds
// every value in that unit (it is what makes conversion a compile-time constant), so
// `Quantity<"s">` would promise seconds and deliver milliseconds.
import { formatDimension } from "../../units/dimension.ts";
import { isNeuronUnit, neuronUnitFor } from "../../units/neuron.ts";
import { parseUnit } from "../../units/parse.ts";
import { defineRule } from "./rule.ts";

export const slotUnitBrand = defineRule<"nonNeuronUnit" | "unknownUnit">({
  name: "slot-unit-brand",
  messages: {
    nonNeuronUnit: {
      code: 9005,
      text: "'{{source}}' declares {{dimension}} in {{unit}}, but neuron-ts holds {{dimension}} in NEURON's unit: write {{neuronUnit}}.",
    },
    unknownUnit: { code: 9006, text: "'{{source}}' names no unit: {{reason}}." },
  },
  visit(node, ctx) {
    if (!ctx.ts.isTypeReferenceNode(node)) return;
    const brand = ctx.brands.brandOf(ctx.checker.getTypeFromTypeNode(node));
    if (brand === undefined) return;
    try {
      const unit = parseUnit(brand);
      if (isNeuronUnit(unit)) return;
      const n = neuronUnitFor(unit.dimension).name;
      ctx.report(node, "nonNeuronUnit", {
        source: ctx.source(node), dimension: formatDimension(unit.dimension), unit: brand, neuronUnit: `Quantity<"${n}">`,
      });
    } catch (e) {
      ctx.report(node, "unknownUnit", { source: ctx.source(node), reason: (e as Error).message.replace(/^'[^']*' is not a unit: /, "") });
    }
  },
});
