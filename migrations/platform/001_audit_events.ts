import type { Knex } from "knex";

/** meshql's own audit log: one row per subgraph operation. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("meshql_audit_event", (t) => {
    t.bigIncrements("id").primary();
    t.datetime("at", { useTz: false, precision: 3 }).notNullable().index();
    t.string("request_id", 100);
    t.string("subject", 200).index();
    t.string("purpose", 100);
    t.string("domain", 100).notNullable().index();
    t.string("operation", 200);
    // JSON arrays as text, so every store holds them the same way.
    t.text("products").notNullable();
    t.text("fields").notNullable();
    t.text("policies").notNullable();
    t.integer("row_count").notNullable();
    t.integer("duration_ms").notNullable();
    t.string("outcome", 20).notNullable().index();
    t.string("error_code", 60);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("meshql_audit_event");
}
