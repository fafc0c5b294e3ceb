// Writing output files without ever leaving a partial one: the content goes to a temporary file
// in the same folder, which is then renamed over the target (rename is atomic on one file
// system). On any failure the temporary file is removed and the error names the file and why.
import { renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { builtin } from "./builtin.ts";

const REASONS: Record<string, string> = {
  ENOENT: "its folder does not exist",
  ENOTDIR: "a part of its folder path is not a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  EISDIR: "it is a folder",
  ENOSPC: "the disk is full",
  EEXIST: "a temporary file of that name exists",
};

/** A readable reason for a file-system error (its code in parentheses). */
export function fsReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const why = (err.code && REASONS[err.code]) || err.message || String(e);
  return err.code ? `${why} (${err.code})` : why;
}

/** Writes `content` to `file` atomically; `what` names the caller in the error message. */
export function writeFileAtomic(what: string, file: unknown, content: string | Uint8Array): string {
  if (typeof file !== "string" || file === "") throw new Error(`${what}: the file name must be a non-empty string, got ${String(file)}`);
  const target = path.resolve(file);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${builtin("node:crypto").randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(tmp, content, { flag: "wx" });
    renameSync(tmp, target);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing was created
    }
    throw new Error(`${what}: cannot write ${JSON.stringify(file)}: ${fsReason(e)}`);
  }
  return target;
}
