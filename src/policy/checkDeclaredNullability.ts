import { MetadataError } from "../metadata/MetadataError.js";
import { columnFields, isProduct, namedTypeOf, type ColumnField, type Domain, type Field, type Product } from "../metadata/model.js";
import { maskLayers } from "./applicablePolicies.js";
import type { MaskPolicy, Policy, RowFilterPolicy } from "./model.js";

// Policies never change the published schema: the subgraph SDL comes from the declarations alone.
// A policy that could give null where the declarations promise a value is refused at start-up,
// with its file and line, rather than turning the field nullable for everyone.

const fail = (policy: Policy, reason: string): never => {
  throw new MetadataError(`policy ${policy.name}: ${reason}`, { file: policy.file, line: policy.line });
};

const sameConditions = (a: MaskPolicy, b: MaskPolicy) =>
  JSON.stringify([a.when ?? null, a.unless ?? null]) === JSON.stringify([b.when ?? null, b.unless ?? null]);

/**
 * A mask of one layer (guardrails, or the others) is used only when no more specific mask of its
 * layer applies; one that applies whenever it does, to every row, always hides it.
 */
const shadowed = (mask: MaskPolicy, layer: MaskPolicy[]) =>
  layer.some((o) => o !== mask && o.specificity > mask.specificity && !o.where && sameConditions(o, mask));

const typeText = (f: ColumnField) => `${f.list ? `[${namedTypeOf(f)}]` : namedTypeOf(f)}!`;

/** Refuses `null` masks on non-null fields and row filters that could empty a non-null relation or reference. */
export function checkDeclaredNullability(policies: Policy[], domains: Domain[]): void {
  const masks = policies.filter((p): p is MaskPolicy => p.kind === "mask");
  for (const domain of domains) {
    for (const product of domain.types.values()) {
      if (!isProduct(product)) continue;
      for (const field of columnFields(product)) {
        if (field.nullable) continue;
        const { guardrails, others } = maskLayers(masks, product, field);
        for (const layer of [guardrails, others]) {
          const nulling = layer.find((m) => m.mask.as === "null" && !shadowed(m, layer));
          if (nulling) {
            fail(nulling, `a null mask cannot apply to ${product.domain}.${product.name}.${field.name}, declared non-null (${typeText(field)}) at ${field.loc.file}:${field.loc.line}: declare it nullable, or mask it another way`);
          }
        }
      }
    }
  }
  for (const filter of policies.filter((p): p is RowFilterPolicy => p.kind === "rowFilter")) {
    for (const domain of domains) {
      for (const type of domain.types.values()) {
        for (const field of type.fields.values()) {
          if (!field.nullable && pointsAt(field, filter.product, domain)) {
            fail(filter, `a row filter on ${filter.product.domain}.${filter.product.name} may hide the row ${domain.info.name}.${type.name}.${field.name} points at, declared non-null (${field.target}!) at ${field.loc.file}:${field.loc.line}: declare it nullable`);
          }
        }
      }
    }
  }
}

/** An object relation to the product, or a reference to it as another domain's entity. */
function pointsAt(field: Field, product: Product, domain: Domain): field is Field & { target: string } {
  if (field.kind === "relation") return !field.list && domain.info.name === product.domain && field.target === product.name;
  return field.kind === "reference" && domain.info.name !== product.domain && field.target === product.name;
}
