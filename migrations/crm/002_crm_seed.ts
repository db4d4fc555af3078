import type { Knex } from "knex";
import { DEMO_TABLES } from "../../src/store/demoTables.js";
import { seedTables, unseedTables } from "../../src/store/seedTables.js";

export const up = (knex: Knex) => seedTables(knex, DEMO_TABLES.crm);

export async function down(knex: Knex): Promise<void> {
  // InnoDB checks a self-reference row by row during one DELETE, so unlink managers first.
  await knex("employee").update({ reports_to: null });
  await unseedTables(knex, DEMO_TABLES.crm);
}
