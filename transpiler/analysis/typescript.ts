// The TypeScript compiler API as a type. Every module of the checker works with the `ts` instance
// its caller hands it (the language-service plugin gets tsserver's own), never a second copy.
import type * as TS from "typescript";

export type TypeScript = typeof TS;
export type { TS };
