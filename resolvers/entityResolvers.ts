import DataLoader from "dataloader";
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import { namedTypeOf, type ColumnField, type EntityKey, type Product } from "../src/metadata/model.js";
import { SCALARS } from "./scalars.js";
import { entityKey, resolveEntities, type EntitySelection, type RequestContext } from "../src/pipeline.js";
import type { Subgraph } from "../src/server/Subgraph.js";

const MAX_ENTITY_BATCH = 500;

export type Representation = { __typename: string } & Record<string, unknown>;

/**
 * `_entities` for graphql-js: the entities loadEntities gives, or those the JSON path already
 * fetched for this response key (`context.settled`), so no statement runs twice.
 */
export function entityResolvers(subgraph: Subgraph) {
  return {
    _entities(_source: unknown, args: { representations: Representation[] }, context: RequestContext, info: GraphQLResolveInfo) {
      const responseKey = String(info.path.key);
      const settled = context.settled?.get(responseKey);
      if (settled) return settled;
      const selection = { schema: info.schema, operation: info.operation, fragments: info.fragments, variables: info.variableValues, fieldNodes: info.fieldNodes };
      return loadEntities(subgraph, args.representations, selection, context, responseKey);
    },
    _service: () => ({ sdl: subgraph.sdl }),
  };
}

/**
 * Each representation's entity (with its `__typename`), or null where the caller may not see it
 * or it does not exist. Representations are batched per type and key through a DataLoader, so N
 * representations of one type by one of its keys cost one statement, and repeated keys are read
 * once. A representation is resolved by the first resolvable key whose fields it carries; one
 * that names no entity of this domain, or no key of it, throws before any statement.
 */
export function loadEntities(
  subgraph: Subgraph,
  representations: Representation[],
  selection: EntitySelection,
  context: RequestContext,
  responseKey: string,
): Promise<Record<string, unknown> | null>[] {
  const loaders = new Map<string, DataLoader<unknown[], Record<string, unknown> | null, string>>();
  const loaderFor = (product: Product, key: EntityKey) => {
    const name = `${product.name}(${key.fields.map((f) => f.name).join(" ")})`;
    let loader = loaders.get(name);
    if (!loader) {
      loader = new DataLoader(
        async (keys) => {
          // A stub's @external values travel with its key: its relations may join on them.
          const found = await resolveEntities(subgraph, product, [...key.fields, ...externalFields(product)], [...keys], selection, responseKey, context);
          return keys.map((k) => found.get(entityKey(k)) ?? null);
        },
        // Stores cap bound values and compound SELECTs; larger batches become several statements.
        { cacheKeyFn: entityKey, maxBatchSize: MAX_ENTITY_BATCH },
      );
      loaders.set(name, loader);
    }
    return loader;
  };
  const loads = representations.map(async (representation) => {
    const { product, key } = entityOf(subgraph, representation);
    const object = await loaderFor(product, key).load([...keyOf(product, key, representation), ...externalsOf(product, representation)]);
    return object ? { ...object, __typename: product.name } : null;
  });
  // Settled together, in the representations' order, whichever batch answers first: a call's
  // errors and hidden entities are listed in that order whether graphql-js or the JSON path
  // (src/pipeline.ts) reads them.
  const all = Promise.allSettled(loads).then((outcomes) =>
    outcomes.forEach((outcome, i) => {
      // Told to meshql's gateway, which makes such an entity null as a whole (src/gateway/hiddenEntities.ts).
      if (outcome.status === "fulfilled" && !outcome.value) ((context.hiddenEntities ??= {})[responseKey] ??= []).push(i);
    }),
  );
  return loads.map((load) => all.then(() => load));
}

/** Key values checked against the key fields' types, before any SQL: "5" and 5 name the same Int key. */
function keyOf(product: Product, key: EntityKey, representation: Representation): unknown[] {
  return key.fields.map((field, i) => {
    const given = valueAt(representation, key.paths[i]);
    const value = coerceKey(given, field);
    if (value === undefined) {
      throw new GraphQLError(`${product.name}.${field.name} must be a ${namedTypeOf(field)}, not ${JSON.stringify(given)}`, {
        extensions: { code: "BAD_USER_INPUT" },
      });
    }
    return value;
  });
}

/** An entity stub's @external fields (not keys): the values another subgraph gives in representations. */
const externalFields = (product: Product): ColumnField[] =>
  product.table ? [] : [...product.fields.values()].filter((f): f is ColumnField => f.kind === "column" && !!f.external && !product.keyFields.includes(f));

/** The representation's values of a stub's @external fields, null when it carries none. */
function externalsOf(product: Product, representation: Representation): unknown[] {
  return externalFields(product).map((field) => {
    const given = representation[field.name];
    if (given === undefined || given === null) return null;
    const value = coerceKey(given, field);
    if (value === undefined) {
      throw new GraphQLError(`${product.name}.${field.name} must be a ${namedTypeOf(field)}, not ${JSON.stringify(given)}`, { extensions: { code: "BAD_USER_INPUT" } });
    }
    return value;
  });
}

/** The value a representation gives at a key field's path (`variation.id` in `{ variation: { id } }`). */
const valueAt = (representation: Representation, path: string[]): unknown =>
  path.reduce<unknown>((value, name) => (value !== null && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined), representation);

const INT_TEXT = /^-?\d{1,10}$/;

/** A representation's key value as a variable of its type would be read; undefined when it is not one. */
function coerceKey(value: unknown, field: ColumnField): unknown {
  switch (field.type) {
    case "Int": {
      const n = typeof value === "number" ? value : typeof value === "string" && INT_TEXT.test(value) ? Number(value) : NaN;
      return Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 ? n : undefined;
    }
    case "Float": {
      const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
      return Number.isFinite(n) ? n : undefined;
    }
    case "String":
      return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
    case "Boolean":
      return typeof value === "boolean" ? value : undefined;
    case "DateTime":
      return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : undefined;
    case "ID":
      return typeof value === "string" || (typeof value === "number" && Number.isInteger(value)) ? String(value) : undefined;
    case "Enum":
      return field.enum!.values.find((v) => v.name === value)?.stored;
    case "JSON":
      return undefined;
    default:
      try {
        return SCALARS[field.type].parseValue(value);
      } catch {
        return undefined;
      }
  }
}

/** The representation's type, and the first of its resolvable keys whose every field the representation carries. */
function entityOf(subgraph: Subgraph, representation: Representation): { product: Product; key: EntityKey } {
  const product = subgraph.domain.types.get(representation?.__typename);
  if (!product?.resolvable) {
    throw new GraphQLError(`${String(representation?.__typename)} is not an entity of the ${subgraph.domain.info.name} domain`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  const resolvable = product.keys.filter((k) => k.resolvable);
  const key = resolvable.find((k) => k.paths.every((path) => valueAt(representation, path) !== undefined && valueAt(representation, path) !== null));
  if (!key) {
    const keys = resolvable.map((k) => k.fields.map((f) => f.name).join(" "));
    const message = keys.length === 1 && !keys[0].includes(" ")
      ? `a ${product.name} representation needs its key field ${keys[0]}`
      : `a ${product.name} representation needs the fields of one of its keys: ${keys.map((k) => `"${k}"`).join(", ")}`;
    throw new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
  }
  return { product, key };
}
