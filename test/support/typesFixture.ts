import type { Knex } from "knex";
import type { StoreDialect } from "../../src/store/dialectOf.js";

// Tables no meshql migration made, in each store's own DDL: every column type meshql serves,
// composite keys, reserved words and mixed case as names, a second schema, a view without a key.
// Names start with probe_ (or live in the probe schema) so they stay clear of the demo tables.

/** Where the composite-key tables live: a PostgreSQL schema, a MariaDB database, SQLite's main. */
export const legacySchema = (dialect: StoreDialect, database: string) =>
  dialect === "postgres" ? "probe_legacy" : dialect === "mysql" ? `${database}_probe_legacy` : "main";

const DDL: Record<StoreDialect, (legacy: string) => string[]> = {
  postgres: (legacy) => [
    `CREATE TYPE probe_mood AS ENUM ('sad', 'ok', 'PG-13')`,
    `CREATE TABLE probe_item (
       item_id int8 PRIMARY KEY, big int8, price numeric(12,4), day date, at timestamptz, uid uuid, doc jsonb,
       tags text[], scores int4[], mood probe_mood, moods probe_mood[], flag boolean, code varchar(10) COLLATE "C",
       label text COLLATE "C", wh_region varchar(8) COLLATE "C", wh_code int)`,
    `COMMENT ON TABLE probe_item IS 'Things with every kind of column'`,
    `CREATE SCHEMA ${legacy}`,
    `CREATE TABLE ${legacy}."Order" ("ShopId" int, "OrderNo" int, "Note" text COLLATE "C", PRIMARY KEY ("ShopId", "OrderNo"))`,
    `CREATE TABLE ${legacy}."LineNo" ("ShopId" int, "OrderNo" int, "LineNo" int, "Qty" int NOT NULL,
       PRIMARY KEY ("ShopId", "OrderNo", "LineNo"), FOREIGN KEY ("ShopId", "OrderNo") REFERENCES ${legacy}."Order")`,
    `CREATE VIEW ${legacy}."OrderTotal" AS SELECT "ShopId", "OrderNo", CAST(sum("Qty") AS int) AS "Qty" FROM ${legacy}."LineNo" GROUP BY "ShopId", "OrderNo"`,
  ],
  mysql: (legacy) => [
    `CREATE TABLE probe_item (
       item_id BIGINT UNSIGNED PRIMARY KEY, big BIGINT, price DECIMAL(12,4), day DATE, at DATETIME(3), uid UUID, doc JSON,
       tags JSON, scores JSON, mood ENUM('sad', 'ok', 'PG-13'), moods JSON, flag TINYINT(1), code VARCHAR(10), label TEXT,
       wh_region VARCHAR(8), wh_code INT) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin COMMENT 'Things with every kind of column'`,
    `CREATE DATABASE \`${legacy}\``,
    `CREATE TABLE \`${legacy}\`.\`Order\` (ShopId INT, OrderNo INT, Note TEXT, PRIMARY KEY (ShopId, OrderNo)) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin`,
    `CREATE TABLE \`${legacy}\`.\`LineNo\` (ShopId INT, OrderNo INT, \`LineNo\` INT, Qty INT NOT NULL, PRIMARY KEY (ShopId, OrderNo, \`LineNo\`),
       FOREIGN KEY (ShopId, OrderNo) REFERENCES \`${legacy}\`.\`Order\` (ShopId, OrderNo))`,
    `CREATE VIEW \`${legacy}\`.\`OrderTotal\` AS SELECT ShopId, OrderNo, CAST(SUM(Qty) AS SIGNED) AS Qty FROM \`${legacy}\`.\`LineNo\` GROUP BY ShopId, OrderNo`,
  ],
  sqlite: () => [
    `CREATE TABLE probe_item (
       item_id BIGINT PRIMARY KEY, big BIGINT, price NUMERIC(12,4), day DATE, at DATETIME, uid UUID, doc JSON,
       tags JSON, scores JSON, mood TEXT, moods JSON, flag BOOLEAN, code VARCHAR(10), label TEXT, wh_region VARCHAR(8), wh_code INT)`,
    `CREATE TABLE "Order" ("ShopId" INT, "OrderNo" INT, "Note" TEXT, PRIMARY KEY ("ShopId", "OrderNo"))`,
    `CREATE TABLE "LineNo" ("ShopId" INT, "OrderNo" INT, "LineNo" INT, "Qty" INT NOT NULL, PRIMARY KEY ("ShopId", "OrderNo", "LineNo"),
       FOREIGN KEY ("ShopId", "OrderNo") REFERENCES "Order" ("ShopId", "OrderNo"))`,
    `CREATE VIEW "OrderTotal" AS SELECT "ShopId", "OrderNo", CAST(sum("Qty") AS INT) AS "Qty" FROM "LineNo" GROUP BY "ShopId", "OrderNo"`,
  ],
};

