// neuron-ts/units — PROVISIONAL: NEURON's neuron.units values so that scripts run before the
// unit checker/transform lands (issue 3 replaces this module).
declare const unitBrand: unique symbol;
/** A number in NEURON unit U. The brand is phantom and optional: a bare number fits any slot. */
export type Quantity<U extends string> = number & { readonly [unitBrand]?: U };

export const mM = 1, ms = 1, mV = 1, um = 1, µm = 1, μm = 1;
export const uM = 1e-3, µM = 1e-3, μM = 1e-3, nM = 1e-6, M = 1e3;
export const us = 1e-3, µs = 1e-3, μs = 1e-3, s = 1e3, sec = 1e3, minute = 60e3, hour = 3600e3, day = 86400e3;
export const nm = 1e-3, mm = 1e3, cm = 1e4, m = 1e6;
export const uV = 1e-3, µV = 1e-3, μV = 1e-3, V = 1e3;
