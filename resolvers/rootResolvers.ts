import type { GraphQLFieldResolver } from "graphql";
import { hasByKey, hasGroupBy } from "../src/federation/generatedTypes.js";
import { isProduct, type Domain } from "../src/metadata/model.js";
import { resolveRootField, type RequestContext } from "../src/pipeline.js";
import type { RootField } from "../src/selection/buildRoot.js";
import type { Subgraph } from "../src/server/Subgraph.js";

/** The four generated root fields of every product the API shows, by name. */
export function rootFieldsOf(domain: Domain): Map<string, RootField> {
  const fields = new Map<string, RootField>();
  for (const product of domain.types.values()) {
    if (!isProduct(product) || product.inaccessible) continue;
    fields.set(product.plural, { kind: "list", product });
    if (hasByKey(product)) fields.set(product.singular, { kind: "one", product });
    fields.set(`${product.plural}Aggregate`, { kind: "aggregate", product });
    if (hasGroupBy(product)) fields.set(`${product.plural}GroupBy`, { kind: "groupBy", product });
    if (product.snapshots) fields.set(`${product.plural}Changes`, { kind: "changes", product });
  }
  return fields;
}

export function rootResolvers(subgraph: Subgraph): Record<string, GraphQLFieldResolver<unknown, RequestContext>> {
  const resolvers: Record<string, GraphQLFieldResolver<unknown, RequestContext>> = {};
  for (const [name, root] of subgraph.rootFields) {
    resolvers[name] = (_source, args, context, info) => resolveRootField(subgraph, root, args, info, context);
  }
  return resolvers;
}
