// A slot's unit, read from its declared type: `Quantity<"ms">` is `number & { [unitBrand]?: "ms" }`,
// so the unit is the string literal type of the intersection's brand property. Unions (an optional
// `v?: mV`, `Dt?: ms | Vector`) have the unit of their one branded member.
import { parseUnit, type Unit } from "../../units/parse.ts";
import type { TS, TypeScript } from "./typescript.ts";

const BRAND_PREFIX = "__@unitBrand";

export class BrandReader {
  private readonly byType = new Map<TS.Type, string | null>();
  private readonly units = new Map<string, Unit | null>();

  constructor(private readonly ts: TypeScript, private readonly checker: TS.TypeChecker) {}

  /** The brand string of a type ("ms", "S/cm2"), if it carries exactly one. */
  brandOf(type: TS.Type): string | undefined {
    let b = this.byType.get(type);
    if (b === undefined) {
      b = this.read(type) ?? null;
      this.byType.set(type, b);
    }
    return b ?? undefined;
  }

  /** The unit a brand string names, or undefined when it names none. */
  unitOfBrand(brand: string): Unit | undefined {
    let u = this.units.get(brand);
    if (u === undefined) {
      try {
        u = parseUnit(brand);
      } catch {
        u = null;
      }
      this.units.set(brand, u);
    }
    return u ?? undefined;
  }

  unitOfType(type: TS.Type): Unit | undefined {
    const b = this.brandOf(type);
    return b === undefined ? undefined : this.unitOfBrand(b);
  }

  private read(type: TS.Type): string | undefined {
    const { ts } = this;
    if (type.isUnion()) {
      const found = new Set<string>();
      for (const t of type.types) {
        const b = this.brandOf(t);
        if (b !== undefined) found.add(b);
      }
      return found.size === 1 ? [...found][0] : undefined;
    }
    if (!type.isIntersection()) return undefined;
    for (const member of type.types) {
      if (!(member.flags & ts.TypeFlags.Object)) continue;
      for (const prop of member.getProperties()) {
        if (!String(prop.escapedName).startsWith(BRAND_PREFIX)) continue;
        const t = this.checker.getTypeOfSymbol(prop);
        for (const lit of t.isUnion() ? t.types : [t]) if (lit.isStringLiteral()) return lit.value;
      }
    }
    return undefined;
  }
}
