// The checker's programs read neuron-ts's implementation as declarations (a fraction of the text),
// never the units module (whose run-time refusal identifies it) nor user files; the editor's full
// program reports the same diagnostics (ts-plugin.test.ts).
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { DeclarationView } from "../../transpiler/declaration-view.ts";
import { scriptCompilerOptions } from "../../transpiler/program.ts";
import { ROOT } from "./harness.ts";

describe("declaration view", () => {
  const view = new DeclarationView(ts, scriptCompilerOptions(ts));

  it("applies to stdlib/ and runtime/ sources only", () => {
    expect(view.applies(path.join(ROOT, "stdlib", "index.ts"))).toBeTruthy();
    expect(view.applies(path.join(ROOT, "runtime", "model.ts"))).toBeTruthy();
    expect(view.applies(path.join(ROOT, "units", "index.ts"))).toBeUndefined();
    expect(view.applies(path.join(ROOT, "examples", "units", "hh_soma.ts"))).toBeUndefined();
  });

  it("keeps stdlib/index.ts's declared h and drops what only its implementation imports", () => {
    const file = path.join(ROOT, "stdlib", "index.ts");
    const source = readFileSync(file, "utf8");
    const d = view.text(file, source);
    expect(d).toContain("export declare const h: H;");
    expect(d).not.toContain("createH");
    expect(d.length).toBeLessThan(source.length);
  });
});
