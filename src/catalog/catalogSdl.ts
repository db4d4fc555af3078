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
type MeshqlDataProduct {
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
  queries: MeshqlProductQueries!
  fields: [MeshqlProductField!]!
  """Key fields, as in @key(fields:)."""
  keys: [String!]!
  """The product's own tags and its fields' tags."""
  tags: [String!]!
  relationships: [MeshqlRelationship!]!
  lineage: MeshqlLineage!
  """The policies that apply to the caller, in words."""
  policies: [MeshqlPolicyDescription!]!
  """Rows read as the caller through the governed pipeline: the caller's masks and row filters apply."""
  sample(limit: Int = 5): JSON
  quality: MeshqlQuality!
  """The product's recorded history, read with asOf and <plural>Changes; null when it keeps none."""
  history: MeshqlHistory
  """Accesses over a window (default: the last 30 days), from the audit log."""
  usage(since: DateTime, until: DateTime): MeshqlUsage!
  """An example query for this product."""
  graphql: String!
  """The product's view on the SQL endpoint, e.g. crm.customer."""
  sqlName: String!
  """An example SQL query for this product."""
  sql: String!
}

type MeshqlProductQueries {
  list: String!
  """Absent for a product without a key."""
  byKey: String
  aggregate: String!
  groupBy: String!
}

type MeshqlProductField {
  name: String!
  """The GraphQL type, e.g. String! or [InvoiceLine!]!"""
  type: String!
  description: String
  tags: [String!]!
  """column, relation (same domain) or reference (another domain's entity)"""
  kind: String!
  """Whether a mask applies to this field for the caller."""
  masked: Boolean!
  """Whether the field is @deprecated: clients should stop using it."""
  deprecated: Boolean!
  """Why, and what to use instead, as @deprecated(reason:) says."""
  deprecationReason: String
}

"""A field leading from one product to another."""
type MeshqlRelationship {
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

type MeshqlLineage {
  """Declared upstream sources, from @lineage(from:)."""
  upstream: [String!]!
  """The store's kind: postgres, mysql or sqlite."""
  store: String!
  table: String!
}

type MeshqlPolicyDescription {
  name: String!
  """rowFilter, mask, deny or minGroupSize"""
  kind: String!
  """The fields it touches (empty when it is about rows)."""
  fields: [String!]!
  """What it does to the caller's reads, in words."""
  description: String!
}

type MeshqlQuality {
  """Rows the caller can see (null when an aggregation threshold withholds it)."""
  rowCount: Int
  """The newest value of the @product(freshness:) column the caller can see."""
  lastUpdated: DateTime
  freshnessField: String
  """How often the product promises to change (@product(expectEvery:)), e.g. 1d."""
  expectEvery: String
  """Whether the newest value the caller can see is older than promised; null without a promise or a value."""
  stale: Boolean
}

type MeshqlHistory {
  """The interval between snapshots (@product(snapshots:)), e.g. 1d."""
  every: String!
  """The first snapshot: asOf reaches no further back."""
  first: DateTime
  """The latest snapshot."""
  last: DateTime
  snapshots: Int!
}

type MeshqlUsage {
  since: DateTime!
  until: DateTime!
  """Subgraph operations that read this product."""
  queries: Int!
  """Distinct subjects that read it."""
  consumers: Int!
  purposes: [String!]!
  lastQueried: DateTime
  """Operations per day, oldest first, every day of the window."""
  daily: [MeshqlUsagePoint!]!
}

type MeshqlUsagePoint {
  """The day, as YYYY-MM-DD (UTC)."""
  day: String!
  queries: Int!
}

type Query {
  """Products matching every given filter; search is case-insensitive over names, descriptions, field names and tags."""
  meshqlDataProducts(search: String, domain: String, tag: String, owner: String): [MeshqlDataProduct!]!
  """One product by address, e.g. sales.Invoice."""
  meshqlDataProduct(address: String!): MeshqlDataProduct
}
`;
