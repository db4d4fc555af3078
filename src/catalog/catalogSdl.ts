/** The catalog's subgraph name in the supergraph (the demo mesh has a domain named `catalog`). */
export const CATALOG_SUBGRAPH = "datacatalog";

/**
 * The catalog subgraph's contract: every data product of the mesh, described from the resolved
 * product model, with governed samples, quality from the stores and usage from the audit log.
 */
export const CATALOG_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@shareable"])

"""An ISO 8601 date and time, in UTC."""
scalar DateTime

"""Any JSON value."""
scalar JSON

"""A data product: one table of one domain, as its domain declares it."""
type DataProduct {
  """domain.Type, e.g. sales.Invoice"""
  address: String!
  domain: String!
  """The GraphQL type name."""
  name: String!
  description: String
  """The owning domain's owner."""
  owner: String
  """The domain's description."""
  domainDescription: String
  """The root fields that serve this product."""
  queries: ProductQueries!
  fields: [ProductField!]!
  """Key fields, as in @key(fields:)."""
  keys: [String!]!
  """The product's own tags and its fields' tags."""
  tags: [String!]!
  relationships: [Relationship!]!
  lineage: Lineage!
  """The policies that apply to the caller, in words."""
  policies: [PolicyDescription!]!
  """Rows read as the caller through the governed pipeline: the caller's masks and row filters apply."""
  sample(limit: Int = 5): JSON
  quality: Quality!
  """Accesses over a window (default: the last 30 days), from the audit log."""
  usage(since: DateTime, until: DateTime): Usage!
  """An example query for this product."""
  graphql: String!
  """The product's view on the SQL endpoint, e.g. crm.customer."""
  sqlName: String!
  """An example SQL query for this product."""
  sql: String!
}

type ProductQueries {
  list: String!
  byKey: String!
  aggregate: String!
  groupBy: String!
}

type ProductField {
  name: String!
  """The GraphQL type, e.g. String! or [InvoiceLine!]!"""
  type: String!
  description: String
  tags: [String!]!
  """column, relation (same domain) or reference (another domain's entity)"""
  kind: String!
  """Whether a mask applies to this field for the caller."""
  masked: Boolean!
}

"""A field leading from one product to another."""
type Relationship {
  field: String!
  """The address of the product it leads to, e.g. crm.Customer."""
  target: String!
  targetDomain: String!
  """relation (same domain), reference (another domain's entity) or extension (declared by another domain on this product)"""
  kind: String!
  list: Boolean!
  """The domain that declares the relationship."""
  declaredBy: String!
}

type Lineage {
  """Declared upstream sources, from @lineage(from:)."""
  upstream: [String!]!
  """The store's kind: postgres, mysql or sqlite."""
  store: String!
  table: String!
}

type PolicyDescription {
  name: String!
  """rowFilter, mask, deny or minGroupSize"""
  kind: String!
  """The fields it touches (empty when it is about rows)."""
  fields: [String!]!
  """What it does to the caller's reads, in words."""
  description: String!
}

type Quality {
  """Rows the caller can see (null when an aggregation threshold withholds it)."""
  rowCount: Int
  """The newest value of the @product(freshness:) column the caller can see."""
  lastUpdated: DateTime
  freshnessField: String
}

type Usage {
  since: DateTime!
  until: DateTime!
  """Subgraph operations that read this product."""
  queries: Int!
  """Distinct subjects that read it."""
  consumers: Int!
  purposes: [String!]!
  lastQueried: DateTime
  """Operations per day, oldest first, every day of the window."""
  daily: [UsagePoint!]!
}

type UsagePoint {
  """The day, as YYYY-MM-DD (UTC)."""
  day: String!
  queries: Int!
}

type Query {
  """Products matching every given filter; search is case-insensitive over names, descriptions, field names and tags."""
  dataProducts(search: String, domain: String, tag: String, owner: String): [DataProduct!]!
  """One product by address, e.g. sales.Invoice."""
  dataProduct(address: String!): DataProduct
}
`;
