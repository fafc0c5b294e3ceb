// Links this checkout's own command into node_modules/.bin (npm links the bins of dependencies,
// not the project's own), so that `node_modules/.bin/neuron-ts`, and tools that look there,
// find the runner in a clone as they do in a project that installed neuron-ts. Run by `prepare`.
import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const binDir = path.join(root, "node_modules", ".bin");
if (existsSync(path.join(root, "node_modules"))) {
  mkdirSync(binDir, { recursive: true });
  const link = path.join(binDir, "neuron-ts");
  rmSync(link, { force: true });
  symlinkSync(path.join("..", "..", "bin", "neuron-ts.mjs"), link);
}
