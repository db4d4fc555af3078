import type { Socket } from "node:net";
import pg from "pg";
import { serialize } from "pg-protocol";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readerRoleOf } from "../../src/sqlaccess/readerRole.js";
import { describeEachTarget } from "../support/databases.js";
import { meshDatabaseUrl, openSqlMesh, type SqlMesh } from "../support/sqlMesh.js";

// Ways a SQL caller might try to write, to escape its policies or to reach past its session.
// Each is refused, and the session goes on working after the refusal.

const refusedAs = async (client: pg.Client, text: string, code: string, message?: RegExp) => {
  const error = await client.query(text).then(
    () => undefined,
    (e: { code?: string; message: string }) => e,
  );
  expect(error, text).toBeDefined();
  expect(error!.code, `${text}: ${error!.message}`).toBe(code);
  if (message) expect(error!.message, text).toMatch(message);
  // The session is still in step: the next statement answers.
  expect((await client.query("SELECT 1 AS one")).rows, `after ${text}`).toEqual([{ one: 1 }]);
};

const WRITES = [
  "DELETE FROM crm.customer",
  "delete from crm.customer where id = 1",
  "/* harmless */ DeLeTe FROM crm.customer",
  "UPDATE crm.customer SET email = 'x'",
  "INSERT INTO crm.customer (id) VALUES (1000)",
  "TRUNCATE crm.customer",
  "CREATE TABLE t (a int)",
  "CREATE TEMP TABLE t AS SELECT * FROM crm.customer",
  "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1'",
  "DROP VIEW crm.customer",
  "ALTER VIEW crm.customer RENAME TO c",
  "GRANT SELECT ON crm.customer TO PUBLIC",
  "COPY crm.customer TO STDOUT",
  "COPY (SELECT * FROM crm.customer) TO STDOUT",
  "COPY crm.customer FROM STDIN",
  "DO $$ BEGIN PERFORM 1; END $$",
  "CALL some_procedure()",
  "LISTEN anything",
  "NOTIFY anything",
  "VACUUM",
  "WITH gone AS (DELETE FROM crm.customer RETURNING *) SELECT * FROM gone",
  "SELECT * INTO stolen FROM crm.customer",
  "SELECT * FROM crm.customer FOR UPDATE",
  "BEGIN READ WRITE",
  "SET TRANSACTION READ WRITE",
  "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
  "PREPARE wipe AS DELETE FROM crm.customer",
  "SELECT 1; DELETE FROM crm.customer",
];

