import type { FieldNode, GraphQLObjectType } from "graphql";
import type { ColumnField, Product } from "../metadata/model.js";
import { apiColumnFields, fieldOfColumn } from "../metadata/model.js";
import { buildGroupOrderBy, groupedExprs, withKeyOrder } from "./buildOrderBy.js";
import { buildAggregate, buildFields, buildRows, page } from "./buildRows.js";
import { and, buildHaving, buildWhere, columnExpr } from "./buildWhere.js";
import type { ChangeItem, ChangesSelection, Order, RootSelection } from "./ir.js";
import type { SelectionContext } from "./SelectionContext.js";
import { userError } from "./userError.js";

/** Which generated root field this is: decided once, when the schema is built. */
export interface RootField {
  kind: "list" | "one" | "aggregate" | "groupBy" | "changes";
  product: Product;
}

/** One root field of a request into the selection IR. */
export function buildRoot(
  ctx: SelectionContext,
  root: RootField,
  nodes: readonly FieldNode[],
  returnType: GraphQLObjectType,
  args: Record<string, any>,
): RootSelection {
  const { product } = root;
  const asOf: string | undefined = args.asOf ?? undefined;
  switch (root.kind) {
    case "list":
      return { kind: "list", rows: buildRows(ctx, product, nodes, args), asOf };
    case "one": {
      const where = and(
        product.keyFields.map((f) => ({ kind: "compare", left: columnExpr(f), op: "eq", value: args[f.name] }) as const),
      );
      return { kind: "one", rows: { product, fields: buildFields(ctx, product, nodes), where, orderBy: [] }, asOf };
    }
    case "aggregate":
      return {
        kind: "aggregate",
        product,
        where: buildWhere(product, args.where),
        aggregate: buildAggregate(ctx, product, returnType, nodes),
        asOf,
      };
    case "groupBy":
      return { ...buildGroupBy(ctx, product, nodes, returnType, args), asOf };
    case "changes":
      return { kind: "changes", changes: buildChanges(ctx, product, nodes, returnType, args) };
  }
}

/** `<plural>Changes(since, until)`: the fields asked of each change, and every field a change compares. */
function buildChanges(ctx: SelectionContext, product: Product, nodes: readonly FieldNode[], returnType: GraphQLObjectType, args: Record<string, any>): ChangesSelection {
  if (args.until != null && Date.parse(args.until) < Date.parse(args.since)) throw userError("until comes before since");
  const items: ChangeItem[] = [];
  for (const [key, fieldNodes] of ctx.subfields(returnType, nodes)) {
    const name = fieldNodes[0].name.value;
    if (name === "row") items.push({ kind: "row", key, fields: buildFields(ctx, product, fieldNodes) });
    else if (name === "kind" || name === "changedFields") items.push({ kind: name, key });
  }
  return {
    rows: { product, fields: [], orderBy: withKeyOrder(product, []), ...page(product, args) },
    items,
    since: args.since,
    until: args.until ?? undefined,
    // changedFields names only what the API shows.
    compared: apiColumnFields(product).map((f) => ({ name: f.name, expr: columnExpr(f) })),
  };
}

function buildGroupBy(
  ctx: SelectionContext,
  product: Product,
  nodes: readonly FieldNode[],
  returnType: GraphQLObjectType,
  args: Record<string, any>,
): Extract<RootSelection, { kind: "groupBy" }> {
  const byNames: string[] = [...new Set<string>(args.by)];
  const grouped = groupedExprs(product, byNames, args.buckets ?? {});
  const by = [...grouped.values()];
  const aggregate = buildAggregate(ctx, product, returnType, nodes);
  for (const item of aggregate.items) {
    if (item.kind !== "groupKey") continue;
    // A key field reads its group's value: the field itself, or its bucket's first day.
    item.fields = item.fields.map((field) => {
      const name = field.expr.kind === "column" ? fieldOfColumn(product, field.expr.column)?.name : undefined;
      const expr = name === undefined ? undefined : grouped.get(name);
      if (!expr) throw userError(`key.${field.key} is not among the grouped fields (by: [${byNames.join(", ")}])`);
      return { ...field, expr };
    });
  }
  // Groups come in a total order too: after the asked order, by the grouped values not yet in it.
  const asked = buildGroupOrderBy(product, args.orderBy, grouped);
  const ordered = new Set(asked.map((o) => o.expr));
  const orderBy: Order[] = [...asked, ...by.filter((e) => !ordered.has(e)).map((expr): Order => ({ expr, direction: "ASC", nulls: "LAST" }))];
  return {
    kind: "groupBy",
    group: {
      product,
      by,
      where: buildWhere(product, args.where),
      having: buildHaving(product, args.having),
      orderBy,
      ...page(product, args),
      aggregate,
    },
  };
}

/** `_entities` of one type by one of its keys: the representations' values of that key and the fields asked of the type. */
export function buildEntities(ctx: SelectionContext, product: Product, nodes: readonly FieldNode[], keyFields: ColumnField[], keys: unknown[][]): RootSelection {
  const fields = buildFields(ctx, product, nodes, true);
  return { kind: "entities", rows: { product, fields, orderBy: [] }, keyFields, keys };
}
