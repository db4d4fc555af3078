import type { Identity } from "../identity/Identity.js";
import type { Product } from "../metadata/model.js";
import { buildWhere } from "../selection/buildWhere.js";
import type { Predicate } from "../selection/ir.js";
import { coercePolicyWhere } from "./coercePolicyWhere.js";
import { resolveIdentityRefs } from "./resolveIdentityRefs.js";

/**
 * A policy's `where` (a row filter's, or a mask's) as a predicate over the product for an
 * identity: read as the GraphQL API reads a `Where` (enum values by name), the identity's values
 * in place of its references. `missing` stands for an absent value (default: MissingIdentityValue).
 */
export const policyPredicate = (product: Product, where: Record<string, unknown>, identity: Identity, missing?: () => unknown): Predicate | undefined =>
  buildWhere(product, resolveIdentityRefs(coercePolicyWhere(product, where), identity, missing) as Record<string, unknown>);