describeEachTarget("attacks on the SQL endpoint", (target) => {
  let sql: SqlMesh;
  beforeAll(async () => {
    sql = await openSqlMesh(target.stores, `${target.dialect}_attacks`, { statementTimeout: 2000 });
  }, 120_000);
  afterAll(() => sql?.close());

  it("refuses every write and every DDL, with a clear error", async () => {
    const steward = await sql.connect("steward");
    for (const text of WRITES) await refusedAs(steward, text, "25006", /read-only/);
  });

  it("refuses what PostgreSQL's parser cannot read, rather than pass it on unread", async () => {
    const steward = await sql.connect("steward");
    await refusedAs(steward, "SELEC 1", "42601", /syntax error at or near "SELEC"/);
    await refusedAs(steward, "SELECT 'unterminated", "42601", /unterminated/);
  });

  it("refuses role and setting changes: SET ROLE, SET SESSION AUTHORIZATION, the time limit, set_config", async () => {
    const analyst = await sql.connect("analyst", "analytics");
    await refusedAs(analyst, "SET ROLE postgres", "42501", /cannot be changed/);
    await refusedAs(analyst, "RESET ROLE", "42501");
    await refusedAs(analyst, "SET SESSION AUTHORIZATION postgres", "42501");
    await refusedAs(analyst, "SET statement_timeout = 0", "42501");
    await refusedAs(analyst, "SET default_transaction_read_only = off", "42501");
    await refusedAs(analyst, "SELECT set_config('statement_timeout', '0', false)", "42501", /set_config\(\) is not available/);
    await refusedAs(analyst, "SELECT pg_catalog.set_config('meshql.purpose', 'customer-support', false)", "42501");
    // Settings clients need still work.
    await analyst.query("SET application_name = 'a BI tool'");
    await analyst.query("SET DateStyle = ISO");
    await analyst.query("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    await analyst.query("SET search_path = crm, sales");
    expect((await analyst.query("SELECT count(*)::int AS n FROM customer")).rows).toEqual([{ n: 59 }]);
  });

  it("refuses the source schemas, the session table, meshql's own schemas and SQL run from text", async () => {
    const analyst = await sql.connect("analyst", "analytics");
    await refusedAs(analyst, "SELECT * FROM meshql_source_crm.customer", "42501", /not a data product/);
    await refusedAs(analyst, "SELECT * FROM meshql.session", "42501", /not a data product/);
    await refusedAs(analyst, "SELECT * FROM meshql_admin.secret", "42501", /not a data product/);
    await refusedAs(analyst, "SELECT query_to_xml('select * from meshql_source_crm.customer', true, true, '')", "42501", /query_to_xml\(\) is not available/);
    await refusedAs(analyst, "SELECT table_to_xml('crm.customer', true, true, '')", "42501");
    await refusedAs(analyst, "SELECT lo_import('/etc/passwd')", "42501");
    await refusedAs(analyst, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity", "42501");
    // Unqualified names resolve on the search path, where the role cannot see the source schema.
    await analyst.query("SET search_path = meshql_source_crm");
    await refusedAs(analyst, "SELECT * FROM customer", "42P01", /does not exist/);
    // The stores' credentials in the user mappings stay hidden from the role that uses them.
    const mappings = await analyst.query("SELECT srvname, umoptions FROM pg_user_mappings");
    expect(mappings.rows.every((r) => r.umoptions === null)).toBe(true);
    // Other sessions (which share the role) cannot be watched.
    await refusedAs(analyst, "SELECT query FROM pg_catalog.pg_stat_activity", "42501", /permission denied/);
  });

  it("masked values cannot be recovered through filters, and row filters leak nothing through errors", async () => {
    const analyst = await sql.connect("analyst", "analytics");
    expect((await analyst.query("SELECT count(*)::int AS n FROM crm.customer WHERE email LIKE '%@%' OR phone IS NOT NULL")).rows).toEqual([{ n: 0 }]);
    const rep3 = await sql.connect("rep3");
    // Evaluated on hidden rows first, this would divide by zero; the view's barrier filters first.
    const { rows } = await rep3.query("SELECT count(*)::int AS n FROM crm.customer WHERE 1 / (CASE WHEN support_rep_id = 3 THEN 1 ELSE 0 END) = 1");
    expect(rows).toEqual([{ n: 21 }]);
  });

  it("keeps the protocol in step when an extended-protocol statement is refused", async () => {
    const steward = await sql.connect("steward");
    await expect(steward.query({ text: "DELETE FROM crm.customer WHERE id = $1", values: [1] })).rejects.toMatchObject({ code: "25006" });
    const byCountry = (country: string) => steward.query({ name: "by-country", text: "SELECT count(*)::int AS n FROM crm.customer WHERE country = $1", values: [country] });
    expect((await byCountry("Brazil")).rows).toEqual([{ n: 5 }]);
    expect((await byCountry("Norway")).rows).toEqual([{ n: 1 }]);
  });

  it("answers a pipeline in order: a refused statement's error comes between the others' results", async () => {
    const messages = await rawSession(sql, [
      serialize.parse({ text: "SELECT 1" }),
      serialize.bind(),
      serialize.execute(),
      serialize.sync(),
      serialize.parse({ text: "DELETE FROM crm.customer" }),
      serialize.bind(),
      serialize.execute(),
      serialize.sync(),
      serialize.parse({ text: "SELECT 2" }),
      serialize.bind(),
      serialize.execute(),
      serialize.sync(),
    ], 3);
    expect(messages).toEqual(["1", "2", "D", "C", "Z", "E", "Z", "1", "2", "D", "C", "Z"]);
  });

  it("answers a refused statement at a Flush, as the server answers any failed Parse", async () => {
    const [first, second] = await rawExchange(sql, [
      [serialize.parse({ text: "DELETE FROM crm.customer" }), serialize.describe({ type: "S" }), serialize.flush()],
      [serialize.sync(), serialize.query("SELECT 1")],
    ]);
    expect(first).toEqual(["E"]);
    expect(second).toEqual(["Z", "T", "D", "C", "Z"]);
  });

  it("keeps a refused statement's error in the transaction, as PostgreSQL does", async () => {
    const steward = await sql.connect("steward");
    await steward.query("BEGIN");
    await expect(steward.query("DELETE FROM crm.customer")).rejects.toMatchObject({ code: "25006" });
    await expect(steward.query("SELECT 1")).rejects.toMatchObject({ code: "25P02" });
    await steward.query("ROLLBACK");
    expect((await steward.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });

  it("refuses a fast-path function call, which names its function by number", async () => {
    const call = Buffer.alloc(1 + 4 + 4 + 2 + 2 + 2);
    call.write("F", 0);
    call.writeInt32BE(call.length - 1, 1);
    call.writeInt32BE(2078, 5); // set_config's OID
    const messages = await rawSession(sql, [call, serialize.query("SELECT 1")], 2);
    expect(messages).toEqual(["E", "Z", "T", "D", "C", "Z"]);
  });

  it("holds statements to the time limit", async () => {
    const steward = await sql.connect("steward");
    // PostgreSQL cancels it, or (a join pushed down to MariaDB) the store does, at the same limit.
    const error = await steward.query("SELECT count(*) FROM catalog.track a, catalog.track b, catalog.track c").catch((e) => e);
    expect(`${error.code} ${error.message}`).toMatch(/^57014 canceling statement due to statement timeout|^HV00L .*max_statement_time/s);
    expect((await steward.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });

  it("a connection to the mesh database that bypasses meshql reads nothing", async () => {
    const url = new URL(meshDatabaseUrl(`${target.dialect}_attacks`));
    const direct = new pg.Client({ host: url.hostname, port: Number(url.port || 5432), database: url.pathname.slice(1), user: readerRoleOf(url.pathname.slice(1)), password: sql.mesh.config.sql.database ? "x" : undefined });
    try {
      await direct.connect();
    } catch (error) {
      // A server that checks passwords refuses the reader outright.
      expect((error as Error).message).toMatch(/password/);
      return;
    }
    try {
      await expect(direct.query("SELECT * FROM crm.customer")).rejects.toThrow("no meshql session");
      await expect(direct.query("SELECT * FROM meshql_source_crm.customer")).rejects.toThrow(/permission denied/);
      await expect(direct.query("SELECT * FROM meshql.session")).rejects.toThrow(/permission denied/);
    } finally {
      await direct.end();
    }
  });
});

/** Sends raw frontend messages after logging in as the steward; returns the type of each message until `readies` ReadyForQuery. */
async function rawSession(sql: SqlMesh, messages: Buffer[], readies: number): Promise<string[]> {
  const [seen] = await rawExchange(sql, [messages], readies);
  return seen;
}

/**
 * Sends each group of raw frontend messages in turn after logging in as the steward, waiting
 * for the answer to each: a group is answered when its `readies` ReadyForQuery arrived, or (if
 * its last message is a Flush) when an ErrorResponse did.
 */
async function rawExchange(sql: SqlMesh, groups: Buffer[][], readies?: number): Promise<string[][]> {
  // A client of its own, whose socket this test takes over (and so cannot end politely).
  const client = new pg.Client({ host: "127.0.0.1", port: sql.endpoint.port, user: "steward", database: "mesh", password: await sql.token("steward") });
  client.on("error", () => {});
  await client.connect();
  const socket = (client as unknown as { connection: { stream: Socket } }).connection.stream;
  for (const event of ["data", "end", "close", "error"]) socket.removeAllListeners(event);
  socket.on("error", () => {});
  let buffer = Buffer.alloc(0);
  let seen: string[] = [];
  let answered: (() => void) | undefined;
  let isAnswer: () => boolean = () => false;
  socket.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 5 && buffer.length >= 1 + buffer.readUInt32BE(1)) {
      seen.push(String.fromCharCode(buffer[0]));
      buffer = buffer.subarray(1 + buffer.readUInt32BE(1));
      if (isAnswer()) answered?.();
    }
  });
  const answers: string[][] = [];
  for (const group of groups) {
    seen = [];
    const flushed = group.at(-1)?.[0] === "H".charCodeAt(0);
    const wanted = readies ?? group.filter((m) => m[0] === "S".charCodeAt(0) || m[0] === "Q".charCodeAt(0) || m[0] === "F".charCodeAt(0)).length;
    isAnswer = () => (flushed ? seen.includes("E") : seen.filter((t) => t === "Z").length === wanted);
    const done = new Promise<void>((resolve) => (answered = resolve));
    socket.write(Buffer.concat(group));
    await done;
    answers.push(seen);
  }
  socket.destroy();
  return answers;
}
