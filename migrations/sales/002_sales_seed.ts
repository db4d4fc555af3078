import type { Knex } from "knex";
import { DEMO_TABLES } from "../../src/store/demoTables.js";
import { seedTables, unseedTables } from "../../src/store/seedTables.js";

export const up = (knex: Knex) => seedTables(knex, DEMO_TABLES.sales);
export const down = (knex: Knex) => unseedTables(knex, DEMO_TABLES.sales);
