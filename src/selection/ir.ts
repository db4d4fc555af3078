// The selection IR: what a GraphQL root field asks of one domain, with no SQL and no identity.
// Fields are keyed by response key, so aliases of the same field with other arguments coexist.

import type { ColumnField, EnumType, Product, ReferenceField, RelationField, ScalarType, StoredColumn } from "../metadata/model.js";

export type AggregateFn = "count" | "sum" | "avg" | "min" | "max";

/** A calendar unit a date is truncated to: weeks start on Monday. */
export type TimeUnit = "year" | "quarter" | "month" | "week" | "day";

/** How a masked value is computed from the real one (see the policy files' `mask:`). */
export interface MaskFunction {
  as: "null" | "constant" | "hash" | "partial" | "round" | "truncateDate" | "regex";
  value?: string | number | boolean;
  keep?: number;
  digits?: number;
  unit?: TimeUnit;
  pattern?: string;
  replacement?: string;
}

/**
 * A scalar value computed in the current scope. `type` is a list's element type when `list` is
 * set; an enum's values are its stored texts.
 */
export type Expr =
  | { kind: "column"; column: string; type: ScalarType; nullable: boolean; list?: boolean; enum?: EnumType; stored?: StoredColumn }
  /** A value reached through an object relation (ordering by a related field). */
  | { kind: "related"; relation: RelationField; expr: Expr; type: ScalarType; where?: Predicate }
  /** A policy's mask over a value, on the rows `when` matches (all rows without it). */
  | { kind: "mask"; mask: MaskFunction; input: Expr; when?: Predicate; type: ScalarType; list?: boolean }
  /** A date truncated to the start of its day, week, month, quarter or year (a group-by bucket). */
  | { kind: "bucket"; unit: TimeUnit; input: Expr; type: ScalarType }
  /** An aggregate over the current group; `arg` is absent for count(*). */
  | { kind: "aggregate"; fn: AggregateFn; arg?: Expr; type: ScalarType };

/** `contains`/`containedIn`: a list holds every given value / only given values; JSON contains a JSON value. */
export type CompareOp = "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "in" | "nin" | "like" | "ilike" | "contains" | "containedIn";

/** One predicate type for user filters, relationship filters, `having` and policy row filters. */
export type Predicate =
  | { kind: "and"; items: Predicate[] }
  | { kind: "or"; items: Predicate[] }
  | { kind: "not"; item: Predicate }
  | { kind: "compare"; left: Expr; op: CompareOp; value: unknown }
  | { kind: "isNull"; expr: Expr; isNull: boolean }
  /** Some row of the related product matches (object relation: the related row matches). */
  | { kind: "related"; relation: RelationField; where: Predicate };

export interface Order {
  expr: Expr;
  direction: "ASC" | "DESC";
  nulls: "FIRST" | "LAST";
}

/** Rows of one product (or entity stub) with the fields asked of each. */
export interface RowsSelection {
  product: Product;
  fields: FieldSelection[];
  where?: Predicate;
  orderBy: Order[];
  limit?: number;
  offset?: number;
}

export interface ScalarSelection {
  kind: "scalar";
  key: string;
  expr: Expr;
}

export type FieldSelection =
  | ScalarSelection
  | { kind: "object"; key: string; relation: RelationField; rows: RowsSelection }
  | { kind: "list"; key: string; relation: RelationField; rows: RowsSelection }
  | { kind: "aggregate"; key: string; relation: RelationField; where?: Predicate; aggregate: AggregateSelection }
  /** Another domain's entity: its key from a column, plus fields this domain adds to it. */
  | { kind: "reference"; key: string; reference: ReferenceField; rows: RowsSelection }
  /** `__typename`: the object type's name, written into the row's JSON as any field is. */
  | { kind: "typename"; key: string; typename: string };

/** `{ count sum { a } min { b } }` and, in groups, `key { c }`. */
export type AggregateItem =
  | { kind: "count"; key: string }
  | { kind: "fields"; key: string; fn: Exclude<AggregateFn, "count">; fields: { key: string; expr: Expr }[] }
  | { kind: "groupKey"; key: string; fields: ScalarSelection[] };

export interface AggregateSelection {
  items: AggregateItem[];
  /** Aggregates over fewer rows than this are null (a policy's minimum group size). */
  minRows?: number;
}

export interface GroupBySelection {
  product: Product;
  by: Expr[];
  where?: Predicate;
  having?: Predicate;
  orderBy: Order[];
  limit?: number;
  offset?: number;
  aggregate: AggregateSelection;
}

/** One response key of a `<plural>Changes` item: how the row changed, which fields, or the row itself. */
export type ChangeItem =
  | { kind: "kind"; key: string }
  | { kind: "changedFields"; key: string }
  | { kind: "row"; key: string; fields: FieldSelection[] };

/** The rows of a product that differ between two instants of its history. */
export interface ChangesSelection {
  /** The product, its row filters as `where`, its key order and the page. */
  rows: RowsSelection;
  items: ChangeItem[];
  since: string;
  /** Absent: the latest snapshot. */
  until?: string;
  /** Every field whose difference makes a row UPDATED, as the caller may see it. */
  compared: { name: string; expr: Expr }[];
}

/**
 * What one root field (or one `_entities` batch of one type) asks for. `asOf`: read the
 * product's history as it stood at that instant, relations at the same instant.
 */
export type RootSelection =
  | { kind: "list"; rows: RowsSelection; asOf?: string }
  | { kind: "one"; rows: RowsSelection; asOf?: string }
  | { kind: "aggregate"; product: Product; where?: Predicate; aggregate: AggregateSelection; asOf?: string }
  | { kind: "groupBy"; group: GroupBySelection; asOf?: string }
  | { kind: "changes"; changes: ChangesSelection }
  /** Entities by one of their keys (`keyFields`): `keys` are the representations' values, in that key's order. */
  | { kind: "entities"; rows: RowsSelection; keyFields: ColumnField[]; keys: unknown[][] };
