import type { Knex } from "knex";

// The data of Apollo's subgraph compatibility suite (its COMPATIBILITY.md, "Expected Data
// Sets") as tables the products domain (bench/compat/products/products.graphql) is declared
// over: the same rows on SQLite, PostgreSQL and MariaDB.

const USER = "support@apollographql.com";

/** Each table's rows, in the order they may be inserted (referenced rows first). */
export const COMPAT_ROWS: Record<string, Record<string, unknown>[]> = {
  compat_user: [{ email: USER, name: "Jane Smith", total_products_created: 1337, years_of_employment: 10 }],
  compat_product_dimension: [{ id: 1, size: "small", weight: 1, unit: "kg" }],
  compat_product_variation: [{ id: "OSS" }, { id: "platform" }],
  compat_case_study: [
    { case_number: "1234", description: "Federation Study" },
    { case_number: "1235", description: "Studio Study" },
  ],
  compat_product: [
    { id: "apollo-federation", sku: "federation", package: "@apollo/federation", variation_id: "OSS", dimension_id: 1, created_by: USER, notes: null },
    { id: "apollo-studio", sku: "studio", package: "", variation_id: "platform", dimension_id: 1, created_by: USER, notes: null },
  ],
  compat_product_research: [
    { case_number: "1234", product_id: "apollo-federation", outcome: null },
    { case_number: "1235", product_id: "apollo-studio", outcome: null },
  ],
  compat_deprecated_product: [
    { sku: "apollo-federation-v1", package: "@apollo/federation-v1", reason: "Migrate to Federation V2", created_by: USER, inventory_id: "apollo-oss" },
  ],
};

/** Drops and creates the suite's tables, then inserts its rows. */
export async function seedCompat(knex: Knex): Promise<void> {
  for (const table of Object.keys(COMPAT_ROWS).reverse()) await knex.schema.dropTableIfExists(table);
  const text = (t: Knex.CreateTableBuilder, name: string) => t.string(name, 100);
  await knex.schema.createTable("compat_user", (t) => {
    text(t, "email").primary();
    text(t, "name");
    t.integer("total_products_created");
    t.integer("years_of_employment");
  });
  await knex.schema.createTable("compat_product_dimension", (t) => {
    t.integer("id").primary();
    text(t, "size");
    t.double("weight");
    text(t, "unit");
  });
  await knex.schema.createTable("compat_product_variation", (t) => {
    text(t, "id").primary();
  });
  await knex.schema.createTable("compat_case_study", (t) => {
    text(t, "case_number").primary();
    text(t, "description");
  });
  await knex.schema.createTable("compat_product", (t) => {
    text(t, "id").primary();
    text(t, "sku");
    text(t, "package");
    text(t, "variation_id").references("id").inTable("compat_product_variation");
    t.integer("dimension_id").references("id").inTable("compat_product_dimension");
    text(t, "created_by").references("email").inTable("compat_user");
    text(t, "notes");
    t.unique(["sku", "package"]);
  });
  await knex.schema.createTable("compat_product_research", (t) => {
    text(t, "case_number").primary().references("case_number").inTable("compat_case_study");
    text(t, "product_id").notNullable().references("id").inTable("compat_product");
    text(t, "outcome");
  });
  await knex.schema.createTable("compat_deprecated_product", (t) => {
    text(t, "sku").notNullable();
    text(t, "package").notNullable();
    text(t, "reason");
    text(t, "created_by").references("email").inTable("compat_user");
    text(t, "inventory_id");
    t.primary(["sku", "package"]);
  });
  for (const [table, rows] of Object.entries(COMPAT_ROWS)) await knex(table).insert(rows);
}
