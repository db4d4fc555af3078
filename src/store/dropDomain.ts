import type { Knex } from "knex";
import { DEMO_TABLES, type DemoDomain } from "./demoTables.js";
import { migrationsTableOf } from "./migrate.js";

/**
 * Drops a domain's tables and migration bookkeeping whatever state they are in (even after an
 * interrupted run, which rollback cannot undo), so the next migrateDomain starts from nothing.
 */
export async function dropDomain(knex: Knex, domain: DemoDomain): Promise<void> {
  for (const table of [...DEMO_TABLES[domain]].reverse()) await knex.schema.dropTableIfExists(table);
  await knex.schema.dropTableIfExists(migrationsTableOf(domain));
  await knex.schema.dropTableIfExists(`${migrationsTableOf(domain)}_lock`);
}
