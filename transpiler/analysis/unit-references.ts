// Which identifiers in a file are units: the bindings of `import { mV, µm as um } from
// "neuron-ts/units"` and `import * as u from "neuron-ts/units"` (then `u.mV`). A local variable
// that shadows a unit name is not a unit: references are matched by symbol, not by name.
import { lookupUnit, type UnitDefinition } from "../../units/table.ts";
import type { TS, TypeScript } from "./typescript.ts";

export const UNITS_MODULE = "neuron-ts/units";

export interface UnitReferences {
  /** The file's import declarations of neuron-ts/units (the transform removes them). */
  readonly imports: readonly TS.ImportDeclaration[];
  /** The unit `node` refers to, if it is a reference to a unit constant. */
  unitOf(node: TS.Node): UnitDefinition | undefined;
  /** Namespace imports of the units module (`u` in `import * as u`). */
  isNamespace(node: TS.Node): boolean;
}

/** Whether an import's module specifier names the units module (by package name or by path). */
export function isUnitsModule(ts: TypeScript, checker: TS.TypeChecker, decl: TS.ImportDeclaration): boolean {
  const spec = decl.moduleSpecifier;
  if (!ts.isStringLiteral(spec)) return false;
  if (spec.text === UNITS_MODULE) return true;
  if (!spec.text.startsWith(".")) return false;
  // A relative import of the package's own units/index.ts (tests and examples inside the repo).
  const target = checker.getSymbolAtLocation(spec)?.valueDeclaration;
  return !!target && ts.isSourceFile(target) && /[\\/]units[\\/]index\.ts$/.test(target.fileName) &&
    target.text.includes("refuseUntransformedLoad");
}

export function findUnitReferences(ts: TypeScript, checker: TS.TypeChecker, sf: TS.SourceFile): UnitReferences {
  const imports: TS.ImportDeclaration[] = [];
  const named = new Map<TS.Symbol, UnitDefinition>();
  const namespaces = new Set<TS.Symbol>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !isUnitsModule(ts, checker, st)) continue;
    imports.push(st);
    const clause = st.importClause;
    if (!clause || clause.isTypeOnly) continue;
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) {
      const sym = checker.getSymbolAtLocation(bindings.name);
      if (sym) namespaces.add(sym);
    } else if (bindings) {
      for (const el of bindings.elements) {
        if (el.isTypeOnly) continue;
        const unit = lookupUnit((el.propertyName ?? el.name).text);
        const sym = checker.getSymbolAtLocation(el.name);
        if (unit && sym) named.set(sym, unit);
      }
    }
  }
  const none = named.size === 0 && namespaces.size === 0;
  const isNamespace = (node: TS.Node): boolean => {
    if (namespaces.size === 0 || !ts.isIdentifier(node)) return false;
    const sym = checker.getSymbolAtLocation(node);
    return !!sym && namespaces.has(sym);
  };
  return {
    imports,
    isNamespace,
    unitOf(node) {
      if (none) return undefined;
      if (ts.isIdentifier(node)) {
        const p = node.parent;
        if (ts.isPropertyAccessExpression(p) && p.name === node) return undefined;
        const sym = ts.isShorthandPropertyAssignment(p) && p.name === node
          ? checker.getShorthandAssignmentValueSymbol(p)
          : checker.getSymbolAtLocation(node);
        return sym ? named.get(sym) : undefined;
      }
      if (ts.isPropertyAccessExpression(node) && isNamespace(node.expression)) return lookupUnit(node.name.text);
      return undefined;
    },
  };
}
