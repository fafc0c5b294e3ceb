// The editor plugin shows what the CLI shows: driven through a real language service (the
// repository's tsconfig, as an editor opens it) and through tsserver itself loading the plugin
// from the package by name, its diagnostics for every gallery script equal `neuron-ts check`'s.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../../transpiler/check.ts";
import pluginModuleFactory, { DIAGNOSTIC_SOURCE } from "../../transpiler/ts-plugin.ts";
import { ROOT } from "./harness.ts";

const gallery = path.join(ROOT, "examples", "units", "gallery");
const scripts = readdirSync(gallery).filter((f) => f.endsWith(".ts")).map((f) => path.join(gallery, f));

/** `line:col NTScode message` for each diagnostic of the CLI's check of one file. */
const cliLines = (file: string) => check(ts, { files: [file] }, ROOT).map((d) => `${d.line}:${d.column} NTS${d.code} ${d.message}`);

function editorLanguageService(files: string[]): ts.LanguageService {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const versions = new Map(files.map((f) => [f, 0]));
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => config.options,
    getScriptFileNames: () => [...versions.keys()],
    getScriptVersion: (f) => String(versions.get(f) ?? 0),
    getScriptSnapshot: (f) => {
      const text = ts.sys.readFile(f);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => ROOT,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const ls = ts.createLanguageService(host);
  const plugin = pluginModuleFactory({ typescript: ts });
  return plugin.create({ languageService: ls, languageServiceHost: host, config: {} } as unknown as ts.server.PluginCreateInfo);
}

describe("language-service plugin", () => {
  const ls = editorLanguageService(scripts);

  for (const file of scripts) {
    it(`shows the CLI's diagnostics for ${path.basename(file)}`, () => {
      const sf = ls.getProgram()!.getSourceFile(file)!;
      const units = ls.getSemanticDiagnostics(file).filter((d) => d.source === DIAGNOSTIC_SOURCE).map((d) => {
        const lc = sf.getLineAndCharacterOfPosition(d.start!);
        return `${lc.line + 1}:${lc.character + 1} NTS${d.code} ${d.messageText}`;
      });
      expect(units.length).toBeGreaterThan(0);
      expect(units).toEqual(cliLines(file));
    });
  }

  it("keeps TypeScript's own diagnostics and every other language-service method", () => {
    const file = scripts.find((f) => f.endsWith("delay-in-millivolts.ts"))!;
    const text = ts.sys.readFile(file)!;
    expect(ls.getQuickInfoAtPosition(file, text.indexOf("ic.delay") + 3)?.displayParts?.map((p) => p.text).join("")).toContain("delay: ms");
    expect(ls.getSyntacticDiagnostics(file)).toEqual([]);
  });
});

/** Sends tsserver requests over stdio and resolves with the response to the last one. */
function tsserver(cwd: string, requests: object[]): Promise<{ body: unknown }> {
  return new Promise((resolve, reject) => {
    const server = spawn(process.execPath, [path.join(ROOT, "node_modules", "typescript", "lib", "tsserver.js"), "--pluginProbeLocations", cwd], { cwd });
    let buf = Buffer.alloc(0);
    const lastSeq = requests.length;
    server.stdout.on("data", (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const head = /Content-Length: (\d+)\r\n\r\n/.exec(buf.toString("latin1"));
        if (!head) return;
        const start = head.index + head[0].length;
        const len = Number(head[1]);
        if (buf.length < start + len) return;
        const msg = JSON.parse(buf.subarray(start, start + len).toString("utf8"));
        buf = buf.subarray(start + len);
        if (msg.type === "response" && msg.request_seq === lastSeq) {
          server.kill();
          resolve(msg);
        }
      }
    });
    server.on("error", reject);
    requests.forEach((r, i) => server.stdin.write(`${JSON.stringify({ seq: i + 1, type: "request", ...r })}\n`));
  });
}

describe("tsserver with the plugin in tsconfig.json", () => {
  const proj = mkdtempSync(path.join(os.tmpdir(), "neuron-ts-tsserver-"));
  afterAll(() => rmSync(proj, { recursive: true, force: true }));

  it("loads neuron-ts/transpiler/ts-plugin.cjs from node_modules and reports the CLI's diagnostics", async () => {
    mkdirSync(path.join(proj, "node_modules"));
    symlinkSync(ROOT, path.join(proj, "node_modules", "neuron-ts"), "dir");
    writeFileSync(path.join(proj, "tsconfig.json"), JSON.stringify({
      compilerOptions: { strict: true, target: "es2022", module: "esnext", moduleResolution: "bundler", noEmit: true, skipLibCheck: true, plugins: [{ name: "neuron-ts/transpiler/ts-plugin.cjs" }] },
      files: ["sim.ts"],
    }));
    const src = path.join(gallery, "density-in-point-units.ts");
    const file = path.join(proj, "sim.ts");
    writeFileSync(file, ts.sys.readFile(src)!);
    const res = await tsserver(proj, [
      { command: "open", arguments: { file } },
      { command: "semanticDiagnosticsSync", arguments: { file } },
    ]);
    const got = (res.body as Array<{ start: { line: number; offset: number }; code: number; text: string; source?: string }>)
      .filter((d) => d.source === DIAGNOSTIC_SOURCE).map((d) => `${d.start.line}:${d.start.offset} NTS${d.code} ${d.text}`);
    expect(got).toEqual(cliLines(src));
  }, 60_000);
});
