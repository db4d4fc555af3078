import type { Product } from "../metadata/model.js";
import { denialsOf, maskLayers, rowFiltersOf } from "../policy/applicablePolicies.js";
import type { DenyPolicy, MaskPolicy, Policy, RowFilterPolicy } from "../policy/model.js";
import { policyPredicate } from "../policy/policyPredicate.js";
import { compilePredicate } from "../sql/compilePredicate.js";
import { CompileContext, tableScope, type Scope } from "../sql/CompileContext.js";
import { join, raw, sql, type Sql } from "../sql/Sql.js";
import type { ScopeLookup } from "./requiredScopes.js";
import { gate, hasIdentityValues, policyOff, policyOn, requireScopes, sessionIdentity } from "./sessionIdentity.js";
import { quoteIdent, schemaOf, sourceSchemaOf, viewColumns, viewOf, type ViewColumn } from "./sqlNames.js";
import { inlineValues, viewDialect } from "./viewDialect.js";

/** How the session knows a policy: its scope and name (names may repeat across files). */
export const policyKey = (p: Policy): string => `${p.scope}/${p.name}`;

/** Tables of a domain are read from its source schema. */
class SourceContext extends CompileContext {
  constructor(private readonly schema: string) {
    super(viewDialect, quoteIdent);
  }

  override table(name: string, alias: string): Sql {
    return raw(`${quoteIdent(this.schema)}.${quoteIdent(name)} AS ${alias}`);
  }
}

/**
 * The view of one product, for every caller at once: each policy that may concern the product
 * is compiled in, switched on by the caller's session (which policies apply, identity values).
 * Masks come from the dialect, row filters and mask `where`s from the predicate compiler, as
 * for GraphQL; denials raise an error naming the policy, and so does a lack of the scopes
 * `@requiresScopes` asks for.
 */
export function productView(product: Product & { table: string }, policies: Policy[], scopes: ScopeLookup = () => undefined): string {
  const ctx = new SourceContext(sourceSchemaOf(product.domain));
  const alias = ctx.nextAlias();
  const scope = tableScope(ctx, alias);
  const of = <T extends Policy>(kind: T["kind"]) => policies.filter((p): p is T => p.kind === kind);
  const masks = of<MaskPolicy>("mask");
  const denials = of<DenyPolicy>("deny");
  const filters = rowFiltersOf(of<RowFilterPolicy>("rowFilter"), product);

  const columns = viewColumns(product).map((c) => sql`${columnValue(ctx, product, c, scope, masks, denials, scopes)} AS ${raw(quoteIdent(c.name))}`);
  const productDenials = denialsOf(denials, product).filter((p) => !("fieldName" in p.target)).map(policyKey);
  const anyColumn = scope.column((product.keyFields[0] ?? viewColumns(product)[0].field).column);
  // The gate mentions a column so the wrappers still push joins down (a bare constant would not).
  const conditions = [sql`(${gate(`${product.domain}.${product.name}`, productDenials)} OR ${anyColumn} IS NULL)`];
  const productScopes = scopes(product.name);
  if (productScopes) conditions.push(sql`(${requireScopes(`${product.domain}.${product.name}`, productScopes)} OR ${anyColumn} IS NULL)`);
  for (const filter of filters) conditions.push(rowFilter(ctx, product, filter, scope));
  const select = sql`SELECT ${join(columns, ", ")} FROM ${ctx.table(product.table, alias)} WHERE ${join(conditions, " AND ")}`;
  // A row filter needs the barrier: without it a caller's predicate could run on hidden rows
  // first and reveal them through its errors. Elsewhere it would only stop push-down.
  const options = filters.length ? " WITH (security_barrier)" : "";
  return `CREATE VIEW ${quoteIdent(schemaOf(product.domain))}.${quoteIdent(viewOf(product))}${options} AS ${inlineValues(select)}`;
}

function columnValue(ctx: CompileContext, product: Product, c: ViewColumn, scope: Scope, masks: MaskPolicy[], denials: DenyPolicy[], scopes: ScopeLookup): Sql {
  let value = scope.column(c.column);
  if (c.via) return value;
  const { guardrails, others } = maskLayers(masks, product, c.field);
  // The floor first (the most specific guardrail that applies), then the other masks on top.
  for (const layer of [guardrails, others]) {
    if (!layer.length) continue;
    const input = value;
    const arms = layer.map((m) => sql`WHEN ${policyOn(policyKey(m))} THEN ${maskValue(ctx, product, m, input, scope, c)}`);
    value = sql`CASE ${join(arms, " ")} ELSE ${input} END`;
  }
  const fieldDenials = denialsOf(denials, product, c.field).filter((p) => "fieldName" in p.target).map(policyKey);
  const at = `${product.domain}.${product.name}.${c.field.name}`;
  if (fieldDenials.length) value = sql`CASE WHEN ${gate(at, fieldDenials)} THEN ${value} END`;
  const fieldScopes = scopes(product.name, c.field.name);
  if (fieldScopes) value = sql`CASE WHEN ${requireScopes(at, fieldScopes)} THEN ${value} END`;
  return value;
}

function maskValue(ctx: CompileContext, product: Product, mask: MaskPolicy, input: Sql, scope: Scope, c: ViewColumn): Sql {
  const masked = ctx.dialect.mask(mask.mask, input, c.field.type);
  if (!mask.where) return masked;
  // Without the identity values its `where` needs, the mask covers every row (as for GraphQL).
  const { predicate, used } = policyWhere(ctx, product, mask.where, scope);
  const missing = used.size ? sql`NOT ${hasIdentityValues(used)} OR ` : raw("");
  return sql`CASE WHEN ${missing}${predicate} THEN ${masked} ELSE ${input} END`;
}

/** Off for callers it does not apply to; for the others it admits the rows its `where` does, none without the identity values it needs. */
function rowFilter(ctx: CompileContext, product: Product, filter: RowFilterPolicy, scope: Scope): Sql {
  const { predicate, used } = policyWhere(ctx, product, filter.where, scope);
  const complete = used.size ? sql`${hasIdentityValues(used)} AND ` : raw("");
  return sql`(${policyOff(policyKey(filter))} OR (${complete}${predicate}))`;
}

function policyWhere(ctx: CompileContext, product: Product, where: Record<string, unknown>, scope: Scope): { predicate: Sql; used: Set<string> } {
  const { identity, used } = sessionIdentity();
  const predicate = policyPredicate(product, where, identity);
  return { predicate: compilePredicate(ctx, predicate, scope), used };
}
