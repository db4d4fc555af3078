import { SHARED_SCALARS } from "./directives.js";
import { MetadataError } from "./MetadataError.js";
import { isProduct, SCALAR_TYPES, type Domain } from "./model.js";

// The names meshql generates for each product (see src/federation/generatedTypes.ts).
export const PRODUCT_TYPE_SUFFIXES = [
  "Where", "OrderBy", "Field", "Aggregate", "NumericAggregate", "MinMaxAggregate", "Group", "GroupKey", "AggregateWhere",
  "NumericAggregateWhere", "MinMaxAggregateWhere", "GroupOrderBy", "GroupKeyOrderBy", "NumericOrderBy", "MinMaxOrderBy", "Buckets", "Change",
];

/** Types every meshql subgraph declares: scalars, the order direction and one comparison per scalar. */
export const SHARED_TYPES = [
  ...SHARED_SCALARS,
  "OrderDirection",
  "TimeBucket",
  "ChangeKind",
  ...SCALAR_TYPES.flatMap((s) => [`${s}Comparison`, `${s}ListComparison`]),
];

/** meshql's own subgraphs (catalog, audit log) name their types and root fields with this prefix. */
export const RESERVED_PREFIX = "Meshql";

/** Generated type and root field names must not collide with each other or with the author's types. */
export function checkNames(domain: Domain): void {
  const types = new Map<string, string>();
  const fields = new Map<string, string>();
  const claim = (map: Map<string, string>, name: string, owner: string, loc: { file: string; line: number; column: number }) => {
    const other = map.get(name);
    if (other && other !== owner) throw new MetadataError(`${owner} and ${other} both need the name ${name}; rename one (or set @product(plural:))`, loc);
    map.set(name, owner);
  };
  const declared = [...domain.types.values(), ...domain.enums.values()];
  for (const type of declared) {
    if (SHARED_TYPES.includes(type.name) || type.name.startsWith("_")) throw new MetadataError(`type ${type.name} is a name meshql generates`, type.loc);
    if (type.name.toLowerCase().startsWith(RESERVED_PREFIX.toLowerCase())) {
      throw new MetadataError(`type ${type.name}: names starting with ${RESERVED_PREFIX} are meshql's own`, type.loc);
    }
    claim(types, type.name, `type ${type.name}`, type.loc);
  }
  for (const e of domain.enums.values()) {
    for (const suffix of ["Comparison", "ListComparison"]) claim(types, `${e.name}${suffix}`, `enum ${e.name}`, e.loc);
  }
  for (const product of domain.types.values()) {
    if (!isProduct(product)) continue;
    const owner = `product ${product.name}`;
    for (const suffix of PRODUCT_TYPE_SUFFIXES) claim(types, `${product.name}${suffix}`, owner, product.loc);
    const roots = [product.plural, `${product.plural}Aggregate`, `${product.plural}GroupBy`, `${product.plural}Changes`, ...(product.keyFields.length ? [product.singular] : [])];
    for (const field of roots) {
      if (field.toLowerCase().startsWith(RESERVED_PREFIX.toLowerCase())) throw new MetadataError(`${owner}: root field ${field} starts with ${RESERVED_PREFIX.toLowerCase()}, which meshql keeps for its own`, product.loc);
      claim(fields, field, owner, product.loc);
    }
  }
}
