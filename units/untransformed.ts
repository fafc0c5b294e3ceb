// The rule for scripts run without the unit transform: they are refused, never run with wrong
// numbers. NEURON's slot units are not one coherent system (S/cm² for a channel density, µS for a
// synapse, mA/cm² beside nA), so no single number per unit name can make every unit expression
// store NEURON's number; the transform converts each expression for its slot at compile time and
// inlines every unit, and a module that is still loaded at run time was not transformed.

export const UNTRANSFORMED_MESSAGE =
  "neuron-ts/units was loaded without the neuron-ts unit transform, so unit expressions would " +
  "store unconverted numbers. Units are checked and converted at compile time " +
  "(`36 * mS / cm ** 2` becomes 0.036) and have no run-time values. Run the script with " +
  "`npx neuron-ts run script.ts`, or add the transform to your build: unitsPlugin() from " +
  "neuron-ts's transpiler/esbuild-plugin.ts for esbuild, neuronTsUnits() from " +
  "transpiler/vite-plugin.ts for vite and vitest (see docs/units.md).";

export function refuseUntransformedLoad(): void {
  throw new Error(UNTRANSFORMED_MESSAGE);
}
