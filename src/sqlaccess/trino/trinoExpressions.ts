import type { Identity } from "../../identity/Identity.js";
import { columnFields, fieldOfColumn, type ColumnField, type Product, type RelationField } from "../../metadata/model.js";
import { ApplicablePolicies } from "../../policy/applicablePolicies.js";
import { MissingIdentityValue } from "../../policy/resolveIdentityRefs.js";
import { policyPredicate } from "../../policy/policyPredicate.js";
import type { Predicate } from "../../selection/ir.js";
import { compilePredicate } from "../../sql/compilePredicate.js";
import { CompileContext, type Scope } from "../../sql/CompileContext.js";
import { dateTimeText } from "../../sql/dialect/common.js";
import { postgres } from "../../sql/dialect/postgres.js";
import type { Dialect } from "../../sql/dialect/Dialect.js";
import { raw, sql, type Sql } from "../../sql/Sql.js";
import { quoteIdent, quoteLiteral } from "../sqlNames.js";
import { inlineValues } from "../viewDialect.js";
import { trinoMask } from "./trinoMask.js";
import type { TrinoTable } from "./trinoTables.js";

/**
 * Trino's SQL where a predicate needs it: literal values (a view expression has no
 * parameters), LIKE with meshql's backslash escape, ILIKE as lower() on both sides. Only the
 * predicate parts of the dialect are used here.
 */
const trinoDialect: Dialect = {
  ...postgres,
  bind: (value, type) => (type === "DateTime" ? raw(`TIMESTAMP ${quoteLiteral(dateTimeText(value))}`) : postgres.bind(value, type)),
  like: (expr, pattern) => sql`${expr} LIKE ${pattern} ESCAPE '\\'`,
  ilike: (expr, pattern) => sql`lower(${expr}) LIKE lower(${pattern}) ESCAPE '\\'`,
};

/** Other tables of the domain, by their Trino names; the filtered table's own columns stay unqualified. */
class TrinoContext extends CompileContext {
  constructor(private readonly located: TrinoTable) {
    super(trinoDialect, quoteIdent);
  }

  override table(name: string, alias: string): Sql {
    return raw(`${[this.located.catalog, this.located.schema, name].map(quoteIdent).join(".")} AS ${alias}`);
  }
}

/** A row filter or mask condition as a Trino expression for one identity; `undefined` when the identity lacks a value it needs. */
function trinoPredicate(product: Product, where: Record<string, unknown>, identity: Identity, at: TrinoTable): string | undefined {
  let predicate: Predicate | undefined;
  try {
    predicate = policyPredicate(product, where, identity);
  } catch (error) {
    if (error instanceof MissingIdentityValue) return undefined;
    throw error;
  }
  if (!predicate) return "true";
  // Trino sees the filtered table as anonymous: its columns can only be named bare, and a bare
  // name inside a subquery means the subquery's own column when it has one of that name.
  if (shadows(predicate, product)) return "false";
  const self: Scope = { column: (name) => raw(quoteIdent(name)) };
  return inlineValues(compilePredicate(new TrinoContext(at), predicate, self));
}

/**
 * Whether a relation of the filtered table joins on a column that the table it reaches also has
 * (which Trino would read as the inner one's: such a filter admits nothing). Deeper levels name
 * their columns with aliases and are not concerned.
 */
function shadows(p: Predicate, product: Product): boolean {
  switch (p.kind) {
    case "and":
    case "or":
      return p.items.some((i) => shadows(i, product));
    case "not":
      return shadows(p.item, product);
    case "related": {
      const { join } = p.relation as RelationField;
      const inner = [...columnFields(p.relation.targetProduct).map((f) => f.column), ...join.targetColumns];
      if (join.through) inner.push(...join.through.sourceColumns, ...join.through.targetColumns);
      return join.sourceColumns.some((c) => inner.includes(c));
    }
    default:
      return false;
  }
}

/** The row filters Trino applies to a product for this identity: every one that applies, ANDed by Trino. */
export function trinoRowFilters(product: Product, policies: ApplicablePolicies, identity: Identity, at: TrinoTable): string[] {
  return policies.rowFilters(product).map((p) => trinoPredicate(product, p.where, identity, at) ?? "false");
}

/** A column's mask for this identity, or undefined when none applies; `type` is Trino's type of the column. */
export function trinoColumnMask(product: Product, column: string, type: string, policies: ApplicablePolicies, identity: Identity, at: TrinoTable): string | undefined {
  const field: ColumnField | undefined = fieldOfColumn(product, column);
  if (!field) return undefined;
  const masks = policies.masks(product, field);
  if (!masks.length) return undefined;
  return masks.reduce((input, mask) => {
    const masked = trinoMask(mask.mask, input, type);
    if (!mask.where) return masked;
    const when = trinoPredicate(product, mask.where, identity, at);
    // Without the values its condition needs, a mask covers every row (as for GraphQL).
    return when === undefined ? masked : `CASE WHEN ${when} THEN ${masked} ELSE ${input} END`;
  }, quoteIdent(column));
}
