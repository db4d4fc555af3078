import type { ExecutionRequest } from "@graphql-tools/utils";

// Hidden is null, as a whole object. A subgraph answers `_entities` with null for an entity it
// does not give the caller (meshql: the caller's row filters hide it). Hive's router runtime
// leaves such an entity as the referring subgraph gave it ({ __typename, id }) and projects the
// fields asked of it as nulls. Answered instead with a type name the supergraph lacks, the entity
// is dropped by the runtime's projection (null as a whole) and skipped by later plan steps
// (their type conditions do not match it), so no other subgraph is asked about it either.

/** The type name given to a hidden entity; no supergraph declares it. */
export const HIDDEN_TYPENAME = "meshql__Hidden";

type Representation = Record<string, unknown>;

/** Per request (its context): the representations some subgraph answered null for. */
const hiddenByRequest = new WeakMap<object, Representation[]>();

/**
 * Two representations of the same entity: the same type, and equal values for every field both
 * carry (each carries a key; a `@requires` adds fields only one of them may have).
 */
function sameEntity(a: Representation, b: Representation): boolean {
  if (a.__typename !== b.__typename) return false;
  let shared = 0;
  for (const [name, value] of Object.entries(a)) {
    if (name === "__typename" || !(name in b)) continue;
    if (JSON.stringify(value) !== JSON.stringify(b[name])) return false;
    shared++;
  }
  return shared > 0;
}

/**
 * One subgraph's `_entities` answer, with every null entity, and every entity another subgraph
 * of the same request answered null for, replaced by a hidden one. Other answers pass unchanged.
 */
export function hideNullEntities(request: ExecutionRequest, data: Record<string, unknown> | null | undefined): Record<string, unknown> | null | undefined {
  const representations = request.variables?.representations as Representation[] | undefined;
  const entities = data?._entities;
  const context = request.context as object | undefined;
  if (!context || !Array.isArray(representations) || !Array.isArray(entities)) return data;
  let hidden = hiddenByRequest.get(context);
  entities.forEach((entity, i) => {
    if (entity === null && representations[i]) {
      if (!hidden) hiddenByRequest.set(context, (hidden = []));
      hidden.push(representations[i]);
    }
  });
  if (!hidden) return data;
  const known = hidden;
  const marked = entities.map((entity, i) => (entity === null || known.some((h) => sameEntity(h, representations[i] ?? {})) ? { __typename: HIDDEN_TYPENAME } : entity));
  return { ...data, _entities: marked };
}
