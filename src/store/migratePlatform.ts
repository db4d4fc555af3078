import type { Knex } from "knex";
import * as auditEvents from "../../migrations/platform/001_audit_events.js";
import * as auditSharedWith from "../../migrations/platform/002_audit_shared_with.js";

const migrations = [
  { name: "001_audit_events", migration: auditEvents as Knex.Migration },
  { name: "002_audit_shared_with", migration: auditSharedWith as Knex.Migration },
];

const source: Knex.MigrationSource<(typeof migrations)[number]> = {
  getMigrations: async () => migrations,
  getMigrationName: (m) => m.name,
  getMigration: async (m) => m.migration,
};

/** Creates or updates meshql's platform tables (the audit log). */
export async function migratePlatform(knex: Knex): Promise<void> {
  // Every platform migration adds to what was there: a server of an earlier version, restarted
  // beside a later one, still runs on the tables the later one migrated.
  await knex.migrate.latest({ migrationSource: source, tableName: "meshql_migrations_platform", disableMigrationsListValidation: true });
}
