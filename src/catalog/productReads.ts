import { GraphQLError } from "graphql";
import type { Coverage } from "../history/SnapshotLog.js";
import { formatDuration } from "../metadata/duration.js";
import { apiColumnFields } from "../metadata/model.js";
import type { RequestContext } from "../pipeline.js";
import { ApplicablePolicies } from "../policy/applicablePolicies.js";
import type { CatalogEntry } from "./CatalogEntry.js";
import { governedRead } from "./governedRead.js";
import { isStale } from "./isStale.js";

/**
 * Rows of the product as the caller would read them with its list field: masks, row filters and
 * denials apply. Fields denied to the caller are left out, so the rest can still be sampled.
 */
export async function productSample(entry: CatalogEntry, limit: number, context: RequestContext): Promise<Record<string, unknown>[]> {
  const { product, subgraph } = entry;
  const applicable = new ApplicablePolicies(subgraph.policies, context.identity);
  const allowed = apiColumnFields(product).filter((f) => !applicable.denial(product, f));
  // Nothing allowed: ask for everything, so the policy stage refuses with its own reason.
  const fields = allowed.length ? allowed : apiColumnFields(product);
  // Rows come in key order (a keyless product's: every column's) without asking.
  const query = `query CatalogSample($limit: Int!) { rows: ${product.plural}(limit: $limit) { ${fields.map((f) => f.name).join(" ")} } }`;
  const data = await governedRead(subgraph, query, { limit }, context);
  return data.rows;
}

export interface Quality {
  rowCount: number | null;
  lastUpdated: string | null;
  freshnessField: string | null;
  expectEvery: string | null;
  stale: boolean | null;
}

/**
 * Row count and freshness as the caller can see them, read with the product's aggregate field:
 * a row filter narrows them, an aggregation threshold or a denial withholds them (null).
 */
export async function productQuality(entry: CatalogEntry, context: RequestContext): Promise<Quality> {
  const { product, subgraph } = entry;
  const freshness = product.freshness?.name;
  const promise = { freshnessField: freshness ?? null, expectEvery: product.expectEvery === undefined ? null : formatDuration(product.expectEvery) };
  const query = `query CatalogQuality { quality: ${product.plural}Aggregate { count${freshness ? ` max { ${freshness} }` : ""} } }`;
  try {
    const { quality } = await governedRead(subgraph, query, {}, context);
    const lastUpdated: string | null = freshness ? (quality.max?.[freshness] ?? null) : null;
    return { rowCount: quality.count ?? null, lastUpdated, ...promise, stale: isStale(product, lastUpdated) };
  } catch (error) {
    const code = (error as GraphQLError).extensions?.code;
    if (code === "FORBIDDEN") return { rowCount: null, lastUpdated: null, ...promise, stale: null };
    throw error;
  }
}

/** The product's snapshot coverage, from its domain's snapshot log; null when it keeps no history. */
export async function productHistory({ product, subgraph }: CatalogEntry): Promise<(Coverage & { every: string }) | null> {
  if (!product.snapshots) return null;
  return { every: formatDuration(product.snapshots.every), ...(await subgraph.snapshots.coverage(product)) };
}
