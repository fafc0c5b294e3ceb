// Types of bundle-cache.mjs (plain JavaScript: bin/neuron-ts.mjs imports it before any build).
export type Stamp = [file: string, size: number, mtimeMs: number, ctimeMs: number];
export declare const RACY_MS: number;
export declare function fileStamp(file: string): Stamp | null;
export declare function sameStamp(a: Stamp, b: Stamp): boolean;
export declare function writeAtomic(file: string, text: string): void;
export declare function writeBundle(dir: string, prefix: string, code: string, map: string, linked: string): string;
export declare function pruneBundles(dir: string, prefix: string, bundle: string, before: number): void;
