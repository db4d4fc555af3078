import type { Knex } from "knex";

/** The request whose subgraph call answered an event's request too (a gateway shared the call). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("meshql_audit_event", (t) => {
    t.string("shared_with", 100);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("meshql_audit_event", (t) => {
    t.dropColumn("shared_with");
  });
}
