import { isExact } from "../metadata/fieldTraits.js";
import type { ScalarType } from "../metadata/model.js";
import type { AggregateFn, AggregateSelection, Expr, FieldSelection, Order, RowsSelection } from "../selection/ir.js";
import type { OrderTerm } from "./dialect/Dialect.js";
import { type CompileContext, type Scope, tableScope } from "./CompileContext.js";
import { comparableExpr, compileExpr, firstRowUnlessKey, joinAnd, joinCondition } from "./compilePredicate.js";
import { type Sql, join, raw, sql } from "./Sql.js";

/** The JSON object of one row: every selected field, nested levels as correlated subqueries. */
export function rowObject(ctx: CompileContext, fields: FieldSelection[], scope: Scope): Sql {
  return ctx.dialect.jsonRecord(fields.map((f) => [f.key, fieldValue(ctx, f, scope), f.kind !== "scalar" && f.kind !== "typename"]));
}

function fieldValue(ctx: CompileContext, field: FieldSelection, scope: Scope): Sql {
  const { dialect } = ctx;
  switch (field.kind) {
    case "scalar":
      return jsonValue(ctx, field.expr, compileExpr(ctx, field.expr, scope));
    case "typename":
      return dialect.typeName(field.typename);
    case "object": {
      const alias = ctx.nextAlias();
      const inner = tableScope(ctx, alias);
      const where = joinAnd(ctx, joinCondition(ctx, field.relation, scope, alias), field.rows.where, inner);
      const object = rowObject(ctx, field.rows.fields, inner);
      return dialect.embedJson(sql`(SELECT ${object} FROM ${ctx.table(field.rows.product.table!, alias)} WHERE ${where}${firstRowUnlessKey(ctx, field.relation, inner)})`);
    }
    case "list": {
      const alias = ctx.nextAlias();
      const inner = tableScope(ctx, alias);
      return dialect.embedJson(
        dialect.jsonList({
          item: rowObject(ctx, field.rows.fields, inner),
          from: ctx.table(field.rows.product.table!, alias),
          where: joinAnd(ctx, joinCondition(ctx, field.relation, scope, alias), field.rows.where, inner),
          orderBy: orderTerms(ctx, field.rows.orderBy, inner),
          limit: field.rows.limit,
          offset: field.rows.offset,
        }),
      );
    }
    case "aggregate": {
      const alias = ctx.nextAlias();
      const inner = tableScope(ctx, alias);
      const where = joinAnd(ctx, joinCondition(ctx, field.relation, scope, alias), field.where, inner);
      return dialect.embedJson(sql`(SELECT ${aggregateObject(ctx, field.aggregate, inner)} FROM ${ctx.table(field.relation.targetProduct.table!, alias)} WHERE ${where})`);
    }
    case "reference": {
      // The entity's key is the reference columns; fields this domain adds hang off those values.
      const fks = field.reference.columns.map((c) => scope.column(c));
      const object = rowObject(ctx, field.rows.fields, referenceScope(field.rows, fks));
      const anyNull = join(fks.map((fk) => sql`${fk} IS NULL`), " OR ");
      return field.reference.nullable ? sql`CASE WHEN ${anyNull} THEN NULL ELSE ${object} END` : object;
    }
  }
}

/**
 * An enum orders as its values are declared, on every store (PostgreSQL and MySQL would use their
 * own type's order, SQLite the text's): its position in the declaration.
 */
function enumRank(e: Expr, value: Sql): Sql {
  if (e.kind !== "column" || !e.enum) return value;
  const whens = e.enum.values.map((v, i) => sql` WHEN ${v.stored} THEN ${raw(String(i))}`);
  return sql`CASE ${value}${join(whens, "")} END`;
}

/** An aggregate of a value: a sum or an average of exact numbers is an exact Decimal. */
export const aggregateOf = (fn: Exclude<AggregateFn, "count">, arg: Expr): Extract<Expr, { kind: "aggregate" }> => ({
  kind: "aggregate",
  fn,
  arg,
  type: (fn === "sum" || fn === "avg") && isExact(arg.type) ? "Decimal" : arg.type,
});

/** A value as it goes into the row's JSON, in the form the dialect guarantees for its type. */
const jsonValue = (ctx: CompileContext, e: Expr, value: Sql): Sql => ctx.dialect.jsonValue(value, e.type, "list" in e && e.list === true, storedType(e));

/**
 * What the store computes a value as: a column's stored type; a minimum or maximum, its
 * column's; an exact sum or average of an exact column, a decimal (of a float column, a float).
 */
export function storedType(e: Expr): ScalarType | undefined {
  if (e.kind === "column") return e.stored?.type;
  if (e.kind !== "aggregate" || !e.arg) return undefined;
  const arg = storedType(e.arg);
  if (e.fn === "min" || e.fn === "max") return arg;
  return e.type === "Decimal" && (arg === "Decimal" || arg === "Int" || arg === "BigInt") ? "Decimal" : undefined;
}

/** Inside a referenced entity, its key columns are the referring row's columns, in key order. */
function referenceScope(rows: RowsSelection, fks: Sql[]): Scope {
  const keyColumns = rows.product.keyFields.map((k) => k.column);
  return {
    column(name) {
      const at = keyColumns.indexOf(name);
      if (at < 0) throw new Error(`entity ${rows.product.name} has no column ${name} here`);
      return fks[at];
    },
  };
}

export function aggregateObject(ctx: CompileContext, aggregate: AggregateSelection, scope: Scope): Sql {
  // Below a policy's minimum group size every aggregate is null, the count included.
  const guard = (value: Sql) =>
    aggregate.minRows ? sql`CASE WHEN count(*) >= ${raw(String(aggregate.minRows))} THEN ${value} END` : value;
  // A record like a row's (Dialect.jsonRecord): on PostgreSQL compact text, served as it is where it can be (verbatimJson).
  return ctx.dialect.jsonRecord(
    aggregate.items.map((item): [string, Sql, boolean] => {
      if (item.kind === "count") return [item.key, guard(raw("count(*)")), false];
      if (item.kind === "groupKey") return [item.key, rowObject(ctx, item.fields, scope), true];
      const values = item.fields.map((f): [string, Sql, boolean] => {
        const aggregate = aggregateOf(item.fn, f.expr);
        return [f.key, guard(jsonValue(ctx, aggregate, compileExpr(ctx, aggregate, scope))), false];
      });
      return [item.key, ctx.dialect.jsonRecord(values), true];
    }),
  );
}

export function orderTerms(ctx: CompileContext, orders: Order[], scope: Scope): OrderTerm[] {
  return orders.map((o) => ({
    expr: enumRank(o.expr, comparableExpr(ctx, o.expr, scope)),
    direction: o.direction,
    nulls: o.nulls,
    nullable: o.expr.kind === "column" ? o.expr.nullable : !(o.expr.kind === "aggregate" && o.expr.fn === "count"),
  }));
}
