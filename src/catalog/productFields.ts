import type { GraphQLObjectType } from "graphql";
import type { Identity } from "../identity/Identity.js";
import type { CatalogEntry } from "./CatalogEntry.js";
import { maskedFields } from "./policiesInWords.js";

/** A product's fields as the catalog shows them: GraphQL type and deprecation from the served schema, masked for this caller or not. */
export function productFields({ product, subgraph }: CatalogEntry, identity: Identity) {
  const masked = maskedFields(product, identity, subgraph.policies);
  const schemaFields = (subgraph.schema.getType(product.name) as GraphQLObjectType).getFields();
  return [...product.fields.values()].filter((f) => !f.inaccessible).map((f) => ({
    name: f.name,
    type: String(schemaFields[f.name]?.type ?? ""),
    description: f.description ?? null,
    tags: f.tags,
    kind: f.kind,
    masked: masked.has(f.name),
    // As the served schema has it, so the catalog says what clients are told.
    deprecated: schemaFields[f.name]?.deprecationReason != null,
    deprecationReason: schemaFields[f.name]?.deprecationReason ?? null,
  }));
}
