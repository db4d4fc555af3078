/**
 * Grows the Chinook-shaped demo stores to a benchmark's size on PostgreSQL, deterministically.
 *
 * The tables and indexes are the demo migrations' own (run through knex, Chinook seed included);
 * the extra rows are generated in SQL from generate_series with a seeded hash, so a given seed and
 * size always give the same data. All three domains share one database (their table names do not
 * clash), which lets the cross-domain columns of the generated rows point at real rows. A database
 * that already holds the requested sizes and seed is left as it is.
 *
 *   tsx bench/generate.ts [quick|full]      (or: --database NAME --tracks N --lines N …)
 */
import pg from "pg";
import type { Knex } from "knex";
import { parseArgs } from "node:util";
import { openStore } from "../src/store/openStore.js";
import { DEMO_DOMAINS } from "../src/store/demoTables.js";
import { dropDomain } from "../src/store/dropDomain.js";
import { migrateDomain } from "../src/store/migrate.js";
import { PG_SERVER, PROFILES, SEED, pgUrl, type Sizes } from "./profiles.js";

/** Bump when the generated data changes shape, so cached databases are rebuilt. */
const GENERATOR_VERSION = 1;
const ROOT = new URL("..", import.meta.url).pathname;

export async function ensureDatabase(database: string, sizes: Sizes, seed = SEED, log = console.log): Promise<"cached" | "generated"> {
  await createDatabaseIfMissing(database);
  const knex = openStore(pgUrl(database), ROOT);
  try {
    const wanted = JSON.stringify({ version: GENERATOR_VERSION, seed, sizes: rounded(sizes) });
    if ((await generatedAs(knex)) === wanted) return "cached";
    const started = Date.now();
    await knex.raw("DROP SCHEMA IF EXISTS meshql_bench CASCADE");
    for (const domain of DEMO_DOMAINS) await dropDomain(knex, domain);
    for (const domain of DEMO_DOMAINS) await migrateDomain(knex, domain);
    await grow(knex, rounded(sizes), seed);
    for (const table of ["artist", "album", "track", "customer", "invoice", "invoice_line"]) await knex.raw(`VACUUM ANALYZE ${table}`);
    await knex.raw("CREATE SCHEMA meshql_bench");
    await knex.raw("CREATE TABLE meshql_bench.generated (description text NOT NULL)");
    await knex.raw("INSERT INTO meshql_bench.generated VALUES (?)", [wanted]);
    log(`generated ${database} (${describe(sizes)}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return "generated";
  } finally {
    await knex.destroy();
  }
}

const rounded = (s: Sizes): Sizes => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Math.round(v)])) as unknown as Sizes;
export const describe = (s: Sizes) => Object.entries(rounded(s)).map(([k, v]) => `${k} ${v.toLocaleString("en")}`).join(", ");

export async function createDatabaseIfMissing(database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`not a plain database name: ${database}`);
  const client = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
}

async function generatedAs(knex: Knex): Promise<string | undefined> {
  const exists = await knex.raw("SELECT to_regclass('meshql_bench.generated') AS t");
  if (!exists.rows[0].t) return undefined;
  const { rows } = await knex.raw("SELECT description AS d FROM meshql_bench.generated");
  return rows[0]?.d;
}

/** Adds rows past the Chinook seed until each table has its size, in one transaction. */
async function grow(knex: Knex, sizes: Sizes, seed: number): Promise<void> {
  // A non-negative pseudo-random int from a row number: portable (hash partitioning relies on it).
  const h = (expr: string, salt: number) => `(hashint8((${expr})::bigint * 1000003 + ${seed * 31 + salt}) & 2147483647)`;
  await knex.transaction(async (tx) => {
    // Foreign keys are checked by triggers, one call per row; the generated keys are valid by construction.
    await tx.raw("SET LOCAL session_replication_role = replica");
    // The Chinook seed's row counts; its keys run from 1 to the count.
    const count = async (table: string) => Number((await tx.raw(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    const B = { artist: await count("artist"), album: await count("album"), track: await count("track"), customer: await count("customer"), invoice: await count("invoice"), line: await count("invoice_line") };
    const artists = Math.max(sizes.artists, B.artist);
    const albums = Math.max(sizes.albums, B.album);
    const tracks = Math.max(sizes.tracks, B.track);
    const customers = Math.max(sizes.customers, B.customer);
    const invoices = Math.max(sizes.invoices, B.invoice);
    const lines = Math.max(sizes.lines, B.line);

    // Each generated row copies a Chinook row chosen by the hash (names, genres, prices and
    // countries keep Chinook's distribution), with its own key and references spread evenly.
    const series = (table: keyof typeof B, n: number) => `generate_series(${B[table] + 1}, ${n}) AS i`;
    await tx.raw(`INSERT INTO artist (artist_id, name)
      SELECT i, left(t.name, 100) || ' ' || i FROM ${series("artist", artists)} JOIN artist t ON t.artist_id = 1 + ${h("i", 1)} % ${B.artist}`);
    await tx.raw(`INSERT INTO album (album_id, title, artist_id)
      SELECT i, left(t.title, 140) || ' #' || i, 1 + ${h("i", 2)} % ${artists}
      FROM ${series("album", albums)} JOIN album t ON t.album_id = 1 + ${h("i", 3)} % ${B.album}`);
    await tx.raw(`INSERT INTO track (track_id, name, album_id, media_type_id, genre_id, composer, milliseconds, bytes, unit_price)
      SELECT i, left(t.name, 180) || ' #' || i, 1 + ${h("i", 4)} % ${albums}, t.media_type_id, t.genre_id, t.composer,
             t.milliseconds + ${h("i", 5)} % 60000, t.bytes, t.unit_price
      FROM ${series("track", tracks)} JOIN track t ON t.track_id = 1 + ${h("i", 6)} % ${B.track}`);
    await tx.raw(`INSERT INTO customer (customer_id, first_name, last_name, company, address, city, state, country, postal_code, phone, fax, email, support_rep_id)
      SELECT i, t.first_name, t.last_name, t.company, t.address, t.city, t.state, t.country, t.postal_code, t.phone, t.fax,
             'customer' || i || '@example.com', t.support_rep_id
      FROM ${series("customer", customers)} JOIN customer t ON t.customer_id = 1 + ${h("i", 7)} % ${B.customer}`);
    await tx.raw(`INSERT INTO invoice (invoice_id, customer_id, invoice_date, billing_address, billing_city, billing_state, billing_country, billing_postal_code, total)
      SELECT i, c.customer_id, timestamp '2021-01-01' + (${h("i", 8)} % (5 * 365 * 86400)) * interval '1 second',
             c.address, c.city, c.state, c.country, c.postal_code, 0
      FROM ${series("invoice", invoices)} JOIN customer c ON c.customer_id = 1 + ${h("i", 9)} % ${customers}`);
    const newInvoices = invoices - B.invoice;
    if (lines > B.line && newInvoices > 0) {
      // The new lines are shared evenly among the new invoices (about lines/invoices each).
      await tx.raw(`INSERT INTO invoice_line (invoice_line_id, invoice_id, track_id, unit_price, quantity)
        SELECT i, ${B.invoice + 1} + ((i - ${B.line + 1})::bigint * ${newInvoices} / ${lines - B.line}), t.track_id, t.unit_price,
               CASE WHEN ${h("i", 10)} % 10 = 0 THEN 2 ELSE 1 END
        FROM ${series("line", lines)} JOIN track t ON t.track_id = 1 + ${h("i", 11)} % ${tracks}`);
      await tx.raw(`UPDATE invoice SET total = s.total
        FROM (SELECT invoice_id, sum(unit_price * quantity) AS total FROM invoice_line WHERE invoice_id > ${B.invoice} GROUP BY invoice_id) s
        WHERE invoice.invoice_id = s.invoice_id`);
    }
  });
}

const isMain = process.argv[1] && new URL(import.meta.url).pathname === process.argv[1];
if (isMain) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: Object.fromEntries(["database", "seed", "artists", "albums", "tracks", "customers", "invoices", "lines"].map((o) => [o, { type: "string" as const }])),
  });
  const jobs: { database: string; sizes: Sizes }[] = [];
  if (values.database) {
    const n = (k: string) => Number(values[k] ?? 0);
    jobs.push({ database: values.database, sizes: { artists: n("artists"), albums: n("albums"), tracks: n("tracks"), customers: n("customers"), invoices: n("invoices"), lines: n("lines") } });
  } else {
    const profile = PROFILES[(positionals[0] ?? "quick") as "quick" | "full"];
    if (!profile) throw new Error("usage: tsx bench/generate.ts [quick|full] | --database NAME --tracks N …");
    jobs.push(profile.main, profile.scale.small, profile.scale.large);
  }
  for (const job of jobs) {
    const outcome = await ensureDatabase(job.database, job.sizes, values.seed ? Number(values.seed) : SEED);
    if (outcome === "cached") console.log(`${job.database}: already holds ${describe(job.sizes)}`);
  }
}
