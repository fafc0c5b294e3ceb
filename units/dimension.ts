// The dimension algebra: a dimension is a vector of integer exponents over the SI base
// dimensions that NEURON's models use. Multiplying quantities adds exponents, dividing subtracts
// them, an integer power scales them.

export const BASE_DIMENSIONS = ["length", "mass", "time", "current", "temperature", "amount"] as const;
export type BaseDimension = (typeof BASE_DIMENSIONS)[number];

/** Exponents in BASE_DIMENSIONS order. */
export type Dimension = readonly [number, number, number, number, number, number];

export const DIMENSIONLESS: Dimension = [0, 0, 0, 0, 0, 0];

export function dimension(exponents: Partial<Record<BaseDimension, number>>): Dimension {
  return BASE_DIMENSIONS.map((b) => exponents[b] ?? 0) as unknown as Dimension;
}

export const multiply = (a: Dimension, b: Dimension): Dimension => a.map((e, i) => e + b[i]!) as unknown as Dimension;
export const divide = (a: Dimension, b: Dimension): Dimension => a.map((e, i) => e - b[i]!) as unknown as Dimension;
export const power = (a: Dimension, n: number): Dimension => a.map((e) => e * n + 0) as unknown as Dimension;
export const sameDimension = (a: Dimension, b: Dimension): boolean => a.every((e, i) => e === b[i]);
export const isDimensionless = (a: Dimension): boolean => a.every((e) => e === 0);

/** The square root, where every exponent is even. */
export function root(a: Dimension, n: number): Dimension | undefined {
  return a.every((e) => e % n === 0) ? (a.map((e) => e / n + 0) as unknown as Dimension) : undefined;
}

const V = dimension({ mass: 1, length: 2, time: -3, current: -1 });
const S = dimension({ mass: -1, length: -2, time: 3, current: 2 });
const F = dimension({ mass: -1, length: -2, time: 4, current: 2 });
const OHM = power(S, -1);
const AREA = dimension({ length: 2 });

/** Names for the dimensions a NEURON model meets; others are spelled from base dimensions. */
const NAMED: ReadonlyArray<readonly [string, Dimension]> = [
  ["dimensionless", DIMENSIONLESS],
  ["length", dimension({ length: 1 })],
  ["area", AREA],
  ["volume", dimension({ length: 3 })],
  ["time", dimension({ time: 1 })],
  ["frequency", dimension({ time: -1 })],
  ["mass", dimension({ mass: 1 })],
  ["current", dimension({ current: 1 })],
  ["temperature", dimension({ temperature: 1 })],
  ["amount", dimension({ amount: 1 })],
  ["concentration", dimension({ amount: 1, length: -3 })],
  ["voltage", V],
  ["conductance", S],
  ["resistance", OHM],
  ["capacitance", F],
  ["charge", dimension({ current: 1, time: 1 })],
  ["power", multiply(V, dimension({ current: 1 }))],
  ["current density", dimension({ current: 1, length: -2 })],
  ["conductance density", divide(S, AREA)],
  ["capacitance density", divide(F, AREA)],
  ["resistivity", multiply(OHM, dimension({ length: 1 }))],
];

/** `[voltage]`, `[conductance density]`, or `[length^2*time^-1]` for an unnamed dimension. */
export function formatDimension(a: Dimension): string {
  const named = NAMED.find(([, d]) => sameDimension(d, a));
  if (named) return `[${named[0]}]`;
  const parts = BASE_DIMENSIONS.flatMap((b, i) => (a[i] === 0 ? [] : [a[i] === 1 ? b : `${b}^${a[i]}`]));
  return `[${parts.join("*")}]`;
}
