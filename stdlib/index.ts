// neuron-ts: NEURON's scripting model in TypeScript. `h` is the one model a script builds.
import type { H } from "./api.ts";
import "./section.ts";
import { createH } from "./h.ts";

export const h: H = createH();
export { print, pyStr } from "./print.ts";
export type * from "./api.ts";
