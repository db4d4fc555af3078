import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { inCI } from "../support/databases.js";

// Expected SDL of `meshql init` runs: test/introspect/golden/<case>.<dialect>.graphql.
// UPDATE_GOLDEN=1 rewrites them (refused under CI); a missing file fails.

const GOLDEN_DIR = fileURLToPath(new URL("./golden/", import.meta.url));
const UPDATE = !!process.env.UPDATE_GOLDEN && !/^(0|false)$/i.test(process.env.UPDATE_GOLDEN);

/** The scratch database's name depends on the test database's: golden files show a placeholder. */
const withoutDatabaseName = (sdl: string) => sdl.replace(/(PostgreSQL|MySQL\/MariaDB|MariaDB|MySQL) database [^,"]+/g, "$1 database <database>");

export function expectGolden(name: string, sdl: string): void {
  const file = join(GOLDEN_DIR, name);
  const actual = withoutDatabaseName(sdl);
  if (UPDATE) {
    if (inCI()) throw new Error("UPDATE_GOLDEN=1 is refused under CI: golden files are only rewritten on a developer's machine");
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(existsSync(file), `${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/introspect outside CI and commit it`).toBe(true);
  expect(actual, `${name} (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(file, "utf8"));
}
