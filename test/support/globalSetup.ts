import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openStore } from "../../src/store/openStore.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import { dropDomain } from "../../src/store/dropDomain.js";
import { migrateDomain, migrationsTableOf } from "../../src/store/migrate.js";
import { DEMO_TABLES, type DemoDomain } from "../../src/store/demoTables.js";
import { migrationSources } from "../../src/store/migrationSource.js";
import { readChinookTable } from "../../src/store/chinookTable.js";
import type { Knex } from "knex";

/** Every migration of the domain ran and each table holds exactly the seed's rows. */
async function isSeeded(knex: Knex, domain: DemoDomain): Promise<boolean> {
  try {
    const pending = await knex.migrate.status({ migrationSource: migrationSources[domain], tableName: migrationsTableOf(domain) });
    if (pending !== 0) return false;
    for (const table of DEMO_TABLES[domain]) {
      const [{ n }] = await knex(table).count({ n: "*" });
      if (Number(n) !== readChinookTable(table).rows.length) return false;
    }
    return true;
  } catch {
    return false;
  }
}
import { inCI, skipMessage, testTargets, whyUnreachable, type PreparedTarget, type TestTarget } from "./databases.js";

/**
 * Once per run: drops, migrates and seeds every domain into each reachable target, then hands
 * the store URLs to the test files (inject("meshqlTargets")), which only read.
 */
export default async function setup(project: TestProject) {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), "meshql-test-"));
  // The SQL endpoint's tests have PostgreSQL (another OS user) read the SQLite stores through ogr_fdw.
  chmodSync(dir, 0o755);
  const timings: string[] = [];
  const targets = await Promise.all(
    testTargets.map(async (target) => {
      const t0 = performance.now();
      const prepared = await prepare(target, dir);
      timings.push(`${target.dialect} ${Math.round(performance.now() - t0)} ms`);
      return prepared;
    }),
  );
  project.provide("meshqlTargets", targets);
  for (const target of targets.filter((t) => !t.stores)) {
    console.warn(inCI() ? `${target.label} is not reachable (CI=true: its tests fail): ${target.unreachable}` : skipMessage(target));
  }
  console.log(`meshql globalSetup: ${timings.join(", ")}; total ${Math.round(performance.now() - started)} ms`);
  return () => rmSync(dir, { recursive: true, force: true });
}

async function prepare(target: TestTarget, dir: string): Promise<PreparedTarget> {
  const stores = target.storeUrls(dir);
  const unreachable = await whyUnreachable(stores.catalog);
  if (unreachable) return { dialect: target.dialect, label: target.label, stores: null, unreachable };
  // One domain at a time: on the servers they share a database. A domain whose migrations all
  // ran and whose tables hold the seed is kept, so overlapping runs do not pull tables away
  // from each other; anything else is rebuilt from scratch.
  for (const domain of DEMO_DOMAINS) {
    const knex = openStore(stores[domain], dir);
    try {
      if (await isSeeded(knex, domain)) continue;
      await dropDomain(knex, domain);
      await migrateDomain(knex, domain);
    } finally {
      await knex.destroy();
    }
  }
  return { dialect: target.dialect, label: target.label, stores };
}
