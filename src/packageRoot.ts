import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder of meshql's own package.json: the repository when run from source (tsx, vitest),
 * the installed package when run from its compiled `dist/`. The files meshql ships beside its
 * code (the demo mesh, the Chinook data, the web assets) are found from here, never from the
 * working directory or by counting `..` from a module that moves when compiled.
 */
export const PACKAGE_ROOT = nearestPackageFolder(dirname(fileURLToPath(import.meta.url)));

/** A file or folder shipped in meshql's package, e.g. `packagePath("data", "chinook")`. */
export const packagePath = (...segments: string[]): string => join(PACKAGE_ROOT, ...segments);

function nearestPackageFolder(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
