import { buildASTSchema, getDirectiveValues, Kind, parse, visit, type DocumentNode, type GraphQLSchema } from "graphql";
import { validateSDL } from "graphql/validation/validate.js";
import { FEDERATION_DEFINITIONS } from "../../src/metadata/directives.js";

// The SDL contract of issue 10 that `meshql init` writes to: meshql's directives with composite
// columns and @enumValue, and the scalars of every common column type. Checking generated SDL
// against it catches a malformed domain whatever the pipeline accepts today.
const CONTRACT = /* GraphQL */ `
directive @domain(name: String!, owner: String, description: String) on SCHEMA
directive @product(table: String, plural: String, defaultLimit: Int, maxLimit: Int, freshness: String) on OBJECT
directive @column(name: String!) on FIELD_DEFINITION
directive @relation(column: [String!]!, references: [String!], through: String, targetColumn: [String!]) on FIELD_DEFINITION
directive @reference(column: [String!]!) on FIELD_DEFINITION
directive @lineage(from: [String!]!) on OBJECT
directive @enumValue(value: String!) on ENUM_VALUE
scalar BigInt
scalar Decimal
scalar Date
scalar DateTime
scalar UUID
scalar JSON
type Query { _meshql: Boolean }
${FEDERATION_DEFINITIONS}`;

/** The generated SDL as a schema, or the first reason it is not valid under the contract. */
export function contractSchema(sdl: string): GraphQLSchema {
  const document = parse(sdl);
  const combined: DocumentNode = { kind: Kind.DOCUMENT, definitions: [...parse(CONTRACT).definitions, ...document.definitions] };
  const errors = validateSDL(combined);
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join("\n"));
  const schema = buildASTSchema(combined);
  // SDL validation leaves directive argument values alone: coerce each one as a reader would.
  visit(document, {
    Directive(node) {
      const directive = schema.getDirective(node.name.value);
      if (directive) getDirectiveValues(directive, { directives: [node] });
    },
  });
  return schema;
}
