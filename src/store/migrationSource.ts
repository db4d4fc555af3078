import type { Knex } from "knex";
import type { DemoDomain } from "./demoTables.js";
import * as catalogSchema from "../../migrations/catalog/001_catalog_schema.js";
import * as catalogSeed from "../../migrations/catalog/002_catalog_seed.js";
import * as crmSchema from "../../migrations/crm/001_crm_schema.js";
import * as crmSeed from "../../migrations/crm/002_crm_seed.js";
import * as salesSchema from "../../migrations/sales/001_sales_schema.js";
import * as salesSeed from "../../migrations/sales/002_sales_seed.js";

export interface NamedMigration {
  /** The name recorded in the migrations table: stable whether run from .ts or compiled .js. */
  name: string;
  migration: Knex.Migration;
}

/**
 * Migrations imported statically, so they run the same under tsx, vitest or a bundle,
 * without knex scanning a folder for files with the right extension.
 */
class StaticMigrationSource implements Knex.MigrationSource<NamedMigration> {
  constructor(private readonly migrations: NamedMigration[]) {}
  async getMigrations(): Promise<NamedMigration[]> {
    return this.migrations;
  }
  getMigrationName(migration: NamedMigration): string {
    return migration.name;
  }
  async getMigration(migration: NamedMigration): Promise<Knex.Migration> {
    return migration.migration;
  }
}

export const migrationSources: Record<DemoDomain, Knex.MigrationSource<NamedMigration>> = {
  catalog: new StaticMigrationSource([
    { name: "001_catalog_schema", migration: catalogSchema },
    { name: "002_catalog_seed", migration: catalogSeed },
  ]),
  sales: new StaticMigrationSource([
    { name: "001_sales_schema", migration: salesSchema },
    { name: "002_sales_seed", migration: salesSeed },
  ]),
  crm: new StaticMigrationSource([
    { name: "001_crm_schema", migration: crmSchema },
    { name: "002_crm_seed", migration: crmSeed },
  ]),
};
