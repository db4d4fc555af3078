import knexFactory, { type Knex } from "knex";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createStore, type Store } from "../../src/execute/Store.js";
import { runStatement } from "../../src/execute/runStatement.js";
import { sql } from "../../src/sql/Sql.js";
import { openStore } from "../../src/store/openStore.js";
import { describeEachTarget } from "../support/databases.js";

// Every store runs a compiled statement with its values bound; PostgreSQL keeps it prepared.
describeEachTarget("running a compiled statement", (target) => {
  let knex: Knex;
  let store: Store;
  const sent: string[] = [];

  beforeAll(async () => {
    // One connection, so what it has prepared can be read back on it.
    knex = target.dialect === "postgres" ? knexFactory({ client: "pg", connection: target.stores.catalog, pool: { min: 1, max: 1 } }) : openStore(target.stores.catalog, process.cwd());
    knex.on("query", (q: { sql: string }) => sent.push(q.sql));
    store = createStore("catalog", knex);
  });
  afterAll(async () => {
    await knex?.destroy();
  });


  it("binds values and reports the statement to knex's query listeners", async () => {
    const statement = sql`SELECT name FROM genre WHERE genre_id = ${2} OR name = ${"Rock"} OR name = ${"Rock'; --"} ORDER BY genre_id`;
    const before = sent.length;
    const rows = await runStatement(store, statement);
    expect(rows.map((r) => r.name)).toEqual(["Rock", "Jazz"]);
    expect(sent.length).toBe(before + 1);
    expect(sent.at(-1)).not.toContain("Rock");
  });

  it("runs the same statement again with the same answer (prepared once on PostgreSQL)", async () => {
    const statement = sql`SELECT count(*) AS n FROM track WHERE genre_id = ${1}`;
    const first = await runStatement(store, statement);
    const second = await runStatement(store, statement);
    expect(Number(second[0].n)).toBe(Number(first[0].n));
    expect(Number(first[0].n)).toBe(1297);
    if (target.dialect !== "postgres") return;
    const prepared = await knex.raw("SELECT statement FROM pg_prepared_statements WHERE name LIKE 'meshql\\_%'");
    expect(prepared.rows.map((r: { statement: string }) => r.statement)).toContain("SELECT count(*) AS n FROM track WHERE genre_id = $1");
  });

  it("reads every run's row by the columns' types, nulls included (PostgreSQL describes the statement once)", async () => {
    const statement = sql`SELECT genre_id AS id, name, NULL AS missing, genre_id > ${1} AS later FROM genre WHERE genre_id = ${2}`;
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await runStatement(store, statement));
    for (const rows of runs) expect(rows).toEqual([{ id: 2, name: "Jazz", missing: null, later: target.dialect === "postgres" ? true : 1 }]);
    if (target.dialect !== "postgres") return;
    const { rows } = await knex.raw("SELECT generic_plans + custom_plans AS runs FROM pg_prepared_statements WHERE statement LIKE 'SELECT genre_id AS id, name, NULL AS missing%'");
    expect(rows.map((r: { runs: string }) => Number(r.runs))).toEqual([3]);
  });

  it("answers the next run of a statement whose values the store refused, on the same connection", async () => {
    const statement = (id: unknown) => sql`SELECT name FROM genre WHERE genre_id = ${id} ORDER BY name`;
    const refused = await runStatement(store, statement("not a number")).catch((e: Error) => e);
    // PostgreSQL refuses the value when binding it, after preparing the statement; the others compare it.
    if (target.dialect === "postgres") expect((refused as { extensions?: { code?: string } }).extensions?.code).toBeDefined();
    expect(await runStatement(store, statement(2))).toEqual([{ name: "Jazz" }]);
    expect(await runStatement(store, statement(1))).toEqual([{ name: "Rock" }]);
  });

  it("reports a failing statement as a store error without the SQL", async () => {
    const error = await runStatement(store, sql`SELECT nothing FROM no_such_table WHERE x = ${1}`).catch((e) => e);
    expect(error.extensions?.code).toBeDefined();
    expect(String(error.message)).not.toContain("no_such_table");
  });
});
