// What a checker rule is: typescript-eslint style, its messages declared once with ids, codes
// and {{placeholders}}; `visit` sees every node of a user's file and reports through the context.
import type { BrandReader } from "../analysis/brands.ts";
import type { UnitInference } from "../analysis/infer.ts";
import type { TS, TypeScript } from "../analysis/typescript.ts";
import type { UnitReferences } from "../analysis/unit-references.ts";

export interface MessageDefinition {
  /** A diagnostic code, as TypeScript's are (shown as NTS<code>). */
  readonly code: number;
  /** The message, with {{name}} placeholders filled from the report's data. */
  readonly text: string;
}

export interface RuleContext<Id extends string> {
  readonly ts: TypeScript;
  readonly checker: TS.TypeChecker;
  readonly sourceFile: TS.SourceFile;
  readonly inference: UnitInference;
  readonly brands: BrandReader;
  readonly units: UnitReferences;
  report(node: TS.Node, messageId: Id, data: Record<string, string>): void;
  /** The user's source text of a node, on one line, as messages quote it. */
  source(node: TS.Node): string;
}

export interface Rule<Id extends string = string> {
  readonly name: string;
  readonly messages: Readonly<Record<Id, MessageDefinition>>;
  visit(node: TS.Node, context: RuleContext<Id>): void;
}

export function defineRule<Id extends string>(rule: Rule<Id>): Rule<Id> {
  return rule;
}

export function fillMessage(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    if (!(k in data)) throw new Error(`message placeholder {{${k}}} has no data`);
    return data[k]!;
  });
}
