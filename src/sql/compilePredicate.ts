import type { Expr, Predicate } from "../selection/ir.js";
import { isExact } from "../metadata/fieldTraits.js";
import type { RelationField } from "../metadata/model.js";
import { type CompileContext, type Scope, tableScope } from "./CompileContext.js";
import { type Sql, join, raw, sql } from "./Sql.js";
import { withKeyOrder } from "../selection/buildOrderBy.js";
import { filterOnSource, valueOnSource } from "./enforcedJoins.js";

const OPERATORS = { eq: "=", neq: "<>", gt: ">", gte: ">=", lt: "<", lte: "<=" } as const;

export function compileExpr(ctx: CompileContext, e: Expr, scope: Scope): Sql {
  switch (e.kind) {
    case "column":
      return scope.column(e.column);
    case "related": {
      const onSource = ctx.present ? valueOnSource(e.relation, e.expr, e.where) : undefined;
      if (onSource !== undefined) return scope.column(onSource);
      const alias = ctx.nextAlias();
      const inner = tableScope(ctx, alias);
      const where = joinAnd(ctx, joinCondition(ctx, e.relation, scope, alias), e.where, inner);
      return sql`(SELECT ${compileExpr(ctx, e.expr, inner)} FROM ${ctx.table(e.relation.targetProduct.table!, alias)} WHERE ${where}${firstRowUnlessKey(ctx, e.relation, inner)})`;
    }
    case "bucket":
      return ctx.dialect.truncate(compileExpr(ctx, e.input, scope), e.unit, e.type);
    case "mask": {
      const masked = ctx.dialect.mask(e.mask, compileExpr(ctx, e.input, scope), e.type);
      if (!e.when) return masked;
      return sql`CASE WHEN ${compilePredicate(ctx, e.when, scope)} THEN ${masked} ELSE ${compileExpr(ctx, e.input, scope)} END`;
    }
    case "aggregate": {
      if (!e.arg) return raw("count(*)");
      const arg = compileExpr(ctx, e.arg, scope);
      if ((e.fn === "sum" || e.fn === "avg") && isExact(e.arg.type)) return ctx.dialect.exactAggregate(e.fn, arg);
      if (e.fn === "avg") return ctx.dialect.round(ctx.dialect.avg(arg));
      const value = sql`${raw(e.fn)}(${arg})`;
      return e.fn === "sum" && e.arg.type === "Float" ? ctx.dialect.round(value) : value;
    }
  }
}

/** A join condition and, when there is one, the level's own predicate. */
export function joinAnd(ctx: CompileContext, join: Sql, p: Predicate | undefined, scope: Scope): Sql {
  return p ? sql`${join} AND ${compilePredicate(ctx, p, scope)}` : join;
}

export function compilePredicate(ctx: CompileContext, p: Predicate | undefined, scope: Scope): Sql {
  if (!p) return raw("1=1");
  switch (p.kind) {
    case "and":
      return p.items.length ? sql`(${join(p.items.map((i) => compilePredicate(ctx, i, scope)), " AND ")})` : raw("1=1");
    case "or":
      return p.items.length ? sql`(${join(p.items.map((i) => compilePredicate(ctx, i, scope)), " OR ")})` : raw("1=0");
    case "not":
      return sql`NOT ${compilePredicate(ctx, p.item, scope)}`;
    case "isNull":
      return sql`${compileExpr(ctx, p.expr, scope)} ${raw(p.isNull ? "IS NULL" : "IS NOT NULL")}`;
    case "related": {
      const onSource = ctx.present ? filterOnSource(p.relation, p.where) : undefined;
      if (onSource) return compilePredicate(ctx, onSource, scope);
      const alias = ctx.nextAlias();
      const where = joinAnd(ctx, joinCondition(ctx, p.relation, scope, alias), p.where, tableScope(ctx, alias));
      return sql`EXISTS (SELECT 1 FROM ${ctx.table(p.relation.targetProduct.table!, alias)} WHERE ${where})`;
    }
    case "compare":
      return compileComparison(ctx, p, scope);
  }
}

/** A value as compared or ordered: an exact aggregate as a number. */
export function comparableExpr(ctx: CompileContext, e: Expr, scope: Scope): Sql {
  const value = compileExpr(ctx, e, scope);
  const exactAggregate = e.kind === "aggregate" && (e.fn === "sum" || e.fn === "avg") && e.arg && isExact(e.arg.type);
  return exactAggregate ? ctx.dialect.exactComparable(value) : value;
}

function compileComparison(ctx: CompileContext, p: Extract<Predicate, { kind: "compare" }>, scope: Scope): Sql {
  const left = comparableExpr(ctx, p.left, scope);
  const type = p.left.type;
  const { dialect } = ctx;
  switch (p.op) {
    case "contains":
    case "containedIn": {
      const list = "list" in p.left && p.left.list === true;
      return dialect.contains(left, p.value, type, list, p.op === "containedIn");
    }
    case "in":
    case "nin": {
      const values = p.value as unknown[];
      if (values.length === 0) return raw(p.op === "in" ? "1=0" : "1=1");
      const list = join(values.map((v) => dialect.bind(v, type)), ", ");
      return sql`${left} ${raw(p.op === "in" ? "IN" : "NOT IN")} (${list})`;
    }
    case "like":
      return dialect.like(left, String(p.value));
    case "ilike":
      return dialect.ilike(left, String(p.value));
    default:
      return sql`${left} ${raw(OPERATORS[p.op])} ${dialect.bind(p.value, type)}`;
  }
}

/** `a.x = b.y AND …` for columns paired in order. */
const pairsEqual = (left: Sql[], right: Sql[]): Sql => join(left.map((l, i) => sql`${l} = ${right[i]}`), " AND ");

/** The condition tying a target row (alias) to the source row of a relation; composite keys pair column by column. */
export function joinCondition(ctx: CompileContext, relation: RelationField, source: Scope, alias: string): Sql {
  const { join: j } = relation;
  const column = (table: string, name: string) => raw(`${table}.${ctx.quote(name)}`);
  const sourceValues = j.sourceColumns.map((c) => source.column(c));
  const targets = j.targetColumns.map((c) => column(alias, c));
  if (!j.through) return pairsEqual(targets, sourceValues);
  const link = ctx.nextAlias();
  const linkTargets = j.through.targetColumns.map((c) => column(link, c));
  const linkSources = j.through.sourceColumns.map((c) => column(link, c));
  // A row value `(a, b) IN (SELECT …)` when the key is composite; every store has them.
  const tuple = (parts: Sql[]) => (parts.length === 1 ? parts[0] : sql`(${join(parts, ", ")})`);
  return sql`${tuple(targets)} IN (SELECT ${join(linkTargets, ", ")} FROM ${ctx.table(j.through.table, link)} WHERE ${pairsEqual(linkSources, sourceValues)})`;
}

/** At most one row joins on the target's whole key; joined on any other columns, take the first in the target's order. */
export function firstRowUnlessKey(ctx: CompileContext, relation: RelationField, target: Scope): Sql {
  const { join: j, targetProduct } = relation;
  const keys = targetProduct.keyFields.map((k) => k.column);
  const onKey = !j.through && keys.length > 0 && keys.length === j.targetColumns.length && keys.every((k) => j.targetColumns.includes(k));
  if (onKey) return raw("");
  const order = withKeyOrder(targetProduct, []).map((o) => ({ expr: compileExpr(ctx, o.expr, target), direction: o.direction, nulls: o.nulls, nullable: o.expr.kind === "column" && o.expr.nullable }));
  return sql`${ctx.dialect.orderBy(order)}${ctx.dialect.limitOffset(1)}`;
}
