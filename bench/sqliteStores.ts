/**
 * The benchmark data as the embedded default keeps it: one SQLite file per domain (as `npm start`
 * serves them), created by the demo migrations and filled with a copy of a generated PostgreSQL
 * benchmark database's rows, so the SQLite contenders answer with the same data as the others.
 * A copy already made from the same generated database is reused.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Knex } from "knex";
import { DEMO_DOMAINS, DEMO_TABLES, type DemoDomain } from "../src/store/demoTables.js";
import { migrateDomain } from "../src/store/migrate.js";
import { openStore } from "../src/store/openStore.js";
import { unseedTables } from "../src/store/seedTables.js";
import { pgUrl } from "./profiles.js";

const ROOT = new URL("..", import.meta.url).pathname;
// knex writes a multi-row SQLite insert as one compound SELECT, limited to 500 terms.
const BATCH = 500;

/** Each domain's SQLite file holding the rows of `database`; made (or found made) under the system's temporary folder. */
export async function ensureSqliteStores(database: string, log = console.log): Promise<Record<DemoDomain, string>> {
  const dir = join(tmpdir(), "meshql-bench-sqlite", database);
  const files = Object.fromEntries(DEMO_DOMAINS.map((d) => [d, join(dir, `${d}.sqlite`)])) as Record<DemoDomain, string>;
  const source = openStore(pgUrl(database), ROOT);
  try {
    const { rows } = await source.raw("SELECT description AS d FROM meshql_bench.generated");
    const marker = join(dir, "copied-from.json");
    const wanted = JSON.stringify({ database, generated: rows[0]?.d });
    if (existsSync(marker) && readFileSync(marker, "utf8") === wanted) return files;
    const started = Date.now();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const domain of DEMO_DOMAINS) await copyDomain(source, domain, files[domain]);
    writeFileSync(marker, wanted);
    log(`copied ${database} to SQLite files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return files;
  } finally {
    await source.destroy();
  }
}

async function copyDomain(source: Knex, domain: DemoDomain, file: string): Promise<void> {
  const target = openStore(`sqlite:${file}`, ROOT);
  try {
    await migrateDomain(target, domain);
    await unseedTables(target, DEMO_TABLES[domain]);
    await target.transaction(async (tx) => {
      for (const table of DEMO_TABLES[domain]) {
        const rows = (await source(table).select()) as Record<string, unknown>[];
        for (let i = 0; i < rows.length; i += BATCH) await tx(table).insert(rows.slice(i, i + BATCH));
      }
    });
    await target.raw("ANALYZE");
  } finally {
    await target.destroy();
  }
}
