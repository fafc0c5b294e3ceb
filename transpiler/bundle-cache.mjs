// Content-named bundles in a cache directory: shared by the CLI's own bundle (bin/neuron-ts.mjs,
// plain JavaScript run by Node directly, hence this file is not TypeScript) and the bundles of
// the scripts it runs (transpiler/run.ts).
//
// A bundle and its source map are named by their content (<prefix>-<hash>.mjs) and written under
// a temporary name, then renamed, so that concurrent processes never see half a file or pair one
// build's entry with another's bundle. Cache entries record every input's [file, size, mtime,
// ctime]; a build whose inputs changed less than RACY_MS before it began is run but not recorded.
import { readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** node:crypto, loaded when a bundle is written (loading it costs every CLI start ~5 ms). */
function crypto() {
  return process.getBuiltinModule?.("node:crypto") ?? createRequire(import.meta.url)("node:crypto");
}

/** File times can be as coarse as 1–2 s (and lag the clock by a tick): a file changed this
 * recently before a build began may have changed again during it, under the same stamp. */
export const RACY_MS = 2000;

/** [file, size, mtimeMs, ctimeMs], or null for a missing file. */
export function fileStamp(file) {
  try {
    const st = statSync(file);
    return [file, st.size, st.mtimeMs, st.ctimeMs];
  } catch {
    return null;
  }
}

export function sameStamp(a, b) {
  return a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

/** Writes under a temporary name and renames, so a concurrent reader never sees half a file. */
export function writeAtomic(file, text) {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/**
 * Writes `code` and its `map` into `dir` as <prefix>-<hash>.mjs (+ .map), the source-map link
 * esbuild wrote (`//# sourceMappingURL=<linked>`) pointed at the new map's name; returns the
 * bundle's path.
 */
export function writeBundle(dir, prefix, code, map, linked) {
  const name = `${prefix}-${crypto().createHash("sha256").update(code).update(map).digest("hex").slice(0, 16)}.mjs`;
  const link = `//# sourceMappingURL=${linked}`;
  const at = code.lastIndexOf(link);
  const text = at < 0 ? code : `${code.slice(0, at)}//# sourceMappingURL=${name}.map${code.slice(at + link.length)}`;
  const bundle = path.join(dir, name);
  writeAtomic(`${bundle}.map`, map);
  writeAtomic(bundle, text);
  return bundle;
}

/**
 * Removes the earlier bundles of `prefix` in `dir` (and their maps and leftovers), except `bundle`,
 * that were written before `before` (ms since the epoch): a younger one may be a concurrent
 * process's own build, about to be imported. A process that read an old entry a moment ago and
 * finds its bundle gone builds again.
 */
export function pruneBundles(dir, prefix, bundle, before) {
  const keep = path.basename(bundle);
  for (const f of readdirSync(dir)) {
    if (!(f.startsWith(`${prefix}-`) || f === `${prefix}.mjs`) || f.startsWith(keep)) continue;
    const st = statSync(path.join(dir, f), { throwIfNoEntry: false });
    if (st && st.mtimeMs < before) rmSync(path.join(dir, f), { force: true });
  }
}
