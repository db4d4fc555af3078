import knex from "knex";
import { afterAll, expect, it, vi } from "vitest";
import { nativeStatement } from "../../src/execute/nativeStatement.js";
import { sql } from "../../src/sql/Sql.js";

// The driver's text of a statement, worked out once per text: statements that differ only in
// their values (entity keys) share it, and each keeps its own values.
const pg = knex({ client: "pg" });
const sqlite = knex({ client: "better-sqlite3", useNullAsDefault: true });
afterAll(async () => {
  await Promise.all([pg.destroy(), sqlite.destroy()]);
});

it("shares the native text and name between statements of one text, each with its own values", () => {
  const byKeys = (...keys: number[]) => sql`SELECT j FROM t WHERE id IN (${keys[0]}, ${keys[1]}) AND s = ${"it's ?"}`;
  const translated = vi.spyOn(pg, "raw");
  const first = nativeStatement(pg, byKeys(1, 2));
  const second = nativeStatement(pg, byKeys(3, 4));
  expect(translated, "translated once").toHaveBeenCalledTimes(1);
  translated.mockRestore();
  expect(first.sql).toBe("SELECT j FROM t WHERE id IN ($1, $2) AND s = $3");
  expect(second.sql).toBe(first.sql);
  expect(second.name).toBe(first.name);
  expect([first.bindings, second.bindings]).toEqual([[1, 2, "it's ?"], [3, 4, "it's ?"]]);
  expect(nativeStatement(sqlite, byKeys(5, 6))).toMatchObject({ sql: "SELECT j FROM t WHERE id IN (?, ?) AND s = ?", bindings: [5, 6, "it's ?"] });
});

it("refuses an undefined value in knex's words, even for a text it has seen", () => {
  nativeStatement(pg, sql`SELECT ${1}`);
  expect(() => nativeStatement(pg, sql`SELECT ${undefined}`)).toThrow(/Undefined binding/);
});
