import type { Knex } from "knex";
import { createTable } from "../../src/store/createTable.js";

// Types as in Chinook_PostgreSql.sql; every foreign-key column is indexed.
export async function up(knex: Knex): Promise<void> {
  await createTable(knex, "employee", (t, varchar) => {
    t.integer("employee_id").notNullable().primary("employee_pkey");
    varchar("last_name", 20).notNullable();
    varchar("first_name", 20).notNullable();
    varchar("title", 30);
    t.integer("reports_to").index("employee_reports_to_idx");
    t.datetime("birth_date", { useTz: false });
    t.datetime("hire_date", { useTz: false });
    varchar("address", 70);
    varchar("city", 40);
    varchar("state", 40);
    varchar("country", 40);
    varchar("postal_code", 10);
    varchar("phone", 24);
    varchar("fax", 24);
    varchar("email", 60);
    t.foreign("reports_to", "employee_reports_to_fkey").references("employee_id").inTable("employee");
  });
  await createTable(knex, "customer", (t, varchar) => {
    t.integer("customer_id").notNullable().primary("customer_pkey");
    varchar("first_name", 40).notNullable();
    varchar("last_name", 20).notNullable();
    varchar("company", 80);
    varchar("address", 70);
    varchar("city", 40);
    varchar("state", 40);
    varchar("country", 40);
    varchar("postal_code", 10);
    varchar("phone", 24);
    varchar("fax", 24);
    varchar("email", 60).notNullable();
    t.integer("support_rep_id").index("customer_support_rep_id_idx");
    t.foreign("support_rep_id", "customer_support_rep_id_fkey").references("employee_id").inTable("employee");
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("customer");
  await knex.schema.dropTable("employee");
}
