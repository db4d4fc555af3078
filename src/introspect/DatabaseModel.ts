import type { StoreDialect } from "../store/dialectOf.js";

// An existing database as its catalogs describe it: what `meshql init` reads before it names
// anything. Each dialect's reader (readPostgres, readMysql, readSqlite) fills the same shape.

export interface DatabaseModel {
  dialect: StoreDialect;
  /** The database's own name (PostgreSQL, MySQL) or file name (SQLite), for messages. */
  database: string;
  /** The schema read: a PostgreSQL schema, a MySQL/MariaDB database, an attached SQLite database. */
  schema: string;
  /** Tables and views, sorted by name. */
  tables: TableModel[];
}

export interface TableModel {
  schema: string;
  name: string;
  kind: "table" | "view";
  comment?: string;
  /** In ordinal order. */
  columns: ColumnModel[];
  /** Primary key columns in key order; empty when there is none. */
  primaryKey: string[];
  /** Unique indexes on plain columns (no expressions, no predicate), columns in index order. */
  uniqueIndexes: { name: string; columns: string[] }[];
  foreignKeys: ForeignKeyModel[];
}

export interface ColumnModel {
  name: string;
  /**
   * The type as the catalog names it: PostgreSQL's type name after domains (`int4`, `varchar`,
   * `mood`; an array's element type), MySQL's COLUMN_TYPE (`int(10) unsigned`, `enum('a','b')`),
   * SQLite's declared type as written (`NVARCHAR(160)`, or empty).
   */
  type: string;
  nullable: boolean;
  comment?: string;
  /** A PostgreSQL array: `type` is its element type. */
  array?: boolean;
  /** A PostgreSQL enum type (named) or a MySQL/MariaDB ENUM column (anonymous): its values in order. */
  enum?: { schema?: string; name?: string; values: string[] };
  /** PostgreSQL types meshql knows only by kind. */
  typeKind?: "composite" | "range" | "pseudo";
  /** MariaDB's JSON is a longtext with a json_valid() check. */
  json?: boolean;
}

/** A foreign key: `columns[i]` of this table references `targetColumns[i]` of the target. */
export interface ForeignKeyModel {
  name: string;
  columns: string[];
  targetSchema: string;
  targetTable: string;
  targetColumns: string[];
  /**
   * The store guarantees it as this connection reads: every row whose columns are all non-null
   * has its target row, and a value compares alike on both sides. PostgreSQL: a validated key
   * whose checks are on, from a table with no inheritance children (a partitioned table's
   * partitions have the key too) to one without row-level security, each pair of columns of
   * the same type and collation (as start-up reads them; rows a replica or a load with
   * `session_replication_role = replica` wrote unchecked are the store's to answer for). Never
   * on MariaDB, whose checks a session may switch off while loading (and which records no
   * validation), nor on SQLite, which checks only on connections that ask it to.
   */
  enforced?: boolean;
}
