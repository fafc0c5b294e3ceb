// Every rule of the unit checker, in the order their diagnostics are reported at one position.
import { dimensionedMathArgument } from "./dimensioned-math-argument.ts";
import { mixedDimensions } from "./mixed-dimensions.ts";
import { nonIntegerPower } from "./non-integer-power.ts";
import type { Rule } from "./rule.ts";
import { slotDimension } from "./slot-dimension.ts";
import { slotUnitBrand } from "./slot-unit-brand.ts";
import { unitNamespace } from "./unit-namespace.ts";

export const RULES: readonly Rule[] = [
  slotDimension, mixedDimensions, dimensionedMathArgument, nonIntegerPower, slotUnitBrand, unitNamespace,
] as Rule[];
