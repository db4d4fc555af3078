import type { AggregateSelection, FieldSelection, Order, RowsSelection } from "../selection/ir.js";
import type { OrderTerm } from "./dialect/Dialect.js";
import { type CompileContext, type Scope, tableScope } from "./CompileContext.js";
import { compileExpr, firstRowUnlessKey, joinAnd, joinCondition } from "./compilePredicate.js";
import { type Sql, nameLiteral, raw, sql } from "./Sql.js";

/** The JSON object of one row: every selected field, nested levels as correlated subqueries. */
export function rowObject(ctx: CompileContext, fields: FieldSelection[], scope: Scope): Sql {
  return ctx.dialect.jsonObject(fields.map((f) => [nameLiteral(f.key), fieldValue(ctx, f, scope)]));
}

function fieldValue(ctx: CompileContext, field: FieldSelection, scope: Scope): Sql {
  const { dialect } = ctx;
  switch (field.kind) {
    case "scalar":
      return compileExpr(ctx, field.expr, scope);
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
      // The entity's key is the reference column; fields this domain adds hang off that value.
      const fk = scope.column(field.reference.column);
      const object = rowObject(ctx, field.rows.fields, referenceScope(field.rows, fk));
      return field.reference.nullable ? sql`CASE WHEN ${fk} IS NULL THEN NULL ELSE ${object} END` : object;
    }
  }
}

/** Inside a referenced entity, its (single) key column is the referring row's column. */
function referenceScope(rows: RowsSelection, fk: Sql): Scope {
  const keyColumn = rows.product.keyFields[0].column;
  return {
    column(name) {
      if (name !== keyColumn) throw new Error(`entity ${rows.product.name} has no column ${name} here`);
      return fk;
    },
  };
}

export function aggregateObject(ctx: CompileContext, aggregate: AggregateSelection, scope: Scope): Sql {
  // Below a policy's minimum group size every aggregate is null, the count included.
  const guard = (value: Sql) =>
    aggregate.minRows ? sql`CASE WHEN count(*) >= ${raw(String(aggregate.minRows))} THEN ${value} END` : value;
  return ctx.dialect.jsonObject(
    aggregate.items.map((item): [Sql, Sql] => {
      if (item.kind === "count") return [nameLiteral(item.key), guard(raw("count(*)"))];
      if (item.kind === "groupKey") return [nameLiteral(item.key), rowObject(ctx, item.fields, scope)];
      const pairs = item.fields.map((f): [Sql, Sql] => [
        nameLiteral(f.key),
        guard(compileExpr(ctx, { kind: "aggregate", fn: item.fn, arg: f.expr, type: f.expr.type }, scope)),
      ]);
      return [nameLiteral(item.key), ctx.dialect.jsonObject(pairs)];
    }),
  );
}

export function orderTerms(ctx: CompileContext, orders: Order[], scope: Scope): OrderTerm[] {
  return orders.map((o) => ({
    expr: compileExpr(ctx, o.expr, scope),
    direction: o.direction,
    nulls: o.nulls,
    nullable: o.expr.kind === "column" ? o.expr.nullable : !(o.expr.kind === "aggregate" && o.expr.fn === "count"),
  }));
}
