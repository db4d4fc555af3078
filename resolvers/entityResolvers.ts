import DataLoader from "dataloader";
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import { namedTypeOf, type ColumnField, type Product } from "../src/metadata/model.js";
import { SCALARS } from "./scalars.js";
import { entityKey, resolveEntities, type RequestContext } from "../src/pipeline.js";
import type { Subgraph } from "../src/server/Subgraph.js";

const MAX_ENTITY_BATCH = 500;

type Representation = { __typename: string } & Record<string, unknown>;

/**
 * `_entities`: representations are batched per type through a DataLoader, so N representations
 * of one type cost one statement, and repeated keys are read once.
 */
export function entityResolvers(subgraph: Subgraph) {
  return {
    _entities(_source: unknown, args: { representations: Representation[] }, context: RequestContext, info: GraphQLResolveInfo) {
      const loaders = new Map<string, DataLoader<unknown[], Record<string, unknown> | null, string>>();
      const loaderFor = (product: Product) => {
        let loader = loaders.get(product.name);
        if (!loader) {
          loader = new DataLoader(
            async (keys) => {
              const found = await resolveEntities(subgraph, product, [...keys], info, context);
              return keys.map((k) => found.get(entityKey(k)) ?? null);
            },
            // Stores cap bound values and compound SELECTs; larger batches become several statements.
            { cacheKeyFn: entityKey, maxBatchSize: MAX_ENTITY_BATCH },
          );
          loaders.set(product.name, loader);
        }
        return loader;
      };
      return args.representations.map(async (representation) => {
        const product = entityOf(subgraph, representation);
        const object = await loaderFor(product).load(keyOf(product, representation));
        return object && { ...object, __typename: product.name };
      });
    },
    _service: () => ({ sdl: subgraph.sdl }),
  };
}

/** Key values checked against the key fields' types, before any SQL: "5" and 5 name the same Int key. */
function keyOf(product: Product, representation: Representation): unknown[] {
  return product.keyFields.map((field) => {
    const key = coerceKey(representation[field.name], field);
    if (key === undefined) {
      throw new GraphQLError(`${product.name}.${field.name} must be a ${namedTypeOf(field)}, not ${JSON.stringify(representation[field.name])}`, {
        extensions: { code: "BAD_USER_INPUT" },
      });
    }
    return key;
  });
}

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

function entityOf(subgraph: Subgraph, representation: Representation): Product {
  const product = subgraph.domain.types.get(representation?.__typename);
  if (!product?.resolvable) {
    throw new GraphQLError(`${String(representation?.__typename)} is not an entity of the ${subgraph.domain.info.name} domain`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  for (const key of product.keyFields) {
    if (representation[key.name] === undefined || representation[key.name] === null) {
      throw new GraphQLError(`a ${product.name} representation needs its key field ${key.name}`, {
        extensions: { code: "BAD_USER_INPUT" },
      });
    }
  }
  return product;
}
