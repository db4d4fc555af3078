import { readFileSync } from "node:fs";
import type { StoreDialect } from "../../src/store/dialectOf.js";

/** A hand-written shop database for one dialect (test/introspect/fixtures/shop.<dialect>.sql). */
export const shopScript = (dialect: StoreDialect) => readFileSync(new URL(`./fixtures/shop.${dialect}.sql`, import.meta.url), "utf8");

/** Where the shop's tables live: PostgreSQL's in a schema of their own, the others in the database. */
export const shopSchema = (dialect: StoreDialect) => (dialect === "postgres" ? "legacy" : undefined);

