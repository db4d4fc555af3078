import type { Expr, Predicate } from "../selection/ir.js";
import type { RelationField } from "../metadata/model.js";
import { type CompileContext, type Scope, tableScope } from "./CompileContext.js";
import { type Sql, join, raw, sql } from "./Sql.js";

const OPERATORS = { eq: "=", neq: "<>", gt: ">", gte: ">=", lt: "<", lte: "<=" } as const;

export function compileExpr(ctx: CompileContext, e: Expr, scope: Scope): Sql {
  switch (e.kind) {
    case "column":
      return scope.column(e.column);
    case "related": {
      const alias = ctx.nextAlias();
      const inner = tableScope(ctx, alias);
      const where = joinAnd(ctx, joinCondition(ctx, e.relation, scope, alias), e.where, inner);
      return sql`(SELECT ${compileExpr(ctx, e.expr, inner)} FROM ${ctx.table(e.relation.targetProduct.table!, alias)} WHERE ${where}${firstRowUnlessKey(ctx, e.relation, inner)})`;
    }
    case "mask": {
      const masked = ctx.dialect.mask(e.mask, compileExpr(ctx, e.input, scope), e.type);
      if (!e.when) return masked;
      return sql`CASE WHEN ${compilePredicate(ctx, e.when, scope)} THEN ${masked} ELSE ${compileExpr(ctx, e.input, scope)} END`;
    }
    case "aggregate": {
      if (!e.arg) return raw("count(*)");
      const arg = compileExpr(ctx, e.arg, scope);
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
      const alias = ctx.nextAlias();
      const where = joinAnd(ctx, joinCondition(ctx, p.relation, scope, alias), p.where, tableScope(ctx, alias));
      return sql`EXISTS (SELECT 1 FROM ${ctx.table(p.relation.targetProduct.table!, alias)} WHERE ${where})`;
    }
    case "compare":
      return compileComparison(ctx, p, scope);
  }
}

function compileComparison(ctx: CompileContext, p: Extract<Predicate, { kind: "compare" }>, scope: Scope): Sql {
  const left = compileExpr(ctx, p.left, scope);
  const type = p.left.type;
  const { dialect } = ctx;
  switch (p.op) {
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

/** The condition tying a target row (alias) to the source row of a relation. */
export function joinCondition(ctx: CompileContext, relation: RelationField, source: Scope, alias: string): Sql {
  const { join: j } = relation;
  const sourceValue = source.column(j.sourceColumn);
  const target = raw(`${alias}.${ctx.quote(j.targetColumn)}`);
  if (!j.through) return sql`${target} = ${sourceValue}`;
  const link = ctx.nextAlias();
  const linkTarget = raw(`${link}.${ctx.quote(j.through.targetColumn)}`);
  const linkSource = raw(`${link}.${ctx.quote(j.through.sourceColumn)}`);
  return sql`${target} IN (SELECT ${linkTarget} FROM ${ctx.table(j.through.table, link)} WHERE ${linkSource} = ${sourceValue})`;
}

/** At most one row joins on the target's key; joined on any other column, take the first by key. */
export function firstRowUnlessKey(ctx: CompileContext, relation: RelationField, target: Scope): Sql {
  const keys = relation.targetProduct.keyFields;
  if (!relation.join.through && keys.length === 1 && keys[0].column === relation.join.targetColumn) return raw("");
  return sql`${ctx.dialect.orderBy(keys.map((k) => ({ expr: target.column(k.column), direction: "ASC", nulls: "LAST", nullable: false })))}${ctx.dialect.limitOffset(1)}`;
}
