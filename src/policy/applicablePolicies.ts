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

/** The policies that concern one identity, with the lookups the rewrite needs. */
export class ApplicablePolicies {
  private readonly byKind = new Map<Policy["kind"], Policy[]>();

  constructor(all: Policy[], identity: Identity) {
    for (const p of all) if (appliesTo(p, identity)) this.byKind.set(p.kind, [...(this.byKind.get(p.kind) ?? []), p]);
  }

  denial(product: Product, field?: ColumnField): DenyPolicy | undefined {
    return this.of<DenyPolicy>("deny").find((p) => {
      const t = p.target;
      if ("domain" in t) return t.domain === product.domain;
      if (!sameProduct(t.product, product)) return false;
      return !("fieldName" in t) || (field !== undefined && t.fieldName === field.name);
    });
  }

  rowFilters(product: Product): RowFilterPolicy[] {
    return this.of<RowFilterPolicy>("rowFilter").filter((p) => sameProduct(p.product, product));
  }

  /**
   * The masks on a field, innermost first: the most specific guardrail, then the most specific
   * of the others on top of it. A guardrail is a floor a domain cannot lower; a domain may still
   * mask more.
   */
  masks(product: Product, field: ColumnField): MaskPolicy[] {
    const covering = this.of<MaskPolicy>("mask").filter((p) => {
      const { target } = p;
      if (!("tag" in target)) return sameProduct(target.product, product) && target.field.name === field.name;
      // A domain's tag policy covers that domain's products only; a global one covers all.
      return (p.scope === "global" || p.scope === product.domain) && field.tags.some((t) => tagCovers(target.tag, t));
    });
    const mostSpecific = (list: MaskPolicy[]) =>
      list.reduce<MaskPolicy | undefined>((best, p) => (!best || p.specificity > best.specificity ? p : best), undefined);
    return [mostSpecific(covering.filter((p) => p.guardrail)), mostSpecific(covering.filter((p) => !p.guardrail))].filter(
      (p): p is MaskPolicy => p !== undefined,
    );
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
