// docs/units.md's slot table is generated from stdlib/api.ts's brands (the one place a slot's
// unit is declared); this keeps the published table equal to what the checker reads.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { generatedSlotTable, renderUnitsDoc } from "../../transpiler/units-docs.ts";
import { ROOT } from "./harness.ts";

const apiFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? apiFiles(path.join(dir, e.name)) : e.name === "api.ts" ? [path.join(dir, e.name)] : []).sort();

describe("docs/units.md", () => {
  it("lists every branded slot of stdlib's api.ts files (npm run check:units-docs -- --write regenerates it)", () => {
    const doc = readFileSync(path.join(ROOT, "docs", "units.md"), "utf8");
    const table = generatedSlotTable(ts, ROOT, apiFiles(path.join(ROOT, "stdlib")));
    expect(table).toContain("| `IClamp.delay` | ms | [time] |");
    expect(table).toContain("| `H.finitialize(v)` | mV | [voltage] |");
    expect(renderUnitsDoc(doc, table)).toBe(doc);
  });
});
