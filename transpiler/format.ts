// tsc-style diagnostic output: `file(line,col): error NTS9001: message`, then a summary line.
import path from "node:path";
import type { UnitDiagnostic } from "./checker.ts";

export function formatDiagnostic(d: UnitDiagnostic, cwd = process.cwd()): string {
  const file = path.relative(cwd, d.fileName) || d.fileName;
  const code = d.rule === "syntax" ? `TS${d.code}` : `NTS${d.code}`;
  return `${file}(${d.line},${d.column}): error ${code}: ${d.message}`;
}

export function formatSummary(ds: readonly UnitDiagnostic[], cwd = process.cwd()): string {
  const files = [...new Set(ds.map((d) => d.fileName))];
  if (ds.length === 0) return "";
  const errors = ds.length === 1 ? "1 error" : `${ds.length} errors`;
  if (files.length === 1) return `Found ${errors} in ${path.relative(cwd, files[0]!) || files[0]}.`;
  return `Found ${errors} in ${files.length} files.`;
}
