// Definitions of every directive a domain's SDL may use: meshql's own and the Federation v2
// ones we understand. Validating against them gives unknown-directive and bad-argument errors
// with the author's file and line.

export const MESHQL_DIRECTIVES = ["domain", "product", "column", "relation", "reference", "lineage", "enumValue"] as const;

const MESHQL_DEFINITIONS = /* GraphQL */ `
directive @domain(name: String!, owner: String, description: String) on SCHEMA
directive @product(table: String, plural: String, defaultLimit: Int, maxLimit: Int, freshness: String, expectEvery: String, snapshots: String) on OBJECT
directive @column(name: String!) on FIELD_DEFINITION
directive @relation(column: [String!], references: [String!], through: String, targetColumn: [String!]) on FIELD_DEFINITION
directive @reference(column: [String!]!) on FIELD_DEFINITION
directive @lineage(from: [String!]!) on OBJECT
directive @enumValue(value: String!) on ENUM_VALUE
`;

/** The Federation v2 directives a subgraph may carry, as its executable schema must declare them. */
export const FEDERATION_DEFINITIONS = /* GraphQL */ `
directive @link(url: String!, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
directive @key(fields: federation__FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION | SCHEMA
directive @shareable repeatable on OBJECT | FIELD_DEFINITION
directive @override(from: String!, label: String) on FIELD_DEFINITION
directive @external on FIELD_DEFINITION | OBJECT
directive @requires(fields: federation__FieldSet!) on FIELD_DEFINITION
directive @provides(fields: federation__FieldSet!) on FIELD_DEFINITION
directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
directive @requiresScopes(scopes: [[federation__Scope!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
directive @interfaceObject on OBJECT
directive @composeDirective(name: String!) repeatable on SCHEMA
scalar link__Import
scalar federation__FieldSet
scalar federation__Scope
enum link__Purpose { SECURITY EXECUTION }
`;

/** The scalars every domain may use without declaring them (GraphQL's own aside). */
export const SHARED_SCALARS = ["BigInt", "Decimal", "Date", "DateTime", "UUID", "JSON"] as const;

export const DIRECTIVE_DEFINITIONS = `${MESHQL_DEFINITIONS}${FEDERATION_DEFINITIONS}
${SHARED_SCALARS.map((s) => `scalar ${s}`).join("\n")}
type Query { _meshql: Boolean }
`;
