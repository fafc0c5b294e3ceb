// The slot-unit table, read from the declarations: every numeric slot of `h` and of what it
// returns (properties, and parameters and results of methods) whose type carries a unit brand.
// stdlib/api.ts declares each slot's unit once, as a brand; the checker reads the same brands,
// docs/units.md's table is generated from this (`npm run check:units-docs` rewrites it) and a test
// keeps it current, and test/units checks every brand is NEURON's unit of its dimension.
import { formatDimension } from "../units/dimension.ts";
import { parseUnit } from "../units/parse.ts";
import { BrandReader } from "./analysis/brands.ts";
import type { TS, TypeScript } from "./analysis/typescript.ts";

export interface SlotRow {
  /** `IClamp.delay`, `H.finitialize(v)`, `SegmentBase.area()`. */
  readonly slot: string;
  readonly unit: string;
  readonly dimension: string;
}

/** The branded slots of the interfaces and type aliases exported by `apiFile`. */
export function slotTable(ts: TypeScript, program: TS.Program, apiFile: string): SlotRow[] {
  const checker = program.getTypeChecker();
  const brands = new BrandReader(ts, checker);
  const sf = program.getSourceFile(apiFile);
  if (!sf) throw new Error(`slotTable: ${apiFile} is not in the program`);
  const rows: SlotRow[] = [];
  const add = (slot: string, type: TS.Type) => {
    const brand = brands.brandOf(type);
    if (brand !== undefined) rows.push({ slot, unit: brand, dimension: formatDimension(parseUnit(brand).dimension) });
  };
  for (const st of sf.statements) {
    if (!(ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) || !st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isTypeAliasDeclaration(st) && (st.typeParameters?.length || brands.brandOf(checker.getTypeAtLocation(st.name)) !== undefined)) continue;
    const owner = st.name.text;
    const type = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(st.name)!);
    for (const prop of checker.getPropertiesOfType(type)) {
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      // Only what this declaration itself says (inherited and mapped members are listed where declared).
      if (!decl || decl.getSourceFile() !== sf || !isWithin(decl, st)) continue;
      const name = prop.getName();
      if (name.startsWith("_ref_")) continue;
      const t = checker.getTypeOfSymbol(prop);
      const sigs = t.getCallSignatures();
      if (sigs.length === 0) {
        add(`${owner}.${name}`, t);
        continue;
      }
      for (const sig of sigs) {
        for (const p of sig.getParameters()) add(`${owner}.${name}(${p.getName()})`, checker.getTypeOfSymbol(p));
        add(`${owner}.${name}()`, sig.getReturnType());
      }
    }
  }
  return [...new Map(rows.map((r) => [r.slot, r])).values()];
}

function isWithin(node: TS.Node, ancestor: TS.Node): boolean {
  for (let n: TS.Node | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** The table as markdown. */
export function slotTableMarkdown(rows: readonly SlotRow[]): string {
  const lines = ["| slot | NEURON unit | dimension |", "| --- | --- | --- |"];
  for (const r of rows) lines.push(`| \`${r.slot}\` | ${r.unit} | ${r.dimension} |`);
  return `${lines.join("\n")}\n`;
}
