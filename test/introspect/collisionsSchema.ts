import type { StoreDialect } from "../../src/store/dialectOf.js";

/**
 * Tables named like the types GraphQL, Federation and meshql use or generate, and columns whose
 * names collide once camelCased: the DDL for one dialect (quoting is all that differs).
 */
export function collisionsSchema(dialect: StoreDialect): string {
  const q = (name: string) => (dialect === "mysql" ? `\`${name}\`` : `"${name}"`);
  const table = (name: string, columns: string[]) => `CREATE TABLE ${q(name)} (${columns.join(", ")});`;
  const id = `${q("id")} INTEGER NOT NULL PRIMARY KEY`;
  return [
    table("album", [id, `${q("tracks")} INTEGER`]),
    table("track", [
      id,
      `${q("album_id")} INTEGER REFERENCES ${q("album")} (${q("id")})`,
      `${q("album")} VARCHAR(20)`,
      `${q("AlbumId")} INTEGER`,
      `${q("2fa")} INTEGER`,
      `${q("???")} VARCHAR(20)`,
    ]),
    table("track_where", [id]),
    table("product", [id]),
    table("product_field", [id]),
    table("order_direction", [id]),
    table("int_comparison", [id]),
    table("date", [id]),
    table("query", [id]),
    table("sheep", [id]),
    table("people", [id]),
    table("person", [id]),
    table("2fa_codes", [id]),
    table("meshql_migrations_catalog", [id]),
  ].join("\n");
}
