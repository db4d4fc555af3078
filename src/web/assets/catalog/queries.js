// The operations the page runs against the catalog subgraph (src/catalog/catalogSdl.ts).

export const FACETS = `query CatalogFacets { meshqlDataProducts { domain owner tags } }`;

export const PRODUCTS = `query CatalogSearch($search: String, $domain: String, $tag: String, $owner: String) {
  meshqlDataProducts(search: $search, domain: $domain, tag: $tag, owner: $owner) {
    address domain name description owner tags
    fields { name }
  }
}`;

export const PRODUCT = `query CatalogProduct($address: String!) {
  meshqlDataProduct(address: $address) {
    address domain name description owner domainDescription keys tags graphql sqlName sql
    queries { list byKey aggregate groupBy }
    fields { name type description tags kind masked deprecated deprecationReason }
    relationships { field target targetDomain kind list declaredBy }
    lineage { upstream store table }
    policies { name kind fields description }
    sample(limit: 10)
    quality { rowCount lastUpdated freshnessField expectEvery stale }
    history { every first last snapshots }
    usage { since until queries consumers purposes lastQueried daily { day queries } }
  }
}`;
