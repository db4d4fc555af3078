import type { RequestContext } from "../src/pipeline.js";
import type { Catalog } from "../src/catalog/Catalog.js";
import type { CatalogEntry } from "../src/catalog/CatalogEntry.js";
import { exampleQuery } from "../src/catalog/exampleQuery.js";
import { exampleSql } from "../src/catalog/exampleSql.js";
import { sqlNameOf } from "../src/sqlaccess/sqlNames.js";
import { matchesFilters, type ProductFilters } from "../src/catalog/matchesFilters.js";
import { policiesInWords } from "../src/catalog/policiesInWords.js";
import { productFields } from "../src/catalog/productFields.js";
import { usageWindow } from "../src/catalog/usageWindow.js";
import { userError } from "../src/selection/userError.js";
import { productHistory, productQuality, productSample } from "../src/catalog/productReads.js";
import { productUsage } from "../src/catalog/productUsage.js";
import { relationshipsOf } from "../src/catalog/relationshipsOf.js";

/** The catalog's resolvers: descriptions straight from the product model, reads through the pipeline. */
export function catalogResolvers(catalog: Catalog) {
  const byAddress = new Map(catalog.entries.map((e) => [e.address, e]));
  return {
    Query: {
      meshqlDataProducts: (_: unknown, filters: ProductFilters) => catalog.entries.filter((e) => matchesFilters(e, filters)),
      meshqlDataProduct: (_: unknown, { address }: { address: string }) => byAddress.get(address) ?? null,
    },
    MeshqlDataProduct: {
      domain: (e: CatalogEntry) => e.product.domain,
      name: (e: CatalogEntry) => e.product.name,
      description: (e: CatalogEntry) => e.product.description ?? null,
      owner: (e: CatalogEntry) => e.subgraph.domain.info.owner ?? null,
      domainDescription: (e: CatalogEntry) => e.subgraph.domain.info.description ?? null,
      queries: ({ product: p }: CatalogEntry) => ({ list: p.plural, byKey: p.keyFields.length ? p.singular : null, aggregate: `${p.plural}Aggregate`, groupBy: `${p.plural}GroupBy` }),
      fields: (e: CatalogEntry, _: unknown, context: RequestContext) => productFields(e, context.identity),
      keys: (e: CatalogEntry) => e.product.keyFields.map((f) => f.name),
      tags: (e: CatalogEntry) => [...new Set([...e.product.tags, ...[...e.product.fields.values()].flatMap((f) => f.tags)])].sort(),
      relationships: (e: CatalogEntry) => relationshipsOf(e, catalog.entries),
      lineage: (e: CatalogEntry) => ({ upstream: e.product.lineage, store: e.subgraph.store.dialect.name, table: e.product.table }),
      policies: (e: CatalogEntry, _: unknown, context: RequestContext) => policiesInWords(e.product, context.identity, e.subgraph.policies),
      sample: (e: CatalogEntry, { limit }: { limit: number }, context: RequestContext) => {
        if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw userError("sample limit must be between 1 and 100");
        return productSample(e, limit, context);
      },
      quality: (e: CatalogEntry, _: unknown, context: RequestContext) => productQuality(e, context),
      history: (e: CatalogEntry) => productHistory(e),
      usage: async (e: CatalogEntry, args: { since?: string; until?: string }) => {
        const { since, until } = usageWindow(args);
        await catalog.audit.flush();
        return productUsage(catalog.platformStore, e.address, since, until);
      },
      graphql: (e: CatalogEntry) => exampleQuery(e),
      sqlName: (e: CatalogEntry) => sqlNameOf(e.product),
      sql: (e: CatalogEntry) => exampleSql(e),
    },
  };
}
