import type { Knex } from "knex";
import { createTable } from "../../src/store/createTable.js";

// Types as in Chinook_PostgreSql.sql. invoice.customer_id (crm) and invoice_line.track_id
// (catalog) refer to other domains' stores: indexed, but no foreign key can reach them.
export async function up(knex: Knex): Promise<void> {
  await createTable(knex, "invoice", (t, varchar) => {
    t.integer("invoice_id").notNullable().primary("invoice_pkey");
    t.integer("customer_id").notNullable().index("invoice_customer_id_idx");
    t.datetime("invoice_date", { useTz: false }).notNullable();
    varchar("billing_address", 70);
    varchar("billing_city", 40);
    varchar("billing_state", 40);
    varchar("billing_country", 40);
    varchar("billing_postal_code", 10);
    t.decimal("total", 10, 2).notNullable();
  });
  await createTable(knex, "invoice_line", (t) => {
    t.integer("invoice_line_id").notNullable().primary("invoice_line_pkey");
    t.integer("invoice_id").notNullable().index("invoice_line_invoice_id_idx");
    t.integer("track_id").notNullable().index("invoice_line_track_id_idx");
    t.decimal("unit_price", 10, 2).notNullable();
    t.integer("quantity").notNullable();
    t.foreign("invoice_id", "invoice_line_invoice_id_fkey").references("invoice_id").inTable("invoice");
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("invoice_line");
  await knex.schema.dropTable("invoice");
}
