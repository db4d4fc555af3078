import type { FieldNode, GraphQLObjectType } from "graphql";
import type { ColumnField, Product } from "../metadata/model.js";
import { fieldOfColumn } from "../metadata/model.js";
import { buildGroupOrderBy, groupedExprs } from "./buildOrderBy.js";
import { buildAggregate, buildFields, buildRows, page } from "./buildRows.js";
import { and, buildHaving, buildWhere, columnExpr } from "./buildWhere.js";
import type { Order, RootSelection } from "./ir.js";
import type { SelectionContext } from "./SelectionContext.js";
import { userError } from "./userError.js";

/** Which generated root field this is: decided once, when the schema is built. */
export interface RootField {
  kind: "list" | "one" | "aggregate" | "groupBy";
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
  switch (root.kind) {
    case "list":
      return { kind: "list", rows: buildRows(ctx, product, nodes, args) };
    case "one": {
      const where = and(
        product.keyFields.map((f) => ({ kind: "compare", left: columnExpr(f), op: "eq", value: args[f.name] }) as const),
      );
      return { kind: "one", rows: { product, fields: buildFields(ctx, product, nodes), where, orderBy: [] } };
    }
    case "aggregate":
      return {
        kind: "aggregate",
        product,
        where: buildWhere(product, args.where),
        aggregate: buildAggregate(ctx, product, returnType, nodes),
      };
    case "groupBy":
      return buildGroupBy(ctx, product, nodes, returnType, args);
  }
}

function buildGroupBy(
  ctx: SelectionContext,
  product: Product,
  nodes: readonly FieldNode[],
  returnType: GraphQLObjectType,
  args: Record<string, any>,
): RootSelection {
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
  const fields = buildFields(ctx, product, nodes);
  return { kind: "entities", rows: { product, fields, orderBy: [] }, keyFields, keys };
}
