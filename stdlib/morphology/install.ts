// Installs the morphology loaders on h. PROVISIONAL: issue 6.
import type { Context } from "../context.ts";

export function installMorphology(_h: Record<string, unknown>, _ctx: Context): void {}

/** h.load_file for anything but the built-in HOC libraries: returns true if it handled `path`. */
export function loadFile(_ctx: Context, _path: string): boolean {
  return false;
}
