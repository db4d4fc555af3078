import type { Knex } from "knex";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openStore, withSessionOptions } from "../../src/store/openStore.js";
import { inCI, skipMessage } from "../support/databases.js";

// A paged list as meshql compiles it: every value bound, the limit and offset included.
const PAGE = { name: "meshql_session_options_page", text: "SELECT track_id FROM track WHERE genre_id = $1 ORDER BY track_id DESC LIMIT $2 OFFSET $3", values: [2, 5, 5] };

interface PgConnection {
  query(config: string | { name?: string; text: string; values?: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}

/** Runs the page `times` on one connection and reads back how PostgreSQL planned it there. */
async function plansOfPage(knex: Knex, times: number): Promise<{ generic: number; custom: number; ids: unknown[][] }> {
  const connection = (await knex.client.acquireConnection()) as PgConnection;
  try {
    const ids: unknown[][] = [];
    for (let i = 0; i < times; i++) ids.push((await connection.query(PAGE)).rows.map((r) => r.track_id));
    const { rows } = await connection.query({ text: "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1", values: [PAGE.name] });
    await connection.query(`DEALLOCATE ${PAGE.name}`);
    return { generic: Number(rows[0].generic_plans), custom: Number(rows[0].custom_plans), ids };
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

const postgres = inject("meshqlTargets").find((t) => t.dialect === "postgres")!;
// As describeEachTarget: a server that is down skips these, except under CI, where they fail.
const reachable = !!postgres.stores || inCI();
if (!reachable) console.warn(skipMessage(postgres));

describe.runIf(reachable)("a PostgreSQL store's sessions", () => {
  const url = postgres.stores?.catalog ?? "";
  let store: Knex;
  let generic: Knex;
  beforeAll(() => {
    if (!postgres.stores) throw new Error(`${postgres.label} is not reachable: ${postgres.unreachable}`);
    store = openStore(url, process.cwd());
    generic = openStore(`${url}${url.includes("?") ? "&" : "?"}options=${encodeURIComponent("-c plan_cache_mode=force_generic_plan")}`, process.cwd());
  });
  afterAll(async () => {
    await Promise.all([store?.destroy(), generic?.destroy()]);
  });

  it("read time in UTC and leave plans to PostgreSQL: its first five executions of a statement are planned anew", async () => {
    const settings = await store.raw("SELECT current_setting('TimeZone') AS tz, current_setting('plan_cache_mode') AS mode");
    expect(settings.rows[0]).toEqual({ tz: "UTC", mode: "auto" });
    const { generic: generics, custom, ids } = await plansOfPage(store, 8);
    expect(custom).toBeGreaterThanOrEqual(5);
    expect(generics + custom).toBe(8);
    expect(new Set(ids.map((page) => JSON.stringify(page))).size).toBe(1);
    expect(ids[0]).toHaveLength(5);
  });

  it("take the store URL's own options after meshql's, and still read time in UTC", async () => {
    const settings = await generic.raw("SELECT current_setting('TimeZone') AS tz, current_setting('plan_cache_mode') AS mode");
    expect(settings.rows[0]).toEqual({ tz: "UTC", mode: "force_generic_plan" });
    const { generic: generics, custom } = await plansOfPage(generic, 8);
    expect({ generics, custom }).toEqual({ generics: 8, custom: 0 });
  });

  it("options: meshql's first, the URL's after them (a later -c wins), the rest of the URL as it was", () => {
    expect(withSessionOptions("postgres://u:p%40ss@db.example:5432/app")).toEqual({ connectionString: "postgres://u:p%40ss@db.example:5432/app", options: "-c TimeZone=UTC" });
    // A socket path, which a URL parser would not take, is left to node-postgres as it was.
    expect(withSessionOptions("postgres://meshql@/app?host=/var/run/postgresql")).toEqual({ connectionString: "postgres://meshql@/app?host=/var/run/postgresql", options: "-c TimeZone=UTC" });
    expect(withSessionOptions("postgres://u:p%40ss@db.example:5432/app?sslmode=require&options=-c%20TimeZone%3DEurope%2FParis")).toEqual({
      connectionString: "postgres://u:p%40ss@db.example:5432/app?sslmode=require",
      options: "-c TimeZone=UTC -c TimeZone=Europe/Paris",
    });
  });
});
