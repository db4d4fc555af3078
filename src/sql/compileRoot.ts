import type { ColumnField } from "../metadata/model.js";
import type { Predicate, RootSelection, RowsSelection } from "../selection/ir.js";
import { type CompileContext, type Scope, tableScope } from "./CompileContext.js";
import { compilePredicate, joinAnd } from "./compilePredicate.js";
import { aggregateObject, orderTerms, rowObject } from "./compileRows.js";
import { compileGroupBy } from "./compileGroupBy.js";
import { compileChanges } from "./compileChanges.js";
import { Sql, join, raw, sql } from "./Sql.js";

/**
 * The one statement for one root selection. Each result row has the row's JSON in `j`; entity
 * lookups add the key values as `k0`, `k1`… so rows can be matched back to representations.
 */
export function compileRoot(ctx: CompileContext, root: RootSelection, comment?: string): Sql {
  if (root.kind === "entities") return compileEntities(ctx, root, comment)(root.keys);
  const statement = root.kind === "changes" ? compileChanges(ctx, root.changes) : ctx.at(root.asOf, () => compileStatement(ctx, root));
  return commented(statement, comment);
}

const commented = (statement: Sql, comment?: string) => (comment ? sql`${raw(`/* ${comment.replace(/\*\//g, "")} */ `)}${statement}` : statement);

// Where an entity statement's keys go: a character no compiled text holds, with a value of its
// own, so that the values before the keys are counted by value, not by placeholders in the text.
const KEYS = "\u0000";
const KEYS_VALUE = Symbol("keys");

/**
 * An entity lookup compiled once, for any keys of the same count: everything but the keys is
 * compiled here, and each call only compiles its own keys' part (one placeholder per key value)
 * into the text, between the values bound before and after it, so a router's repeated entity
 * calls are not governed and compiled again.
 */
export function compileEntities(ctx: CompileContext, root: Extract<RootSelection, { kind: "entities" }>, comment?: string): (keys: unknown[][]) => Sql {
  const { rows, keyFields } = root;
  const { product } = rows;
  const alias = ctx.nextAlias();
  const scope = tableScope(ctx, alias);
  // Keys come back as the JSON does: exact numbers as text, so they match representations exactly.
  const keyOut = join(
    keyFields.map((f, i) => sql`${ctx.dialect.jsonValue(scope.column(f.column), f.type, false)} AS ${raw(`k${i}`)}`),
    ", ",
  );
  const object = rowObject(ctx, rows.fields, scope);
  // Products are read by one of their keys; entity stubs of another domain from a derived table of their keys' values.
  const keysSql = (keys: unknown[][]) => (product.table ? keyMatch(ctx, keyFields, keys, scope) : keyTable(ctx, keyFields, keys));
  const slot = new Sql(KEYS, [KEYS_VALUE]);
  const template = product.table
    ? // The governed selection's own filter (row policies) holds too: a hidden row resolves to null.
      sql`SELECT ${object} AS j, ${keyOut} FROM ${ctx.table(product.table, alias)} WHERE ${joinAnd(ctx, slot, rows.where, scope)}${ctx.dialect.orderBy(orderTerms(ctx, rows.orderBy, scope))}`
    : sql`SELECT ${object} AS j, ${keyOut} FROM ${slot} AS ${raw(alias)}`;
  const { text, values } = commented(template, comment);
  const at = text.indexOf(KEYS);
  const valuesBefore = values.indexOf(KEYS_VALUE);
  if (at < 0 || text.indexOf(KEYS, at + 1) >= 0 || valuesBefore < 0) throw new Error("an entity statement must hold its keys' place once");
  const [before, after] = [text.slice(0, at), text.slice(at + KEYS.length)];
  const [valuesAhead, valuesAfter] = [values.slice(0, valuesBefore), values.slice(valuesBefore + 1)];
  return (keys) => {
    const part = keysSql(keys);
    return new Sql(before + part.text + after, [...valuesAhead, ...part.values, ...valuesAfter]);
  };
}

function compileStatement(ctx: CompileContext, root: Exclude<RootSelection, { kind: "entities" }>): Sql {
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
