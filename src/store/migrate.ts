import type { Knex } from "knex";
import type { DemoDomain } from "./demoTables.js";
import { migrationSources } from "./migrationSource.js";

/** One migrations table per domain, so several domains can share one database. */
export const migrationsTableOf = (domain: DemoDomain) => `meshql_migrations_${domain}`;

const configOf = (domain: DemoDomain): Knex.MigratorConfig => ({
  migrationSource: migrationSources[domain],
  tableName: migrationsTableOf(domain),
});

/** Runs the domain's pending migrations; returns the names of those it ran. */
export async function migrateDomain(knex: Knex, domain: DemoDomain): Promise<string[]> {
  const [, names] = await knex.migrate.latest(configOf(domain));
  return names;
}
