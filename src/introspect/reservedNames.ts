import { PRODUCT_TYPE_SUFFIXES, RESERVED_PREFIX, SHARED_TYPES } from "../metadata/checkNames.js";
import { lowerFirst, pluralOf } from "../metadata/naming.js";

// Every name a generated domain must stay clear of: GraphQL's, Federation's and meshql's own, and
// the types meshql generates for each product and enum.

export const productTypeNames = (name: string): string[] => [name, ...PRODUCT_TYPE_SUFFIXES.map((s) => `${name}${s}`)];

export const enumTypeNames = (name: string): string[] => [name, `${name}Comparison`, `${name}ListComparison`];

/** The root fields of a product: by key, list, aggregate and group-by. */
export function rootFieldsOf(typeName: string, plural = pluralOf(typeName)): string[] {
  return [lowerFirst(typeName), plural, `${plural}Aggregate`, `${plural}GroupBy`];
}

const RESERVED_TYPES = new Set(["Query", "Mutation", "Subscription", "String", "Int", "Float", "Boolean", "ID", ...SHARED_TYPES]);

/** A type name a domain may not define. */
export const isReservedTypeName = (name: string): boolean =>
  RESERVED_TYPES.has(name) || name.toLowerCase().startsWith(RESERVED_PREFIX.toLowerCase()) || /^(_|link__|federation__)/.test(name);

/** The first of `base`, `base2`, `base3` … that `isFree` accepts. */
export function firstFree(base: string, isFree: (candidate: string) => boolean): string {
  if (isFree(base)) return base;
  for (let n = 2; ; n++) if (isFree(`${base}${n}`)) return `${base}${n}`;
}
