import type { Knex } from "knex";
import type { AuditLog } from "../audit/AuditLog.js";
import type { CatalogEntry } from "./CatalogEntry.js";

/** What the catalog subgraph reads: the products of every domain, and the audit log's store. */
export interface Catalog {
  entries: CatalogEntry[];
  /** The platform store holding the audit log, for usage. */
  platformStore: Knex;
  /** Flushed before usage is read, so an operation just answered is counted. */
  audit: AuditLog;
}
