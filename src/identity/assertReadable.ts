import { GraphQLError } from "graphql";
import type { Identity } from "./Identity.js";

/**
 * Refuses, before any SQL, a read of a product outside what the identity may read at all (its
 * `reads`: domains or `domain.Product` addresses; anonymous callers have one, deny by default).
 */
export function assertReadable(identity: Identity, products: readonly string[]): void {
  const { reads } = identity;
  if (!reads) return;
  const denied = products.find((address) => !reads.includes(address) && !reads.includes(address.slice(0, address.indexOf("."))));
  if (denied) {
    throw new GraphQLError(`${denied} is not open to ${identity.subject ? "this identity" : "anonymous callers"}`, {
      extensions: { code: identity.subject ? "FORBIDDEN" : "UNAUTHENTICATED" },
    });
  }
}
