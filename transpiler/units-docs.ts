// Keeps docs/units.md's slot table equal to stdlib/api.ts's brands: `renderUnitsDoc` replaces the
// text between the doc's slot-table markers with the generated table.
import path from "node:path";
import type { TypeScript } from "./analysis/typescript.ts";
import { createScriptProgram } from "./program.ts";
import { slotTable, slotTableMarkdown } from "./slot-table.ts";

export const SLOT_TABLE_BEGIN = "<!-- slot-table:begin (generated from stdlib/api.ts by `npm run check:units-docs -- --write`) -->";
export const SLOT_TABLE_END = "<!-- slot-table:end -->";

/** The slot table of every `api.ts` under stdlib/, as markdown. */
export function generatedSlotTable(ts: TypeScript, root: string, apiFiles: readonly string[]): string {
  const program = createScriptProgram(ts, apiFiles, root);
  return apiFiles.map((f) => `**${path.relative(root, f)}**\n\n${slotTableMarkdown(slotTable(ts, program, f))}`).join("\n");
}

/** `doc` with its slot table replaced by `table`. */
export function renderUnitsDoc(doc: string, table: string): string {
  const a = doc.indexOf(SLOT_TABLE_BEGIN);
  const b = doc.indexOf(SLOT_TABLE_END);
  if (a < 0 || b < a) throw new Error("docs/units.md: slot-table markers missing");
  return `${doc.slice(0, a + SLOT_TABLE_BEGIN.length)}\n\n${table}\n${doc.slice(b)}`;
}
