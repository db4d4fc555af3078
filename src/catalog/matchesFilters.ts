import type { CatalogEntry } from "./CatalogEntry.js";

export interface ProductFilters {
  search?: string | null;
  domain?: string | null;
  tag?: string | null;
  owner?: string | null;
}

const fold = (text: string) => text.normalize("NFKC").toLocaleLowerCase("und");

/** Every given filter holds; search is case-insensitive over names, descriptions, field names and tags. */
export function matchesFilters(entry: CatalogEntry, filters: ProductFilters): boolean {
  const { product, subgraph } = entry;
  const fields = [...product.fields.values()].filter((f) => !f.inaccessible);
  const tags = [...product.tags, ...fields.flatMap((f) => f.tags)];
  if (filters.domain && product.domain !== filters.domain) return false;
  if (filters.owner && fold(subgraph.domain.info.owner ?? "") !== fold(filters.owner)) return false;
  if (filters.tag && !tags.some((t) => t === filters.tag || t.startsWith(`${filters.tag}.`))) return false;
  if (!filters.search) return true;
  const needle = fold(filters.search.trim());
  const haystack = [entry.address, product.name, product.plural, product.description, ...fields.flatMap((f) => [f.name, f.description]), ...tags];
  return haystack.some((text) => text !== undefined && fold(text).includes(needle));
}
