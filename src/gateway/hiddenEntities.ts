import { getNamedType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";

// A subgraph answers `_entities` with null for an entity the caller may not see (a row filter
// hides it). The stitching executor would keep the object other subgraphs started and set each
// field that subgraph owed to null, so a non-null field there fails with an error and a nullable
// one reads as a real null. For meshql, hidden is null: the whole object is null, without error.

const HIDDEN = Symbol("meshql.hiddenEntity");

type MergedResolver = (originalResult: Record<PropertyKey, unknown>, ...rest: unknown[]) => unknown;

interface StitchingInfo {
  mergedTypes: Record<string, { resolvers: Map<unknown, MergedResolver> }>;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown>)?.then === "function";

/** The value with every object some subgraph reported hidden replaced by null (in lists, item by item). */
function withoutHidden(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutHidden);
  return value !== null && typeof value === "object" && (value as Record<PropertyKey, unknown>)[HIDDEN] ? null : value;
}

/**
 * Marks the partial object an entity fetch answered with null, and makes every field that returns
 * an entity type read such an object as null. Changes the gateway schema in place.
 */
export function nullHiddenEntities(schema: GraphQLSchema): GraphQLSchema {
  const info = schema.extensions?.stitchingInfo as StitchingInfo | undefined;
  if (!info) return schema;
  for (const merged of Object.values(info.mergedTypes)) {
    for (const [subschema, resolver] of merged.resolvers) {
      merged.resolvers.set(subschema, function markHidden(originalResult, ...rest) {
        const mark = (result: unknown) => {
          if (result === null || result === undefined) originalResult[HIDDEN] = true;
          return result;
        };
        const result = resolver(originalResult, ...rest);
        return isThenable(result) ? result.then(mark) : mark(result);
      });
    }
  }
  const entityTypes = new Set(Object.keys(info.mergedTypes));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      if (!entityTypes.has(getNamedType(field.type).name) || !field.resolve) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve;
      field.resolve = (source, args, context, resolveInfo) => {
        const value = resolve(source, args, context, resolveInfo);
        return isThenable(value) ? value.then(withoutHidden) : withoutHidden(value);
      };
    }
  }
  return schema;
}
