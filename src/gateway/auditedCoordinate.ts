import { getNamedType, isInputObjectType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from "graphql";
import type { AuditReading } from "../catalog/productUsage.js";
import { GENERATED_TYPE_SUFFIXES } from "../federation/generatedTypes.js";

/** What the audit log can say about a schema coordinate: the product or field whose reads count as its use. */
export interface AuditedCoordinate {
  /** `Invoice` or `Invoice.total`, as audit events name it after the domain. */
  coordinate: string;
  reading: AuditReading;
}

/**
 * The product or product field whose reads are the use of a coordinate of the API schema
 * (`Type`, `Type.field` or `Type.field.argument`), or undefined when it belongs to no product.
 * A product's generated types (`InvoiceWhere`, `InvoiceField`, `InvoiceGroupKey`…) stand for
 * the product, and their members named after its fields (relations and references included:
 * audit events record those followed) for those fields; a root field for the product it
 * returns. Matched in any domain: one type of the API schema may be served by several.
 */
export function auditedCoordinate(schema: GraphQLSchema, path: string): AuditedCoordinate | undefined {
  const [typeName, member] = path.split(".");
  const product = (name: string) => ({ coordinate: name, reading: { anyDomain: "products", coordinate: name } as const });
  if (typeName === schema.getQueryType()?.name) {
    const field = member ? schema.getQueryType()!.getFields()[member] : undefined;
    const target = field && productOf(schema, getNamedType(field.type).name);
    return target ? product(target) : undefined;
  }
  const owner = productOf(schema, typeName);
  if (!owner) return undefined;
  // The member as a field of the product itself: `InvoiceWhere.total` is `Invoice.total`, `InvoiceAggregate.sum` no field.
  const field = member === undefined ? undefined : (schema.getType(owner) as GraphQLObjectType).getFields()[member];
  if (!field) return product(owner);
  // A list relation's `…Aggregate` sibling is read as the relation itself.
  const aggregated = member.slice(0, -"Aggregate".length);
  const sibling = member.endsWith("Aggregate") && getNamedType(field.type).name.endsWith("Aggregate") && (schema.getType(owner) as GraphQLObjectType).getFields()[aggregated];
  const coordinate = `${owner}.${sibling ? aggregated : member}`;
  return { coordinate, reading: { anyDomain: "fields", coordinate } };
}

/** Products are the object types meshql generates a `…Where` input and an `…Aggregate` type for (`InvoiceMinMaxAggregate` has a `…Where` only). */
const isProduct = (schema: GraphQLSchema, name: string) =>
  isObjectType(schema.getType(name)) && isInputObjectType(schema.getType(`${name}Where`)) && isObjectType(schema.getType(`${name}Aggregate`));

/** The product a type belongs to: itself, or the product whose generated types it is one of. */
function productOf(schema: GraphQLSchema, typeName: string): string | undefined {
  if (isProduct(schema, typeName)) return typeName;
  for (const suffix of GENERATED_TYPE_SUFFIXES) {
    const name = typeName.slice(0, -suffix.length);
    if (typeName.endsWith(suffix) && name && isProduct(schema, name)) return name;
  }
  return undefined;
}
