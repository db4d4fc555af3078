import type { ColumnField } from "../metadata/model.js";
import type { Predicate, RootSelection, RowsSelection } from "../selection/ir.js";
import { type CompileContext, type Scope, tableScope } from "./CompileContext.js";
import { compilePredicate, joinAnd } from "./compilePredicate.js";
import { aggregateObject, orderTerms, rowObject } from "./compileRows.js";
import { compileGroupBy } from "./compileGroupBy.js";
import { compileChanges } from "./compileChanges.js";
import { type Sql, join, raw, sql } from "./Sql.js";

/**
 * The one statement for one root selection. Each result row has the row's JSON in `j`; entity
 * lookups add the key values as `k0`, `k1`… so rows can be matched back to representations.
 */
export function compileRoot(ctx: CompileContext, root: RootSelection, comment?: string): Sql {
  const statement = root.kind === "changes" ? compileChanges(ctx, root.changes) : ctx.at(root.kind === "entities" ? undefined : root.asOf, () => compileStatement(ctx, root));
  return comment ? sql`${raw(`/* ${comment.replace(/\*\//g, "")} */ `)}${statement}` : statement;
}

function compileStatement(ctx: CompileContext, root: RootSelection): Sql {
  switch (root.kind) {
    case "list":
    case "one":
      return selectRows(ctx, root.rows);
    case "aggregate": {
      const alias = ctx.nextAlias();
      const scope = tableScope(ctx, alias);
      return sql`SELECT ${aggregateObject(ctx, root.aggregate, scope)} AS j FROM ${ctx.table(root.product.table!, alias)}${where(ctx, root.where, scope)}`;
    }
    case "groupBy":
      return compileGroupBy(ctx, root.group);
    case "entities":
      return selectEntities(ctx, root.rows, root.keyFields, root.keys);
    case "changes":
      return compileChanges(ctx, root.changes);
  }
}

const where = (ctx: CompileContext, p: Predicate | undefined, scope: Scope): Sql =>
  p ? sql` WHERE ${compilePredicate(ctx, p, scope)}` : raw("");

function selectRows(ctx: CompileContext, rows: RowsSelection): Sql {
  const { dialect } = ctx;
  const alias = ctx.nextAlias();
  const scope = tableScope(ctx, alias);
  return sql`SELECT ${rowObject(ctx, rows.fields, scope)} AS j FROM ${ctx.table(rows.product.table!, alias)}${where(ctx, rows.where, scope)}${dialect.orderBy(orderTerms(ctx, rows.orderBy, scope))}${dialect.limitOffset(rows.limit, rows.offset)}`;
}

/** Products are read by one of their keys; entity stubs of another domain read from a derived table of their key's values. */
function selectEntities(ctx: CompileContext, rows: RowsSelection, keyFields: ColumnField[], keys: unknown[][]): Sql {
  const { product } = rows;
  const alias = ctx.nextAlias();
  const scope = tableScope(ctx, alias);
  // Keys come back as the JSON does: exact numbers as text, so they match representations exactly.
  const keyOut = join(
    keyFields.map((f, i) => sql`${ctx.dialect.jsonValue(scope.column(f.column), f.type, false)} AS ${raw(`k${i}`)}`),
    ", ",
  );
  const object = rowObject(ctx, rows.fields, scope);
  if (!product.table) {
    return sql`SELECT ${object} AS j, ${keyOut} FROM ${keyTable(ctx, keyFields, keys)} AS ${raw(alias)}`;
  }
  // The governed selection's own filter (row policies) holds too: a hidden row resolves to null.
  const match = joinAnd(ctx, keyMatch(ctx, keyFields, keys, scope), rows.where, scope);
  return sql`SELECT ${object} AS j, ${keyOut} FROM ${ctx.table(product.table, alias)} WHERE ${match}${ctx.dialect.orderBy(orderTerms(ctx, rows.orderBy, scope))}`;
}

function keyMatch(ctx: CompileContext, fields: ColumnField[], keys: unknown[][], scope: Scope): Sql {
  if (keys.length === 0) return raw("1=0");
  if (fields.length === 1) {
    const list = join(keys.map(([v]) => ctx.dialect.bind(v, fields[0].type)), ", ");
    return sql`${scope.column(fields[0].column)} IN (${list})`;
  }
  const tuples = keys.map((values) =>
    join(fields.map((f, i) => sql`${scope.column(f.column)} = ${ctx.dialect.bind(values[i], f.type)}`), " AND "),
  );
  return sql`(${join(tuples.map((t) => sql`(${t})`), " OR ")})`;
}

function keyTable(ctx: CompileContext, fields: ColumnField[], keys: unknown[][]): Sql {
  const selects = keys.map((values) =>
    join(fields.map((f, i) => sql`${ctx.dialect.typedParam(values[i], f.type)} AS ${raw(ctx.quote(f.column))}`), ", "),
  );
  return sql`(${join(selects.map((s) => sql`SELECT ${s}`), " UNION ALL ")})`;
}
