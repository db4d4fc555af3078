import type { Identity } from "../identity/Identity.js";
import type { ColumnField, Product } from "../metadata/model.js";
import { tagCovers } from "./tagCovers.js";
import type { AggregatePolicy, DenyPolicy, MaskPolicy, Policy, RowFilterPolicy } from "./model.js";
import type { ConditionSpec } from "./policyFile.js";

const matches = (c: ConditionSpec, identity: Identity) =>
  (!c.groups || c.groups.some((g) => identity.groups.includes(g))) &&
  (!c.purposes || (identity.purpose !== undefined && c.purposes.includes(identity.purpose))) &&
  (!c.attributes || Object.entries(c.attributes).every(([k, v]) => identity.attributes[k] === v));

/** `when` holds (if given) and no `unless` alternative does. */
export const appliesTo = (p: Policy, identity: Identity) =>
  (!p.when || p.when.some((c) => matches(c, identity))) && !(p.unless && p.unless.some((c) => matches(c, identity)));

const sameProduct = (a: Product, b: Product) => a.domain === b.domain && a.name === b.name;

/** The deny policies among `policies` that refuse the product (or, given one, its field). */
export const denialsOf = (policies: DenyPolicy[], product: Product, field?: ColumnField): DenyPolicy[] =>
  policies.filter((p) => {
    const t = p.target;
    if ("domain" in t) return t.domain === product.domain;
    if (!sameProduct(t.product, product)) return false;
    return !("fieldName" in t) || (field !== undefined && t.fieldName === field.name);
  });

export const rowFiltersOf = (policies: RowFilterPolicy[], product: Product): RowFilterPolicy[] =>
  policies.filter((p) => sameProduct(p.product, product));

/**
 * The masks among `policies` that cover a field, as two layers each ordered most specific
 * first: guardrails, then the others. Whoever they apply to, the first applicable guardrail is
 * the floor and the first applicable other mask goes on top of it.
 */
export function maskLayers(policies: MaskPolicy[], product: Product, field: ColumnField): { guardrails: MaskPolicy[]; others: MaskPolicy[] } {
  const covering = policies
    .filter((p) => {
      const { target } = p;
      if (!("tag" in target)) return sameProduct(target.product, product) && target.field.name === field.name;
      // A domain's tag policy covers that domain's products only; a global one covers all.
      return (p.scope === "global" || p.scope === product.domain) && field.tags.some((t) => tagCovers(target.tag, t));
    })
    // Stable: ties of specificity are refused at load time, so the order is total.
    .sort((a, b) => b.specificity - a.specificity);
  return { guardrails: covering.filter((p) => p.guardrail), others: covering.filter((p) => !p.guardrail) };
}

/** The policies that concern one identity, with the lookups the rewrite needs. */
export class ApplicablePolicies {
  private readonly byKind = new Map<Policy["kind"], Policy[]>();

  constructor(all: Policy[], identity: Identity) {
    for (const p of all) if (appliesTo(p, identity)) this.byKind.set(p.kind, [...(this.byKind.get(p.kind) ?? []), p]);
  }

  denial(product: Product, field?: ColumnField): DenyPolicy | undefined {
    return denialsOf(this.of<DenyPolicy>("deny"), product, field)[0];
  }

  rowFilters(product: Product): RowFilterPolicy[] {
    return rowFiltersOf(this.of<RowFilterPolicy>("rowFilter"), product);
  }

  /**
   * The masks on a field, innermost first: the most specific guardrail, then the most specific
   * of the others on top of it. A guardrail is a floor a domain cannot lower; a domain may still
   * mask more.
   */
  masks(product: Product, field: ColumnField): MaskPolicy[] {
    const { guardrails, others } = maskLayers(this.of<MaskPolicy>("mask"), product, field);
    return [guardrails[0], others[0]].filter((p): p is MaskPolicy => p !== undefined);
  }

  threshold(product: Product): AggregatePolicy | undefined {
    return this.of<AggregatePolicy>("aggregate")
      .filter((p) => sameProduct(p.product, product))
      .reduce<AggregatePolicy | undefined>((best, p) => (!best || p.minGroupSize > best.minGroupSize ? p : best), undefined);
  }

  private of<T extends Policy>(kind: T["kind"]): T[] {
    return (this.byKind.get(kind) ?? []) as T[];
  }
}
