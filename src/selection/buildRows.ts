import { getNamedType, type FieldNode, type GraphQLObjectType } from "graphql";
import type { Product } from "../metadata/model.js";
import { buildOrderBy, withKeyOrder } from "./buildOrderBy.js";
import { buildWhere, columnExpr } from "./buildWhere.js";
import type { AggregateItem, AggregateSelection, FieldSelection, RowsSelection } from "./ir.js";
import type { SelectionContext } from "./SelectionContext.js";
import { userError } from "./userError.js";

const AGGREGATE_SUFFIX = "Aggregate";

/** A list of a product's rows: `where`, `orderBy` (key last), page, and the fields asked for. */
export function buildRows(
  ctx: SelectionContext,
  product: Product,
  nodes: readonly FieldNode[],
  args: Record<string, any>,
): RowsSelection {
  return {
    product,
    fields: buildFields(ctx, product, nodes),
    where: buildWhere(product, args.where),
    orderBy: withKeyOrder(product, buildOrderBy(product, args.orderBy)),
    ...page(product, args),
  };
}

/** A stub's field that joins on another subgraph's values, asked outside `_entities`. */
const needsRepresentation = (product: Product, name: string) =>
  userError(`${product.name}.${name} needs values another subgraph owns (@external): ask for it through the gateway, which sends them in representations`);

/**
 * The fields selected on one product's object type, by response key. `fromRepresentation`: the
 * rows are `_entities` representations, the only place a stub's @external values exist.
 */
export function buildFields(ctx: SelectionContext, product: Product, nodes: readonly FieldNode[], fromRepresentation = false): FieldSelection[] {
  const type = ctx.objectType(product.name);
  const selections: FieldSelection[] = [];
  for (const [key, fieldNodes] of ctx.subfields(type, nodes)) {
    const name = fieldNodes[0].name.value;
    if (name === "__typename") {
      selections.push({ kind: "typename", key, typename: type.name });
      continue;
    }
    const field = product.fields.get(name);
    const external = field?.kind === "column" ? field.external && !product.keyFields.includes(field) : field?.kind === "relation" && !!field.requires;
    if (external && !fromRepresentation) {
      throw needsRepresentation(product, name);
    }
    if (field?.kind === "column") {
      selections.push({ kind: "scalar", key, expr: columnExpr(field) });
    } else if (field?.kind === "relation") {
      const target = field.targetProduct;
      const rows = field.list
        ? buildRows(ctx, target, fieldNodes, ctx.args(type, fieldNodes[0]))
        : { product: target, fields: buildFields(ctx, target, fieldNodes), orderBy: [] };
      selections.push({ kind: field.list ? "list" : "object", key, relation: field, rows });
    } else if (field?.kind === "reference") {
      const rows = { product: field.targetProduct, fields: buildFields(ctx, field.targetProduct, fieldNodes), orderBy: [] };
      selections.push({ kind: "reference", key, reference: field, rows });
    } else {
      const relation = product.fields.get(name.slice(0, -AGGREGATE_SUFFIX.length));
      if (!name.endsWith(AGGREGATE_SUFFIX) || relation?.kind !== "relation" || !relation.list) {
        throw userError(`${product.name} has no field ${name}`);
      }
      if (relation.requires && !fromRepresentation) {
        throw needsRepresentation(product, name);
      }
      const args = ctx.args(type, fieldNodes[0]);
      selections.push({
        kind: "aggregate",
        key,
        relation,
        where: buildWhere(relation.targetProduct, args.where),
        aggregate: buildAggregate(ctx, relation.targetProduct, fieldOutputType(type, name), fieldNodes),
      });
    }
  }
  return selections;
}

/** `{ count sum { … } avg { … } min { … } max { … } }`, and `key { … }` in a group. */
export function buildAggregate(
  ctx: SelectionContext,
  product: Product,
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
): AggregateSelection {
  const items: AggregateItem[] = [];
  for (const [key, fieldNodes] of ctx.subfields(type, nodes)) {
    const name = fieldNodes[0].name.value;
    if (name === "__typename") continue;
    if (name === "count") {
      items.push({ kind: "count", key });
      continue;
    }
    const inner = fieldOutputType(type, name);
    const fields = [...ctx.subfields(inner, fieldNodes)]
      .filter(([, n]) => n[0].name.value !== "__typename")
      .map(([fieldKey, n]) => {
        const field = product.fields.get(n[0].name.value);
        if (field?.kind !== "column") throw userError(`${inner.name} has no field ${n[0].name.value}`);
        return { key: fieldKey, expr: columnExpr(field) };
      });
    if (name === "key") items.push({ kind: "groupKey", key, fields: fields.map((f) => ({ kind: "scalar", ...f })) });
    else items.push({ kind: "fields", key, fn: name as "sum" | "avg" | "min" | "max", fields });
  }
  return { items };
}

export function fieldOutputType(type: GraphQLObjectType, name: string): GraphQLObjectType {
  return getNamedType(type.getFields()[name].type) as GraphQLObjectType;
}

/** Validates `limit`/`offset`; a list without `limit`, root or nested, gets the product's default. */
export function page(product: Product, args: Record<string, any>): { limit?: number; offset?: number } {
  const { limit, offset } = args;
  const { defaultLimit, maxLimit } = product.limits;
  if (limit != null && limit < 0) throw userError(`limit must be 0 or more, not ${limit}`);
  if (limit != null && limit > maxLimit) throw userError(`limit ${limit} is over the maximum of ${maxLimit} for ${product.name}`);
  if (offset != null && offset < 0) throw userError(`offset must be 0 or more, not ${offset}`);
  return {
    limit: limit ?? defaultLimit,
    offset: offset ?? undefined,
  };
}
