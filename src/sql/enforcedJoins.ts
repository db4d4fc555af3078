import type { Expr, Predicate } from "../selection/ir.js";
import type { RelationField } from "../metadata/model.js";

type Column = Extract<Expr, { kind: "column" }>;

/**
 * A relation filter answered from the source row's own columns, where a foreign key the store
 * enforces (Join.enforced) makes the target row certain: `genre: {id: {_eq: 2}}` on a track is
 * `genre_id IS NOT NULL AND genre_id = 2`, and PostgreSQL reads no genre row (the semi-join cost it
 * more than the rest of a paged list's statement). Only where the target's side tests nothing but
 * the joined columns: a row filter, a mask or any other column keeps the join.
 */
export function filterOnSource(relation: RelationField, where: Predicate): Predicate | undefined {
  const columns = joinedColumns(relation);
  const onSource = columns && onColumns(where, columns);
  if (!onSource) return undefined;
  // The join matches no row when a source column is NULL: so does this, negated or not.
  const present = relation.join.sourceColumns.map((column): Predicate => ({ kind: "isNull", expr: sourceColumn(column), isNull: false }));
  return { kind: "and", items: [...present, onSource] };
}

/** A related value that is one of the joined columns, read from the source row (NULL there is NULL either way). */
export function valueOnSource(relation: RelationField, expr: Expr, where: Predicate | undefined): string | undefined {
  const columns = joinedColumns(relation);
  return columns && !where && expr.kind === "column" && !expr.list ? columns.get(expr.column) : undefined;
}

/** Target column → source column, for a join the store enforces. */
function joinedColumns({ join }: RelationField): Map<string, string> | undefined {
  if (!join.enforced || join.through) return undefined;
  return new Map(join.targetColumns.map((target, i) => [target, join.sourceColumns[i]]));
}

// Only tested for NULL, which needs no type: any will do.
const sourceColumn = (column: string): Column => ({ kind: "column", column, type: "ID", nullable: true });

/**
 * The predicate over the source's columns, or undefined when it reads anything else. Only tests
 * that are never NULL on non-null columns (no NULL among the values), so that the result, negated
 * or not, is the EXISTS's own true or false.
 */
function onColumns(p: Predicate, columns: Map<string, string>): Predicate | undefined {
  switch (p.kind) {
    case "and":
    case "or": {
      const items = p.items.map((item) => onColumns(item, columns));
      return items.every((item) => item !== undefined) ? { kind: p.kind, items: items as Predicate[] } : undefined;
    }
    case "not": {
      const item = onColumns(p.item, columns);
      return item && { kind: "not", item };
    }
    case "isNull": {
      const expr = renamed(p.expr, columns);
      return expr && { ...p, expr };
    }
    case "compare": {
      const left = renamed(p.left, columns);
      return left && definite(p) ? { ...p, left } : undefined;
    }
    case "related":
      return undefined;
  }
}

/** A comparison that cannot be NULL on a non-null column. */
function definite(p: Extract<Predicate, { kind: "compare" }>): boolean {
  if (p.op === "in" || p.op === "nin") return Array.isArray(p.value) && p.value.every((v) => v !== null && v !== undefined);
  return ["eq", "neq", "gt", "gte", "lt", "lte"].includes(p.op) && p.value !== null && p.value !== undefined;
}

/** One of the joined target columns, as the source column holding the same value. */
function renamed(e: Expr, columns: Map<string, string>): Column | undefined {
  if (e.kind !== "column" || e.list) return undefined;
  const column = columns.get(e.column);
  if (column === undefined) return undefined;
  const { stored: _target, ...rest } = e;
  return { ...rest, column, nullable: true };
}
