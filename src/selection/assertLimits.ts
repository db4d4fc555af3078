import type { Expr, FieldSelection, Predicate, RootSelection, RowsSelection } from "./ir.js";
import { userError } from "./userError.js";

export interface SelectionLimits {
  maxDepth: number;
  /** Rows one operation may ask the store for, estimated from its limits. */
  maxCost: number;
}

/** Relations a filter goes through, at its deepest. */
function predicateDepth(p: Predicate | undefined): number {
  if (!p) return 0;
  switch (p.kind) {
    case "and":
    case "or":
      return Math.max(0, ...p.items.map(predicateDepth));
    case "not":
      return predicateDepth(p.item);
    case "related":
      return 1 + predicateDepth(p.where);
    default:
      return 0;
  }
}

const exprDepth = (e: Expr): number => (e.kind === "related" ? 1 + exprDepth(e.expr) : 0);

/** Levels a selection reaches: nested fields, and relations its filters and orders go through. */
function depthOf(rows: Pick<RowsSelection, "fields" | "where" | "orderBy">): number {
  let deepest = Math.max(predicateDepth(rows.where), ...rows.orderBy.map((o) => exprDepth(o.expr)));
  for (const f of rows.fields) {
    if (f.kind === "object" || f.kind === "list" || f.kind === "reference") deepest = Math.max(deepest, depthOf(f.rows));
    if (f.kind === "aggregate") deepest = Math.max(deepest, 1 + predicateDepth(f.where));
  }
  return deepest + 1;
}

/** At most as many rows as keys a filter names (`id: {_eq}` or `_in`); else unknown. */
function keyBound(where: Predicate | undefined, rows: RowsSelection): number | undefined {
  if (!where) return undefined;
  if (where.kind === "and") {
    const bounds = where.items.map((i) => keyBound(i, rows)).filter((b): b is number => b !== undefined);
    return bounds.length ? Math.min(...bounds) : undefined;
  }
  const keys = rows.product.keyFields;
  if (where.kind !== "compare" || keys.length !== 1 || where.left.kind !== "column" || where.left.column !== keys[0].column) return undefined;
  return where.op === "eq" ? 1 : where.op === "in" ? (where.value as unknown[]).length : undefined;
}

/** The rows a list may return: its limit, or fewer when its filter names keys. */
const rowsOf = (rows: RowsSelection) => Math.min(rows.limit ?? 1, keyBound(rows.where, rows) ?? Infinity);

/** Rows a level may produce: every row times (itself plus what each nested field adds per row). */
function costOf(fields: FieldSelection[], rows: number): number {
  let perRow = 1;
  for (const f of fields) {
    if (f.kind === "list") perRow += costOf(f.rows.fields, rowsOf(f.rows));
    else if (f.kind === "object" || f.kind === "reference") perRow += costOf(f.rows.fields, 1);
    else if (f.kind === "aggregate") perRow += 1;
  }
  return rows * perRow;
}

/** A `<plural>Changes` field reads as a list of its rows with the fields asked of `row`. */
const changesAsList = (root: Extract<RootSelection, { kind: "changes" }>): RootSelection => ({
  kind: "list",
  rows: { ...root.changes.rows, fields: root.changes.items.flatMap((i) => (i.kind === "row" ? i.fields : [])) },
});

/** Rows a root field may read: its own, times what each nested field adds per row. */
export function estimatedRows(root: RootSelection): number {
  if (root.kind === "changes") return estimatedRows(changesAsList(root));
  const fields = root.kind === "list" || root.kind === "one" || root.kind === "entities" ? root.rows.fields : [];
  const rows =
    root.kind === "list" ? rowsOf(root.rows) : root.kind === "entities" ? root.keys.length : root.kind === "groupBy" ? (root.group.limit ?? 1) : 1;
  return costOf(fields, rows);
}

/**
 * Refuses selections nested too deep or asking too many rows, before any SQL is built. A whole
 * operation's rows, summed over its root fields and aliases, are checked before it runs (see
 * src/server/operationCost.ts); this bounds each root field, however it is reached.
 */
export function assertLimits(root: RootSelection, limits: SelectionLimits): void {
  if (root.kind === "changes") return assertLimits(changesAsList(root), limits);
  const depth =
    root.kind === "aggregate"
      ? 1 + predicateDepth(root.where)
      : root.kind === "groupBy"
        ? 1 + Math.max(predicateDepth(root.group.where), predicateDepth(root.group.having))
        : depthOf(root.rows);
  if (depth > limits.maxDepth) throw userError(`query depth ${depth} is over the maximum of ${limits.maxDepth}`);
  const cost = estimatedRows(root);
  if (cost > limits.maxCost) {
    throw userError(`this query may read ${cost} rows, over the maximum of ${limits.maxCost}; ask nested lists for fewer rows with limit`);
  }
}
