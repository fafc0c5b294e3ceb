// Options of the public entry points, validated at the boundary with uniform messages (esbuild's
// style): an unknown option or a value of the wrong type is an error that names the entry point.
export type OptionKind = "string" | "object" | "function" | "boolean";

export function validateOptions<T extends object>(
  entry: string, value: unknown, spec: Readonly<Record<string, OptionKind>>,
): T {
  if (value === undefined) return {} as T;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${entry}: options must be an object`);
  }
  for (const [k, v] of Object.entries(value)) {
    const kind = spec[k];
    if (!kind) throw new TypeError(`${entry}: unknown option '${k}' (known: ${Object.keys(spec).join(", ")})`);
    if (v !== undefined && typeof v !== kind) throw new TypeError(`${entry}: option '${k}' must be a ${kind}`);
  }
  return value as T;
}
