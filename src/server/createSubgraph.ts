import { makeExecutableSchema } from "@graphql-tools/schema";
import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { enumResolvers, SCALARS } from "../../resolvers/scalars.js";
import { entityResolvers, loadEntities, type Representation } from "../../resolvers/entityResolvers.js";
import { rootFieldsOf, rootResolvers } from "../../resolvers/rootResolvers.js";
import { buildSubgraphSdl } from "../federation/buildSubgraphSdl.js";
import { entityTypeNames, federationTypeDefs } from "../federation/federationTypeDefs.js";
import { isProduct, type Domain } from "../metadata/model.js";
import type { TableSource } from "../sql/CompileContext.js";
import { SnapshotLog } from "../history/SnapshotLog.js";
import type { Store } from "../execute/Store.js";
import type { Policy } from "../policy/model.js";
import { guardedFields, withAccessRules } from "./accessRules.js";
import { PlanCache } from "../plan/PlanCache.js";
import type { Subgraph } from "./Subgraph.js";

/**
 * Nested values arrive already shaped, keyed by response key: the database built the JSON, so
 * each field just reads its alias from the parent object.
 */
const byResponseKey: GraphQLFieldResolver<Record<string, unknown>, unknown> = (parent, _args, _context, info) =>
  parent[info.path.key as string];

/** Each product's table by name, with its history table when it keeps one. */
const tableSources = (domain: Domain): Map<string, TableSource> =>
  new Map(
    [...domain.types.values()].filter(isProduct).map((p) => [p.table, { address: `${domain.info.name}.${p.name}`, ...(p.snapshots ? { history: p.snapshots.table } : {}) }]),
  );

/** A domain's executable subgraph schema over its store. */
export function createSubgraph(domain: Domain, store: Store, limits: Subgraph["limits"], policies: Policy[] = []): Subgraph {
  // The schema's resolvers need the subgraph, whose schema (and the fields its access rules
  // guard) they are: both are set just below.
  const fields: Omit<Subgraph, "schema" | "guarded"> = {
    domain,
    store,
    limits,
    policies,
    sdl: buildSubgraphSdl(domain),
    rootFields: rootFieldsOf(domain),
    plans: new PlanCache(),
    sources: tableSources(domain),
    snapshots: new SnapshotLog(store.knex, domain),
  };
  const subgraph = fields as Subgraph;
  const { _entities, _service } = entityResolvers(subgraph);
  if (entityTypeNames(domain).length) subgraph.entities = (representations, selection, context, key) => loadEntities(subgraph, representations as Representation[], selection, context, key);
  subgraph.schema = makeExecutableSchema({
    typeDefs: [federationTypeDefs(domain), subgraph.sdl],
    resolvers: {
      ...SCALARS,
      ...enumResolvers(domain),
      Query: { ...rootResolvers(subgraph), ...(entityTypeNames(domain).length ? { _entities } : {}), _service },
      ...(entityTypeNames(domain).length ? { _Entity: { __resolveType: (o: { __typename: string }) => o.__typename } } : {}),
    },
  });
  useResponseKeys(subgraph.schema);
  subgraph.guarded = guardedFields(subgraph.schema);
  subgraph.schema = withAccessRules(subgraph.schema);
  return subgraph;
}

function useResponseKeys(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__") || type.name === "Query" || type.name === "_Service") continue;
    for (const field of Object.values(type.getFields())) field.resolve ??= byResponseKey as GraphQLFieldResolver<unknown, unknown>;
  }
}
