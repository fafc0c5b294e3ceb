// The elementary functions the mechanisms use. NEURON calls glibc's exp/pow/log; V8's Math.*
// differ from glibc in the last bit for a few percent of arguments. Every kernel imports these
// names from here, so the engine switches to glibc-exact versions in one place.
export const exp: (x: number) => number = Math.exp;
export const pow: (x: number, y: number) => number = Math.pow;
export const log: (x: number) => number = Math.log;
