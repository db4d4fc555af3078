import { GraphQLError, type GraphQLObjectType } from "graphql";
import type { RequestContext } from "../src/pipeline.js";
import type { Catalog } from "../src/catalog/Catalog.js";
import type { CatalogEntry } from "../src/catalog/CatalogEntry.js";
import { exampleQuery } from "../src/catalog/exampleQuery.js";
import { matchesFilters, type ProductFilters } from "../src/catalog/matchesFilters.js";
import { maskedFields, policiesInWords } from "../src/catalog/policiesInWords.js";
import { productQuality, productSample } from "../src/catalog/productReads.js";
import { productUsage } from "../src/catalog/productUsage.js";
import { relationshipsOf } from "../src/catalog/relationshipsOf.js";

const DAY_MS = 86_400_000;
const MAX_WINDOW_DAYS = 366;

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });

/** The catalog's resolvers: descriptions straight from the product model, reads through the pipeline. */
export function catalogResolvers(catalog: Catalog) {
  const byAddress = new Map(catalog.entries.map((e) => [e.address, e]));
  return {
    Query: {
      dataProducts: (_: unknown, filters: ProductFilters) => catalog.entries.filter((e) => matchesFilters(e, filters)),
      dataProduct: (_: unknown, { address }: { address: string }) => byAddress.get(address) ?? null,
    },
    DataProduct: {
      domain: (e: CatalogEntry) => e.product.domain,
      name: (e: CatalogEntry) => e.product.name,
      description: (e: CatalogEntry) => e.product.description ?? null,
      owner: (e: CatalogEntry) => e.subgraph.domain.info.owner ?? null,
      domainDescription: (e: CatalogEntry) => e.subgraph.domain.info.description ?? null,
      queries: ({ product: p }: CatalogEntry) => ({ list: p.plural, byKey: p.singular, aggregate: `${p.plural}Aggregate`, groupBy: `${p.plural}GroupBy` }),
      fields: (e: CatalogEntry, _: unknown, context: RequestContext) => {
        const masked = maskedFields(e.product, context.identity, e.subgraph.policies);
        const schemaFields = (e.subgraph.schema.getType(e.product.name) as GraphQLObjectType).getFields();
        return [...e.product.fields.values()].map((f) => ({
          name: f.name,
          type: String(schemaFields[f.name]?.type ?? ""),
          description: f.description ?? null,
          tags: f.tags,
          kind: f.kind,
          masked: masked.has(f.name),
        }));
      },
      keys: (e: CatalogEntry) => e.product.keyFields.map((f) => f.name),
      tags: (e: CatalogEntry) => [...new Set([...e.product.tags, ...[...e.product.fields.values()].flatMap((f) => f.tags)])].sort(),
      relationships: (e: CatalogEntry) => relationshipsOf(e, catalog.entries),
      lineage: (e: CatalogEntry) => ({ upstream: e.product.lineage, store: e.subgraph.store.dialect.name, table: e.product.table }),
      policies: (e: CatalogEntry, _: unknown, context: RequestContext) => policiesInWords(e.product, context.identity, e.subgraph.policies),
      sample: (e: CatalogEntry, { limit }: { limit: number }, context: RequestContext) => {
        if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badInput("sample limit must be between 1 and 100");
        return productSample(e, limit, context);
      },
      quality: (e: CatalogEntry, _: unknown, context: RequestContext) => productQuality(e, context),
      usage: async (e: CatalogEntry, args: { since?: string; until?: string }) => {
        const until = args.until ? new Date(args.until) : new Date();
        const since = args.since ? new Date(args.since) : new Date(until.getTime() - 30 * DAY_MS);
        if (since >= until) throw badInput("usage needs since before until");
        if (until.getTime() - since.getTime() > MAX_WINDOW_DAYS * DAY_MS) throw badInput(`usage covers at most ${MAX_WINDOW_DAYS} days`);
        await catalog.audit.flush();
        return productUsage(catalog.platformStore, e.address, since, until);
      },
      graphql: (e: CatalogEntry) => exampleQuery(e),
    },
  };
}
