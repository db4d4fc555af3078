import { filterInternalFieldsAndTypes } from "@graphql-tools/federation";
import { buildASTSchema, parse, type GraphQLSchema } from "graphql";

/** The schema clients see through the gateway, from the supergraph alone. */
export function gatewayApiSchema(supergraphSdl: string): GraphQLSchema {
  return filterInternalFieldsAndTypes(buildASTSchema(parse(supergraphSdl, { noLocation: true }), { assumeValid: true, assumeValidSDL: true }));
}
