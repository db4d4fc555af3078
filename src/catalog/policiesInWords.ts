import type { Identity } from "../identity/Identity.js";
import { apiColumnFields, type Product } from "../metadata/model.js";
import { ApplicablePolicies } from "../policy/applicablePolicies.js";
import type { MaskPolicy, Policy } from "../policy/model.js";
import type { MaskSpec } from "../policy/policyFile.js";

export interface PolicyDescription {
  name: string;
  kind: "rowFilter" | "mask" | "deny" | "minGroupSize";
  fields: string[];
  description: string;
}

/**
 * The policies that shape this caller's reads of one product, each said in words: what it does
 * (from the policy itself) and why (its author's description). Masks are listed only where they
 * win, exactly as the policy stage picks them.
 */
export function policiesInWords(product: Product, identity: Identity, all: Policy[]): PolicyDescription[] {
  const applicable = new ApplicablePolicies(all, identity);
  const out: PolicyDescription[] = [];
  const productDenial = applicable.denial(product);
  if (productDenial) out.push(describe(productDenial, "deny", [], `You may not read ${product.domain}.${product.name}.`));
  for (const p of applicable.rowFilters(product)) {
    out.push(describe(p, "rowFilter", [], `You see only the rows where ${whereInWords(p.where)}.`));
  }
  const masked = new Map<MaskPolicy, string[]>();
  for (const field of apiColumnFields(product)) {
    const denial = applicable.denial(product, field);
    if (denial && denial !== productDenial) out.push(describe(denial, "deny", [field.name], `You may not read ${field.name}.`));
    for (const mask of applicable.masks(product, field)) masked.set(mask, [...(masked.get(mask) ?? []), field.name]);
  }
  for (const [mask, fields] of masked) {
    const rows = mask.where ? ` in the rows where ${whereInWords(mask.where)}` : "";
    out.push(describe(mask, "mask", fields, `${fields.join(", ")} ${fields.length > 1 ? "are" : "is"} ${maskInWords(mask.mask)}${rows}.`));
  }
  const threshold = applicable.threshold(product);
  if (threshold) {
    out.push(describe(threshold, "minGroupSize", [], `Aggregates and groups need at least ${threshold.minGroupSize} rows; smaller groups are withheld.`));
  }
  return out;
}

/** The fields a mask covers for this caller, as the policy stage would mask them. */
export function maskedFields(product: Product, identity: Identity, all: Policy[]): Set<string> {
  const applicable = new ApplicablePolicies(all, identity);
  return new Set(apiColumnFields(product).filter((f) => applicable.masks(product, f).length > 0).map((f) => f.name));
}

function describe(policy: Policy, kind: PolicyDescription["kind"], fields: string[], effect: string): PolicyDescription {
  const why = policy.description ? ` ${policy.description.trim()}` : "";
  return { name: policy.name, kind, fields, description: `${effect}${why}` };
}

export function maskInWords(mask: MaskSpec): string {
  switch (mask.as) {
    case "null":
      return "hidden (null)";
    case "constant":
      return `replaced by ${JSON.stringify(mask.value)}`;
    case "hash":
      return "replaced by its SHA-256 hash (it still groups, counts and joins)";
    case "partial":
      return `shown only as its last ${mask.keep} characters`;
    case "round":
      return `rounded to ${mask.digits ?? 0} decimal places`;
    case "truncateDate":
      return `truncated to the ${mask.unit}`;
    case "regex":
      return `rewritten by the pattern ${JSON.stringify(mask.pattern)}`;
  }
}

const OPERATORS: Record<string, string> = {
  _eq: "is",
  _neq: "is not",
  _gt: "is greater than",
  _gte: "is at least",
  _lt: "is less than",
  _lte: "is at most",
  _in: "is one of",
  _nin: "is none of",
  _like: "matches",
  _ilike: "matches (any case)",
  _isNull: "is null:",
};

/** A `<Product>Where` object as a sentence fragment: `supportRep.id is your employeeId`. */
export function whereInWords(where: Record<string, unknown>, path: string[] = []): string {
  const parts = Object.entries(where).map(([key, value]) => {
    if (key === "_and" || key === "_or") {
      const items = (value as Record<string, unknown>[]).map((w) => whereInWords(w, path));
      return `(${items.join(key === "_and" ? " and " : " or ")})`;
    }
    if (key === "_not") return `not (${whereInWords(value as Record<string, unknown>, path)})`;
    if (key in OPERATORS) return `${path.join(".")} ${OPERATORS[key]} ${valueInWords(value)}`;
    return whereInWords(value as Record<string, unknown>, [...path, key]);
  });
  return parts.join(" and ");
}

function valueInWords(value: unknown): string {
  if (value && typeof value === "object" && "identity" in value) return `your ${String((value as { identity: unknown }).identity)}`;
  return JSON.stringify(value);
}
