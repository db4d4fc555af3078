// Golden tests (PostGraphile's .test.graphql + .sql): GraphQL in, exact SQL and JSON out.
// Each case in test/golden/cases/<case>/ runs on every dialect; the statements sent must equal
// expected.<dialect>.sql and the answer must equal expected.json, shared by all dialects.
// UPDATE_GOLDEN=1 rewrites the expected files (refused under CI). See test/golden/README.md.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachTarget, inCI } from "../support/databases.js";
import { openTestMesh, type TestMesh } from "../support/testMesh.js";
import { discoverCases, jsonFileText, sqlFileText } from "./goldenCases.js";
import { formatSql, unformatSql } from "./formatSql.js";

const UPDATE = !!process.env.UPDATE_GOLDEN && !/^(0|false)$/i.test(process.env.UPDATE_GOLDEN);
const cases = discoverCases();

/** Files written by this run: a later dialect must produce the same expected.json. */
const writtenThisRun = new Map<string, string>();

it("finds golden cases", () => {
  expect(cases.length).toBeGreaterThan(0);
});

describeEachTarget("golden", (target) => {
  let mesh: TestMesh;
  beforeAll(async () => {
    mesh = await openTestMesh(target.stores);
  });
  afterAll(() => mesh?.close());

  for (const golden of cases) {
    it(golden.name, async () => {
      if (UPDATE && inCI()) throw new Error("UPDATE_GOLDEN=1 is refused under CI: golden files are only rewritten on a developer's machine");
      const { result, statements } = await mesh.run(golden.domain, golden.query, golden.variables, golden.identity);
      for (const { sql } of statements) {
        if (!sql.includes("\n")) expect(unformatSql(formatSql(sql)), "formatSql must be lossless").toBe(sql);
      }
      check(join(golden.dir, `expected.${target.dialect}.sql`), sqlFileText(statements), `the SQL sent to ${target.label}`);
      check(join(golden.dir, "expected.json"), jsonFileText(result), `the answer from ${target.label}`);
    });
  }
});

function check(file: string, actual: string, what: string) {
  const name = relative(process.cwd(), file);
  const earlier = writtenThisRun.get(file);
  if (earlier !== undefined) {
    // Another dialect wrote this file in this run: answers must be identical on every store.
    expect.soft(actual, `${what} differs from the answer another store gave (${name})`).toBe(earlier);
    return;
  }
  const exists = existsSync(file);
  if (UPDATE || !exists) {
    if (!exists && inCI()) {
      expect.soft(exists, `${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/golden outside CI and commit it`).toBe(true);
      return;
    }
    if (!exists || readFileSync(file, "utf8") !== actual) {
      writeFileSync(file, actual);
      console.log(`golden: wrote ${name}${exists ? "" : " (it was missing)"}`);
    }
    writtenThisRun.set(file, actual);
    return;
  }
  expect.soft(actual, `${what} (${name}; UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(file, "utf8"));
}
