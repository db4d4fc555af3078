import type { Expr, GroupBySelection, Order, Predicate } from "../selection/ir.js";
import { type CompileContext, tableScope } from "./CompileContext.js";
import { compileExpr, compilePredicate } from "./compilePredicate.js";
import { aggregateObject, orderTerms } from "./compileRows.js";
import { type Sql, join, raw, sql } from "./Sql.js";

/**
 * Groups over a derived table that computes each grouped, aggregated or ordered value once:
 * a masked value with bound parameters is then one column, which every store can group by
 * (PostgreSQL would see `$1` and `$3` as two different expressions).
 */
export function compileGroupBy(ctx: CompileContext, group: GroupBySelection): Sql {
  const inner = ctx.nextAlias();
  const innerScope = tableScope(ctx, inner);
  const columns: { name: string; sql: Sql }[] = [];
  const seen = new Map<string, string>();
  // A value of the row, computed once in the derived table; outside it is a plain column.
  const project = (e: Expr): Expr => {
    const compiled = compileExpr(ctx, e, innerScope);
    const key = `${compiled.text}\u0000${JSON.stringify(compiled.values)}`;
    let name = seen.get(key);
    if (!name) {
      name = `c${columns.length}`;
      seen.set(key, name);
      columns.push({ name, sql: compiled });
    }
    if (e.kind !== "column") return { kind: "column", column: name, type: e.type, nullable: true };
    return { kind: "column", column: name, type: e.type, nullable: e.nullable, ...(e.enum ? { enum: e.enum } : {}), ...(e.stored ? { stored: e.stored } : {}) };
  };
  const outerExpr = (e: Expr): Expr => (e.kind === "aggregate" ? (e.arg ? { ...e, arg: project(e.arg) } : e) : project(e));
  const outerPredicate = (p: Predicate): Predicate => {
    switch (p.kind) {
      case "and":
      case "or":
        return { ...p, items: p.items.map(outerPredicate) };
      case "not":
        return { ...p, item: outerPredicate(p.item) };
      case "compare":
        return { ...p, left: outerExpr(p.left) };
      case "isNull":
        return { ...p, expr: outerExpr(p.expr) };
      case "related":
        throw new Error("having does not go through relations");
    }
  };
  const by = group.by.map(project);
  const aggregate = {
    ...group.aggregate,
    items: group.aggregate.items.map((item) =>
      item.kind === "count" ? item : { ...item, fields: item.fields.map((f) => ({ ...f, expr: project(f.expr) })) },
    ),
  } as GroupBySelection["aggregate"];
  const having = group.having && outerPredicate(group.having);
  const orderBy: Order[] = group.orderBy.map((o) => ({ ...o, expr: outerExpr(o.expr) }));

  const where = group.where ? sql` WHERE ${compilePredicate(ctx, group.where, innerScope)}` : raw("");
  const projected = columns.length ? join(columns.map((c) => sql`${c.sql} AS ${raw(ctx.quote(c.name))}`), ", ") : raw("1 AS one");
  const derived = sql`(SELECT ${projected} FROM ${ctx.table(group.product.table!, inner)}${where}) AS g`;
  const outer = tableScope(ctx, "g");
  const groupBy = by.length ? sql` GROUP BY ${join(by.map((e) => compileExpr(ctx, e, outer)), ", ")}` : raw("");
  const havingSql = having ? sql` HAVING ${compilePredicate(ctx, having, outer)}` : raw("");
  return sql`SELECT ${aggregateObject(ctx, aggregate, outer)} AS j FROM ${derived}${groupBy}${havingSql}${ctx.dialect.orderBy(orderTerms(ctx, orderBy, outer))}${ctx.dialect.limitOffset(group.limit, group.offset)}`;
}
