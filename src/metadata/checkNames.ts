import { MetadataError } from "./MetadataError.js";
import { isProduct, type Domain } from "./model.js";

// The names meshql generates for each product (see src/federation/generatedTypes.ts).
const TYPE_SUFFIXES = [
  "Where", "OrderBy", "Field", "Aggregate", "NumericAggregate", "MinMaxAggregate", "Group", "GroupKey", "AggregateWhere",
  "NumericAggregateWhere", "MinMaxAggregateWhere", "GroupOrderBy", "GroupKeyOrderBy", "NumericOrderBy", "MinMaxOrderBy",
];
const SHARED_TYPES = ["DateTime", "OrderDirection", "IntComparison", "FloatComparison", "StringComparison", "BooleanComparison", "DateTimeComparison"];

/** Generated type and root field names must not collide with each other or with the author's types. */
export function checkNames(domain: Domain): void {
  const types = new Map<string, string>();
  const fields = new Map<string, string>();
  const claim = (map: Map<string, string>, name: string, owner: string, loc: { file: string; line: number; column: number }) => {
    const other = map.get(name);
    if (other && other !== owner) throw new MetadataError(`${owner} and ${other} both need the name ${name}; rename one (or set @product(plural:))`, loc);
    map.set(name, owner);
  };
  for (const type of domain.types.values()) claim(types, type.name, `type ${type.name}`, type.loc);
  for (const name of SHARED_TYPES) if (types.has(name)) throw new MetadataError(`type ${name} is a name meshql generates`, domain.types.get(name)!.loc);
  for (const product of domain.types.values()) {
    if (!isProduct(product)) continue;
    const owner = `product ${product.name}`;
    for (const suffix of TYPE_SUFFIXES) claim(types, `${product.name}${suffix}`, owner, product.loc);
    for (const field of [product.plural, product.singular, `${product.plural}Aggregate`, `${product.plural}GroupBy`]) claim(fields, field, owner, product.loc);
  }
}
