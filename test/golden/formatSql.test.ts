import { expect, it } from "vitest";
import { formatSql, unformatSql } from "./formatSql.js";

const statement =
  "SELECT json_object('a', (SELECT json_group_array(x.j ORDER BY x.n) FROM (SELECT 'x FROM y' AS j FROM \"t\" AS t1 WHERE t1.\"order by\" = ? ORDER BY t1.\"id\" LIMIT ?) AS x)) AS j FROM `t` AS t0 WHERE 1=1 ORDER BY t0.`id` ASC LIMIT ?";

it("breaks lines only at clauses of a SELECT and before nested SELECTs", () => {
  expect(formatSql(statement)).toBe(
    [
      "SELECT json_object('a',",
      "    (SELECT json_group_array(x.j ORDER BY x.n)",
      "    FROM",
      "      (SELECT 'x FROM y' AS j",
      '      FROM "t" AS t1',
      '      WHERE t1."order by" = ?',
      '      ORDER BY t1."id"',
      "      LIMIT ?) AS x)) AS j",
      "FROM `t` AS t0",
      "WHERE 1=1",
      "ORDER BY t0.`id` ASC",
      "LIMIT ?",
    ].join("\n"),
  );
});

it("is lossless", () => {
  expect(unformatSql(formatSql(statement))).toBe(statement);
});

it("leaves a statement that already has line breaks alone", () => {
  expect(formatSql("SELECT 1\nFROM t")).toBe("SELECT 1\nFROM t");
});