const DROP: Record<StoreDialect, (legacy: string) => string[]> = {
  postgres: (legacy) => [`DROP SCHEMA IF EXISTS ${legacy} CASCADE`, `DROP TABLE IF EXISTS probe_item`, `DROP TYPE IF EXISTS probe_mood`],
  mysql: (legacy) => [`DROP DATABASE IF EXISTS \`${legacy}\``, `DROP TABLE IF EXISTS probe_item`],
  sqlite: () => [`DROP VIEW IF EXISTS "OrderTotal"`, `DROP TABLE IF EXISTS "LineNo"`, `DROP TABLE IF EXISTS "Order"`, `DROP TABLE IF EXISTS probe_item`],
};

/** Every item in the store's own spelling of each value (arrays and JSON as the store keeps them). */
export const ITEMS = [
  {
    item_id: "9007199254740993", big: "-9223372036854775808", price: "1234.5678", day: "2024-02-29", at: "2024-02-29 23:59:59.250",
    uid: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", doc: { a: 1, b: ["x", "y"] }, tags: ["x", "y"], scores: [1, 2, 3], mood: "PG-13",
    moods: ["sad", "PG-13"], flag: true, code: "A1", label: "Ærøskøbing 東京", wh_region: "north", wh_code: 7,
  },
  {
    item_id: "2", big: "9007199254740993", price: "0.0001", day: "2024-03-01", at: "2024-03-01 00:00:00", uid: "00000000-0000-4000-8000-000000000001",
    doc: [1, 2], tags: ["y"], scores: [], mood: "sad", moods: [], flag: false, code: "B2", label: "plain", wh_region: "north", wh_code: 7,
  },
  { item_id: "3", big: null, price: null, day: null, at: null, uid: null, doc: null, tags: null, scores: null, mood: null, moods: null, flag: null, code: null, label: null, wh_region: null, wh_code: null },
];

export const ORDERS = [
  { ShopId: 1, OrderNo: 1, Note: "first" },
  { ShopId: 1, OrderNo: 2, Note: "second" },
  { ShopId: 2, OrderNo: 1, Note: "other shop" },
];

export const LINES = [
  { ShopId: 1, OrderNo: 1, LineNo: 1, Qty: 2 },
  { ShopId: 1, OrderNo: 1, LineNo: 2, Qty: 3 },
  { ShopId: 2, OrderNo: 1, LineNo: 1, Qty: 10 },
];

/** A value as the store takes it in an INSERT: arrays as PostgreSQL arrays or JSON text, JSON as text. */
function storeValue(dialect: StoreDialect, column: string, value: unknown): unknown {
  if (value === null) return null;
  if (column === "doc") return JSON.stringify(value);
  if (Array.isArray(value)) return dialect === "postgres" ? value : JSON.stringify(value);
  if (typeof value === "boolean" && dialect !== "postgres") return value ? 1 : 0;
  return value;
}

/** Drops and creates the probe tables, then fills them. */
export async function createTypesFixture(knex: Knex, dialect: StoreDialect, database: string): Promise<void> {
  const legacy = legacySchema(dialect, database);
  await dropTypesFixture(knex, dialect, database);
  for (const statement of DDL[dialect](legacy)) await knex.raw(statement);
  for (const item of ITEMS) {
    await knex("probe_item").insert(Object.fromEntries(Object.entries(item).map(([k, v]) => [k, storeValue(dialect, k, v)])));
  }
  const qualified = (table: string) => (dialect === "sqlite" ? table : `${legacy}.${table}`);
  await knex(qualified("Order")).insert(ORDERS);
  await knex(qualified("LineNo")).insert(LINES);
}

export async function dropTypesFixture(knex: Knex, dialect: StoreDialect, database: string): Promise<void> {
  for (const statement of DROP[dialect](legacySchema(dialect, database))) await knex.raw(statement);
}
