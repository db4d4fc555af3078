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
  let overridden: Knex;
  beforeAll(() => {
    if (!postgres.stores) throw new Error(`${postgres.label} is not reachable: ${postgres.unreachable}`);
    store = openStore(url, process.cwd());
    overridden = openStore(`${url}${url.includes("?") ? "&" : "?"}options=${encodeURIComponent("-c plan_cache_mode=auto")}`, process.cwd());
  });
  afterAll(async () => {
    await Promise.all([store?.destroy(), overridden?.destroy()]);
  });

  it("read time in UTC and plan a prepared statement once", async () => {
    const settings = await store.raw("SELECT current_setting('TimeZone') AS tz, current_setting('plan_cache_mode') AS mode");
    expect(settings.rows[0]).toEqual({ tz: "UTC", mode: "force_generic_plan" });
    const { generic, custom, ids } = await plansOfPage(store, 8);
    expect({ generic, custom }).toEqual({ generic: 8, custom: 0 });
    expect(new Set(ids.map((page) => JSON.stringify(page))).size).toBe(1);
    expect(ids[0]).toHaveLength(5);
  });

  it("keep PostgreSQL's own choice when the store URL's options say so, and still read time in UTC", async () => {
    const settings = await overridden.raw("SELECT current_setting('TimeZone') AS tz, current_setting('plan_cache_mode') AS mode");
    expect(settings.rows[0]).toEqual({ tz: "UTC", mode: "auto" });
    // PostgreSQL's default: the first five executions are planned anew, and every later one while
    // the generic plan looks dearer (on a table this small, it soon does not).
    const { generic, custom } = await plansOfPage(overridden, 8);
    expect(custom).toBeGreaterThanOrEqual(5);
    expect(generic + custom).toBe(8);
  });

  it("options: meshql's first, the URL's after them (the later wins), the rest of the URL as it was", () => {
    expect(withSessionOptions("postgres://u:p%40ss@db.example:5432/app")).toEqual({
      connectionString: "postgres://u:p%40ss@db.example:5432/app",
      options: "-c TimeZone=UTC -c plan_cache_mode=force_generic_plan",
    });
    expect(withSessionOptions("postgres://u:p%40ss@db.example:5432/app?sslmode=require&options=-c%20plan_cache_mode%3Dauto")).toEqual({
      connectionString: "postgres://u:p%40ss@db.example:5432/app?sslmode=require",
      options: "-c TimeZone=UTC -c plan_cache_mode=force_generic_plan -c plan_cache_mode=auto",
    });
  });
});
