import type { ChangeItem, ChangesSelection } from "../selection/ir.js";
import { type CompileContext, type Scope, tableScope } from "./CompileContext.js";
import { compileExpr, compilePredicate } from "./compilePredicate.js";
import { orderTerms, rowObject } from "./compileRows.js";
import { type Sql, join, nameLiteral, raw, sql } from "./Sql.js";

type Kind = "INSERTED" | "UPDATED" | "DELETED";

/**
 * The rows that differ between a product's history at `since` and at `until`, as the caller
 * sees each instant (row filters on both sides, masked values compared): rows only at `until`
 * were inserted, rows only at `since` deleted, rows at both whose values differ updated. One
 * statement: three SELECTs over the history at the two instants, in key order.
 */
export function compileChanges(ctx: CompileContext, changes: ChangesSelection): Sql {
  const { rows, since, until } = changes;
  const { product } = rows;
  const table = product.table!;
  const filter = (scope: Scope) => (rows.where ? ctx.overHistory(() => compilePredicate(ctx, rows.where, scope)) : raw("1=1"));
  const keys = product.keyFields.map((k) => k.column);
  const sameKey = (a: Scope, b: Scope) => join(keys.map((k) => sql`${a.column(k)} = ${b.column(k)}`), " AND ");
  const keyOut = (scope: Scope) => join(keys.map((k, i) => sql`${scope.column(k)} AS ${raw(`k${i}`)}`), ", ");
  const differences = (before: Scope, after: Scope) =>
    changes.compared.map(({ expr }) => ctx.dialect.distinct(compileExpr(ctx, expr, before), compileExpr(ctx, expr, after), expr.type));

  // One side at its instant, and whether the other side, at its own, has the same row.
  const side = (asOf: string | undefined) => {
    const alias = ctx.nextAlias();
    return { alias, scope: tableScope(ctx, alias), from: ctx.at(asOf, () => ctx.table(table, alias)) };
  };
  const exists = (asOf: string | undefined, outer: Scope) => {
    const other = side(asOf);
    return sql`EXISTS (SELECT 1 FROM ${other.from} WHERE ${sameKey(other.scope, outer)} AND ${filter(other.scope)})`;
  };
  const item = (kind: Kind, row: { asOf: string | undefined; scope: Scope }, changed: Sql[]) =>
    ctx.dialect.jsonObject(
      changes.items.map((i: ChangeItem): [Sql, Sql] => {
        if (i.kind === "kind") return [nameLiteral(i.key), nameLiteral(kind)];
        if (i.kind === "changedFields") return [nameLiteral(i.key), ctx.dialect.jsonArray(changed)];
        return [nameLiteral(i.key), ctx.dialect.recordAsJson(ctx.at(row.asOf, () => rowObject(ctx, i.fields, row.scope)))];
      }),
    );

  const after = side(until);
  const inserted = sql`SELECT ${item("INSERTED", { asOf: until, scope: after.scope }, [])} AS j, ${keyOut(after.scope)} FROM ${after.from} WHERE ${filter(after.scope)} AND NOT ${exists(since, after.scope)}`;
  const before = side(since);
  const deleted = sql`SELECT ${item("DELETED", { asOf: since, scope: before.scope }, [])} AS j, ${keyOut(before.scope)} FROM ${before.from} WHERE ${filter(before.scope)} AND NOT ${exists(until, before.scope)}`;
  const newer = side(until);
  const older = side(since);
  const diffs = differences(older.scope, newer.scope);
  // Kinds and field names are GraphQL names: literals, which every store can type.
  const names = changes.compared.map(({ name }, i) => sql`CASE WHEN ${diffs[i]} THEN ${nameLiteral(name)} END`);
  const changed = diffs.length ? join(diffs, " OR ") : raw("1=0");
  const updated = sql`SELECT ${item("UPDATED", { asOf: until, scope: newer.scope }, names)} AS j, ${keyOut(newer.scope)} FROM ${newer.from} JOIN ${older.from} ON ${sameKey(older.scope, newer.scope)} WHERE ${filter(newer.scope)} AND ${filter(older.scope)} AND (${changed})`;

  const order = orderTerms(ctx, rows.orderBy.map((o, i) => ({ ...o, expr: { kind: "column", column: `k${i}`, type: o.expr.type, nullable: false } })), { column: (name) => raw(name) });
  return sql`SELECT j FROM (${inserted} UNION ALL ${updated} UNION ALL ${deleted}) AS diff${ctx.dialect.orderBy(order)}${ctx.dialect.limitOffset(rows.limit, rows.offset)}`;
}
